import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stravaApiRequest } from '../../../../shared/transport';
import { outputFileField, outputFileProperty } from '../../shared/binaryOutput';
import { getRateLimitPolicy } from '../../shared/options';
import { idSubject } from '../../shared/resourceLocator';
import { normalizeStreamSet } from '../../shared/streams';
import type { OperationExecute } from '../../types';
import { activityId } from '../shared';
import { buildGpx, GPX_MIME_TYPE } from './gpx';
import { buildTcx, TCX_MIME_TYPE } from './tcx';
import { describeStreams, EXPORT_STREAM_KEYS, hasPositions, hasTimes, trackOf, type ExportActivity } from './track';

const FORMATS = {
	gpx: { operation: 'exportGpx', label: 'GPX', mimeType: GPX_MIME_TYPE, build: buildGpx },
	tcx: { operation: 'exportTcx', label: 'TCX', mimeType: TCX_MIME_TYPE, build: buildTcx },
} as const;

export type ActivityFileFormat = keyof typeof FORMATS;

/** What one export costs, for the operation's description and the docs. */
export const EXPORT_COST =
	'1 request (the streams) when the input item carries the activity: an item of Activity → Get or Get Many (raw or simplified) or of the Strava API New Activity Trigger, or a Strava API Trigger event with Include Full Activity; otherwise 2 (the activity, then its streams)';

/** The output binary property of an export operation (the activity ID field is shared). */
export function exportFields(format: ActivityFileFormat): INodeProperties[] {
	const { operation, label } = FORMATS[format];
	return [outputFileField('activity', operation, `The ${label} file is built from the activity's recorded streams. Costs ${EXPORT_COST}.`)];
}

