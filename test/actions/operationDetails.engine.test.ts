import { makeActivity, seedActivities, setActivityExtras, setUploadSettings, uploadReceived } from '../sandbox';
import { makeEffort } from '../sandbox/routes/segmentEfforts';
import { useSandbox } from '../harness';

/**
 * The main node's operations, cases the other tests leave open (found by mutation testing, see docs/testing.md):
 * exact messages of refusals before any request, the fallbacks of optional values, and exactly what is sent.
 */

const EXPORTED = 5101; // an activity with streams, exported from an input item that carries no name
const NO_START = 5102; // Strava's answer for it lacks start_date (a fault answers for it)
const EFFORT_SEGMENT = 424242; // efforts of this segment: two without an ID

const t = useSandbox((sandbox) => {
	seedActivities(sandbox, 3);
	const activities = sandbox.state.collection('activities');
	activities.set(String(EXPORTED), makeActivity(EXPORTED, new Date('2026-10-04T07:15:30Z'), { sport_type: 'Ride', type: 'Ride' }));
	setActivityExtras(sandbox, EXPORTED, { streamPoints: 3, streamTypes: ['time', 'distance', 'latlng'] });
	const efforts = sandbox.state.collection('segmentEfforts');
	const athleteId = sandbox.state.athlete.id as number;
	const effort = (id: number, start: string) => makeEffort(id, EFFORT_SEGMENT, start, athleteId);
	efforts.set('71001', effort(71001, '2026-06-30T08:00:00Z'));
	efforts.set('no-id-1', { ...effort(0, '2026-06-29T08:00:00Z'), id: undefined, name: 'No ID 1' });
	efforts.set('no-id-2', { ...effort(0, '2026-06-28T08:00:00Z'), id: undefined, name: 'No ID 2' });
});

afterEach(() => {
	t.sandbox.faults.length = 0;
});

