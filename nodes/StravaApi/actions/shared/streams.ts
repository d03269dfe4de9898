import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from './options';
import type { Stream, StreamSet } from './streamSet';
import { summarizeStreams, SUMMARY_SAMPLES } from './streamSummary';

/** Every stream type Strava knows, in its own order. */
export const STREAM_TYPES = [
	'time',
	'distance',
	'latlng',
	'altitude',
	'velocity_smooth',
	'heartrate',
	'cadence',
	'watts',
	'temp',
	'moving',
	'grade_smooth',
] as const;

export type StreamType = (typeof STREAM_TYPES)[number];

const STREAM_LABELS: Record<StreamType, { name: string; description: string }> = {
	time: { name: 'Time', description: 'Seconds since the start' },
	distance: { name: 'Distance', description: 'Meters from the start' },
	latlng: { name: 'Lat/Lng', description: 'Position; in points output it becomes "lat" and "lng"' },
	altitude: { name: 'Altitude', description: 'Meters above sea level' },
	velocity_smooth: { name: 'Velocity (Smoothed)', description: 'Meters per second' },
	heartrate: { name: 'Heart Rate', description: 'Beats per minute' },
	cadence: { name: 'Cadence', description: 'Rotations or steps per minute' },
	watts: { name: 'Power', description: 'Watts' },
	temp: { name: 'Temperature', description: 'Degrees Celsius' },
	moving: { name: 'Moving', description: 'Whether the athlete was moving' },
	grade_smooth: { name: 'Grade (Smoothed)', description: 'Percent' },
};

export interface StreamFieldOptions {
	/** Whether the endpoint takes `keys` (routes do not: they answer every stream they have). */
	keys: boolean;
	/** Stream types the endpoint offers (segments: distance, latlng, altitude). Defaults to all. */
	available?: readonly StreamType[];
}

/**
 * The `keys` (when the endpoint takes them) and `outputFormat` fields of a getStreams operation.
 * Used by activity, segment effort, segment and route.
 */
export function streamFields(resource: string, operation: string, options: StreamFieldOptions): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	const available = options.available ?? STREAM_TYPES;
	const fields: INodeProperties[] = [];
	if (options.keys) {
		fields.push({
			displayName: 'Stream Types',
			name: 'keys',
			type: 'multiOptions',
			required: true,
			options: available.map((value) => ({ value, ...STREAM_LABELS[value] })),
			default: [...available],
			description:
				'The streams to fetch. Strava answers only those the recording has (e.g. no heart rate without a sensor).',
			displayOptions: { show },
		});
	}
	fields.push({
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		default: 'byType',
		options: [
			{
				name: 'One Item per Point',
				value: 'points',
				description:
					'One item per sample: {time, distance, lat, lng, altitude, …}, ready to insert into a database or sheet',
			},
			{
				name: 'One Item Keyed by Stream Type',
				value: 'byType',
				description: "Strava's own shape: {time: {data: […]}, distance: {data: […]}, …}",
			},
			{
				name: 'Summary',
				value: 'summary',
				description: `One small item: per stream its points, min, max and mean, and ${SUMMARY_SAMPLES} evenly spaced samples`,
			},
		],
		displayOptions: { show },
	});
	fields.push({
		displayName: 'Full Streams When Used as a Tool',
		name: 'fullStreamsAsTool',
		type: 'boolean',
		default: false,
		description: `Whether an AI agent or MCP client calling this node as a tool gets every point. Off: it gets the summary (${SUMMARY_SAMPLES} samples), since streams hold up to tens of thousands of points. Workflows are not affected.`,
		displayOptions: { show },
	});
	return fields;
}

/** Brings both of Strava's answers (keyed by type, or an array of typed streams) to the keyed shape. */
export function normalizeStreamSet(body: unknown): StreamSet {
	if (Array.isArray(body)) {
		const set: StreamSet = {};
		for (const stream of body as Stream[]) if (stream && typeof stream.type === 'string') set[stream.type] = stream;
		return set;
	}
	return body && typeof body === 'object' ? (body as StreamSet) : {};
}

