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
import { EXPORT_STREAM_KEYS, hasPositions, trackOf, type ExportActivity } from './track';

const FORMATS = {
	gpx: { operation: 'exportGpx', label: 'GPX', mimeType: GPX_MIME_TYPE, build: buildGpx },
	tcx: { operation: 'exportTcx', label: 'TCX', mimeType: TCX_MIME_TYPE, build: buildTcx },
} as const;

export type ActivityFileFormat = keyof typeof FORMATS;

/** What one export costs, for the operation's description and the docs. */
export const EXPORT_COST =
	'1 request (the streams) when the input item is the activity itself, as Get Many or the triggers output it; otherwise 2 (the activity, then its streams)';

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

/** The activity as the file needs it, from a Strava activity object (summary or detailed). */
function exportActivity(id: string, json: IDataObject): ExportActivity | undefined {
	const startMs = Date.parse(text(json.start_date) ?? '');
	if (!Number.isFinite(startMs)) return undefined;
	return {
		id,
		name: text(json.name) ?? `Activity ${id}`,
		startMs,
		sportType: text(json.sport_type) ?? text(json.type),
		elapsedTime: number(json.elapsed_time),
		distance: number(json.distance),
		calories: number(json.calories),
	};
}

/** The input item, when it is this very activity (an item from Get Many, Get or a trigger). */
function activityFromInput(ctx: IExecuteFunctions, itemIndex: number, id: string): IDataObject | undefined {
	const json = ctx.getInputData()[itemIndex]?.json;
	if (!json || typeof json !== 'object') return undefined;
	const itemId = json.id_str ?? json.id;
	if (itemId === undefined || itemId === null || String(itemId) !== id) return undefined;
	return exportActivity(id, json) ? json : undefined;
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
		const track = trackOf(normalizeStreamSet(response.body));
		if (format === 'gpx' && !hasPositions(track)) {
			throw new NodeOperationError(this.getNode(), `Activity ${id} has no GPS track: a GPX file needs positions`, {
				itemIndex,
				description:
					'The activity was recorded without GPS (indoors, on a trainer or a treadmill). Use "Export TCX" instead: a TCX file keeps its time, heart rate, cadence and power without positions.',
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
