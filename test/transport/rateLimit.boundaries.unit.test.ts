// Cases found by mutation testing (npm run test:mutation, docs/testing.md): the rate-limit arithmetic's edges.
import { describeExhaustedLimit, exhaustedLimit, parseRateLimitHeaders } from '../../nodes/shared/transport/rateLimit';

const DATE = 'Sat, 21 Nov 2026 10:07:30 GMT';
const NOW = Date.parse('2026-11-21T10:07:30Z');

describe('parseRateLimitHeaders', () => {
	test('a header n8n hands over as a list is read from its first value; an empty list is no header', () => {
		expect(
			parseRateLimitHeaders({ 'x-ratelimit-limit': ['200,2000', '1,1'], 'x-ratelimit-usage': ['5,50'], date: [DATE] }),
		).toEqual({ overall: { limit15: 200, limitDay: 2000, usage15: 5, usageDay: 50 }, serverTime: NOW });
		expect(parseRateLimitHeaders({ 'x-ratelimit-limit': [], 'x-ratelimit-usage': ['5,50'] })).toEqual({});
	});

	test('a limit without its usage (or the reverse), or a pair with one number, gives no figures', () => {
		expect(parseRateLimitHeaders({ 'x-ratelimit-limit': '200,2000' })).toEqual({});
		expect(parseRateLimitHeaders({ 'x-ratelimit-usage': '5,50' })).toEqual({});
		expect(parseRateLimitHeaders({ 'x-readratelimit-limit': '100,1000' })).toEqual({});
		expect(parseRateLimitHeaders({ 'x-readratelimit-usage': '5,50' })).toEqual({});
		expect(parseRateLimitHeaders({ 'x-ratelimit-limit': '200,2000', 'x-ratelimit-usage': '5,abc' })).toEqual({});
		expect(parseRateLimitHeaders({ 'x-ratelimit-limit': '200', 'x-ratelimit-usage': '5,50' })).toEqual({});
		expect(parseRateLimitHeaders({ 'x-ratelimit-limit': '', 'x-ratelimit-usage': '' })).toEqual({});
		expect(parseRateLimitHeaders({ 'x-ratelimit-limit': null, 'x-ratelimit-usage': '5,50', date: null })).toEqual({});
	});

	test("headers in Strava's own spelling (a client that keeps the case) are read too", () => {
		expect(parseRateLimitHeaders({ 'X-RateLimit-Limit': '200,2000', 'X-RateLimit-Usage': '5,50', Date: DATE })).toEqual({
			overall: { limit15: 200, limitDay: 2000, usage15: 5, usageDay: 50 },
			serverTime: NOW,
		});
	});

	test('spaces around the numbers are allowed; the read pair is read on its own', () => {
		expect(parseRateLimitHeaders({ 'x-readratelimit-limit': ' 100 , 1000 ', 'x-readratelimit-usage': '7, 70' })).toEqual({
			read: { limit15: 100, limitDay: 1000, usage15: 7, usageDay: 70 },
		});
	});
});

