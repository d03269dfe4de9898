// waitForRateLimit (transport/request.ts): when a rate-limit wait is allowed, and the error when it is not.
// Cases found by mutation testing (npm run test:mutation, docs/testing.md): the bounds, the words, the HTTP code.
import type { INode } from 'n8n-workflow';

import { waitForRateLimit } from '../../nodes/shared/transport/request';
import type { ExhaustedLimit } from '../../nodes/shared/transport/rateLimit';
import { rateLimitResetOf } from '../../nodes/shared/transport/rateLimitReset';
import type { RateLimitPolicy, StravaContext } from '../../nodes/shared/transport/types';

const node: INode = { id: 'n', name: 'Strava API', type: 'n8n-nodes-strava-api.stravaApi', typeVersion: 1, position: [0, 0], parameters: {} };
/** A context with a node and nothing else: no logger, as in contexts n8n gives without one. */
const ctx = { getNode: () => node } as unknown as StravaContext;

function limit(waitMs: number): ExhaustedLimit {
	return { name: 'read requests per 15 minutes', usage: 100, limit: 100, resetsAt: Date.now() + waitMs, waitMs } as ExhaustedLimit;
}

async function outcome(waitMs: number, policy: RateLimitPolicy): Promise<{ waitedMs: number; error?: { message: string; description: string; httpCode: string; errorResponse: unknown } }> {
	const started = Date.now();
	try {
		await waitForRateLimit(ctx, limit(waitMs), policy);
		return { waitedMs: Date.now() - started };
	} catch (error) {
		return { waitedMs: Date.now() - started, error: error as never };
	}
}

describe('waitForRateLimit', () => {
	test('a wait exactly as long as Max Wait is allowed (plus the 1 s margin), without a logger', async () => {
		const { waitedMs, error } = await outcome(0, { onLimit: 'wait', maxWaitSeconds: 0 });
		expect(error).toBeUndefined();
		expect(waitedMs).toBeGreaterThanOrEqual(990);
	});

	test('a wait just under Max Wait is allowed', async () => {
		const { error } = await outcome(500, { onLimit: 'wait', maxWaitSeconds: 1 });
		expect(error).toBeUndefined();
	});

	test('a wait past Max Wait fails at once with the figures, the setting to change and HTTP 429', async () => {
		const { waitedMs, error } = await outcome(5000, { onLimit: 'wait', maxWaitSeconds: 1 });
		expect(waitedMs).toBeLessThan(500);
		expect(error?.description).toContain(`Waiting 5 s would exceed the node's maximum wait of 1 s ("Rate Limit" → "Max Wait").`);
		expect(error?.description).toContain("Strava's limits are per application, shared by every workflow using it.");
		expect(error?.httpCode).toBe('429');
		expect(error?.errorResponse).toEqual({ message: error?.message, httpCode: '429' });
		expect(error?.message).toMatch(/read requests per 15 minutes/);
	});

	test('"fail" never waits', async () => {
		const { waitedMs, error } = await outcome(0, { onLimit: 'fail', maxWaitSeconds: 900 });
		expect(waitedMs).toBeLessThan(500);
		expect(error?.description).toContain('The node is set to fail instead of waiting ("Rate Limit" → "On Rate Limit").');
		expect(error?.httpCode).toBe('429');
	});

	test('an allowed wait is logged in whole seconds, with the window it waits for', async () => {
		const lines: string[] = [];
		const logged = { getNode: () => node, logger: { info: (line: string) => lines.push(line) } } as unknown as StravaContext;
		await waitForRateLimit(logged, limit(1000), { onLimit: 'wait', maxWaitSeconds: 5 });
		expect(lines).toEqual(['Strava rate limit: waiting 2 s (read requests per 15 minutes).']);
	});

	test("the error carries the window's reset and Strava's clock, out of sight of JSON, spreads and keys", async () => {
		const resetsAt = Date.parse('2026-11-21T10:15:00Z');
		const serverTime = Date.parse('2026-11-21T10:07:30Z');
		const thrown = await waitForRateLimit(ctx, { ...limit(0), resetsAt, waitMs: resetsAt - serverTime, serverTime }, {
			onLimit: 'fail',
			maxWaitSeconds: 0,
		}).catch((error: Error) => error);
		expect(rateLimitResetOf(thrown)).toEqual({ resetsAt, serverTime });
		expect(Object.keys(thrown as object)).not.toContain('stravaRateLimitReset');
		expect(JSON.stringify(thrown)).not.toContain(String(resetsAt));
		expect({ ...(thrown as object) }).not.toHaveProperty('stravaRateLimitReset');
	});

	test("without Strava's clock the error carries the reset alone", async () => {
		const thrown = await waitForRateLimit(ctx, limit(5000), { onLimit: 'fail', maxWaitSeconds: 0 }).catch((error: Error) => error);
		const reset = rateLimitResetOf(thrown);
		expect(reset).toEqual({ resetsAt: expect.any(Number) });
		expect(reset).not.toHaveProperty('serverTime');
	});
});

describe('rateLimitResetOf', () => {
	test('anything but a marked error has no reset', () => {
		expect(rateLimitResetOf(undefined)).toBeUndefined();
		expect(rateLimitResetOf(null)).toBeUndefined();
		expect(rateLimitResetOf('429')).toBeUndefined();
		expect(rateLimitResetOf(new Error('Strava rate limit reached: read requests per day'))).toBeUndefined();
		expect(rateLimitResetOf({ stravaRateLimitReset: { resetsAt: Number.NaN } })).toBeUndefined();
		expect(rateLimitResetOf({ stravaRateLimitReset: { resetsAt: 5 } })).toEqual({ resetsAt: 5 });
	});
});