const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.apiPath}`);
const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

describe('activity', () => {
	test('Get without options sends no query at all', async () => {
		const result = await t.run({ resource: 'activity', operation: 'get', activityId: byId(1000) });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.method, call.apiPath, call.query])).toEqual([['GET', '/activities/1000', {}]]);
	});

	test('Create without distance or commute sends neither field', async () => {
		const result = await t.run(
			{
				resource: 'activity',
				operation: 'create',
				name: 'Yoga',
				sportType: 'Yoga',
				startDateLocal: '2026-05-01T06:30:00',
				elapsedTime: 1800,
				additionalFields: { trainer: true },
			},
			{ scopes: ['activity:write', 'activity:read_all'] },
		);
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.body)).toEqual([
			{ name: 'Yoga', sport_type: 'Yoga', start_date_local: '2026-05-01T06:30:00Z', elapsed_time: '1800', trainer: '1' },
		]);
	});

	test('Update: Remove Gear with Gear "none" clears the gear (no conflict)', async () => {
		const result = await t.run(
			{ resource: 'activity', operation: 'update', activityId: byId(1001), updateFields: { gearId: 'none', removeGear: true } },
			{ scopes: ['activity:write', 'activity:read_all'] },
		);
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.method, call.apiPath, call.body])).toEqual([['PUT', '/activities/1001', { gear_id: 'none' }]]);
	});

	test('Update: Gear and Remove Gear both set is refused before any request, with what to do', async () => {
		const result = await t.run(
			{ resource: 'activity', operation: 'update', activityId: byId(1001), updateFields: { gearId: 'b12345', removeGear: true } },
			{ scopes: ['activity:write', 'activity:read_all'], continueOnFail: true },
		);
		expect(result.items).toEqual([
			{
				json: {
					error: 'Both "Gear" and "Remove Gear" are set',
					errorDescription: 'Keep "Gear" to set the gear, or "Remove Gear" to clear it, not both.',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(calls()).toEqual([]);
	});
});

describe('activity: Get Many filters', () => {
	test('Commute given as the boolean false (by expression) leaves commutes out', async () => {
		const activities = t.sandbox.state.collection('activities');
		activities.get('1001')!.commute = true;
		try {
			const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, filters: { commute: '={{ false }}' } });
			expect(result.error).toBeUndefined();
			const ids = result.items.map((item) => item.json.id);
			expect(ids).toHaveLength(activities.size - 1);
			expect(ids).not.toContain(1001);
			expect(ids).toEqual(expect.arrayContaining([1000, 1002, EXPORTED]));
		} finally {
			activities.get('1001')!.commute = false;
		}
	});

	test('a value other than only/exclude is refused before any request', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, filters: { trainer: '={{ "sometimes" }}' } });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The filter "Trainer" must be "only" or "exclude", not "sometimes"');
		expect(result.error?.description).toBe('Pick "Only" or "Exclude" in "Trainer", or remove the filter.');
		expect(calls()).toEqual([]);
	});

	test('Include Details for a listed activity without an ID asks for /activities/ (and leaves the 404 out)', async () => {
		t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/athlete\/activities$/, times: 1, status: 200, body: [{ name: 'No ID' }] });
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: false, limit: 1, options: { includeDetails: true } });
		expect(calls()).toEqual(['GET /athlete/activities', 'GET /activities/']);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});
});

describe('activity: exports', () => {
	test('an input item without a name: the file is named "Activity <id>"', async () => {
		const result = await t.run(
			{ resource: 'activity', operation: 'exportTcx', activityId: byId(EXPORTED), binaryPropertyName: 'data' },
			{ input: [{ id: EXPORTED, start_date: '2026-10-04T07:15:30Z', sport_type: 'Ride' }] },
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /activities/${EXPORTED}/streams`]);
		expect(result.items[0].json.fileName).toBe(`Activity_${EXPORTED}-${EXPORTED}.tcx`);
		expect(Buffer.from(result.items[0].binary!.data.data, 'base64').toString('utf8')).toContain(`   <Notes>Activity ${EXPORTED}</Notes>\n`);
	});

	test("Strava's answer without a start date: the export says so", async () => {
		t.sandbox.faults.push({ method: 'GET', path: new RegExp(`^/api/v3/activities/${NO_START}$`), times: 1, status: 200, body: { id: NO_START, name: 'Odd' } });
		const result = await t.run({ resource: 'activity', operation: 'exportGpx', activityId: byId(NO_START), binaryPropertyName: 'data' }, { continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: {
					error: `Strava's answer for activity ${NO_START} has no start date`,
					errorDescription: 'A GPX file needs the time the activity started; Strava did not send it.',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(calls()).toEqual([`GET /activities/${NO_START}`]);
	});

	test('"Put Output File in Field" given as null by expression is refused as empty', async () => {
		const result = await t.run({ resource: 'route', operation: 'exportGpx', routeId: byId('3344012345678901201'), binaryPropertyName: '={{ null }}' });
		expect(result.error?.message).toBe('The field "Put Output File in Field" is empty');
		expect(calls()).toEqual([]);
	});
});

describe('athlete', () => {
	test('Revoke Access: the item says what happened, word for word', async () => {
		const result = await t.run({ resource: 'athlete', operation: 'revokeAccess' }, { credentials: t.credentials() });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					revoked: true,
					revokedToken: 'refresh_token',
					message: 'Strava ended this connection. Reconnect the Strava credential before using it again.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Update with no weight (null) says the field is empty', async () => {
		const result = await t.run({ resource: 'athlete', operation: 'update', weight: null });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The field "Weight (Kg)" is empty');
		expect(result.error?.description).toBe('Enter the weight in kilograms, e.g. 68.5. Nothing was sent to Strava.');
		expect(calls()).toEqual([]);
	});
});

describe('an empty ID names its field', () => {
	test.each([
		['route', 'get', 'routeId', 'Route'],
		['route', 'getStreams', 'routeId', 'Route'],
		['segment', 'get', 'segmentId', 'Segment'],
		['segment', 'getStreams', 'segmentId', 'Segment'],
		['segmentEffort', 'get', 'segmentEffortId', 'Segment Effort'],
	])('%s → %s', async (resource, operation, field, label) => {
		// (by expression: n8n itself refuses a required field left empty before the node runs)
		const result = await t.run({ resource, operation, [field]: '={{ "" }}' });
		expect(result.error?.message).toBe(`The field "${label}" is empty`);
		expect(calls()).toEqual([]);
	});
});

describe('segment effort: Get Many', () => {
	test('efforts without an ID are all kept (only repeated IDs are dropped)', async () => {
		const result = await t.run({ resource: 'segmentEffort', operation: 'getAll', segmentId: byId(EFFORT_SEGMENT), returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.id, item.json.name])).toEqual([
			[71001, `Segment ${EFFORT_SEGMENT}`],
			[undefined, 'No ID 1'],
			[undefined, 'No ID 2'],
		]);
	});
});

describe('segment: explore', () => {
	test('Bounds given as null by expression is empty', async () => {
		const result = await t.run({ resource: 'segment', operation: 'explore', bounds: '={{ null }}' });
		expect(result.error?.message).toBe('The field "Bounds" is not valid: it is empty');
		expect(calls()).toEqual([]);
	});

	test('one value is counted as one', async () => {
		const result = await t.run({ resource: 'segment', operation: 'explore', bounds: '37.8' });
		expect(result.error?.message).toBe('The field "Bounds" is not valid: it has 1 values instead of 4');
		expect(calls()).toEqual([]);
	});

	test('a climb category above 5 is refused before any request', async () => {
		const result = await t.run(
			{ resource: 'segment', operation: 'explore', bounds: '37.80,-122.47,37.81,-122.45', filters: { maxCat: 7 } },
			{ continueOnFail: true },
		);
		expect(result.items).toEqual([
			{
				json: {
					error: 'The filter "Max Climb Category" must be a whole number from 0 to 5',
					errorDescription: 'Climb categories go from 0 (not categorised) to 5 (hors catégorie).',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(calls()).toEqual([]);
	});
});

describe('upload: create', () => {
	const GPX = '<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><trkseg><trkpt lat="45.1" lon="6.2"></trkpt></trkseg></trk></gpx>';
	let counter = 0;
	const file = (extra: { fileName?: string; mimeType?: string } = {}) => ({
		$binary: { data: { base64: Buffer.from(`${GPX}<!-- mutants ${++counter} -->`).toString('base64'), ...extra } },
	});
	const upload = (extra: Record<string, unknown> = {}) => ({ resource: 'upload', operation: 'create', waitForProcessing: false, ...extra });
	const scopes = ['activity:write', 'activity:read_all'];

	beforeEach(() => setUploadSettings(t.sandbox, { pollsUntilReady: 2, delayMs: Number.POSITIVE_INFINITY }));

	test('"Input Binary Field" is trimmed', async () => {
		const result = await t.run(upload({ binaryPropertyName: '  data  ' }), { input: [file({ fileName: 'ride.gpx' })], scopes });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['POST /uploads']);
	});

	test('without "Input Binary Field" set, the field "data" is read', async () => {
		const result = await t.run(upload(), { input: [file({ fileName: 'ride.gpx' })], scopes });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['POST /uploads']);
	});

	test('a file without a name is sent as activity.<Data Type>', async () => {
		const result = await t.run(upload({ additionalFields: { dataType: 'gpx' } }), { input: [file({ mimeType: 'application/gpx+xml' })], scopes });
		expect(result.error).toBeUndefined();
		expect(uploadReceived(t.sandbox, String(result.items[0].json.id))?.fileName).toBe('activity.gpx');
	});

	test('a file without a name and without Data Type: the error says it has no name', async () => {
		const result = await t.run(upload(), { input: [file({ mimeType: 'application/gpx+xml' })], scopes });
		expect(result.error?.message).toBe('Cannot tell the file format of "(no file name)" (field "Data Type")');
		expect(calls()).toEqual([]);
	});

	test('description, Trainer off and Commute on are sent as such', async () => {
		const result = await t.run(upload({ additionalFields: { description: 'From the watch', trainer: false, commute: true } }), {
			input: [file({ fileName: 'ride.gpx' })],
			scopes,
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()[0].body).toEqual({ data_type: 'gpx', description: 'From the watch', trainer: '0', commute: '1' });
	});

	test('timing out on an upload whose status Strava left out: the status shows as ""', async () => {
		const body = { id: 77, id_str: '77', error: null, activity_id: null };
		t.sandbox.faults.push({ method: 'POST', path: /^\/api\/v3\/uploads$/, times: 1, status: 201, body });
		t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/uploads\/77$/, times: 5, status: 200, body });
		const result = await t.run(upload({ waitForProcessing: true, timeout: 1 }), { input: [file({ fileName: 'ride.gpx' })], scopes });
		expect(result.error?.message).toBe('Strava was still processing upload 77 after 1 s');
		expect(result.error?.description).toBe(
			'Its status: "". Raise "Timeout (Seconds)", or check later with Upload → Get and upload ID 77.',
		);
	});
});

describe('raw request', () => {
	test('a query parameter whose value is null (by expression) is sent empty', async () => {
		const result = await t.run({
			resource: 'request',
			operation: 'get',
			path: '/athlete',
			queryParameters: { parameters: [{ name: 'empty', value: '={{ null }}' }] },
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.apiPath, call.query])).toEqual([['/athlete', { empty: '' }]]);
	});

	test('a JSON body given as an object (by expression) is sent as it is', async () => {
		const result = await t.run(
			{ resource: 'request', operation: 'put', path: '/activities/1002', bodyType: 'json', jsonBody: '={{ { "name": "Object body" } }}' },
			{ scopes: ['activity:write', 'activity:read_all'] },
		);
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.method, call.apiPath, call.body])).toEqual([['PUT', '/activities/1002', { name: 'Object body' }]]);
		expect(result.items[0].json).toMatchObject({ id: 1002, name: 'Object body' });
	});

	test('Split Arrays Into Items off: one item with the list under "data"', async () => {
		const result = await t.run({ resource: 'request', operation: 'get', path: '/athlete/activities?per_page=2', requestOptions: { splitArrays: false } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect((result.items[0].json.data as Array<{ id: number }>).map((activity) => activity.id)).toEqual([1000, 1001]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('a file answer without Content-Type, into an empty field name: "data", application/octet-stream', async () => {
		t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/routes\/1\/export_gpx$/, times: 1, status: 200, raw: 'GPX-BYTES' });
		const result = await t.run({
			resource: 'request',
			operation: 'get',
			path: '/routes/1/export_gpx',
			requestOptions: { response: 'file', binaryPropertyName: '' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ statusCode: 200, path: '/routes/1/export_gpx' });
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['data']);
		expect(result.items[0].binary!.data).toMatchObject({ fileName: 'routes_1_export_gpx', mimeType: 'application/octet-stream' });
		expect(Buffer.from(result.items[0].binary!.data.data, 'base64').toString('utf8')).toBe('GPX-BYTES');
	});

	test('a file answer for the bare API root is named "strava"', async () => {
		t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/$/, times: 1, status: 200, raw: 'ROOT', headers: { 'Content-Type': 'text/plain' } });
		const result = await t.run({ resource: 'request', operation: 'get', path: '/', requestOptions: { response: 'file' } });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /']);
		expect(result.items[0].binary!.data).toMatchObject({ fileName: 'strava', mimeType: 'text/plain' });
	});
});
