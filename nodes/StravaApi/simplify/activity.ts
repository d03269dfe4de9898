import type { IDataObject } from 'n8n-workflow';

import { routePoints } from './polyline';
import { ianaZone, localDateTime, utcDateTime } from './time';
import {
	bool,
	distanceFields,
	effortFields,
	id,
	latLng,
	obj,
	str,
	timeFields,
	webUrl,
	type SimplifyOptions,
} from './types';
import { elevation, elevationUnit, num } from './units';

/** A SummaryActivity or DetailedActivity (Get, Get Many, Create, Update), flat. See docs/simplified-output.md. */
export function simplifyActivity(raw: IDataObject, options: SimplifyOptions): IDataObject {
	const sport = str(raw.sport_type) ?? str(raw.type);
	const map = obj(raw.map);
	const gear = obj(raw.gear);
	return {
		id: id(raw.id),
		name: str(raw.name),
		sport_type: sport,
		start_date: utcDateTime(raw.start_date),
		start_date_local: localDateTime(raw.start_date, raw.start_date_local, raw.utc_offset),
		timezone: ianaZone(raw.timezone),
		...distanceFields(raw.distance, options),
		...timeFields('moving_time', raw.moving_time),
		...timeFields('elapsed_time', raw.elapsed_time),
		...effortFields(raw.distance, raw.moving_time, raw.average_speed, sport ?? '', options),
		elevation_gain: elevation(raw.total_elevation_gain, options.units),
		elevation_unit: elevationUnit(options.units),
		average_heartrate: num(raw.average_heartrate),
		max_heartrate: num(raw.max_heartrate),
		average_watts: num(raw.average_watts),
		weighted_average_watts: num(raw.weighted_average_watts),
		calories: num(raw.calories),
		gear_id: str(gear.id) ?? str(raw.gear_id),
		gear_name: str(gear.name),
		kudos_count: num(raw.kudos_count),
		comment_count: num(raw.comment_count),
		commute: bool(raw.commute),
		trainer: bool(raw.trainer),
		manual: bool(raw.manual),
		private: bool(raw.private),
		start_latlng: latLng(raw.start_latlng),
		url: webUrl('activities', raw.id),
		...(options.includeRoutePoints ? { route_points: routePoints(map.polyline, map.summary_polyline) } : {}),
	};
}
