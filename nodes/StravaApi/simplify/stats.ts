import type { IDataObject } from 'n8n-workflow';

import { obj } from './types';
import { distance, distanceUnit, duration, elevation, elevationUnit, num, seconds } from './units';

const PERIODS = ['recent', 'ytd', 'all'] as const;
const SPORTS = ['ride', 'run', 'swim'] as const;

/**
 * ActivityStats (Athlete → Get Stats), flat: one column per period (recent = last 4 weeks, ytd, all)
 * and sport (ride, run, swim). See docs/simplified-output.md.
 */
export function simplifyStats(raw: IDataObject, options: { units: 'metric' | 'imperial' }): IDataObject {
	const out: IDataObject = {
		distance_unit: distanceUnit(options.units),
		elevation_unit: elevationUnit(options.units),
		biggest_ride_distance: distance(raw.biggest_ride_distance, options.units),
		biggest_climb_elevation_gain: elevation(raw.biggest_climb_elevation_gain, options.units),
	};
	for (const period of PERIODS) {
		for (const sport of SPORTS) {
			const totals = obj(raw[`${period}_${sport}_totals`]);
			const prefix = `${period}_${sport}`;
			out[`${prefix}_count`] = num(totals.count);
			out[`${prefix}_distance`] = distance(totals.distance, options.units);
			out[`${prefix}_moving_time`] = duration(totals.moving_time);
			out[`${prefix}_moving_time_seconds`] = seconds(totals.moving_time);
			out[`${prefix}_elevation_gain`] = elevation(totals.elevation_gain, options.units);
		}
	}
	return out;
}
