import type { IDataObject } from 'n8n-workflow';

import { routePoints } from './polyline';
import { bool, distanceFields, effortFields, obj, str, timeFields, webUrl, type SimplifyOptions } from './types';
import { elevation, elevationUnit } from './units';

const TYPES: Record<number, string> = { 1: 'Ride', 2: 'Run' };
const SUB_TYPES: Record<number, string> = { 1: 'Road', 2: 'MountainBike', 3: 'Cross', 4: 'Trail', 5: 'Mixed' };

/**
 * A route (Get, Get Many), flat. The ID is the exact `id_str` (route IDs do not fit a JavaScript number).
 * Pace or speed is the one Strava's estimated moving time implies. See docs/simplified-output.md.
 */
export function simplifyRoute(raw: IDataObject, options: SimplifyOptions): IDataObject {
	const map = obj(raw.map);
	const routeId = str(raw.id_str) ?? (typeof raw.id === 'number' ? String(raw.id) : str(raw.id));
	const type = typeof raw.type === 'number' ? TYPES[raw.type] ?? null : null;
	return {
		id: routeId,
		name: str(raw.name),
		description: str(raw.description),
		type,
		sub_type: typeof raw.sub_type === 'number' ? SUB_TYPES[raw.sub_type] ?? null : null,
		...distanceFields(raw.distance, options),
		elevation_gain: elevation(raw.elevation_gain, options.units),
		elevation_unit: elevationUnit(options.units),
		...timeFields('estimated_moving_time', raw.estimated_moving_time),
		...effortFields(raw.distance, raw.estimated_moving_time, undefined, type ?? '', options),
		private: bool(raw.private),
		starred: bool(raw.starred),
		created_at: str(raw.created_at),
		updated_at: str(raw.updated_at),
		url: webUrl('routes', routeId),
		...(options.includeRoutePoints ? { route_points: routePoints(map.polyline, map.summary_polyline) } : {}),
	};
}
