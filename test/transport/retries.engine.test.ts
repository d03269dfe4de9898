/**
 * What the request loop retries, follows or gives up on, where a mutation run (issue 13) found no test that
 * tells: a token endpoint that drops or refuses connections, a token endpoint that answers 300,
 * a POST whose connection drops, a 401 that a refresh does not cure, a 429 without rate-limit headers, and a
 * dropped connection on the new API host. Through the engine, against the sandbox.
 */
import { credentialData, nodeTypes, TestCredentialsHelper, useSandbox } from '../harness';
import { registerEcho } from '../sandbox/routes/echo';

const t = useSandbox(registerEcho);
afterEach(() => (t.sandbox.faults = []));

const athlete = { resource: 'athlete', operation: 'get' };
const tokenCalls = () => t.sandbox.log.filter((entry) => entry.path === '/oauth/token');

/** A credential whose access token has expired, so the first call costs a refresh. */
function expiredCredentials(extra = {}) {
	const token = t.sandbox.issueToken({ scopes: ['read'], expiresInSeconds: -60 });
	return new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData, extra), nodeTypes);
}

/** The backoff before the three retries of a transient failure: 400 + 800 + 1600 ms. */
const THREE_BACKOFFS_MS = 2800;

describe('a token refresh that fails on the way', () => {
	test('the token endpoint drops the connection twice: the refresh is retried and the run succeeds', async () => {
		t.sandbox.faults.push({ path: /^\/oauth\/token$/, times: 2, reset: true });
		const result = await t.run(athlete, { credentials: expiredCredentials() });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(t.sandbox.state.athlete.id);
		expect(tokenCalls().map((call) => call.status)).toEqual([-1, -1, 200]);
	});

	test('the token endpoint refuses connections: retried three times with backoff before the error', async () => {
		const started = Date.now();
		const result = await t.run(athlete, { credentials: expiredCredentials({ accessTokenUrl: 'http://127.0.0.1:9/oauth/token' }) });
		expect(result.error?.message).toMatch(/^Could not refresh the Strava access token: Strava's token endpoint could not be reached/);
		expect(Date.now() - started).toBeGreaterThanOrEqual(THREE_BACKOFFS_MS);
	});

	test('the token endpoint fails in a way retrying cannot fix (TLS to a plain-HTTP port): one attempt, no backoff', async () => {
		const started = Date.now();
		const tokenUrl = `${t.sandbox.url.replace(/^http:/, 'https:')}/oauth/token`;
		const result = await t.run(athlete, { credentials: expiredCredentials({ accessTokenUrl: tokenUrl }) });
		expect(result.error?.message).toMatch(/^Could not refresh the Strava access token: Strava's token endpoint could not be reached/);
		expect(result.error?.description).toMatch(/failed with (EPROTO|ERR_SSL_WRONG_VERSION_NUMBER)/);
		expect(Date.now() - started).toBeLessThan(THREE_BACKOFFS_MS);
		expect(t.sandbox.apiCalls().map((call) => call.status)).toEqual([401]);
	});

	test('the token endpoint answers 300: not retried, the refresh is reported as failed', async () => {
		// (n8n-core follows a token endpoint's redirect itself; without a Location the 300 reaches the node)
		t.sandbox.faults.push({ path: /^\/oauth\/token$/, times: 5, status: 300, body: { message: 'Multiple Choices' } });
		const result = await t.run(athlete, { credentials: expiredCredentials() });
		expect(result.error?.message).toBe('Strava refused to refresh the access token: Multiple Choices (HTTP 300)');
		expect(tokenCalls()).toHaveLength(1);
		expect(t.sandbox.apiCalls().map((call) => call.status)).toEqual([401]);
	});
});

describe('API calls that fail on the way', () => {
	test('a POST whose connection drops is not repeated (Strava may have applied it)', async () => {
		t.sandbox.faults.push({ method: 'POST', path: /\/echo$/, times: 1, reset: true });
		const result = await t.run({ resource: 'request', operation: 'post', path: '/echo', bodyType: 'none' });
		expect(result.error?.name).toBe('NodeApiError');
		expect(t.sandbox.apiCalls().map((call) => call.status)).toEqual([-1]);
	});

	test('a refused connection to the API is retried three times with backoff before the error', async () => {
		const started = Date.now();
		const result = await t.run(athlete, { credentials: t.credentials(undefined, { server: 'http://127.0.0.1:9' }) });
		expect(result.error?.message).toMatch(/^Could not reach Strava at 127\.0\.0\.1:9: the connection was refused/);
		expect(Date.now() - started).toBeGreaterThanOrEqual(THREE_BACKOFFS_MS);
	});

	test('a token thought fresh that Strava keeps refusing: one refresh, then the 401 (no loop)', async () => {
		const refused = { message: 'Authorization Error', errors: [{ resource: 'AccessToken', field: 'access_token', code: 'invalid' }] };
		t.sandbox.faults.push({ path: /^\/api\/v3\/athlete$/, times: 10, status: 401, body: refused });
		const result = await t.run(athlete);
		expect(result.error?.httpCode).toBe('401');
		expect(tokenCalls()).toHaveLength(1);
		expect(t.sandbox.apiCalls().map((call) => call.status)).toEqual([401, 401, 401]);
	});

	test('a dropped connection on the new API host is retried there, not sent to the old host', async () => {
		t.sandbox.faults.push({ path: /^\/athlete$/, times: 1, reset: true });
		const credentials = t.credentials(undefined, { newApiBase: t.sandbox.newApiUrl, apiMoveDate: '2026-01-01T00:00:00Z' });
		const result = await t.run(athlete, { credentials });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => `${call.host} ${call.status}`)).toEqual(['new -1', 'new 200']);
	});
});

describe('a 429 without usable rate-limit headers (a proxy, or Strava leaving them out)', () => {
	// An empty X-RateLimit-Limit keeps the sandbox from adding its own headers; each 429 says the quarter ends in a second.
	const headers = { Date: 'Sat, 21 Nov 2026 10:14:59 GMT', 'X-RateLimit-Limit': '' };
	const bare429 = { path: /^\/api\/v3\/athlete$/, status: 429, body: { message: 'Rate Limit Exceeded', errors: [] }, headers };

	test('fail: the 15-minute window is assumed and named', async () => {
		t.sandbox.faults.push({ ...bare429, times: 1 });
		const result = await t.run({ resource: 'request', operation: 'get', path: '/athlete', rateLimit: { onLimit: 'fail' } });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Strava rate limit reached: requests per 15 minutes. It resets at 2026-11-21T10:15:00Z (UTC).');
		expect(t.sandbox.apiCalls()).toHaveLength(1);
	});

	test('wait: after two waits for the assumed window, the error says Strava still refused', async () => {
		t.sandbox.faults.push({ ...bare429, times: 3 });
		const result = await t.run({ resource: 'request', operation: 'get', path: '/athlete' });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/^Strava rate limit reached: requests per 15 minutes\./);
		expect(result.error?.description).toMatch(/still refused after 2 waits/);
		expect(t.sandbox.apiCalls()).toHaveLength(3);
	});
});