/** Splits the latlng stream into a lat and a lng column. */
function splitLatLng(data: unknown[] | undefined): [unknown[] | undefined, unknown[] | undefined] {
	if (!data) return [undefined, undefined];
	const lat: unknown[] = new Array(data.length);
	const lng: unknown[] = new Array(data.length);
	for (let i = 0; i < data.length; i++) {
		const pair = data[i] as number[] | null | undefined;
		lat[i] = pair ? (pair[0] ?? null) : null;
		lng[i] = pair ? (pair[1] ?? null) : null;
	}
	return [lat, lng];
}

/**
 * Turns a stream set into one item per sample point. Columns are the requested types plus any Strava
 * added (it always sends the series it sampled by), in Strava's order; a missing value is null so every
 * item has the same columns. Built for large streams: arrays are pre-sized and each point is one object
 * filled in a tight loop (100,000 points take about a tenth of a second).
 */
export function streamsToPoints(set: StreamSet, requested?: readonly string[]): INodeExecutionData[] {
	const wanted = [...new Set([...(requested ?? []), ...Object.keys(set)])];
	const ordered = [
		...STREAM_TYPES.filter((type) => wanted.includes(type)),
		...wanted.filter((type) => !(STREAM_TYPES as readonly string[]).includes(type)),
	];
	const names: string[] = [];
	const columns: Array<unknown[] | undefined> = [];
	let length = 0;
	for (const type of ordered) {
		const data = Array.isArray(set[type]?.data) ? set[type].data : undefined;
		if (data && data.length > length) length = data.length;
		if (type === 'latlng') {
			const [lat, lng] = splitLatLng(data);
			names.push('lat', 'lng');
			columns.push(lat, lng);
		} else {
			names.push(type);
			columns.push(data);
		}
	}
	const items: INodeExecutionData[] = new Array(length);
	const count = names.length;
	for (let i = 0; i < length; i++) {
		const json: IDataObject = {};
		for (let c = 0; c < count; c++) {
			const value = columns[c]?.[i];
			json[names[c]] = value === undefined ? null : (value as IDataObject[string]);
		}
		items[i] = { json };
	}
	return items;
}

export interface ExecuteStreamsOptions {
	/** Whether to send `keys` (from the `keys` field); false for routes. */
	keys: boolean;
	/** The ID the user gave (`activity ID 123`), for a 404's message. */
	subject?: string;
}

/**
 * GET `path` (e.g. `/activities/123/streams`) with `keys=…&key_by_type=true`, shaped as the user chose:
 * one item keyed by stream type, one item per sample point, or a summary (always when called as an AI tool,
 * unless "Full Streams When Used as a Tool" is on).
 */
export async function executeStreams(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path: string,
	options: ExecuteStreamsOptions,
): Promise<INodeExecutionData[]> {
	const chosen = ctx.getNodeParameter('outputFormat', itemIndex, 'byType') as string;
	// Called as an AI tool: a bounded answer unless every point is asked for.
	const asTool = typeof ctx.isToolExecution === 'function' && ctx.isToolExecution();
	const format = asTool && !(ctx.getNodeParameter('fullStreamsAsTool', itemIndex, false) as boolean) ? 'summary' : chosen;
	let keys: string[] | undefined;
	const qs: IDataObject = {};
	if (options.keys) {
		const raw = ctx.getNodeParameter('keys', itemIndex, []) as string[] | string;
		keys = (Array.isArray(raw) ? raw : String(raw).split(','))
			.map((key) => String(key).trim())
			.filter(Boolean);
		if (!keys.length) {
			throw new NodeOperationError(ctx.getNode(), 'The field "Stream Types" is empty', {
				itemIndex,
				description: 'Pick at least one stream type, such as Time, Distance or Lat/Lng.',
			});
		}
		qs.keys = keys.join(',');
		qs.key_by_type = true;
	}
	const response = await stravaApiRequest.call(ctx, {
		method: 'GET',
		path,
		qs,
		rateLimit: getRateLimitPolicy(ctx, itemIndex),
		itemIndex,
		expect: 'streams',
		subject: options.subject,
	});
	const set = normalizeStreamSet(response.body);
	if (format === 'points') return streamsToPoints(set, keys);
	if (format === 'summary') return [{ json: summarizeStreams(set) }];
	return [{ json: set as IDataObject }];
}
