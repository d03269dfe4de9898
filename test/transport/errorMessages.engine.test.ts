/**
 * Issue 10, messages a user can act on: a failed token refresh names the token endpoint, Strava's answer
 * and whether to retry or reconnect; no internal code (ESTATUS, ERR_BAD_REQUEST, ECONNREFUSED) is a
 * headline; "check the ID" only where the user gave one; a body cut off mid-transfer says so, and a GET
 * cut off that way is retried like a dropped connection. Through the engine, with and without
 * "Continue On Fail".
 */
import type { INodeParameters } from 'n8n-workflow';

import { credentialData, nodeTypes, TestCredentialsHelper, useSandbox, type RunResult } from '../harness';
import { seedActivities } from '../sandbox';
import type { Fault } from '../sandbox/server';

const t = useSandbox((sandbox) => seedActivities(sandbox, 250));
afterEach(() => (t.sandbox.faults = []));

const id = (value: string) => ({ __rl: true, mode: 'id', value });
const activityGet = { resource: 'activity', operation: 'get', activityId: id('1000') };
const INTERNAL_CODE = /\b(ESTATUS|EAUTH|ERR_[A-Z_]+|E[A-Z]{4,})\b|stream has been aborted/;

const counts = new Map<string, number>();
const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
afterAll(() => {
	const lines = [...counts].map(([name, n]) => `  ${name}: ${n}`);
	console.log(`faults.messages: ${[...counts.values()].reduce((a, b) => a + b, 0)} engine runs by class\n${lines.join('\n')}`);
});

/** The error a run ended with, or the error item it produced under Continue On Fail. */
function failure(result: RunResult, continueOnFail: boolean): { message: string; description: string } {
	if (continueOnFail) {
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		return { message: String(result.items[0].json.error), description: String(result.items[0].json.errorDescription ?? '') };
	}
	expect(result.items).toHaveLength(0);
	return { message: String(result.error?.message), description: String(result.error?.description ?? '') };
}

/** A credential whose access token has expired, so the first call costs a refresh. */
function expiredCredentials(extra = {}) {
	const token = t.sandbox.issueToken({ scopes: ['read', 'activity:read_all', 'activity:write'], expiresInSeconds: -60 });
	return new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData, extra), nodeTypes);
}

const tokenCalls = () => t.sandbox.log.filter((entry) => entry.path === '/oauth/token');
const modes = [false, true];

describe('token refresh failures name the token endpoint and say whether to retry or reconnect', () => {
	const cases: Array<{ name: string; fault?: Partial<Fault>; message: RegExp; description: RegExp[]; tokenCalls: number; extra?: Record<string, string> }> = [
		{
			name: 'the token endpoint answers 500',
			fault: { status: 500, body: { message: 'Server Error', errors: [] } },
			message: /^Could not refresh the Strava access token: Strava's token endpoint answered HTTP 500$/,
			description: [/POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token/, /Server Error/, /run the workflow again/, /no need to reconnect/],
			tokenCalls: 4,
		},
		{
			name: 'the token endpoint answers 200 with an HTML page',
			fault: { status: 200, raw: '<html><body>Bad gateway</body></html>', headers: { 'Content-Type': 'text/html' } },
			message: /^Could not refresh the Strava access token: Strava's token endpoint answered HTTP 200 without a token$/,
			description: [/\/oauth\/token/, /Bad gateway/, /run the workflow again/],
			tokenCalls: 4,
		},
		{
			name: 'the token endpoint refuses the app (401, client_id invalid)',
			fault: { status: 401, body: { message: 'Authorization Error', errors: [{ resource: 'Application', field: 'client_id', code: 'invalid' }] } },
			message: /^Strava refused to refresh the access token: Authorization Error \(HTTP 401\)$/,
			description: [/\/oauth\/token answered 401 \(Application client_id invalid\)/, /Client ID and Client Secret/, /reconnect/, /Retrying will not help/],
			tokenCalls: 1,
		},
		{
			name: 'the token endpoint cannot be reached',
			extra: { accessTokenUrl: 'http://127.0.0.1:9/oauth/token' },
			message: /^Could not refresh the Strava access token: Strava's token endpoint could not be reached \(the connection was refused/,
			description: [/POST http:\/\/127\.0\.0\.1:9\/oauth\/token/, /ECONNREFUSED/, /run the workflow again/],
			tokenCalls: 0,
		},
	];
	describe.each(cases)('$name', (testCase) => {
		test.each(modes)('continueOnFail=%s', async (continueOnFail) => {
			count('refresh failure');
			if (testCase.fault) t.sandbox.faults = [{ times: 10, path: /^\/oauth\/token$/, ...testCase.fault } as Fault];
			const credentials = expiredCredentials(testCase.extra);
			const result = await t.run(activityGet, { continueOnFail, credentials });
			const { message, description } = failure(result, continueOnFail);
			expect(message).toMatch(testCase.message);
			expect(message).not.toMatch(INTERNAL_CODE);
			for (const pattern of testCase.description) expect(description).toMatch(pattern);
			expect(tokenCalls()).toHaveLength(testCase.tokenCalls);
			const token = credentials.stored.oauthTokenData as Record<string, string>;
			for (const secret of [token.access_token, token.refresh_token, t.sandbox.state.clientSecret]) expect(result.serialized).not.toContain(secret);
		});
	});

	test.each(modes)('a refresh token Strava no longer accepts (invalid_grant): reconnect, without retrying (continueOnFail=%s)', async (continueOnFail) => {
		count('refresh failure');
		const token = t.sandbox.issueToken({ scopes: ['read', 'activity:read_all'], expiresInSeconds: -60 });
		t.sandbox.state.refreshTokens.delete(token.refreshToken);
		const credentials = new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData), nodeTypes);
		const result = await t.run(activityGet, { continueOnFail, credentials });
		const { message, description } = failure(result, continueOnFail);
		expect(message).toBe('Strava no longer accepts this connection: reconnect the Strava credential');
		expect(description).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token was refused for good/);
		expect(description).toMatch(/retrying will not help/);
		expect(message).not.toMatch(INTERNAL_CODE);
		expect(tokenCalls()).toHaveLength(1);
	});
});

