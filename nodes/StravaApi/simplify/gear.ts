import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SERVER } from '../../shared/transport/hosts';
import { bool, distanceFields, str, type SimplifyOptions } from './types';

/** A bike or a pair of shoes (Gear → Get), flat. See docs/simplified-output.md. */
export function simplifyGear(raw: IDataObject, options: SimplifyOptions): IDataObject {
	const gearId = str(raw.id);
	const kind = gearId?.startsWith('b') ? 'bike' : gearId?.startsWith('g') ? 'shoes' : null;
	const brand = str(raw.brand_name);
	const model = str(raw.model_name);
	const name = str(raw.name) ?? str(raw.nickname) ?? ([brand, model].filter(Boolean).join(' ') || null);
	return {
		id: gearId,
		name,
		kind,
		brand_name: brand,
		model_name: model,
		description: str(raw.description),
		primary: bool(raw.primary),
		retired: bool(raw.retired),
		...distanceFields(raw.distance, options),
		url: gearId && kind ? `${DEFAULT_SERVER}/${kind === 'bike' ? 'bikes' : 'shoes'}/${gearId.slice(1)}` : null,
	};
}
