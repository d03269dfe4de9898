import { useSandbox } from '../harness';
import { SEGMENT_POINTS, seedStarredSegments, starredOf } from '../sandbox';

const t = useSandbox((sandbox) => seedStarredSegments(sandbox, 248));

const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.path.replace('/api/v3', '')}`);
const segment = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const SF_BOUNDS = '37.821362,-122.505373,37.842038,-122.465977';

describe('segment resource', () => {
	test('get: GET /segments/{id}', async () => {
		const result = await t.run({ resource: 'segment', operation: 'get', segmentId: segment('229781') });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /segments/229781']);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: 229781, name: 'Hawk Hill', starred: true, athlete_segment_stats: { effort_count: 2 } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('get by URL', async () => {
		const result = await t.run({ resource: 'segment', operation: 'get', segmentId: segment('https://www.strava.com/segments/788127?filter=overall', 'url') });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /segments/788127']);
		expect(result.items[0].json.name).toBe("Alpe d'Huez");
	});

	test('getStarred with Return All: 250 segments in ceil(250/200)+1 = 3 requests', async () => {
		const result = await t.run({ resource: 'segment', operation: 'getStarred', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([
			{ page: '1', per_page: '200' },
			{ page: '2', per_page: '200' },
			{ page: '3', per_page: '200' },
		]);
		expect(result.items).toHaveLength(250);
		expect(result.items[0].json).toMatchObject({ id: 229781, resource_state: 2, starred: true });
		expect(result.items[249].pairedItem).toEqual({ item: 0 });
	});

	test('getStarred with a limit', async () => {
		const result = await t.run({ resource: 'segment', operation: 'getStarred', limit: 5 });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([{ page: '1', per_page: '5' }]);
		expect(result.items).toHaveLength(5);
	});

	test('star then unstar: PUT /segments/{id}/starred with a real boolean', async () => {
		const star = await t.run({ resource: 'segment', operation: 'star', segmentId: segment('229783', 'id'), starred: true });
		expect(star.error).toBeUndefined();
		expect(star.items[0].json).toMatchObject({ id: 229783, starred: true });
		expect(star.items[0].pairedItem).toEqual({ item: 0 });
		expect(starredOf(t.sandbox)).toContain('229783');

		const unstar = await t.run({ resource: 'segment', operation: 'star', segmentId: segment('229783', 'id'), starred: false });
		expect(unstar.error).toBeUndefined();
		expect(unstar.items[0].json.starred).toBe(false);
		expect(starredOf(t.sandbox)).not.toContain('229783');

		const puts = t.sandbox.apiCalls();
		expect(puts.map((call) => `${call.method} ${call.path}`)).toEqual([
			'PUT /api/v3/segments/229783/starred',
			'PUT /api/v3/segments/229783/starred',
		]);
		expect(puts.every((call) => String(call.contentType).includes('application/json'))).toBe(true);
		expect(puts.map((call) => JSON.parse(call.raw.toString()))).toEqual([{ starred: true }, { starred: false }]);
	});

	test('star without profile:write names that permission', async () => {
		const result = await t.run({ resource: 'segment', operation: 'star', segmentId: segment('229781'), starred: true }, { scopes: ['read', 'activity:read_all'] });
		expect(result.error?.message).toContain('"profile:write" permission');
	});

	test('explore: bounds and filters as Strava expects, one item per segment', async () => {
		const result = await t.run({
			resource: 'segment',
			operation: 'explore',
			bounds: ` ${SF_BOUNDS.replace(/,/g, ', ')} `,
			filters: { activityType: 'riding', minCat: 1, maxCat: 5 },
		});
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(call.path).toBe('/api/v3/segments/explore');
		expect(call.query).toEqual({ bounds: SF_BOUNDS, activity_type: 'riding', min_cat: '1', max_cat: '5' });
		expect(result.items.map((item) => item.json.name)).toEqual(['Hawk Hill', 'Conzelman Climb']);
		expect(result.items[0].json).toMatchObject({ climb_category: 1, climb_category_desc: '4', avg_grade: 5.7, starred: true });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('explore without filters sends only bounds', async () => {
		const result = await t.run({ resource: 'segment', operation: 'explore', bounds: '37.80,-122.47,37.81,-122.45' });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()[0].query).toEqual({ bounds: '37.8,-122.47,37.81,-122.45' });
		expect(result.items.map((item) => item.json.name)).toEqual(['Crissy Field Run']);
	});

	test.each([
		['={{ "" }}', 'it is empty'],
		['37.82,-122.50,37.84', 'it has 3 values instead of 4'],
		['37.82,-122.50,north,-122.46', '"north" is not a number'],
		['37.82,-122.50,91,-122.46', 'latitude 91 is outside -90…90'],
		['37.82,-190,37.84,-122.46', 'longitude -190 is outside -180…180'],
		['37.84,-122.50,37.82,-122.46', 'the south-west latitude (37.84) must be smaller than the north-east latitude (37.82)'],
		['37.82,-122.46,37.84,-122.50', 'the south-west longitude (-122.46) must be smaller than the north-east longitude (-122.5)'],
	])('explore with bounds "%s" fails before any request: %s', async (bounds, problem) => {
		const result = await t.run({ resource: 'segment', operation: 'explore', bounds });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`The field "Bounds" is not valid: ${problem}`);
		expect(result.error?.description).toContain('south-west latitude, south-west longitude, north-east latitude, north-east longitude');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('explore with min category above max category fails before any request', async () => {
		const result = await t.run({ resource: 'segment', operation: 'explore', bounds: SF_BOUNDS, filters: { minCat: 4, maxCat: 2 } });
		expect(result.error?.message).toBe('The filter "Min Climb Category" is higher than "Max Climb Category"');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('getStreams keyed by type asks for the picked keys with key_by_type=true', async () => {
		const result = await t.run({ resource: 'segment', operation: 'getStreams', segmentId: segment('229781'), keys: ['latlng', 'altitude'], outputFormat: 'byType' });
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(call.path).toBe('/api/v3/segments/229781/streams');
		expect(call.query).toEqual({ keys: 'latlng,altitude', key_by_type: 'true' });
		expect(result.items).toHaveLength(1);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['altitude', 'distance', 'latlng']);
		expect(result.items[0].json.latlng).toMatchObject({ series_type: 'distance', original_size: SEGMENT_POINTS });
	});

	test('getStreams as points', async () => {
		const result = await t.run({ resource: 'segment', operation: 'getStreams', segmentId: segment('229781'), outputFormat: 'points' });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()[0].query).toEqual({ keys: 'distance,latlng,altitude', key_by_type: 'true' });
		expect(result.items).toHaveLength(SEGMENT_POINTS);
		expect(Object.keys(result.items[0].json)).toEqual(['distance', 'lat', 'lng', 'altitude']);
		expect(result.items[0].json).toMatchObject({ distance: 0, lat: 37.833112, lng: -122.483436 });
	});

	test('a malformed segment ID fails naming the field, with no request', async () => {
		const result = await t.run({ resource: 'segment', operation: 'star', segmentId: 'https://www.strava.com/segments/hawk-hill', starred: true });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('"https://www.strava.com/segments/hawk-hill" is not a valid segment ID (field "Segment")');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});