describe('exhaustedLimit', () => {
	const usage = (overall: [number, number, number, number] | undefined, read?: [number, number, number, number]) => ({
		...(overall && { overall: { limit15: overall[0], limitDay: overall[1], usage15: overall[2], usageDay: overall[3] } }),
		...(read && { read: { limit15: read[0], limitDay: read[1], usage15: read[2], usageDay: read[3] } }),
		serverTime: NOW,
	});

	test('exactly at the limit is exhausted, one below is not', () => {
		expect(exhaustedLimit(usage([200, 2000, 200, 10]), false)?.name).toBe('overall requests per 15 minutes');
		expect(exhaustedLimit(usage([200, 2000, 199, 10]), false)).toBeUndefined();
		expect(exhaustedLimit(usage([200, 2000, 10, 2000]), false)?.name).toBe('overall requests per day');
		expect(exhaustedLimit(usage([200, 2000, 10, 1999]), false)).toBeUndefined();
	});

	test('with several windows exhausted, the one that frees up last is named: a daily one before any 15-minute one', () => {
		expect(exhaustedLimit(usage([200, 2000, 200, 10], [100, 1000, 10, 1000]), true)?.name).toBe('read requests per day');
		expect(exhaustedLimit(usage([200, 2000, 200, 2000], [100, 1000, 100, 1000]), true)?.name).toBe('overall requests per day');
		expect(exhaustedLimit(usage([200, 2000, 200, 10], [100, 1000, 100, 10]), true)?.name).toBe('overall requests per 15 minutes');
		expect(exhaustedLimit(usage([200, 2000, 10, 10], [100, 1000, 100, 1000]), true)?.waitMs).toBe(Date.parse('2026-11-22T00:00:00Z') - NOW);
	});

	test('a limit of 0 (no figures) is never exhausted', () => {
		expect(exhaustedLimit(usage([0, 0, 0, 0], [0, 0, 0, 0]), true)).toBeUndefined();
	});

	test('the read limits count only for reads, each window on its own', () => {
		expect(exhaustedLimit(usage(undefined, [100, 1000, 10, 1000]), true)?.name).toBe('read requests per day');
		expect(exhaustedLimit(usage(undefined, [100, 1000, 10, 1000]), false)).toBeUndefined();
		expect(exhaustedLimit(usage(undefined, [100, 1000, 100, 10]), true)?.name).toBe('read requests per 15 minutes');
	});

	test('the 15-minute and the daily limit of the same kind reset at the quarter hour and at UTC midnight', () => {
		const quarter = exhaustedLimit(usage([200, 2000, 200, 10]), false)!;
		expect(quarter).toEqual({
			name: 'overall requests per 15 minutes',
			usage: 200,
			limit: 200,
			resetsAt: Date.parse('2026-11-21T10:15:00Z'),
			waitMs: Date.parse('2026-11-21T10:15:00Z') - NOW,
			serverTime: NOW,
		});
		const day = exhaustedLimit(usage([200, 2000, 10, 2000]), false)!;
		expect(day).toEqual({
			name: 'overall requests per day',
			usage: 2000,
			limit: 2000,
			resetsAt: Date.parse('2026-11-22T00:00:00Z'),
			waitMs: Date.parse('2026-11-22T00:00:00Z') - NOW,
			serverTime: NOW,
		});
	});

	test('when several reset at the same moment the first found (overall before read) is named', () => {
		expect(exhaustedLimit(usage([200, 2000, 10, 2000], [100, 1000, 10, 1000]), true)?.name).toBe('overall requests per day');
		expect(exhaustedLimit(usage([200, 2000, 200, 10], [100, 1000, 100, 10]), true)?.name).toBe(
			'overall requests per 15 minutes',
		);
		// the daily one resets later, whichever order they were found in
		expect(exhaustedLimit(usage([200, 2000, 200, 10], [100, 1000, 10, 1000]), true)?.name).toBe('read requests per day');
	});

	test('without a Date header the machine clock is used', () => {
		const before = Date.now();
		const limit = exhaustedLimit({ overall: { limit15: 200, limitDay: 2000, usage15: 200, usageDay: 10 } }, false)!;
		const after = Date.now();
		expect(limit.resetsAt % (15 * 60_000)).toBe(0);
		expect(limit.resetsAt).toBeGreaterThan(before);
		expect(limit.resetsAt).toBeLessThanOrEqual(after + 15 * 60_000);
		expect(limit.waitMs).toBeLessThanOrEqual(limit.resetsAt - before);
		expect(limit.waitMs).toBeGreaterThanOrEqual(limit.resetsAt - after);
		// no Strava clock to report
		expect(limit).not.toHaveProperty('serverTime');
		expect(exhaustedLimit({}, true, true)).not.toHaveProperty('serverTime');
	});

	test('a 429 with figures but budget left assumes the 15-minute window and reports the figures it has', () => {
		expect(exhaustedLimit(usage([200, 2000, 150, 10]), true)).toBeUndefined();
		expect(exhaustedLimit(usage([200, 2000, 150, 10]), true, true)).toEqual({
			name: 'requests per 15 minutes',
			usage: 150,
			limit: 200,
			resetsAt: Date.parse('2026-11-21T10:15:00Z'),
			waitMs: Date.parse('2026-11-21T10:15:00Z') - NOW,
			serverTime: NOW,
		});
		expect(exhaustedLimit({ serverTime: NOW }, true, true)).toMatchObject({ usage: 0, limit: 0 });
	});
});

describe('describeExhaustedLimit', () => {
	test('names the limit, the figures when known and the reset in UTC without milliseconds', () => {
		const limit = exhaustedLimit({ overall: { limit15: 200, limitDay: 2000, usage15: 201, usageDay: 10 }, serverTime: NOW }, false)!;
		expect(describeExhaustedLimit(limit)).toBe(
			'Strava rate limit reached: overall requests per 15 minutes (201 of 200 used). It resets at 2026-11-21T10:15:00Z (UTC).',
		);
		expect(describeExhaustedLimit(exhaustedLimit({ serverTime: NOW }, true, true)!)).toBe(
			'Strava rate limit reached: requests per 15 minutes. It resets at 2026-11-21T10:15:00Z (UTC).',
		);
	});
});
