import type { StreamSet } from '../../shared/streamSet';

/** The streams an export asks for, in one request: `keys=` + this list, `key_by_type=true`. */
export const EXPORT_STREAM_KEYS = ['time', 'latlng', 'altitude', 'heartrate', 'cadence', 'watts', 'temp', 'distance'] as const;

export type ExportStreamKey = (typeof EXPORT_STREAM_KEYS)[number];

/** What a file needs to know about the activity besides its streams. */
export interface ExportActivity {
	id: string;
	name: string;
	/** `start_date` (UTC), epoch ms: every point's time is this plus the time stream's offset. */
	startMs: number;
	sportType?: string;
	/** Seconds; used when there is no time stream. */
	elapsedTime?: number;
	/** Meters; used when there is no distance stream. */
	distance?: number;
	calories?: number;
	/** Strava's `average_heartrate` (bpm); the TCX lap's average when present. */
	averageHeartrate?: number;
	/** Strava's `max_heartrate` (bpm); the TCX lap's maximum when present. */
	maxHeartrate?: number;
}

/** The result of a builder: the file's text, the points written and the stream types it carries. */
export interface BuiltFile {
	xml: string;
	points: number;
	/** Stream types written into the file, in EXPORT_STREAM_KEYS order. */
	fields: ExportStreamKey[];
	/** Stream types the activity has that this format cannot carry (e.g. power in GPX). */
	omitted: ExportStreamKey[];
}

/** The export's streams as columns (missing ones undefined), with the number of samples. */
export interface Track {
	columns: Partial<Record<ExportStreamKey, unknown[]>>;
	length: number;
}

export function trackOf(set: StreamSet): Track {
	const columns: Track['columns'] = {};
	let length = 0;
	for (const key of EXPORT_STREAM_KEYS) {
		const data = set[key]?.data;
		if (Array.isArray(data) && data.length) {
			columns[key] = data;
			length = Math.max(length, data.length);
		}
	}
	return { columns, length };
}

/** A valid [lat, lng] at `index`, or undefined. */
export function position(track: Track, index: number): [number, number] | undefined {
	const pair = track.columns.latlng?.[index];
	if (!Array.isArray(pair)) return undefined;
	const [lat, lng] = pair as unknown[];
	if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return undefined;
	if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return undefined;
	return [lat, lng];
}

/** Whether the streams hold at least one GPS position. */
export function hasPositions(track: Track): boolean {
	for (let i = 0; i < track.length; i++) if (position(track, i)) return true;
	return false;
}

/** Whether the streams hold at least one time sample (a TCX track point needs one). */
export function hasTimes(track: Track): boolean {
	const times = track.columns.time;
	if (!times) return false;
	for (let i = 0; i < times.length; i++) if (typeof times[i] === 'number' && Number.isFinite(times[i])) return true;
	return false;
}

/** What Strava answered, for an error message: "time (3,602 samples), distance (3,602)" or "no streams at all". */
export function describeStreams(set: StreamSet): string {
	const parts: string[] = [];
	for (const [key, stream] of Object.entries(set)) {
		const data = stream?.data;
		const count = Array.isArray(data) ? data.filter((value) => value !== null && value !== undefined).length : 0;
		parts.push(`${key} (${count.toLocaleString('en-US')} ${count === 1 ? 'sample' : 'samples'} with a value)`);
	}
	return parts.length ? parts.join(', ') : 'no streams at all';
}

/** The stream types present in the track, in EXPORT_STREAM_KEYS order. */
export function presentFields(track: Track): ExportStreamKey[] {
	return EXPORT_STREAM_KEYS.filter((key) => track.columns[key] !== undefined);
}
