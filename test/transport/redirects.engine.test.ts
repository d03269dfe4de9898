/**
 * Issue 10, redirects: the transport follows no redirect to another host and never re-sends a body (an
 * update's JSON, an upload's file) or the token to one; such a redirect is an error naming that host. A
 * redirect on Strava's own host may be followed, a few times at most. A second HTTP server stands for the
 * other host and records everything it receives: it must receive nothing.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness';
import { seedActivities } from '../sandbox';

const t = useSandbox((sandbox) => seedActivities(sandbox, 250));

interface Received {
	method?: string;
	url?: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

const received: Received[] = [];
let other: http.Server;
let otherUrl = '';

beforeAll(async () => {
	other = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ id: 999, name: 'Not from Strava', athlete: { id: 1 } }));
		});
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
	otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => other.close(() => resolve())));
beforeEach(() => (received.length = 0));
afterEach(() => (t.sandbox.faults = []));

const id = (value: string) => ({ __rl: true, mode: 'id', value });
const GPX = '<?xml version="1.0"?><gpx version="1.1"><trk><trkseg><trkpt lat="45.1" lon="6.2"/></trkseg></trk></gpx>';
const fileItem: IDataObject = { $binary: { data: { base64: Buffer.from(GPX).toString('base64'), fileName: 'ride.gpx', mimeType: 'application/gpx+xml' } } };

interface CrossCase {
	name: string;
	parameters: INodeParameters;
	path: RegExp;
	method?: string;
	status: number;
	query?: Record<string, string>;
	input?: IDataObject[];
	/** Where the redirect points (default: the other server). */
	location?: () => string;
	host?: () => string;
}

const crossHost: CrossCase[] = [
	{ name: 'Activity Get, 302', parameters: { resource: 'activity', operation: 'get', activityId: id('1000') }, path: /\/activities\/1000$/, status: 302 },
	{ name: 'Activity Get, 307', parameters: { resource: 'activity', operation: 'get', activityId: id('1000') }, path: /\/activities\/1000$/, status: 307 },
	{ name: 'Activity Get, 301 to https://strava.example.net', parameters: { resource: 'activity', operation: 'get', activityId: id('1000') }, path: /\/activities\/1000$/, status: 301, location: () => 'https://strava.example.net/api/v3/activities/1000', host: () => 'strava.example.net' },
	{ name: 'Activity Update (PUT JSON body), 307', parameters: { resource: 'activity', operation: 'update', activityId: id('1000'), updateFields: { name: 'Secret name' } }, path: /\/activities\/1000$/, method: 'PUT', status: 307 },
	{ name: 'Activity Update (PUT JSON body), 308', parameters: { resource: 'activity', operation: 'update', activityId: id('1000'), updateFields: { name: 'Secret name' } }, path: /\/activities\/1000$/, method: 'PUT', status: 308 },
	{ name: 'Activity Create (POST form), 303', parameters: { resource: 'activity', operation: 'create', name: 'Lunch', sportType: 'Run', startDateLocal: '2026-05-01T12:00:00', elapsedTime: 1800 }, path: /\/activities$/, method: 'POST', status: 303 },
	{ name: 'Upload Create (POST file), 307', parameters: { resource: 'upload', operation: 'create', waitForProcessing: false }, input: [fileItem], path: /\/uploads$/, method: 'POST', status: 307 },
	{ name: 'Activity Get Many, page 2 answers 302', parameters: { resource: 'activity', operation: 'getAll', returnAll: true }, path: /\/athlete\/activities$/, query: { page: '2' }, status: 302 },
	{ name: 'Raw GET, 302', parameters: { resource: 'request', operation: 'get', path: '/athlete' }, path: /\/athlete$/, status: 302 },
	{ name: 'Raw POST (JSON body), 307', parameters: { resource: 'request', operation: 'post', path: '/echo', bodyType: 'json', jsonBody: '{"name":"x"}' }, path: /\/echo$/, method: 'POST', status: 307 },
	{ name: 'Route Export GPX, 302', parameters: { resource: 'route', operation: 'exportGpx', routeId: id('3344012345678901201'), binaryPropertyName: 'data' }, path: /export_gpx$/, status: 302 },
];

const counts = new Map<string, number>();
const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
afterAll(() => {
	const lines = [...counts].map(([name, n]) => `  ${name}: ${n}`);
	console.log(`faults.redirects: ${[...counts.values()].reduce((a, b) => a + b, 0)} engine runs by class\n${lines.join('\n')}`);
});

