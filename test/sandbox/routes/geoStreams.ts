import { stravaError, type SandboxReply, type SandboxRequest } from '../http';

type Data = Record<string, unknown>;

/** A synthetic track starting at `start`, heading south-west; one sample per second, ~5 m apart. */
export interface Track {
	start: [number, number];
	points: number;
	altitude?: number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The samples of one stream type along a track. */
export function streamData(type: string, track: Track): unknown[] {
	const data: unknown[] = new Array(track.points);
	const base = track.altitude ?? 92.4;
	for (let i = 0; i < track.points; i++) {
		switch (type) {
			case 'time': data[i] = i; break;
			case 'distance': data[i] = round(i * 5.3, 1); break;
			case 'latlng': data[i] = [round(track.start[0] - i * 0.00004, 6), round(track.start[1] - i * 0.00003, 6)]; break;
			case 'altitude': data[i] = round(base + 20 * Math.sin(i / 50), 1); break;
			case 'velocity_smooth': data[i] = round(5 + (i % 7) / 10, 1); break;
			case 'heartrate': data[i] = 120 + (i % 40); break;
			case 'cadence': data[i] = 80 + (i % 10); break;
			case 'watts': data[i] = 180 + (i % 60); break;
			case 'temp': data[i] = 18; break;
			case 'moving': data[i] = i % 100 !== 99; break;
			case 'grade_smooth': data[i] = round(5.7 * Math.cos(i / 40), 1); break;
			default: data[i] = null;
		}
	}
	return data;
}

function stream(type: string, track: Track): Data {
	return { data: streamData(type, track), series_type: 'distance', original_size: track.points, resolution: 'high' };
}

/**
 * Strava's streams answer for `keys=…&key_by_type=…`: keys are required, only types the object offers are
 * answered (plus `distance`, the series it is sampled by), keyed by type when key_by_type is true and as a
 * list of typed streams otherwise. `recorded` gives some types' samples as a recording has them (uneven
 * times, nulls) instead of the synthetic track.
 */
export function streamsReply(req: SandboxRequest, track: Track, available: readonly string[], recorded?: Record<string, unknown[]>): SandboxReply {
	const keys = (req.query.get('keys') ?? '').split(',').map((key) => key.trim()).filter(Boolean);
	if (!keys.length) return stravaError(400, 'Bad Request', [{ resource: 'Stream', field: 'keys', code: 'missing' }]);
	const unknown = keys.find((key) => !available.includes(key) && !KNOWN.includes(key));
	if (unknown) return stravaError(400, 'Bad Request', [{ resource: 'Stream', field: 'keys', code: 'invalid' }]);
	const types = [...new Set(['distance', ...keys])].filter((key) => available.includes(key));
	const answer = (type: string) =>
		recorded?.[type]
			? { data: recorded[type], series_type: 'distance', original_size: recorded[type].length, resolution: 'high' }
			: stream(type, track);
	if (req.query.get('key_by_type') === 'true') {
		return { body: Object.fromEntries(types.map((type) => [type, answer(type)])) };
	}
	return { body: types.map((type) => ({ type, ...answer(type) })) };
}

export const KNOWN = ['time', 'distance', 'latlng', 'altitude', 'velocity_smooth', 'heartrate', 'cadence', 'watts', 'temp', 'moving', 'grade_smooth'];
