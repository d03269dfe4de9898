import type { IDataObject } from 'n8n-workflow';

import type { StreamSet } from './streamSet';

/** How many evenly spaced sample points a summary keeps. */
export const SUMMARY_SAMPLES = 20;

/** The units of Strava's raw stream values, stated in every summary. */
const UNITS: IDataObject = {
	time: 's',
	distance: 'm',
	altitude: 'm',
	velocity_smooth: 'm/s',
	heartrate: 'bpm',
	cadence: 'rpm or spm',
	watts: 'W',
	temp: '°C',
	grade_smooth: '%',
};

const round = (value: number) => Math.round(value * 100) / 100;

function dataOf(set: StreamSet, type: string): unknown[] {
	const data = set[type]?.data;
	return Array.isArray(data) ? data : [];
}

/** Per stream: its number of points and min, max and mean (positions: start, end and bounds). */
function streamFigures(type: string, data: unknown[]): IDataObject {
	if (type === 'latlng') {
		const points = data.filter((point): point is number[] => Array.isArray(point) && point.length >= 2);
		if (!points.length) return { points: data.length };
		let south = Infinity, west = Infinity, north = -Infinity, east = -Infinity;
		for (const [lat, lng] of points) {
			south = Math.min(south, lat);
			north = Math.max(north, lat);
			west = Math.min(west, lng);
			east = Math.max(east, lng);
		}
		return { points: data.length, start: points[0], end: points[points.length - 1], south_west: [south, west], north_east: [north, east] };
	}
	if (type === 'moving') {
		return { points: data.length, moving_share: data.length ? round(data.filter(Boolean).length / data.length) : null };
	}
	let count = 0, sum = 0, min = Infinity, max = -Infinity;
	for (const value of data) {
		if (typeof value !== 'number' || !Number.isFinite(value)) continue;
		count++;
		sum += value;
		if (value < min) min = value;
		if (value > max) max = value;
	}
	return count ? { points: data.length, min: round(min), max: round(max), mean: round(sum / count) } : { points: data.length };
}

/**
 * A stream set in a bounded size, whatever its length (for an AI agent or MCP client, or a message): per
 * stream its figures, and SUMMARY_SAMPLES points spaced evenly from the first to the last.
 */
export function summarizeStreams(set: StreamSet, samples = SUMMARY_SAMPLES): IDataObject {
	const types = Object.keys(set);
	const length = types.reduce((longest, type) => Math.max(longest, dataOf(set, type).length), 0);
	const streams: IDataObject = {};
	for (const type of types) streams[type] = streamFigures(type, dataOf(set, type));
	const picked: IDataObject[] = [];
	const count = Math.min(samples, length);
	for (let k = 0; k < count; k++) {
		const index = count === 1 ? 0 : Math.round((k * (length - 1)) / (count - 1));
		const sample: IDataObject = {};
		for (const type of types) {
			const value = dataOf(set, type)[index];
			if (value !== undefined) sample[type] = value as IDataObject[string];
		}
		picked.push(sample);
	}
	return { points: length, units: UNITS, streams, samples: picked };
}