describe('network failures: words, not internal codes, as the headline', () => {
	const cases: Array<{ name: string; server: string; message: RegExp; code?: RegExp }> = [
		{ name: 'nothing listens at the server address', server: 'http://127.0.0.1:9', message: /^Could not reach Strava at 127\.0\.0\.1:9: the connection was refused/, code: /ECONNREFUSED/ },
		{ name: 'the server address is not an http(s) URL', server: 'ftp://127.0.0.1:9', message: /^Could not reach Strava( at 127\.0\.0\.1:9)?: the address is not a usable http\(s\) URL$/ },
	];
	describe.each(cases)('$name', (testCase) => {
		test.each(modes)('continueOnFail=%s', async (continueOnFail) => {
			count('network failure');
			const result = await t.run(activityGet, { continueOnFail, credentials: t.credentials(undefined, { server: testCase.server }) });
			const { message, description } = failure(result, continueOnFail);
			expect(message).toMatch(testCase.message);
			expect(message).not.toMatch(INTERNAL_CODE);
			if (testCase.code) expect(description).toMatch(testCase.code);
			expect(description).toMatch(/server address/);
		});
	});
});

describe('404: "check the ID" only where the user gave one', () => {
	const cases: Array<{ name: string; parameters: INodeParameters; fault?: Partial<Fault> & { path: RegExp }; says?: RegExp; never?: RegExp }> = [
		{ name: 'Activity Get of an ID that does not exist', parameters: { resource: 'activity', operation: 'get', activityId: id('999999') }, says: /Check the activity ID 999999: it does not exist/ },
		{ name: 'Activity Get Comments of an ID that does not exist', parameters: { resource: 'activity', operation: 'getComments', activityId: id('999999'), limit: 5 }, says: /Check the activity ID 999999/ },
		{ name: 'Route Export GPX of an ID that does not exist', parameters: { resource: 'route', operation: 'exportGpx', routeId: id('3344012345678909999'), binaryPropertyName: 'data' }, says: /Check the route ID 3344012345678909999/ },
		{ name: 'Segment Get Starred (no ID involved)', parameters: { resource: 'segment', operation: 'getStarred', returnAll: true }, fault: { path: /\/segments\/starred$/, status: 404, body: { message: 'Record Not Found', errors: [] } }, says: /Strava has nothing at GET \/segments\/starred/, never: /check the/i },
		{ name: 'Activity Get Many, 404 on page 2', parameters: { resource: 'activity', operation: 'getAll', returnAll: true }, fault: { path: /\/athlete\/activities$/, query: { page: '2' }, status: 404, body: { message: 'Record Not Found', errors: [] } }, says: /page 2 of GET \/athlete\/activities after earlier pages had answered/, never: /check the/i },
		{ name: 'Activity Get Comments, 404 on page 2', parameters: { resource: 'activity', operation: 'getKudoers', activityId: id('1000'), returnAll: true }, fault: { path: /\/kudos$/, query: { page: '2' }, status: 404, body: { message: 'Record Not Found', errors: [] } }, never: /check the/i },
		{ name: 'Athlete Get Stats of the connected athlete', parameters: { resource: 'athlete', operation: 'getStats' }, fault: { path: /\/stats$/, status: 404, body: { message: 'Record Not Found', errors: [] } }, never: /check the/i },
		{ name: 'Athlete Get Stats of a given athlete', parameters: { resource: 'athlete', operation: 'getStats', athleteId: id('134815') }, fault: { path: /\/stats$/, status: 404, body: { message: 'Record Not Found', errors: [] } }, says: /Check the athlete ID 134815/ },
		{ name: 'Raw GET of a path', parameters: { resource: 'request', operation: 'get', path: '/activities/999999' }, says: /Strava has nothing at GET \/activities\/999999/, never: /check the/i },
	];
	describe.each(cases)('$name', (testCase) => {
		test.each(modes)('continueOnFail=%s', async (continueOnFail) => {
			count('404 wording');
			if (testCase.fault) t.sandbox.faults = [{ times: 3, ...testCase.fault } as Fault];
			const result = await t.run(testCase.parameters, { continueOnFail });
			const { message, description } = failure(result, continueOnFail);
			expect(message).toBe('Strava error 404: Record Not Found');
			if (testCase.says) expect(description).toMatch(testCase.says);
			if (testCase.never) expect(description).not.toMatch(testCase.never);
		});
	});
});

