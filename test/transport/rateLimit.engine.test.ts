import { useSandbox } from '../harness';
import { seedActivities } from '../sandbox';

const t = useSandbox((sandbox) => seedActivities(sandbox, 1000));
const athlete = { resource: 'request', operation: 'get', path: '/athlete' };

/** Puts the sandbox clock `secondsBefore` seconds before the next quarter-hour. */
function nearQuarterEnd(secondsBefore: number) {
	const quarter = 15 * 60 * 1000;
	const now = t.sandbox.state.clock.now();
	t.sandbox.state.clock.set(Math.ceil(now / quarter) * quarter + quarter - secondsBefore * 1000);
}

afterEach(() => {
	t.sandbox.state.clock.offsetMs = 0;
	t.sandbox.state.limits = { overall15: 200, overallDay: 2000, read15: 100, readDay: 1000 };
	t.sandbox.state.usage.quarter = -1;
});

describe('429', () => {
	test('fail: the error names the limit, the usage and the reset time in UTC', async () => {
		nearQuarterEnd(300);
		t.sandbox.state.useUpReadBudget(0);
		const reset = new Date(Math.ceil(t.sandbox.state.clock.now() / 900_000) * 900_000).toISOString().replace('.000Z', 'Z');
		const result = await t.run({ ...athlete, rateLimit: { onLimit: 'fail' } });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`Strava rate limit reached: read requests per 15 minutes (100 of 100 used). It resets at ${reset} (UTC).`,
		);
		expect(result.error?.description).toMatch(/set to fail/);
		expect(t.sandbox.apiCalls().map((c) => c.status)).toEqual([429]);
	});

	test('fail under Continue On Fail: the error item holds the message, its description and the code, and nothing of the reset the error carries', async () => {
		nearQuarterEnd(300);
		t.sandbox.state.useUpReadBudget(0);
		const result = await t.run({ ...athlete, rateLimit: { onLimit: 'fail' } }, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['error', 'errorDescription', 'httpCode']);
		expect(result.items[0].json).toMatchObject({ error: expect.stringMatching(/^Strava rate limit reached: read requests per 15 minutes/), httpCode: '429' });
		expect(result.serialized).not.toContain('stravaRateLimitReset');
	});

	test('wait: sleeps until the window resets on Strava\'s clock, then succeeds', async () => {
		nearQuarterEnd(2);
		t.sandbox.state.useUpReadBudget(0);
		const started = Date.now();
		const result = await t.run(athlete);
		const waited = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(t.sandbox.state.athlete.id);
		expect(t.sandbox.apiCalls().map((c) => c.status)).toEqual([429, 200]);
		expect(waited).toBeGreaterThanOrEqual(1500);
		expect(waited).toBeLessThan(10_000);
	});

	test('wait, but the reset is further away than the maximum wait: fails at once', async () => {
		nearQuarterEnd(600);
		t.sandbox.state.useUpReadBudget(0);
		const result = await t.run({ ...athlete, rateLimit: { onLimit: 'wait', maxWaitSeconds: 60 } });
		expect(result.error?.message).toMatch(/read requests per 15 minutes/);
		expect(result.error?.description).toMatch(/maximum wait of 60 s/);
		expect(t.sandbox.apiCalls()).toHaveLength(1);
	});

	test('the daily limit names itself and resets at UTC midnight', async () => {
		t.sandbox.state.clock.set('2026-11-21T22:00:00Z');
		t.sandbox.state.limits.readDay = 3;
		t.sandbox.state.useUpReadBudget(50);
		t.sandbox.state.usage.readDay = 3;
		const result = await t.run(athlete);
		expect(result.error?.message).toBe(
			'Strava rate limit reached: read requests per day (3 of 3 used). It resets at 2026-11-22T00:00:00Z (UTC).',
		);
		expect(t.sandbox.apiCalls()).toHaveLength(1);
	});
});

