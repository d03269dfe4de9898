import type { IDataObject } from 'n8n-workflow';

import { routePoints } from './polyline';
import { bool, distanceFields, id, latLng, obj, str, timeFields, webUrl, type SimplifyOptions } from './types';
import { elevation, elevationUnit, num } from './units';

/**
 * A segment (Get, Get Starred) or an explored segment (Explore, whose answer names some fields
 * differently: avg_grade, elev_difference, points), flat. See docs/simplified-output.md.
 */
export function simplifySegment(raw: IDataObject, options: SimplifyOptions): IDataObject {
	const stats = obj(raw.athlete_segment_stats);
	const map = obj(raw.map);
	const high = num(raw.elevation_high);
	const low = num(raw.elevation_low);
	const difference = num(raw.elev_difference) ?? (high !== null && low !== null ? high - low : null);
	return {
		id: id(raw.id),
		name: str(raw.name),
		activity_type: str(raw.activity_type),
		...distanceFields(raw.distance, options),
		average_grade: num(raw.average_grade) ?? num(raw.avg_grade),
		maximum_grade: num(raw.maximum_grade),
		elevation_high: elevation(high, options.units),
		elevation_low: elevation(low, options.units),
		elevation_difference: elevation(difference, options.units),
		elevation_gain: elevation(raw.total_elevation_gain, options.units),
		elevation_unit: elevationUnit(options.units),
		climb_category: num(raw.climb_category),
		city: str(raw.city),
		state: str(raw.state),
		country: str(raw.country),
		private: bool(raw.private),
		hazardous: bool(raw.hazardous),
		starred: bool(raw.starred),
		effort_count: num(raw.effort_count),
		athlete_count: num(raw.athlete_count),
		star_count: num(raw.star_count),
		...timeFields('pr_time', stats.pr_elapsed_time),
		pr_date: str(stats.pr_date),
		athlete_effort_count: num(stats.effort_count),
		start_latlng: latLng(raw.start_latlng),
		end_latlng: latLng(raw.end_latlng),
		url: webUrl('segments', raw.id),
		...(options.includeRoutePoints ? { route_points: routePoints(map.polyline, raw.points) } : {}),
	};
}
