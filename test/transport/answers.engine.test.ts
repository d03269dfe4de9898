/**
 * Issue 10, answers the code does not understand: every operation checks Strava's answer against what its
 * endpoint returns (nodes/shared/transport/expect.ts). An HTML page, a cut-off or empty body, a JSON
 * error object or a value of the wrong shape on a 200 is an error naming the endpoint, the status and what
 * came back — never an output item, never the silent end of a list. Each case runs through n8n's engine
 * twice: stopping on the error, and with "Continue On Fail" (one error item, nothing else).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness';
import { seedActivities, seedEfforts, seedStarredSegments, setUploadSettings, type StravaSandbox } from '../sandbox';
import type { Fault } from '../sandbox/server';

const ACTIVITY = '1000';
const ROUTE = '3344012345678901201';
const t = useSandbox((sandbox) => {
	seedActivities(sandbox, 250);
	seedStarredSegments(sandbox, 3);
	seedEfforts(sandbox, 229781, 3);
});
afterEach(() => (t.sandbox.faults = []));

const HTML = '<!DOCTYPE html><html><head><title>Strava is down for maintenance</title></head><body>Back soon</body></html>';
const html = (extra: Partial<Fault> = {}): Partial<Fault> => ({ status: 200, raw: HTML, headers: { 'Content-Type': 'text/html' }, ...extra });
const raw = (text: string, status = 200): Partial<Fault> => ({ status, raw: text, headers: { 'Content-Type': 'application/json' } });
const json = (body: unknown, status = 200): Partial<Fault> => ({ status, body });

const id = (value: string) => ({ __rl: true, mode: 'id', value });
const GPX_FILE = '<?xml version="1.0"?><gpx version="1.1"><trk><trkseg><trkpt lat="45.1" lon="6.2"/></trkseg></trk></gpx>';
const fileItem = { $binary: { data: { base64: Buffer.from(GPX_FILE).toString('base64'), fileName: 'ride.gpx', mimeType: 'application/gpx+xml' } } };

interface Case {
	class: string;
	name: string;
	parameters: INodeParameters;
	/** Faults to serve; `path` is matched against the full request path (under /api/v3). */
	faults: Array<Partial<Fault> & { path: RegExp }>;
	/** What the error message must say. */
	error: RegExp;
	/** Requests that must never be sent. */
	never?: RegExp;
	input?: IDataObject[];
	before?: (sandbox: StravaSandbox) => void;
}

const activityGet = { resource: 'activity', operation: 'get', activityId: id(ACTIVITY) };
const ACTIVITY_PATH = new RegExp(`/activities/${ACTIVITY}$`);
const not = (what: string, status = 200) => new RegExp(`is not what this endpoint returns: ${what}, HTTP ${status}$`);

