import type { IDataObject } from 'n8n-workflow';

import { bool, id, str, webUrl, type SimplifyOptions } from './types';
import { num, weight, weightUnit } from './units';

/** The athlete (Get, Update), flat. See docs/simplified-output.md. */
export function simplifyAthlete(raw: IDataObject, options: SimplifyOptions): IDataObject {
	const kg = num(raw.weight);
	return {
		id: id(raw.id),
		username: str(raw.username),
		firstname: str(raw.firstname),
		lastname: str(raw.lastname),
		city: str(raw.city),
		state: str(raw.state),
		country: str(raw.country),
		sex: str(raw.sex),
		premium: bool(raw.summit) ?? bool(raw.premium),
		// Strava answers 0 for a weight it does not know.
		weight: kg === null || kg <= 0 ? null : weight(kg, options.units),
		weight_unit: weightUnit(options.units),
		ftp: num(raw.ftp),
		follower_count: num(raw.follower_count),
		friend_count: num(raw.friend_count),
		measurement_preference: str(raw.measurement_preference),
		created_at: str(raw.created_at),
		picture_url: str(raw.profile),
		url: webUrl('athletes', raw.id),
	};
}