describe.each(crossHost)('cross-host redirect: $name', (testCase) => {
	test.each([false, true])('continueOnFail=%s: an error naming the host; the other host receives nothing', async (continueOnFail) => {
		count('cross-host redirect');
		const location = testCase.location?.() ?? `${otherUrl}/api/v3/stolen?from=strava`;
		const host = testCase.host?.() ?? new URL(otherUrl).host;
		t.sandbox.faults = [
			{ times: 5, path: testCase.path, method: testCase.method, query: testCase.query, status: testCase.status, raw: '', headers: { Location: location } },
		];
		const credentials = t.credentials();
		const result = await t.run(testCase.parameters, { continueOnFail, input: testCase.input, credentials });
		const message = continueOnFail ? String(result.items[0]?.json.error) : result.error?.message;
		expect(message).toMatch(new RegExp(`^Strava redirected (GET|PUT|POST) \\S+( \\(page \\d+\\))? to another host \\(${host.replace(/\./g, '\\.')}\\); the node does not follow it$`));
		if (continueOnFail) {
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json.httpCode).toBe(String(testCase.status));
		} else {
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.description).toContain('Nothing was sent there');
			expect(result.items).toHaveLength(0);
		}
		expect(received).toEqual([]);
		// One request to Strava, not repeated.
		expect(t.sandbox.apiCalls().filter((call) => testCase.path.test(call.path) && call.status === testCase.status)).toHaveLength(1);
		const token = credentials.stored.oauthTokenData as Record<string, string>;
		expect(result.serialized).not.toContain(token.access_token);
	});
});

describe('same-host redirects', () => {
	test.each([302, 307])('a %s to another path on Strava\'s host is followed, signed, and its answer checked', async (status) => {
		count('same-host redirect');
		t.sandbox.faults = [{ times: 1, path: /\/activities\/1000$/, status, raw: '', headers: { Location: '/api/v3/activities/1001?moved=1' } }];
		const result = await t.run({ resource: 'activity', operation: 'get', activityId: id('1000') });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual([1001]);
		const calls = t.sandbox.apiCalls();
		expect(calls.map((call) => [call.path, call.query, call.status])).toEqual([
			['/api/v3/activities/1000', {}, status],
			['/api/v3/activities/1001', { moved: '1' }, 200],
		]);
		expect(calls[1].headers.authorization).toMatch(/^Bearer /);
	});

	test('a 307 of a PUT on Strava\'s host sends the same JSON body again there', async () => {
		count('same-host redirect');
		t.sandbox.faults = [{ times: 1, path: /\/activities\/1000$/, method: 'PUT', status: 307, raw: '', headers: { Location: `${t.sandbox.url}/api/v3/activities/1000` } }];
		const result = await t.run({ resource: 'activity', operation: 'update', activityId: id('1000'), updateFields: { name: 'Renamed' } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: 1000, name: 'Renamed' });
		expect(t.sandbox.apiCalls().map((call) => [call.method, call.body])).toEqual([
			['PUT', { name: 'Renamed' }],
			['PUT', { name: 'Renamed' }],
		]);
	});

	test('a 300 on Strava\'s host is a redirect like the others and is followed there', async () => {
		t.sandbox.faults = [{ times: 1, path: /\/activities\/1000$/, status: 300, raw: '', headers: { Location: '/api/v3/activities/1000' } }];
		const result = await t.run({ resource: 'activity', operation: 'get', activityId: id('1000') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: 1000 });
		expect(t.sandbox.apiCalls().filter((call) => /\/activities\/1000$/.test(call.path)).map((call) => call.status)).toEqual([300, 200]);
	});

	test('a 302 of a PUT on Strava\'s host continues as a GET without the body (as browsers do)', async () => {
		count('same-host redirect');
		t.sandbox.faults = [{ times: 1, path: /\/activities\/1000$/, method: 'PUT', status: 302, raw: '', headers: { Location: '/api/v3/activities/1000' } }];
		const result = await t.run({ resource: 'activity', operation: 'update', activityId: id('1000'), updateFields: { name: 'Not applied' } });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.method, call.raw.length])).toEqual([
			['PUT', expect.any(Number)],
			['GET', 0],
		]);
	});

	test.each([false, true])('a redirect loop on Strava\'s host stops after 3 hops (continueOnFail=%s)', async (continueOnFail) => {
		count('same-host redirect');
		t.sandbox.faults = [{ times: 10, path: /\/activities\/1000$/, status: 302, raw: '', headers: { Location: '/api/v3/activities/1000' } }];
		const result = await t.run({ resource: 'activity', operation: 'get', activityId: id('1000') }, { continueOnFail });
		const message = continueOnFail ? String(result.items[0]?.json.error) : result.error?.message;
		expect(message).toBe('Strava kept redirecting GET /activities/1000 (HTTP 302, more than 3 times)');
		expect(t.sandbox.apiCalls()).toHaveLength(4);
	});

	test.each([false, true])('a redirect without a Location is an error (continueOnFail=%s)', async (continueOnFail) => {
		count('same-host redirect');
		t.sandbox.faults = [{ times: 1, path: /\/activities\/1000$/, status: 302, raw: '' }];
		const result = await t.run({ resource: 'activity', operation: 'get', activityId: id('1000') }, { continueOnFail });
		const message = continueOnFail ? String(result.items[0]?.json.error) : result.error?.message;
		expect(message).toBe('Strava answered GET /activities/1000 with HTTP 302 (a redirect) without saying where to');
		expect(result.items.filter((item) => item.json.id !== undefined)).toHaveLength(0);
	});
});
