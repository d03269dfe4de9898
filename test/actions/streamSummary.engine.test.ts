import { summarizeStreams } from '../../nodes/StravaApi/actions/shared/streamSummary';
import { seedActivities, setActivityExtras } from '../sandbox';
import { useSandbox } from '../harness';

const t = useSandbox((sandbox) => {
	seedActivities(sandbox, 3);
	setActivityExtras(sandbox, 1000, { streamPoints: 5000 });
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('streams: Summary output', () => {
	test('figures by hand: min, max, mean rounded to 2 places, positions as start/end/bounds, moving share', () => {
		const summary = summarizeStreams({
			time: { data: [0, 10, 20, 30, 40] },
			heartrate: { data: [100, 110, null, 131, 150] },
			latlng: { data: [[1, 5], [2, 4], [0, 6], [1.5, 5.5], [3, 3]] },
			moving: { data: [true, true, false, true, true] },
		}, 3);
		expect(summary.points).toBe(5);
		expect(summary.streams).toEqual({
			time: { points: 5, min: 0, max: 40, mean: 20 },
			heartrate: { points: 5, min: 100, max: 150, mean: 122.75 },
			latlng: { points: 5, start: [1, 5], end: [3, 3], south_west: [0, 3], north_east: [3, 6] },
			moving: { points: 5, moving_share: 0.8 },
		});
		// 3 samples of 5 points: indexes 0, 2 and 4.
		expect(summary.samples).toEqual([
			{ time: 0, heartrate: 100, latlng: [1, 5], moving: true },
			{ time: 20, heartrate: null, latlng: [0, 6], moving: false },
			{ time: 40, heartrate: 150, latlng: [3, 3], moving: true },
		]);
	});

	test('an empty stream set and a stream without numbers', () => {
		expect(summarizeStreams({})).toEqual({ points: 0, units: expect.any(Object), streams: {}, samples: [] });
		expect(summarizeStreams({ watts: { data: [null, null] } }).streams).toEqual({ watts: { points: 2 } });
	});

	test('through the engine: 5,000 points become one item of 20 samples, one request', async () => {
		const full = await t.run({ resource: 'activity', operation: 'getStreams', activityId: byId('1000'), outputFormat: 'byType' });
		const set = full.items[0].json as Record<string, { data: unknown[] }>;
		const before = t.sandbox.apiCalls().length;
		const result = await t.run({ resource: 'activity', operation: 'getStreams', activityId: byId('1000'), outputFormat: 'summary' });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().length - before).toBe(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const json = result.items[0].json as { points: number; samples: Array<Record<string, unknown>>; streams: Record<string, Record<string, unknown>> };
		expect(json.points).toBe(5000);
		expect(json.samples).toHaveLength(20);
		expect(json.samples[0].time).toBe(set.time.data[0]);
		expect(json.samples[19].time).toBe(set.time.data[4999]);
		const times = set.time.data as number[];
		expect(json.streams.time).toEqual({ points: 5000, min: Math.min(...times), max: Math.max(...times), mean: Math.round((times.reduce((a, b) => a + b, 0) / times.length) * 100) / 100 });
		expect(Object.keys(json.streams).sort()).toEqual(Object.keys(set).sort());
		expect(JSON.stringify(json).length).toBeLessThan(10_000);
	});
});
