import type { IDataObject } from 'n8n-workflow';

import { bool, id, str, webUrl } from './types';
import { num } from './units';

/** A club (Get, Get Many), flat. See docs/simplified-output.md. */
export function simplifyClub(raw: IDataObject): IDataObject {
	return {
		id: id(raw.id),
		name: str(raw.name),
		sport_type: str(raw.sport_type),
		city: str(raw.city),
		state: str(raw.state),
		country: str(raw.country),
		member_count: num(raw.member_count),
		private: bool(raw.private),
		verified: bool(raw.verified),
		membership: str(raw.membership),
		admin: bool(raw.admin),
		owner: bool(raw.owner),
		description: str(raw.description),
		picture_url: str(raw.profile),
		url: webUrl('clubs', str(raw.url) || id(raw.id)),
	};
}