test('still refused after two waits (another workflow takes the window as it opens): fails saying so, after 3 requests', async () => {
	// Each 429 says the window resets in a second.
	const headers = { Date: 'Sat, 21 Nov 2026 10:14:59 GMT', 'X-RateLimit-Limit': '200,2000', 'X-RateLimit-Usage': '200,500' };
	t.sandbox.faults.push({ path: /\/athlete$/, status: 429, body: { message: 'Rate Limit Exceeded', errors: [] }, headers, times: 3 });
	const result = await t.run(athlete);
	expect(result.error?.message).toBe(
		'Strava rate limit reached: overall requests per 15 minutes (200 of 200 used). It resets at 2026-11-21T10:15:00Z (UTC).',
	);
	expect(result.error?.description).toBe(
		"Strava still refused after 2 waits for the window to reset; other workflows of this Strava application may be using the budget. Strava's limits are per application, shared by every workflow using it.",
	);
	expect(t.sandbox.apiCalls().map((c) => c.status)).toEqual([429, 429, 429]);
});

test('Return All waits for the window instead of running into 429s', async () => {
	nearQuarterEnd(3);
	t.sandbox.state.useUpReadBudget(2);
	const result = await t.run({ resource: 'request', operation: 'get', path: '/athlete/activities', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1000);
	const statuses = t.sandbox.apiCalls().map((c) => c.status);
	expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
	// The third page was asked for only after the window had reset.
	const third = t.sandbox.apiCalls()[2];
	expect(third.at % 900_000).toBeLessThan(60_000);
});

describe('what counts as a read (Strava: every request but POST /activities, POST /uploads and media)', () => {
	// Runs last: Create adds an activity to the sandbox, and the daily counters set here outlive the quarter hour.
	afterEach(() => {
		t.sandbox.state.usage.day = -1;
	});
	const create = { resource: 'activity', operation: 'create', name: 'Lunch swim', sportType: 'Swim', startDateLocal: '2026-11-21T12:15:00', elapsedTime: 1800 };

	test('creating an activity with the read limits used up is not refused', async () => {
		t.sandbox.state.clock.set('2026-11-21T22:00:00Z');
		t.sandbox.state.useUpReadBudget(0);
		const result = await t.run({ ...create, rateLimit: { onLimit: 'fail' } });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((c) => `${c.method} ${c.status}`)).toEqual(['POST 201']);
	});

	test('a 429 on Create names the overall 15-minute limit, not the used-up daily read limit, and waits only for the quarter hour', async () => {
		t.sandbox.state.clock.set('2026-11-21T22:07:00Z');
		t.sandbox.state.useUpReadBudget(50);
		t.sandbox.state.usage.readDay = 1000;
		t.sandbox.state.usage.overall15 = 200;
		const result = await t.run({ ...create, rateLimit: { onLimit: 'fail' } });
		expect(result.error?.message).toBe(
			'Strava rate limit reached: overall requests per 15 minutes (200 of 200 used). It resets at 2026-11-21T22:15:00Z (UTC).',
		);
		expect(t.sandbox.apiCalls().map((c) => `${c.method} ${c.status}`)).toEqual(['POST 429']);
	});

	test('a write that is not a create (Update, a PUT) counts as a read: its 429 names the read limit', async () => {
		t.sandbox.state.clock.set('2026-11-21T22:07:00Z');
		t.sandbox.state.useUpReadBudget(0);
		const result = await t.run({ resource: 'activity', operation: 'update', activityId: '1005', updateFields: { name: 'x' }, rateLimit: { onLimit: 'fail' } });
		expect(result.error?.message).toBe(
			'Strava rate limit reached: read requests per 15 minutes (100 of 100 used). It resets at 2026-11-21T22:15:00Z (UTC).',
		);
		expect(t.sandbox.apiCalls().map((c) => `${c.method} ${c.status}`)).toEqual(['PUT 429']);
	});
});
