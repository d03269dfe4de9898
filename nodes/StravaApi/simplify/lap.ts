import type { IDataObject } from 'n8n-workflow';

import { localDateTime, utcDateTime } from './time';
import { distanceFields, effortFields, id, obj, str, timeFields, type SimplifyOptions } from './types';
import { elevation, elevationUnit, num } from './units';

/**
 * A lap (Activity → Get Laps), flat. A lap does not say its sport, so both pace and speed are given.
 * See docs/simplified-output.md.
 */
export function simplifyLap(raw: IDataObject, options: SimplifyOptions): IDataObject {
	return {
		id: id(raw.id),
		activity_id: id(obj(raw.activity).id),
		name: str(raw.name),
		lap_index: num(raw.lap_index),
		start_date: utcDateTime(raw.start_date),
		start_date_local: localDateTime(raw.start_date, raw.start_date_local),
		...distanceFields(raw.distance, options),
		...timeFields('moving_time', raw.moving_time),
		...timeFields('elapsed_time', raw.elapsed_time),
		...effortFields(raw.distance, raw.moving_time, raw.average_speed, undefined, options),
		elevation_gain: elevation(raw.total_elevation_gain, options.units),
		elevation_unit: elevationUnit(options.units),
		average_heartrate: num(raw.average_heartrate),
		max_heartrate: num(raw.max_heartrate),
		average_watts: num(raw.average_watts),
		average_cadence: num(raw.average_cadence),
	};
}
