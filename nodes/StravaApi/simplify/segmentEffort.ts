import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SERVER } from '../../shared/transport/hosts';
import { localDateTime, utcDateTime } from './time';
import { distanceFields, effortFields, id, obj, str, timeFields, type SimplifyOptions } from './types';
import { num } from './units';

/**
 * A segment effort (Get, Get Many), flat. Pace and speed are over the elapsed time, as Strava ranks
 * efforts. See docs/simplified-output.md.
 */
export function simplifySegmentEffort(raw: IDataObject, options: SimplifyOptions): IDataObject {
	const segment = obj(raw.segment);
	const stats = obj(raw.athlete_segment_stats);
	const effortId = id(raw.id);
	const activityId = id(obj(raw.activity).id);
	const activityType = str(segment.activity_type);
	return {
		id: effortId,
		name: str(raw.name) ?? str(segment.name),
		segment_id: id(segment.id),
		activity_id: activityId,
		activity_type: activityType,
		start_date: utcDateTime(raw.start_date),
		start_date_local: localDateTime(raw.start_date, raw.start_date_local),
		...distanceFields(raw.distance, options),
		...timeFields('elapsed_time', raw.elapsed_time),
		...timeFields('moving_time', raw.moving_time),
		...effortFields(raw.distance, raw.elapsed_time, undefined, activityType ?? '', options),
		average_heartrate: num(raw.average_heartrate),
		max_heartrate: num(raw.max_heartrate),
		average_watts: num(raw.average_watts),
		average_cadence: num(raw.average_cadence),
		kom_rank: num(raw.kom_rank),
		pr_rank: num(raw.pr_rank),
		...timeFields('pr_time', stats.pr_elapsed_time),
		pr_date: str(stats.pr_date),
		url: effortId !== null && activityId !== null ? `${DEFAULT_SERVER}/activities/${activityId}/segments/${effortId}` : null,
	};
}
