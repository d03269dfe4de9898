import { useSandbox } from '../harness';
import { ROUTE_POINTS, seedRoutes } from '../sandbox';

const t = useSandbox((sandbox) => seedRoutes(sandbox, 5));

const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.path.replace('/api/v3', '')}`);
const route = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const ROUTE = '3344012345678901201';

describe('route resource', () => {
	test('get: GET /routes/{id} keeps the exact ID in id_str', async () => {
		const result = await t.run({ resource: 'route', operation: 'get', routeId: route(ROUTE) });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /routes/${ROUTE}`]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id_str: ROUTE, name: 'Route 1', map: { id: `r${ROUTE}` } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('get by URL', async () => {
		const result = await t.run({ resource: 'route', operation: 'get', routeId: route(`https://www.strava.com/routes/${ROUTE}`, 'url') });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /routes/${ROUTE}`]);
	});

	test('a private route without read_all names the missing permission', async () => {
		const result = await t.run({ resource: 'route', operation: 'get', routeId: route('3344012345678901205') }, { scopes: ['read'] });
		expect(result.error?.message).toContain('"read_all" permission');
	});

	test('getAll for the connected athlete: GET /athlete, then pages until an empty one', async () => {
		const result = await t.run({ resource: 'route', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.path, call.query])).toEqual([
			['/api/v3/athlete', {}],
			['/api/v3/athletes/134815/routes', { page: '1', per_page: '200' }],
			['/api/v3/athletes/134815/routes', { page: '2', per_page: '200' }],
		]);
		expect(result.items.map((item) => item.json.id_str)).toHaveLength(5);
		expect(result.items[4].json).toMatchObject({ private: true });
		expect(result.items[4].pairedItem).toEqual({ item: 0 });
	});

	test('getAll for a given athlete with a limit', async () => {
		const result = await t.run({
			resource: 'route',
			operation: 'getAll',
			athleteId: { __rl: true, mode: 'id', value: '134815' },
			returnAll: false,
			limit: 2,
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.path, call.query])).toEqual([
			['/api/v3/athletes/134815/routes', { page: '1', per_page: '2' }],
		]);
		expect(result.items.map((item) => item.json.name)).toEqual(['Route 1', 'Route 2']);
	});

	test('exportGpx: the GPX file as binary data named route-<id>.gpx', async () => {
		const result = await t.run({ resource: 'route', operation: 'exportGpx', routeId: route(ROUTE), binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /routes/${ROUTE}/export_gpx`]);
		const [item] = result.items;
		expect(item.json).toEqual({ routeId: ROUTE, format: 'gpx', fileName: `route-${ROUTE}.gpx` });
		expect(item.pairedItem).toEqual({ item: 0 });
		const file = item.binary?.data;
		expect(file).toMatchObject({ fileName: `route-${ROUTE}.gpx`, mimeType: 'application/gpx+xml', fileExtension: 'gpx' });
		const xml = Buffer.from(file!.data, 'base64').toString('utf8');
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gpx /);
		expect(xml.match(/<trkpt /g)).toHaveLength(ROUTE_POINTS);
		expect(xml).toContain('<name>Route 1</name>');
	});

	test('exportTcx: the TCX file in the chosen binary property', async () => {
		const result = await t.run({ resource: 'route', operation: 'exportTcx', routeId: route(ROUTE), binaryPropertyName: 'course' });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /routes/${ROUTE}/export_tcx`]);
		const file = result.items[0].binary?.course;
		expect(file).toMatchObject({ fileName: `route-${ROUTE}.tcx`, mimeType: 'application/vnd.garmin.tcx+xml' });
		const xml = Buffer.from(file!.data, 'base64').toString('utf8');
		expect(xml).toContain('<TrainingCenterDatabase');
		expect(xml.match(/<Trackpoint>/g)).toHaveLength(ROUTE_POINTS);
	});

	test('export with an empty binary field name fails before any request', async () => {
		const result = await t.run({ resource: 'route', operation: 'exportGpx', routeId: route(ROUTE), binaryPropertyName: ' ' });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The field "Put Output File in Field" is empty');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('getStreams keyed by type: no keys sent, the three route streams', async () => {
		const result = await t.run({ resource: 'route', operation: 'getStreams', routeId: route(ROUTE), outputFormat: 'byType' });
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(call.path).toBe(`/api/v3/routes/${ROUTE}/streams`);
		expect(call.query).toEqual({});
		expect(result.items).toHaveLength(1);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['altitude', 'distance', 'latlng']);
		expect((result.items[0].json.latlng as { data: unknown[] }).data).toHaveLength(ROUTE_POINTS);
	});

	test('getStreams as points: one item per sample with lat and lng', async () => {
		const result = await t.run({ resource: 'route', operation: 'getStreams', routeId: route(ROUTE), outputFormat: 'points' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ROUTE_POINTS);
		expect(result.items[1].json).toEqual({ distance: 5.3, lat: 37.833072, lng: -122.483466, altitude: expect.any(Number) });
		expect(result.items[ROUTE_POINTS - 1].pairedItem).toEqual({ item: 0 });
	});

	test('a malformed route ID fails naming the field, with no request', async () => {
		const result = await t.run({ resource: 'route', operation: 'exportTcx', routeId: 'route-12', binaryPropertyName: 'data' });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('"route-12" is not a valid route ID (field "Route")');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});
