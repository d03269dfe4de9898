import { useSandbox } from '../harness';
import { registerEcho } from '../sandbox/routes/echo';

const t = useSandbox(registerEcho);

afterEach(() => (t.sandbox.faults = []));

test('5xx answers are retried with backoff, then the answer is used', async () => {
	t.sandbox.faults.push({ method: 'GET', path: /\/echo$/, times: 2, status: 502 });
	const result = await t.run({ resource: 'request', operation: 'get', path: '/echo' });
	expect(result.error).toBeUndefined();
	expect(t.sandbox.apiCalls().map((c) => c.status)).toEqual([502, 502, 200]);
});

test('a dropped connection is retried', async () => {
	t.sandbox.faults.push({ method: 'GET', path: /\/echo$/, times: 1, reset: true });
	const result = await t.run({ resource: 'request', operation: 'get', path: '/echo' });
	expect(result.error).toBeUndefined();
	expect(t.sandbox.apiCalls().map((c) => c.status)).toEqual([-1, 200]);
});

test('retries are bounded: a lasting 5xx fails with Strava\'s message after 4 attempts', async () => {
	t.sandbox.faults.push({ method: 'GET', path: /\/echo$/, times: 10, status: 503, body: { message: 'Service Unavailable', errors: [] } });
	const result = await t.run({ resource: 'request', operation: 'get', path: '/echo' });
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message).toBe('Strava error 503: Service Unavailable');
	expect(t.sandbox.apiCalls()).toHaveLength(4);
});

test('a POST is not repeated after a 5xx (it may have been applied)', async () => {
	t.sandbox.faults.push({ method: 'POST', path: /\/echo$/, times: 1, status: 500 });
	const result = await t.run({ resource: 'request', operation: 'post', path: '/echo', bodyType: 'none' });
	expect(result.error?.httpCode).toBe('500');
	expect(t.sandbox.apiCalls()).toHaveLength(1);
});

test('a Strava 404 becomes a NodeApiError carrying Strava\'s message and detail', async () => {
	const result = await t.run({ resource: 'request', operation: 'get', path: '/nothing/here' });
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message).toBe('Strava error 404: Resource Not Found');
	expect(result.error?.description).toContain('resource path invalid');
	expect(result.error?.httpCode).toBe('404');
});
