import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { StravaApi } from '../../nodes/StravaApi/StravaApi.node';
import { listSearch } from '../../nodes/StravaApi/methods';
import { seedActivities, setActivityExtras } from '../sandbox';
import { CREDENTIAL, nodeTypes, useSandbox } from '../harness';

const t = useSandbox((sandbox) => {
	seedActivities(sandbox, 450);
	setActivityExtras(sandbox, 1000, { comments: 450, kudoers: 250, streamPoints: 5000 });
	setActivityExtras(sandbox, 1001, { comments: 3, kudoers: 2, streamPoints: 4, streamTypes: ['time', 'distance', 'latlng'] });
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });
const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.path}`);
const paired = (items: Array<{ pairedItem?: unknown }>) => new Set(items.map((item) => JSON.stringify(item.pairedItem)));

describe('activity: getAll', () => {
	test('Return All pages GET /athlete/activities by 200 until an empty page', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(450);
		expect(calls()).toEqual(Array(4).fill('GET /api/v3/athlete/activities'));
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([
			{ page: '1', per_page: '200' },
			{ page: '2', per_page: '200' },
			{ page: '3', per_page: '200' },
			{ page: '4', per_page: '200' },
		]);
		expect(result.items[0].json).toMatchObject({ id: 1000, name: 'Activity 1000' });
		expect(paired(result.items)).toEqual(new Set([JSON.stringify({ item: 0 })]));
	});

	test('Limit asks for one page of that size', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: false, limit: 5 });
		expect(result.items.map((item) => item.json.id)).toEqual([1000, 1001, 1002, 1003, 1004]);
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([{ page: '1', per_page: '5' }]);
	});

	test('after/before date-times become epoch seconds', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'getAll',
			returnAll: true,
			filters: { after: '2026-11-01T03:30:00Z', before: '2026-11-01T07:30:00+00:00' },
		});
		expect(result.error).toBeUndefined();
		const [first] = t.sandbox.apiCalls();
		expect(first.query).toMatchObject({ after: String(Date.parse('2026-11-01T03:30:00Z') / 1000), before: String(Date.parse('2026-11-01T07:30:00Z') / 1000) });
		// Activities start hourly back from 08:00: 07:00, 06:00, 05:00 and 04:00 fall inside.
		expect(result.items.map((item) => item.json.id)).toEqual([1001, 1002, 1003, 1004]);
	});

	test('a date without offset is read in the workflow time zone, an expression date works too', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { after: '={{ DateTime.fromISO("2026-10-01T00:00:00Z") }}', before: '2026-11-01T00:00:00' },
		});
		expect(result.error).toBeUndefined();
		const { after, before } = t.sandbox.apiCalls()[0].query;
		expect(Number(after)).toBe(Date.parse('2026-10-01T00:00:00Z') / 1000);
		// n8n's default time zone is America/New_York (UTC-4 on that date).
		expect(Number(before)).toBe(Date.parse('2026-11-01T04:00:00Z') / 1000);
	});

	test.each([
		[{ after: 'last tuesday' }, 'After'],
		[{ before: '2026-13-45T99:00:00' }, 'Before'],
	])('an invalid date fails naming the field, before any request (%j)', async (filters, field) => {
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, filters });
		expect(result.error?.message).toContain(`"${field}"`);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('"After" later than "Before" fails before any request', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'getAll',
			filters: { after: '2026-11-02T00:00:00Z', before: '2026-11-01T00:00:00Z' },
		});
		expect(result.error?.message).toMatch(/After.*Before/);
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});

describe('activity: get', () => {
	test('by URL, with include_all_efforts', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'get',
			activityId: byUrl('https://www.strava.com/activities/1002?ref=feed'),
			options: { includeAllEfforts: true },
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /api/v3/activities/1002']);
		expect(t.sandbox.apiCalls()[0].query).toEqual({ include_all_efforts: 'true' });
		expect(result.items).toEqual([{ json: expect.objectContaining({ id: 1002, resource_state: 3 }), pairedItem: { item: 0 } }]);
	});

	test('a plain ID string (older saved workflows) and one item per input item, each paired', async () => {
		const result = await t.run(
			{ resource: 'activity', operation: 'get', activityId: '={{ $json.id }}' },
			{ input: [{ id: '1003' }, { id: 1004 }] },
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /api/v3/activities/1003', 'GET /api/v3/activities/1004']);
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[1003, { item: 0 }],
			[1004, { item: 1 }],
		]);
	});

	test.each([
		[byId('={{ "12ab" }}'), /"12ab" is not a valid activity ID \(field "Activity"\)/],
		[byUrl('={{ "https://www.strava.com/routes/123" }}'), /not a valid activity ID/],
		[byId('={{ $json.missing }}'), /"Activity" is empty/],
		['={{ "https://evil.example/activities/1" }}', /not a valid activity ID/],
	])('a malformed ID or URL from data fails naming the field, before any request (%j)', async (activityId, message) => {
		const result = await t.run({ resource: 'activity', operation: 'get', activityId });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toContain('https://www.strava.com/activities/');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test.each([
		[byId('12ab'), /Not a valid activity ID/],
		[byUrl('https://www.strava.com/routes/123'), /Not a Strava activity URL/],
	])('a malformed fixed ID or URL is refused by n8n before the node runs (%j)', async (activityId, message) => {
		await expect(t.run({ resource: 'activity', operation: 'get', activityId })).rejects.toThrow(message);
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('an unknown activity is a NodeApiError; with Continue On Fail an error item per failing input', async () => {
		const failed = await t.run({ resource: 'activity', operation: 'get', activityId: byId('999') });
		expect(failed.error?.message).toContain('Record Not Found');
		expect(failed.error?.name).toBe('NodeApiError');

		const result = await t.run(
			{ resource: 'activity', operation: 'get', activityId: '={{ $json.id }}' },
			{ input: [{ id: '999' }, { id: 'x' }, { id: '1000' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.error).toContain('Record Not Found');
		expect(result.items[1].json.error).toContain('not a valid activity ID');
		expect(result.items[2].json.id).toBe(1000);
	});
});

describe('activity: create', () => {
	test('POSTs form fields with trainer/commute as 0/1 and returns the 201 body', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'create',
			name: 'Lunch swim',
			sportType: 'Swim',
			startDateLocal: '2026-11-02T12:15:00',
			elapsedTime: 1800,
			additionalFields: { description: 'Pool', distance: 1500, trainer: true, commute: false },
		});
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(`${call.method} ${call.path} ${call.status}`).toBe('POST /api/v3/activities 201');
		expect(call.contentType).toContain('application/x-www-form-urlencoded');
		expect(Object.fromEntries(new URLSearchParams(call.raw.toString()))).toEqual({
			name: 'Lunch swim',
			sport_type: 'Swim',
			start_date_local: '2026-11-02T12:15:00Z',
			elapsed_time: '1800',
			description: 'Pool',
			distance: '1500',
			trainer: '1',
			commute: '0',
		});
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ name: 'Lunch swim', sport_type: 'Swim', trainer: true, commute: false }), pairedItem: { item: 0 } },
		]);
	});

	test('a sport type Strava added later is accepted by expression', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'create',
			name: 'New sport',
			sportType: '={{ "HyroxRace" }}',
			startDateLocal: '2026-11-02T12:15:00Z',
			elapsedTime: 60,
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()[0].body).toMatchObject({ sport_type: 'HyroxRace' });
		expect(t.sandbox.apiCalls()[0].body).not.toHaveProperty('trainer');
	});

	test('a bad start time fails naming the field, before any request', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'create',
			name: 'x',
			sportType: 'Run',
			startDateLocal: 'yesterday',
			elapsedTime: 60,
		});
		expect(result.error?.message).toContain('"Start Time (Local)"');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});

describe('activity: update', () => {
	test('PUTs JSON with real booleans and clears the gear with gear_id "none"', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'update',
			activityId: byId('1005'),
			updateFields: { name: 'Renamed', commute: true, trainer: false, hideFromHome: true, removeGear: true, sportType: 'GravelRide' },
		});
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(`${call.method} ${call.path}`).toBe('PUT /api/v3/activities/1005');
		expect(call.contentType).toContain('application/json');
		expect(JSON.parse(call.raw.toString())).toEqual({
			name: 'Renamed',
			sport_type: 'GravelRide',
			commute: true,
			trainer: false,
			hide_from_home: true,
			gear_id: 'none',
		});
		expect(result.items[0].json).toMatchObject({ id: 1005, name: 'Renamed', commute: true, gear_id: null });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('sets a gear ID', async () => {
		const result = await t.run({ resource: 'activity', operation: 'update', activityId: byId('1006'), updateFields: { gearId: 'b777' } });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()[0].body).toEqual({ gear_id: 'b777' });
		expect(result.items[0].json.gear_id).toBe('b777');
	});

	test.each([
		[{}, /Nothing to update/],
		[{ gearId: 'bike 1' }, /not a valid gear ID \(field "Gear"\)/],
		[{ gearId: 'b1', removeGear: true }, /"Gear" and "Remove Gear"/],
	])('bad update fields fail before any request (%j)', async (updateFields, message) => {
		const result = await t.run({ resource: 'activity', operation: 'update', activityId: byId('1005'), updateFields });
		expect(result.error?.message).toMatch(message);
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});

describe('activity: comments, kudoers, laps, zones', () => {
	test('getComments Return All follows the cursor', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getComments', activityId: byId('1000'), returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(450);
		expect(result.items[449].json).toMatchObject({ text: 'Comment 450', activity_id: 1000 });
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([
			{ page_size: '200' },
			{ page_size: '200', after_cursor: 'cur_200' },
			{ page_size: '200', after_cursor: 'cur_400' },
			{ page_size: '200', after_cursor: 'cur_450' },
		]);
		expect(calls().every((call) => call === 'GET /api/v3/activities/1000/comments')).toBe(true);
	});

	test('getComments with a limit', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getComments', activityId: byId('1001'), returnAll: false, limit: 2 });
		expect(result.items.map((item) => item.json.text)).toEqual(['Comment 1', 'Comment 2']);
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([{ page_size: '2' }]);
	});

	test('getKudoers pages with page/per_page', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getKudoers', activityId: byId('1000'), returnAll: true });
		expect(result.items).toHaveLength(250);
		expect(result.items[0].json).toMatchObject({ firstname: 'Athlete1' });
		expect(t.sandbox.apiCalls().map((call) => `${call.path}?${new URLSearchParams(call.query)}`)).toEqual([
			'/api/v3/activities/1000/kudos?page=1&per_page=200',
			'/api/v3/activities/1000/kudos?page=2&per_page=200',
			'/api/v3/activities/1000/kudos?page=3&per_page=200',
		]);
	});

	test('getLaps and getZones: one item per element', async () => {
		const laps = await t.run({ resource: 'activity', operation: 'getLaps', activityId: byId('1001') });
		expect(laps.items.map((item) => item.json.name)).toEqual(['Lap 1', 'Lap 2', 'Lap 3']);
		const zones = await t.run({ resource: 'activity', operation: 'getZones', activityId: byId('1001') });
		expect(zones.items.map((item) => item.json.type)).toEqual(['heartrate', 'power']);
		expect(zones.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(calls()).toEqual(['GET /api/v3/activities/1001/laps', 'GET /api/v3/activities/1001/zones']);
	});
});

describe('activity: getStreams', () => {
	test('byType: one item keyed by stream type, keys=…&key_by_type=true', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'getStreams',
			activityId: byId('1000'),
			keys: ['time', 'latlng', 'heartrate'],
			outputFormat: 'byType',
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()[0].query).toEqual({ keys: 'time,latlng,heartrate', key_by_type: 'true' });
		expect(result.items).toHaveLength(1);
		const json = result.items[0].json as Record<string, { data: unknown[]; series_type: string }>;
		expect(Object.keys(json).sort()).toEqual(['distance', 'heartrate', 'latlng', 'time']);
		expect(json.latlng.data).toHaveLength(5000);
		expect(json.time).toMatchObject({ series_type: 'distance', original_size: 5000 });
	});

	test('points: one item per sample with lat/lng split, missing streams as null', async () => {
		const result = await t.run({
			resource: 'activity',
			operation: 'getStreams',
			activityId: byId('1001'),
			keys: ['time', 'latlng', 'heartrate'],
			outputFormat: 'points',
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items[1]).toEqual({
			json: { time: 1, distance: 5.3, lat: 37.833072, lng: -122.483466, heartrate: null },
			pairedItem: { item: 0 },
		});
	});

	test('points for a long stream: every sample, paired with its input item', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getStreams', activityId: byId('1000'), outputFormat: 'points' });
		expect(result.items).toHaveLength(5000);
		expect(Object.keys(result.items[0].json)).toEqual([
			'time', 'distance', 'lat', 'lng', 'altitude', 'velocity_smooth', 'heartrate', 'cadence', 'watts', 'temp', 'moving', 'grade_smooth',
		]);
		expect(result.items[4999].json.time).toBe(4999);
		expect(paired(result.items)).toEqual(new Set([JSON.stringify({ item: 0 })]));
	});

	test('no stream types picked fails before any request', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getStreams', activityId: byId('1000'), keys: '={{ [] }}' });
		expect(result.error?.message).toContain('"Stream Types"');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});

describe('activity: "From list" search', () => {
	function loadOptionsContext() {
		const node: INode = {
			id: 's',
			name: 'Strava API',
			type: 'n8n-nodes-strava-api.stravaApi',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'activity', operation: 'get' },
			credentials: { stravaV3OAuth2Api: CREDENTIAL },
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const additionalData = { credentialsHelper: t.credentials(), restApiUrl: '', instanceBaseUrl: '' } as unknown as IWorkflowExecuteAdditionalData;
		return new LoadOptionsContext(workflow, node, additionalData, 'parameters.activityId');
	}

	test('searchActivities lists recent activities with name, date, ID and URL, paged', async () => {
		const first = await listSearch.searchActivities.call(loadOptionsContext());
		expect(first.results).toHaveLength(100);
		expect(first.results).toContainEqual({ name: 'Activity 1000 (2026-11-01)', value: '1000', url: 'https://www.strava.com/activities/1000' });
		expect(first.paginationToken).toBe('2');
		const next = await listSearch.searchActivities.call(loadOptionsContext(), undefined, first.paginationToken);
		expect(next.results).toHaveLength(100);
		expect(next.results.some((result) => first.results.some((seen) => seen.value === result.value))).toBe(false);
		expect(calls()).toEqual(['GET /api/v3/athlete/activities', 'GET /api/v3/athlete/activities']);
	});

	test('a filter matches names', async () => {
		const found = await listSearch.searchActivities.call(loadOptionsContext(), 'activity 1042');
		expect(found.results.map((result) => result.value)).toEqual(['1042']);
	});
});

describe('node description', () => {
	test('activity is the default resource; activity and upload offer the fixed operations, each with an action', () => {
		const { properties } = new StravaApi().description;
		const resource = properties.find((property) => property.name === 'resource')!;
		expect(resource.default).toBe('activity');
		expect(resource.options!.map((option) => (option as { value: string }).value)).toEqual(
			expect.arrayContaining(['activity', 'upload', 'request']),
		);
		const operations = (name: string) =>
			properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === name)!
				.options as Array<{ value: string; action?: string }>;
		expect(operations('activity').map((option) => option.value).sort()).toEqual(
			// DESIGN.md's fixed values, plus the exports of issue 12.
			['create', 'get', 'getAll', 'update', 'getComments', 'getKudoers', 'getLaps', 'getZones', 'getStreams', 'exportGpx', 'exportTcx'].sort(),
		);
		expect(operations('upload').map((option) => option.value).sort()).toEqual(['create', 'get']);
		for (const option of [...operations('activity'), ...operations('upload')]) expect(option.action).toBeTruthy();
	});
});