/** A file name from the activity's name: no path or reserved characters, spaces as underscores, with the ID. */
export function safeFileName(name: string, id: string, extension: string): string {
	let clean = '';
	for (const char of name) {
		const code = char.charCodeAt(0);
		clean += code < 0x20 || code === 0x7f || '<>:"/\\|?*'.includes(char) ? ' ' : char;
	}
	clean = clean.trim().replace(/\s+/g, '_').replace(/^[._]+|[._]+$/g, '').slice(0, 80).replace(/[._]+$/, '');
	return `${clean ? `${clean}-` : 'activity-'}${id}.${extension}`;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

const METRES_PER = { km: 1000, mi: 1609.344 } as const;

/**
 * The activity as the file needs it, from a Strava activity object (summary or detailed), or from the
 * item Simplify made of one (node version 2): its `distance` is in `distance_unit` (km or mi, 2 decimals)
 * and its `elapsed_time` an h:mm:ss text, so the seconds come from `elapsed_time_seconds` and the metres
 * from the distance times its unit; every other field it uses is Strava's value unchanged.
 */
function exportActivity(id: string, json: IDataObject): ExportActivity | undefined {
	const startMs = Date.parse(text(json.start_date) ?? '');
	if (!Number.isFinite(startMs)) return undefined;
	const unit = text(json.distance_unit);
	const simplified = unit !== undefined || json.elapsed_time_seconds !== undefined || typeof json.elapsed_time === 'string';
	const perUnit = unit === 'km' || unit === 'mi' ? METRES_PER[unit] : undefined;
	const converted = number(json.distance);
	return {
		id,
		name: text(json.name) ?? `Activity ${id}`,
		startMs,
		sportType: text(json.sport_type) ?? text(json.type),
		elapsedTime: simplified ? number(json.elapsed_time_seconds) : number(json.elapsed_time),
		distance: !simplified ? number(json.distance) : converted !== undefined && perUnit ? converted * perUnit : undefined,
		calories: number(json.calories),
		averageHeartrate: number(json.average_heartrate),
		maxHeartrate: number(json.max_heartrate),
	};
}

const sameId = (value: unknown, id: string) => value !== undefined && value !== null && String(value) === id;

/**
 * The activity the input item carries, when it is this very activity: an item of Get / Get Many (raw, or
 * simplified by a version 2 node) or of the polling trigger; from the webhook trigger, its `activity`
 * (with Include Full Activity). Undefined when the item does not carry it (then GET /activities/{id}).
 */
function activityFromInput(ctx: IExecuteFunctions, itemIndex: number, id: string): IDataObject | undefined {
	const json = ctx.getInputData()[itemIndex]?.json;
	if (!json || typeof json !== 'object') return undefined;
	let candidate: IDataObject = json;
	if (json.object_type === 'activity' && json.aspect_type !== undefined && sameId(json.object_id, id)) {
		// A push event: the event itself has no start date; the full activity is in `activity` when fetched.
		const activity = json.activity;
		if (!activity || typeof activity !== 'object' || Array.isArray(activity)) return undefined;
		candidate = activity as IDataObject;
	}
	if (!sameId(candidate.id_str ?? candidate.id, id)) return undefined;
	return exportActivity(id, candidate) ? candidate : undefined;
}

/**
 * Activity → Export GPX / TCX: the activity's streams (one request: time, latlng, altitude, heart rate,
 * cadence, power, temperature, distance) turned into a file, named after the activity. The activity's
 * start time and name come from the input item when it is that activity, otherwise from GET /activities/{id}.
 */
export function exportActivityFile(format: ActivityFileFormat): OperationExecute {
	const { label, mimeType, build } = FORMATS[format];
	return async function (this: IExecuteFunctions, itemIndex: number) {
		const id = activityId(this, itemIndex);
		const property = outputFileProperty(this, itemIndex);
		const rateLimit = getRateLimitPolicy(this, itemIndex);
		const subject = idSubject('activity', id);
		let json = activityFromInput(this, itemIndex, id);
		if (!json) {
			const response = await stravaApiRequest.call(this, {
				method: 'GET',
				path: `/activities/${id}`,
				rateLimit,
				itemIndex,
				expect: 'object',
				subject,
			});
			json = response.body as IDataObject;
		}
		const activity = exportActivity(id, json);
		if (!activity) {
			throw new NodeOperationError(this.getNode(), `Strava's answer for activity ${id} has no start date`, {
				itemIndex,
				description: `A ${label} file needs the time the activity started; Strava did not send it.`,
			});
		}
		if (json.manual === true) {
			// Strava has no streams for a manual activity (it answers 404): say so without asking.
			throw new NodeOperationError(this.getNode(), `Activity ${id} is a manual activity: it has no recorded track to export`, {
				itemIndex,
				description: `Only recorded activities (from a device or an app) have the streams a ${label} file is built from. Manual entries have only a duration and a distance.`,
			});
		}
		const response = await stravaApiRequest.call(this, {
			method: 'GET',
			path: `/activities/${id}/streams`,
			qs: { keys: EXPORT_STREAM_KEYS.join(','), key_by_type: true },
			rateLimit,
			itemIndex,
			expect: 'streams',
			subject,
		});
		const streams = normalizeStreamSet(response.body);
		const track = trackOf(streams);
		if (format === 'gpx' && !hasPositions(track)) {
			throw new NodeOperationError(this.getNode(), `Activity ${id} has no GPS track: a GPX file needs positions`, {
				itemIndex,
				description: `Strava returned ${describeStreams(streams)}. The activity was recorded without GPS (indoors, on a trainer or a treadmill). Use "Export TCX" instead: a TCX file keeps its time, heart rate, cadence and power without positions.`,
			});
		}
		if (format === 'tcx' && !hasTimes(track)) {
			throw new NodeOperationError(this.getNode(), `Activity ${id} has no time samples: the TCX file would have no track points`, {
				itemIndex,
				description: `Strava returned ${describeStreams(streams)}; each TCX track point needs a time. ${
					hasPositions(track) ? 'The activity has positions: "Export GPX" writes them without times.' : 'Look at what Strava holds with Activity → Get Streams; the original file, if you have it, can be uploaded again (Upload → Create).'
				}`,
			});
		}
		const file = build(activity, track);
		const fileName = safeFileName(activity.name, id, format);
		const binary = await this.helpers.prepareBinaryData(Buffer.from(file.xml, 'utf8'), fileName, mimeType);
		return [
			{
				json: {
					id,
					name: activity.name,
					format,
					fileName,
					points: file.points,
					fields: file.fields,
					...(file.omitted.length ? { omitted: file.omitted } : {}),
				},
				binary: { [property]: binary },
			},
		];
	};
}