describe('a body cut off mid-transfer', () => {
	test('a GET cut off once is retried like a dropped connection, and the retry is used', async () => {
		count('cut-off body');
		t.sandbox.faults = [{ times: 1, path: /\/activities\/1000$/, truncate: '{"id": 1000, "name": "Morn' }];
		const result = await t.run(activityGet);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual([1000]);
		expect(t.sandbox.apiCalls().map((call) => call.status)).toEqual([-2, 200]);
	});

	test('a list page cut off once is read again; no item is lost or doubled', async () => {
		count('cut-off body');
		t.sandbox.faults = [{ times: 1, path: /\/athlete\/activities$/, query: { page: '2' }, truncate: '[{"id": 1200, ' }];
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
		expect(t.sandbox.apiCalls().map((call) => [call.query.page, call.status])).toEqual([['1', 200], ['2', -2], ['2', 200], ['3', 200]]);
	});

	test.each(modes)('a GET cut off every time fails saying so, after the retries (continueOnFail=%s)', async (continueOnFail) => {
		count('cut-off body');
		t.sandbox.faults = [{ times: 10, path: /\/activities\/1000$/, truncate: '{"id": 1000, "name": "Morn' }];
		const result = await t.run(activityGet, { continueOnFail });
		const { message, description } = failure(result, continueOnFail);
		expect(message).toBe("Strava's answer to GET /activities/1000 was cut off before it was complete");
		expect(message).not.toMatch(INTERNAL_CODE);
		expect(description).toMatch(/connection closed in the middle of the body/);
		expect(t.sandbox.apiCalls()).toHaveLength(4);
	});

	test.each(modes)('a POST cut off is not sent again (it may have been applied) (continueOnFail=%s)', async (continueOnFail) => {
		count('cut-off body');
		t.sandbox.faults = [{ times: 10, path: /\/activities$/, method: 'POST', status: 201, truncate: '{"id": 5' }];
		const result = await t.run(
			{ resource: 'activity', operation: 'create', name: 'Lunch', sportType: 'Run', startDateLocal: '2026-05-01T12:00:00', elapsedTime: 1800 },
			{ continueOnFail },
		);
		const { message } = failure(result, continueOnFail);
		expect(message).toBe("Strava's answer to POST /activities was cut off before it was complete");
		expect(t.sandbox.apiCalls()).toHaveLength(1);
	});

	test.each(modes)('page 2 of a list cut off every time names the page (continueOnFail=%s)', async (continueOnFail) => {
		count('cut-off body');
		t.sandbox.faults = [{ times: 10, path: /\/athlete\/activities$/, query: { page: '2' }, truncate: '[{"id": 1200, ' }];
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true }, { continueOnFail });
		const { message } = failure(result, continueOnFail);
		expect(message).toBe("Strava's answer to GET /athlete/activities (page 2) was cut off before it was complete");
	});
});
