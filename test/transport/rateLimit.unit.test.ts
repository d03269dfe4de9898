import { countsAsRead, exhaustedLimit, parseRateLimitHeaders } from '../../nodes/shared/transport/rateLimit';

const headers = (overall: string, read: string, date = 'Sat, 21 Nov 2026 10:07:30 GMT') => ({
	'x-ratelimit-limit': '200,2000',
	'x-ratelimit-usage': overall,
	'x-readratelimit-limit': '100,1000',
	'x-readratelimit-usage': read,
	date,
});

test("reads Strava's 15min,daily header pairs and its clock", () => {
	expect(parseRateLimitHeaders(headers('37,402', '30,300'))).toEqual({
		overall: { limit15: 200, limitDay: 2000, usage15: 37, usageDay: 402 },
		read: { limit15: 100, limitDay: 1000, usage15: 30, usageDay: 300 },
		serverTime: Date.parse('2026-11-21T10:07:30Z'),
	});
});

test('missing or malformed headers give no figures rather than wrong ones', () => {
	expect(parseRateLimitHeaders({ 'x-ratelimit-limit': 'abc', date: 'nope' })).toEqual({});
	expect(parseRateLimitHeaders(undefined)).toEqual({});
});

test('budget left: nothing to wait for', () => {
	expect(exhaustedLimit(parseRateLimitHeaders(headers('99,500', '99,500')), true)).toBeUndefined();
});

test('read 15-minute limit: resets at the next quarter hour on Strava\'s clock', () => {
	const limit = exhaustedLimit(parseRateLimitHeaders(headers('100,500', '100,500')), true)!;
	expect(limit.name).toBe('read requests per 15 minutes');
	expect(new Date(limit.resetsAt).toISOString()).toBe('2026-11-21T10:15:00.000Z');
	expect(limit.waitMs).toBe(7.5 * 60_000);
});

test('an upload does not count against the read limit', () => {
	expect(exhaustedLimit(parseRateLimitHeaders(headers('100,500', '100,500')), false)).toBeUndefined();
});

test('the daily limit wins over the 15-minute one and resets at UTC midnight', () => {
	const limit = exhaustedLimit(parseRateLimitHeaders(headers('200,2000', '100,1000')), true)!;
	expect(limit.name).toBe('overall requests per day');
	expect(new Date(limit.resetsAt).toISOString()).toBe('2026-11-22T00:00:00.000Z');
});

test('a 429 without headers assumes the 15-minute window', () => {
	const limit = exhaustedLimit({ serverTime: Date.parse('2026-11-21T10:44:00Z') }, true, true)!;
	expect(new Date(limit.resetsAt).toISOString()).toBe('2026-11-21T10:45:00.000Z');
});

test("Strava's read (non-upload) limit: every request but creating an activity and uploading a file", () => {
	expect(countsAsRead('POST', '/activities')).toBe(false);
	expect(countsAsRead('post', '/activities/')).toBe(false);
	expect(countsAsRead('POST', '/uploads')).toBe(false);
	expect(countsAsRead('POST', '/uploads?x=1')).toBe(false);
	expect(countsAsRead('GET', '/activities')).toBe(true);
	expect(countsAsRead('GET', '/uploads/123')).toBe(true);
	expect(countsAsRead('PUT', '/activities/123')).toBe(true);
	expect(countsAsRead('PUT', '/athlete')).toBe(true);
	expect(countsAsRead('PUT', '/segments/1/starred')).toBe(true);
	expect(countsAsRead('POST', '/push_subscriptions')).toBe(true);
	expect(countsAsRead('DELETE', '/activities')).toBe(true);
});
