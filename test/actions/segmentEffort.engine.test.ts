import { useSandbox } from '../harness';
import { EFFORT_POINTS, effortsIgnorePage, seedEfforts } from '../sandbox';

// 250 efforts on Hawk Hill, one a day back from 2026-06-30T08:00 local (IDs 70000…70249).
const t = useSandbox((sandbox) => seedEfforts(sandbox, 229781, 250));

const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.path.replace('/api/v3', '')}`);
const effort = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const segment = (value: string) => ({ __rl: true, mode: 'list', value });

describe('segment effort resource', () => {
	test('get: GET /segment_efforts/{id}', async () => {
		const result = await t.run({ resource: 'segmentEffort', operation: 'get', segmentEffortId: effort('70001') });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /segment_efforts/70001']);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: 70001, name: 'Hawk Hill', start_date_local: '2026-06-29T08:00:00Z', segment: { id: 229781 } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('get by URL', async () => {
		const result = await t.run({
			resource: 'segmentEffort',
			operation: 'get',
			segmentEffortId: effort('https://www.strava.com/segment_efforts/70002', 'url'),
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /segment_efforts/70002']);
	});

	test('getAll with Return All: segment_id on every page, until an empty page', async () => {
		const result = await t.run({ resource: 'segmentEffort', operation: 'getAll', segmentId: segment('229781'), returnAll: true });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.path, call.query])).toEqual([
			['/api/v3/segment_efforts', { segment_id: '229781', page: '1', per_page: '200' }],
			['/api/v3/segment_efforts', { segment_id: '229781', page: '2', per_page: '200' }],
			['/api/v3/segment_efforts', { segment_id: '229781', page: '3', per_page: '200' }],
		]);
		// The sandbox's own 3 efforts have the IDs 70000-70002 too, so there are 250 in all.
		expect(result.items).toHaveLength(250);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
		expect(result.items[249].pairedItem).toEqual({ item: 0 });
	});

	test('getAll with local date filters sends them in Strava\'s local format', async () => {
		const result = await t.run({
			resource: 'segmentEffort',
			operation: 'getAll',
			segmentId: segment('229781'),
			returnAll: true,
			filters: { startDateLocal: '2026-06-20T00:00:00', endDateLocal: '2026-06-25T23:59:59+02:00' },
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()[0].query).toEqual({
			segment_id: '229781',
			start_date_local: '2026-06-20T00:00:00Z',
			end_date_local: '2026-06-25T23:59:59Z',
			page: '1',
			per_page: '200',
		});
		expect(result.items.map((item) => item.json.start_date_local)).toEqual([
			'2026-06-25T08:00:00Z',
			'2026-06-24T08:00:00Z',
			'2026-06-23T08:00:00Z',
			'2026-06-22T08:00:00Z',
			'2026-06-21T08:00:00Z',
			'2026-06-20T08:00:00Z',
		]);
	});

	test('getAll with a limit', async () => {
		const result = await t.run({ resource: 'segmentEffort', operation: 'getAll', segmentId: segment('229781'), limit: 7 });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([{ segment_id: '229781', page: '1', per_page: '7' }]);
		expect(result.items).toHaveLength(7);
	});

	test('getAll stops, without duplicates, if Strava ignores `page` (the spec lists only per_page here)', async () => {
		effortsIgnorePage.add(t.sandbox);
		try {
			const result = await t.run({ resource: 'segmentEffort', operation: 'getAll', segmentId: segment('229781'), returnAll: true });
			expect(result.error).toBeUndefined();
			expect(t.sandbox.apiCalls().map((call) => call.query.page)).toEqual(['1', '2']);
			expect(result.items).toHaveLength(200);
			expect(new Set(result.items.map((item) => item.json.id)).size).toBe(200);
		} finally {
			effortsIgnorePage.delete(t.sandbox);
		}
	});

	test('getAll with an invalid date fails naming the filter, with no request', async () => {
		const result = await t.run({
			resource: 'segmentEffort',
			operation: 'getAll',
			segmentId: segment('229781'),
			returnAll: true,
			filters: { startDateLocal: 'last tuesday' },
		});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The filter "Start Date (Local)" is not a valid date: "last tuesday"');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('getAll with the start after the end fails with no request', async () => {
		const result = await t.run({
			resource: 'segmentEffort',
			operation: 'getAll',
			segmentId: segment('229781'),
			filters: { startDateLocal: '2026-06-25T00:00:00', endDateLocal: '2026-06-20T00:00:00' },
		});
		expect(result.error?.message).toBe('The filter "Start Date (Local)" is after "End Date (Local)"');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('getStreams keyed by type', async () => {
		const result = await t.run({
			resource: 'segmentEffort',
			operation: 'getStreams',
			segmentEffortId: effort('70000'),
			keys: ['time', 'heartrate', 'watts'],
			outputFormat: 'byType',
		});
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(call.path).toBe('/api/v3/segment_efforts/70000/streams');
		expect(call.query).toEqual({ keys: 'time,heartrate,watts', key_by_type: 'true' });
		expect(Object.keys(result.items[0].json).sort()).toEqual(['distance', 'heartrate', 'time', 'watts']);
		expect((result.items[0].json.heartrate as { data: number[] }).data).toHaveLength(EFFORT_POINTS);
	});

	test('getStreams as points: one item per sample, paired with its input', async () => {
		const result = await t.run(
			{ resource: 'segmentEffort', operation: 'getStreams', segmentEffortId: effort('={{ $json.effort }}'), keys: ['time', 'latlng', 'heartrate'], outputFormat: 'points' },
			{ input: [{ effort: '70000' }, { effort: '70001' }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2 * EFFORT_POINTS);
		expect(result.items[0].json).toEqual({ time: 0, distance: 0, lat: 37.808408, lng: -122.426683, heartrate: 120 });
		expect(result.items[EFFORT_POINTS].pairedItem).toEqual({ item: 1 });
	});

	test('getStreams without read_all names that permission', async () => {
		const result = await t.run(
			{ resource: 'segmentEffort', operation: 'getStreams', segmentEffortId: effort('70000'), keys: ['time'] },
			{ scopes: ['read', 'activity:read_all'] },
		);
		expect(result.error?.message).toContain('"read_all" permission');
	});

	test('a malformed segment effort ID fails naming the field, with no request', async () => {
		const result = await t.run({ resource: 'segmentEffort', operation: 'getStreams', segmentEffortId: '70000abc', keys: ['time'] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('"70000abc" is not a valid segment effort ID (field "Segment Effort")');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});