const cases: Case[] = [
	// One record (a JSON object with an id).
	{ class: 'single record', name: 'Activity Get answers an HTML page', parameters: activityGet, faults: [{ path: ACTIVITY_PATH, ...html() }], error: new RegExp(`^Strava's answer to GET /activities/${ACTIVITY} is not what this endpoint returns: an HTML page, HTTP 200$`) },
	{ class: 'single record', name: 'Activity Get answers truncated JSON', parameters: activityGet, faults: [{ path: ACTIVITY_PATH, ...raw('{"id": 1000, "name": "Morning Ri') }], error: not('JSON that is cut off or malformed') },
	{ class: 'single record', name: 'Activity Get answers an empty body', parameters: activityGet, faults: [{ path: ACTIVITY_PATH, ...raw('') }], error: not('an empty body') },
	{ class: 'single record', name: 'Activity Get answers [1,2,3]', parameters: activityGet, faults: [{ path: ACTIVITY_PATH, ...json([1, 2, 3]) }], error: not('a JSON array of values that are not objects') },
	{ class: 'single record', name: 'Activity Get answers {}', parameters: activityGet, faults: [{ path: ACTIVITY_PATH, ...json({}) }], error: not('an empty JSON object') },
	{ class: 'single record', name: 'Activity Get answers an object without an id', parameters: activityGet, faults: [{ path: ACTIVITY_PATH, ...json({ name: 'Morning Ride' }) }], error: not('a JSON object without an "id"') },
	{ class: 'single record', name: 'Activity Get answers a Strava error object with 200', parameters: activityGet, faults: [{ path: ACTIVITY_PATH, ...json({ message: 'Record Not Found', errors: [] }) }], error: not('a Strava error object \\("Record Not Found"\\)') },
	{ class: 'single record', name: 'Activity Get answers a JSON string', parameters: activityGet, faults: [{ path: ACTIVITY_PATH, ...raw('"ok"') }], error: not('(text that is not JSON|a JSON string)') },
	{ class: 'single record', name: 'Activity Update (PUT) answers HTML', parameters: { resource: 'activity', operation: 'update', activityId: id(ACTIVITY), updateFields: { name: 'Renamed' } }, faults: [{ path: ACTIVITY_PATH, method: 'PUT', ...html() }], error: /^Strava's answer to PUT \/activities\/1000 is not/ },
	{ class: 'single record', name: 'Activity Create answers 201 {}', parameters: { resource: 'activity', operation: 'create', name: 'Lunch', sportType: 'Run', startDateLocal: '2026-05-01T12:00:00', elapsedTime: 1800 }, faults: [{ path: /\/activities$/, method: 'POST', ...json({}, 201) }], error: /^Strava's answer to POST \/activities is not .*an empty JSON object, HTTP 201$/ },
	{ class: 'single record', name: 'Athlete Get answers an object without an id', parameters: { resource: 'athlete', operation: 'get' }, faults: [{ path: /\/athlete$/, ...json({ firstname: 'Marianne' }) }], error: /^Strava's answer to GET \/athlete is not .*without an "id"/ },
	{ class: 'single record', name: 'Athlete Update answers []', parameters: { resource: 'athlete', operation: 'update', weight: 70 }, faults: [{ path: /\/athlete$/, method: 'PUT', ...json([]) }], error: /PUT \/athlete is not .*an empty JSON array/ },
	{ class: 'single record', name: 'Athlete Get Stats answers HTML', parameters: { resource: 'athlete', operation: 'getStats' }, faults: [{ path: /\/stats$/, ...html() }], error: /GET \/athletes\/\d+\/stats is not .*an HTML page/ },
	{ class: 'single record', name: 'Athlete Get Zones answers [1,2]', parameters: { resource: 'athlete', operation: 'getZones' }, faults: [{ path: /\/athlete\/zones$/, ...json([1, 2]) }], error: /GET \/athlete\/zones is not/ },
	{ class: 'single record', name: 'Club Get answers HTML', parameters: { resource: 'club', operation: 'get', clubId: id('231407') }, faults: [{ path: /\/clubs\/231407$/, ...html() }], error: /GET \/clubs\/231407 is not .*an HTML page/ },
	{ class: 'single record', name: 'Gear Get answers {}', parameters: { resource: 'gear', operation: 'get', gearId: id('b12345678') }, faults: [{ path: /\/gear\//, ...json({}) }], error: /GET \/gear\/b12345678 is not/ },
	{ class: 'single record', name: 'Route Get answers truncated JSON', parameters: { resource: 'route', operation: 'get', routeId: id(ROUTE) }, faults: [{ path: new RegExp(`/routes/${ROUTE}$`), ...raw('{"id": 33440123') }], error: /JSON that is cut off or malformed/ },
	{ class: 'single record', name: 'Segment Get answers an empty body', parameters: { resource: 'segment', operation: 'get', segmentId: id('229781') }, faults: [{ path: /\/segments\/229781$/, ...raw('') }], error: /GET \/segments\/229781 is not .*an empty body/ },
	{ class: 'single record', name: 'Segment Star answers HTML', parameters: { resource: 'segment', operation: 'star', segmentId: id('229781'), starred: true }, faults: [{ path: /\/starred$/, method: 'PUT', ...html() }], error: /PUT \/segments\/229781\/starred is not/ },
	{ class: 'single record', name: 'Segment Effort Get answers [1,2,3]', parameters: { resource: 'segmentEffort', operation: 'get', segmentEffortId: id('70000') }, faults: [{ path: /\/segment_efforts\/70000$/, ...json([1, 2, 3]) }], error: /GET \/segment_efforts\/70000 is not/ },
	{ class: 'single record', name: 'Upload Get answers {}', parameters: { resource: 'upload', operation: 'get', uploadId: id('123') }, faults: [{ path: /\/uploads\/123$/, ...json({}) }], error: /GET \/uploads\/123 is not .*an empty JSON object/ },

	// An id Strava did not give is an error, never "undefined" in the next request's path.
	{ class: 'missing id', name: 'Get Stats: GET /athlete without an id', parameters: { resource: 'athlete', operation: 'getStats' }, faults: [{ path: /\/athlete$/, ...json({ firstname: 'Marianne' }) }], error: /GET \/athlete is not .*without an "id"/, never: /undefined/ },
	{ class: 'missing id', name: 'Route Get Many: GET /athlete answers {}', parameters: { resource: 'route', operation: 'getAll', returnAll: true }, faults: [{ path: /\/athlete$/, ...json({}) }], error: /GET \/athlete is not/, never: /undefined/ },
	{ class: 'missing id', name: 'Upload Create: POST /uploads answers 201 without an id', parameters: { resource: 'upload', operation: 'create' }, input: [fileItem], faults: [{ path: /\/uploads$/, method: 'POST', ...json({ status: 'Your activity is still being processed.' }, 201) }], error: /POST \/uploads is not .*without an "id", HTTP 201/, never: /\/uploads\/./ },
	{ class: 'missing id', name: 'Upload Create: the status poll answers HTML (not a timeout with status "")', parameters: { resource: 'upload', operation: 'create', timeout: 30 }, input: [fileItem], faults: [{ path: /\/uploads\/\d+$/, method: 'GET', ...html() }], error: /GET \/uploads\/\d+ is not .*an HTML page/ },

	// Lists and list pages: a page that is not a list is an error, never the end of the list.
	{ class: 'list page', name: 'Activity Get Many: page 1 is HTML (not 0 items)', parameters: { resource: 'activity', operation: 'getAll', returnAll: true }, faults: [{ path: /\/athlete\/activities$/, query: { page: '1' }, ...html() }], error: /^Strava's answer to GET \/athlete\/activities \(page 1\) is not .*an HTML page/ },
	{ class: 'list page', name: 'Activity Get Many: page 2 is HTML (not 200 of 250)', parameters: { resource: 'activity', operation: 'getAll', returnAll: true }, faults: [{ path: /\/athlete\/activities$/, query: { page: '2' }, ...html() }], error: /GET \/athlete\/activities \(page 2\) is not .*an HTML page/ },
	{ class: 'list page', name: 'Activity Get Many: page 2 is empty (not 200 of 250)', parameters: { resource: 'activity', operation: 'getAll', returnAll: true }, faults: [{ path: /\/athlete\/activities$/, query: { page: '2' }, ...raw('') }], error: /\(page 2\) is not .*an empty body/ },
	{ class: 'list page', name: 'Activity Get Many: page 2 is {}', parameters: { resource: 'activity', operation: 'getAll', limit: 220 }, faults: [{ path: /\/athlete\/activities$/, query: { page: '2' }, ...json({}) }], error: /\(page 2\) is not .*an empty JSON object/ },
	{ class: 'list page', name: 'Activity Get Many: the last (empty) page is an error object', parameters: { resource: 'activity', operation: 'getAll', returnAll: true }, faults: [{ path: /\/athlete\/activities$/, query: { page: '3' }, ...json({ message: 'Server Error', errors: [] }) }], error: /\(page 3\) is not .*a Strava error object/ },
	{ class: 'list page', name: 'Activity Get Many: a page is [1,2,3]', parameters: { resource: 'activity', operation: 'getAll', returnAll: true }, faults: [{ path: /\/athlete\/activities$/, query: { page: '1' }, ...json([1, 2, 3]) }], error: /values that are not objects/ },
	{ class: 'list page', name: 'Activity Get Laps answers HTML', parameters: { resource: 'activity', operation: 'getLaps', activityId: id(ACTIVITY) }, faults: [{ path: /\/laps$/, ...html() }], error: /GET \/activities\/1000\/laps is not .*an HTML page/ },
	{ class: 'list page', name: 'Activity Get Laps answers {}', parameters: { resource: 'activity', operation: 'getLaps', activityId: id(ACTIVITY) }, faults: [{ path: /\/laps$/, ...json({}) }], error: /\/laps is not .*an empty JSON object/ },
	{ class: 'list page', name: 'Activity Get Zones answers an object', parameters: { resource: 'activity', operation: 'getZones', activityId: id(ACTIVITY) }, faults: [{ path: /\/zones$/, ...json({ message: 'Forbidden' }) }], error: /\/activities\/1000\/zones is not/ },
	{ class: 'list page', name: 'Activity Get Comments (cursor) answers HTML', parameters: { resource: 'activity', operation: 'getComments', activityId: id(ACTIVITY), returnAll: true }, faults: [{ path: /\/comments$/, ...html() }], error: /GET \/activities\/1000\/comments \(page 1\) is not/ },
	{ class: 'list page', name: 'Activity Get Kudoers answers an empty body', parameters: { resource: 'activity', operation: 'getKudoers', activityId: id(ACTIVITY), limit: 10 }, faults: [{ path: /\/kudos$/, ...raw('') }], error: /\/kudos \(page 1\) is not .*an empty body/ },
	{ class: 'list page', name: 'Club Get Many answers HTML', parameters: { resource: 'club', operation: 'getAll', returnAll: true }, faults: [{ path: /\/athlete\/clubs$/, ...html() }], error: /GET \/athlete\/clubs \(page 1\) is not/ },
	{ class: 'list page', name: 'Segment Get Starred answers {}', parameters: { resource: 'segment', operation: 'getStarred', returnAll: true }, faults: [{ path: /\/segments\/starred$/, ...json({}) }], error: /GET \/segments\/starred \(page 1\) is not/ },
	{ class: 'list page', name: 'Segment Effort Get Many answers truncated JSON', parameters: { resource: 'segmentEffort', operation: 'getAll', segmentId: id('229781'), returnAll: true }, faults: [{ path: /\/segment_efforts$/, ...raw('[{"id": 70000, "name"') }], error: /GET \/segment_efforts \(page 1\) is not .*cut off or malformed/ },
	{ class: 'list page', name: 'Route Get Many answers HTML', parameters: { resource: 'route', operation: 'getAll', returnAll: true }, faults: [{ path: /\/routes$/, ...html() }], error: /GET \/athletes\/\d+\/routes \(page 1\) is not/ },
	{ class: 'list page', name: 'Raw GET with Return All: page 2 is HTML', parameters: { resource: 'request', operation: 'get', path: '/athlete/activities', returnAll: true }, faults: [{ path: /\/athlete\/activities$/, query: { page: '2' }, ...html() }], error: /\(page 2\) is not .*an HTML page/ },
	{ class: 'list page', name: 'Segment Explore answers {}', parameters: { resource: 'segment', operation: 'explore', bounds: '37.821362,-122.505373,37.842038,-122.465977' }, faults: [{ path: /\/segments\/explore$/, ...json({}) }], error: /GET \/segments\/explore is not .*an empty JSON object/ },
	{ class: 'list page', name: 'Segment Explore answers {"segments": "none"}', parameters: { resource: 'segment', operation: 'explore', bounds: '37.821362,-122.505373,37.842038,-122.465977' }, faults: [{ path: /\/segments\/explore$/, ...json({ segments: 'none' }) }], error: /GET \/segments\/explore is not/ },

	// Stream sets.
	...(['byType', 'points'] as const).flatMap((outputFormat): Case[] => [
		{ class: 'streams', name: `Activity Get Streams (${outputFormat}) answers {}`, parameters: { resource: 'activity', operation: 'getStreams', activityId: id(ACTIVITY), outputFormat }, faults: [{ path: /\/streams$/, ...json({}) }], error: /GET \/activities\/1000\/streams is not .*an empty JSON object/ },
		{ class: 'streams', name: `Activity Get Streams (${outputFormat}) answers HTML`, parameters: { resource: 'activity', operation: 'getStreams', activityId: id(ACTIVITY), outputFormat }, faults: [{ path: /\/streams$/, ...html() }], error: /streams is not .*an HTML page/ },
	]),
	{ class: 'streams', name: 'Activity Get Streams answers {"time": 5}', parameters: { resource: 'activity', operation: 'getStreams', activityId: id(ACTIVITY) }, faults: [{ path: /\/streams$/, ...json({ time: 5 }) }], error: /streams is not/ },
	{ class: 'streams', name: 'Activity Get Streams answers [1,2,3]', parameters: { resource: 'activity', operation: 'getStreams', activityId: id(ACTIVITY), outputFormat: 'points' }, faults: [{ path: /\/streams$/, ...json([1, 2, 3]) }], error: /streams is not/ },
	{ class: 'streams', name: 'Route Get Streams answers []', parameters: { resource: 'route', operation: 'getStreams', routeId: id(ROUTE) }, faults: [{ path: /\/streams$/, ...json([]) }], error: /GET \/routes\/\d+\/streams is not .*an empty JSON array/ },
	{ class: 'streams', name: 'Segment Get Streams answers an error object', parameters: { resource: 'segment', operation: 'getStreams', segmentId: id('229781') }, faults: [{ path: /\/streams$/, ...json({ message: 'Record Not Found', errors: [] }) }], error: /GET \/segments\/229781\/streams is not/ },
	{ class: 'streams', name: 'Segment Effort Get Streams answers an empty body', parameters: { resource: 'segmentEffort', operation: 'getStreams', segmentEffortId: id('70000') }, faults: [{ path: /\/streams$/, ...raw('') }], error: /GET \/segment_efforts\/70000\/streams is not .*an empty body/ },

	// Route files.
	{ class: 'xml export', name: 'Export GPX answers an empty 200', parameters: { resource: 'route', operation: 'exportGpx', routeId: id(ROUTE), binaryPropertyName: 'data' }, faults: [{ path: /export_gpx$/, ...raw('') }], error: /GET \/routes\/\d+\/export_gpx is not .*an empty body/ },
	{ class: 'xml export', name: 'Export GPX answers a JSON error body with 200', parameters: { resource: 'route', operation: 'exportGpx', routeId: id(ROUTE), binaryPropertyName: 'data' }, faults: [{ path: /export_gpx$/, ...json({ message: 'Record Not Found', errors: [] }) }], error: /export_gpx is not .*a Strava error object/ },
	{ class: 'xml export', name: 'Export GPX answers an HTML page', parameters: { resource: 'route', operation: 'exportGpx', routeId: id(ROUTE), binaryPropertyName: 'data' }, faults: [{ path: /export_gpx$/, ...html() }], error: /export_gpx is not .*an HTML page/ },
	{ class: 'xml export', name: 'Export TCX answers a GPX document', parameters: { resource: 'route', operation: 'exportTcx', routeId: id(ROUTE), binaryPropertyName: 'data' }, faults: [{ path: /export_tcx$/, status: 200, raw: GPX_FILE, headers: { 'Content-Type': 'application/xml' } }], error: /export_tcx is not .*an XML document of another kind/ },
];

const counts = new Map<string, number>();
afterAll(() => {
	const lines = [...counts].map(([name, count]) => `  ${name}: ${count}`);
	console.log(`faults.answers: ${[...counts.values()].reduce((a, b) => a + b, 0)} engine runs by class\n${lines.join('\n')}`);
});

describe.each(cases)('$class: $name', (testCase) => {
	test.each([false, true])('continueOnFail=%s', async (continueOnFail) => {
		counts.set(testCase.class, (counts.get(testCase.class) ?? 0) + 1);
		setUploadSettings(t.sandbox, { pollsUntilReady: 1, delayMs: Number.POSITIVE_INFINITY });
		t.sandbox.faults = testCase.faults.map((fault) => ({ times: 5, ...fault }) as Fault);
		const credentials = t.credentials();
		const result = await t.run(testCase.parameters, { continueOnFail, input: testCase.input, credentials });
		if (continueOnFail) {
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(String(result.items[0].json.error)).toMatch(testCase.error);
			expect(result.items[0].json.httpCode).toMatch(/^\d{3}$/);
			expect(result.items[0].binary).toBeUndefined();
		} else {
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toMatch(testCase.error);
			expect(result.error?.description).toMatch(/^Expected .+\. It sent/);
			expect(result.items).toHaveLength(0);
		}
		if (testCase.never) expect(t.sandbox.apiCalls().map((call) => call.path).filter((path) => testCase.never!.test(path))).toEqual([]);
		// A bad answer is not retried (it is not a transfer fault) and nothing of the credential leaks.
		const token = credentials.stored.oauthTokenData as Record<string, string>;
		for (const secret of [token.access_token, token.refresh_token, t.sandbox.state.clientSecret]) {
			expect(result.serialized).not.toContain(secret);
		}
	});
});

describe('healthy and raw answers still pass', () => {
	test('the raw request passes any text on (it is raw)', async () => {
		t.sandbox.faults = [{ times: 1, path: /\/athlete$/, ...html() } as Fault];
		const result = await t.run({ resource: 'request', operation: 'get', path: '/athlete' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ data: HTML }]);
		counts.set('raw passes', (counts.get('raw passes') ?? 0) + 1);
	});

	test('Return All over 250 activities still reads every page and ends at the empty one', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(t.sandbox.apiCalls().map((call) => call.query.page)).toEqual(['1', '2', '3']);
		counts.set('healthy', (counts.get('healthy') ?? 0) + 1);
	});

	test('a JSON string body on the raw request passes as data', async () => {
		t.sandbox.faults = [{ times: 1, path: /\/athlete$/, ...raw('"ok"') } as Fault];
		const result = await t.run({ resource: 'request', operation: 'get', path: '/athlete' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ data: 'ok' });
		counts.set('raw passes', (counts.get('raw passes') ?? 0) + 1);
	});
});

describe("an answer that echoes the credential's secrets", () => {
	test.each([
		['a 200 that is not JSON (its excerpt is in the message)', 200, 'text/html'],
		['a 400 whose words repeat them', 400, 'application/json'],
	])('%s: no output, error or message carries the tokens or the client secret', async (_case, status, contentType) => {
		const credentials = t.credentials();
		const { access_token: accessToken, refresh_token: refreshToken } = credentials.stored.oauthTokenData as Record<string, string>;
		const secret = t.sandbox.state.clientSecret;
		const words = `token ${accessToken} refresh ${refreshToken} secret ${secret}`;
		const text = contentType === 'text/html' ? `<html><body>${words}</body></html>` : JSON.stringify({ message: words, errors: [] });
		t.sandbox.faults = [{ times: 1, path: /\/athlete$/, status, raw: text, headers: { 'Content-Type': contentType } } as Fault];
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.serialized).toContain('token *** refresh *** secret ***');
		for (const value of [accessToken, refreshToken, secret]) expect(result.serialized).not.toContain(value);
	});
});
