import {
	appPressure,
	decidePoll,
	formatDuration,
	pollFailed,
	pollSchedule,
	pollSucceeded,
	recordRequests,
	spentToday,
	startPoll,
	type BudgetState,
} from '../../nodes/StravaApiNewActivityTrigger/pollBudget';
import { StravaApiNewActivityTrigger } from '../../nodes/StravaApiNewActivityTrigger/StravaApiNewActivityTrigger.node';
import { afterPollAt, usageHeaders } from '../harness/budget';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOON = Date.parse('2026-03-02T12:00:00Z');
const MIDNIGHT = Date.parse('2026-03-03T00:00:00Z');

const headers = usageHeaders;

describe('pollSchedule (hand-computed)', () => {
	test('default 150 a day: planned 120 (20 % reserve); a check costs 1, a sweep 1 more, one in 12 → every 13 min', () => {
		// 1440 min × (1 + 1/12) / 120 = 13 min exactly; sweeps every 12 × 13 = 156 min; 1440/13 × 13/12 = 120.
		expect(pollSchedule(150)).toEqual({ checkEveryMs: 13 * MIN, sweepEveryMs: 156 * MIN, plannedPerDay: 120 });
		expect(formatDuration(13 * MIN)).toBe('13 min');
		expect(formatDuration(156 * MIN)).toBe('2 h 36 min');
	});

	test('a window of 600 activities (sweep = 4 requests) spaces checks out to stay inside the plan', () => {
		// 1440 × (1 + 3/12) / 120 = 15 min; 96 checks × 1.25 = 120.
		expect(pollSchedule(150, 4)).toEqual({ checkEveryMs: 15 * MIN, sweepEveryMs: 180 * MIN, plannedPerDay: 120 });
	});

	test('small and large budgets', () => {
		// 24/day: planned 19.2 → 1440 × 13/12 / 19.2 = 81.25 → 82 min.
		expect(pollSchedule(24).checkEveryMs).toBe(82 * MIN);
		// 1000/day: planned 800 → 1.95 → 2 min; never below one minute.
		expect(pollSchedule(1000).checkEveryMs).toBe(2 * MIN);
		expect(pollSchedule(100_000).checkEveryMs).toBe(MIN);
	});
});

describe('decidePoll', () => {
	test('a state without budget (saved by an older version) is due at once, as a sweep', () => {
		expect(decidePoll({}, NOON, 150)).toMatchObject({ due: true, kind: 'sweep', remaining: 150 });
	});

	test('not due before the check interval; due at it (n8n fires on the minute, 30 s tolerance)', () => {
		const state = afterPollAt(NOON);
		expect(decidePoll(state, NOON + MIN, 150).due).toBe(false);
		expect(decidePoll(state, NOON + 12 * MIN, 150).due).toBe(false);
		expect(decidePoll(state, NOON + 12 * MIN + 31_000, 150)).toMatchObject({ due: true, kind: 'check' });
		expect(decidePoll(state, NOON + 13 * MIN, 150)).toMatchObject({ due: true, kind: 'check' });
	});

	test('every 156 minutes the due poll is a sweep; a full check page asks for one sooner', () => {
		const state = afterPollAt(NOON);
		startPoll(state, NOON + 143 * MIN);
		expect(decidePoll(state, NOON + 156 * MIN, 150)).toMatchObject({ due: true, kind: 'sweep' });
		const soon = afterPollAt(NOON);
		soon.sweepSoon = true;
		expect(decidePoll(soon, NOON + 13 * MIN, 150)).toMatchObject({ due: true, kind: 'sweep' });
		pollSucceeded(soon, NOON + 13 * MIN, 'sweep');
		expect(soon.sweepSoon).toBeUndefined();
	});

	test('a new state (first activation, new backfill date) sweeps at once, even right after a check', () => {
		const state = afterPollAt(NOON);
		expect(decidePoll(state, NOON + MIN, 150, { mustSweep: true })).toMatchObject({ due: true, kind: 'sweep' });
		state.failures = 1;
		expect(decidePoll(state, NOON + MIN, 150, { mustSweep: true }).due).toBe(false);
		expect(decidePoll(state, NOON + 13 * MIN, 150, { mustSweep: true })).toMatchObject({ due: true, kind: 'sweep' });
	});

	test('the allowance is a hard cap per Strava day; a sweep that would not fit becomes a check', () => {
		const state = afterPollAt(NOON);
		state.spent = 150;
		expect(decidePoll(state, NOON + HOUR, 150)).toMatchObject({ due: false, remaining: 0 });
		expect(decidePoll(state, NOON + HOUR, 150).reason).toContain('2026-03-03T00:00:00Z');
		state.spent = 149;
		startPoll(state, NOON);
		state.spent = 149;
		expect(decidePoll(state, NOON + 3 * HOUR, 150)).toMatchObject({ due: true, kind: 'check', remaining: 1 });
		// Strava's day starts at UTC midnight on Strava's clock: the count starts over.
		expect(decidePoll(state, MIDNIGHT + MIN, 150)).toMatchObject({ due: true, remaining: 150 });
	});

	test("the day follows Strava's clock (Date header), not the local one", () => {
		const state: BudgetState = {};
		const local = MIDNIGHT - 2 * MIN; // 23:58 here
		recordRequests(state, local, 7, { serverTime: MIDNIGHT + MIN }); // 00:01 at Strava: a new day
		expect(state.skewMs).toBe(3 * MIN);
		expect(state.day).toBe('2026-03-03');
		expect(spentToday(state, local)).toBe(7);
		expect(spentToday(state, local + 23 * HOUR + 59 * MIN)).toBe(0); // Strava's 2026-03-04 00:02
	});

	test('failures in a row double the interval (up to 16×)', () => {
		const state = afterPollAt(NOON);
		pollFailed(state, NOON, { status: 403 });
		expect(decidePoll(state, NOON + 13 * MIN, 150).due).toBe(true);
		pollFailed(state, NOON, { status: 403 });
		expect(decidePoll(state, NOON + 13 * MIN, 150).due).toBe(false);
		expect(decidePoll(state, NOON + 26 * MIN, 150).due).toBe(true);
		for (let i = 0; i < 10; i++) pollFailed(state, NOON, { status: 500 });
		expect(decidePoll(state, NOON + 16 * 13 * MIN - MIN, 150).due).toBe(false);
		expect(decidePoll(state, NOON + 16 * 13 * MIN, 150).due).toBe(true);
		pollSucceeded(state, NOON, 'check');
		expect(decidePoll(state, NOON + 13 * MIN, 150).due).toBe(true);
	});

	test("a 429 pauses until the reset the transport's error carries: the window's quarter hour or Strava's midnight", () => {
		const state = afterPollAt(NOON + 5 * MIN);
		pollFailed(state, NOON + 5 * MIN, { status: 429, reset: { resetsAt: NOON + 15 * MIN, serverTime: NOON + 5 * MIN } });
		expect(state.pausedUntil).toBe(NOON + 15 * MIN);
		expect(state.skewMs).toBe(0);
		const daily = afterPollAt(NOON + 5 * MIN);
		pollFailed(daily, NOON + 5 * MIN, { status: 429, reset: { resetsAt: MIDNIGHT, serverTime: NOON + 5 * MIN } });
		expect(daily.pausedUntil).toBe(MIDNIGHT);
		expect(decidePoll(daily, MIDNIGHT - MIN, 150).due).toBe(false);
		expect(decidePoll(daily, MIDNIGHT, 150).due).toBe(true);
	});

	test("the refusal's own clock replaces an older skew: with Strava 14 min ahead, the pause ends 14 min earlier on the local clock", () => {
		const state = afterPollAt(NOON); // the last answer said the clocks agree
		expect(state.skewMs).toBe(0);
		const local = NOON + 30 * MIN; // 12:30 here, 12:44 at Strava
		pollFailed(state, local, { status: 429, reset: { resetsAt: NOON + 45 * MIN, serverTime: local + 14 * MIN } });
		expect(state.skewMs).toBe(14 * MIN);
		expect(state.pausedUntil).toBe(NOON + 45 * MIN);
		expect(decidePoll(state, NOON + 30 * MIN, 150)).toMatchObject({ due: false });
		expect(decidePoll(state, NOON + 31 * MIN - 1, 150)).toMatchObject({ due: false });
		expect(decidePoll(state, NOON + 31 * MIN, 150)).toMatchObject({ due: true }); // 12:45 at Strava
	});

	test('a 429 without a Date header keeps the skew it had; one without a reset waits for the next quarter hour on that skew', () => {
		const state = afterPollAt(NOON);
		recordRequests(state, NOON, 0, { serverTime: NOON + 5 * MIN });
		pollFailed(state, NOON + 20 * MIN, { status: 429, reset: { resetsAt: NOON + 30 * MIN } });
		expect(state.skewMs).toBe(5 * MIN);
		expect(state.pausedUntil).toBe(NOON + 30 * MIN);
		const unmarked = afterPollAt(NOON);
		recordRequests(unmarked, NOON, 0, { serverTime: NOON + 5 * MIN });
		pollFailed(unmarked, NOON + 12 * MIN, { status: 429 }); // 12:17 at Strava
		expect(unmarked.pausedUntil).toBe(NOON + 30 * MIN);
		expect(unmarked.skewMs).toBe(5 * MIN);
	});

	test('a reset on a failure other than a 429 pauses nothing', () => {
		const state = afterPollAt(NOON);
		pollFailed(state, NOON + MIN, { status: 500, reset: { resetsAt: NOON + 15 * MIN, serverTime: NOON + 20 * MIN } });
		expect(state.pausedUntil).toBeUndefined();
		expect(state.skewMs).toBe(0);
		expect(state.failures).toBe(1);
	});
});

describe("the application's usage (rate-limit headers)", () => {
	test('below 80 % of the daily reads: no back-off', () => {
		expect(appPressure(afterPollAt(NOON, 799), NOON + MIN)).toEqual({ factor: 1 });
	});

	test('80 % or more of the daily reads: every interval 4× longer', () => {
		const state = afterPollAt(NOON, 900);
		expect(appPressure(state, NOON + MIN).factor).toBe(4);
		expect(decidePoll(state, NOON + 51 * MIN, 150).due).toBe(false);
		expect(decidePoll(state, NOON + 52 * MIN, 150)).toMatchObject({ due: true, kind: 'check' });
	});

	test('95 % or more: nothing until the daily reset; the old day no longer counts after it', () => {
		const state = afterPollAt(NOON, 950);
		expect(appPressure(state, NOON + MIN).waitUntil).toBe(MIDNIGHT);
		expect(decidePoll(state, MIDNIGHT - MIN, 150).due).toBe(false);
		expect(decidePoll(state, MIDNIGHT + MIN, 150).due).toBe(true);
	});

	test('the overall limit counts as well as the read limit', () => {
		const state = afterPollAt(NOON);
		recordRequests(state, NOON, 1, {
			read: { limit15: 100, limitDay: 1000, usage15: 1, usageDay: 100 },
			overall: { limit15: 200, limitDay: 2000, usage15: 2, usageDay: 1700 },
			serverTime: NOON,
		});
		expect(appPressure(state, NOON + MIN).factor).toBe(4);
	});

	test('80 % of a 15-minute window: nothing until the next window', () => {
		const state = afterPollAt(NOON + 2 * MIN, 100, 80);
		expect(appPressure(state, NOON + 3 * MIN).waitUntil).toBe(NOON + 15 * MIN);
		expect(decidePoll(state, NOON + 14 * MIN, 150).due).toBe(false);
		expect(decidePoll(state, NOON + 15 * MIN, 150)).toMatchObject({ due: true });
	});

	test('the budget counts requests and keeps the latest headers', () => {
		const state: BudgetState = {};
		recordRequests(state, NOON, 1, headers(10, 1, NOON));
		recordRequests(state, NOON + MIN, 4);
		expect(state).toMatchObject({ spent: 5, day: '2026-03-02', app: { read: { usageDay: 10 }, at: NOON } });
	});
});

describe("the node's text", () => {
	test('quotes what the defaults cost, and keeps the saved parameter names', () => {
		const { properties } = new StravaApiNewActivityTrigger().description;
		const byName = Object.fromEntries(properties.map((property) => [property.name, property]));
		expect(Object.keys(byName)).toEqual(['pollNotice', 'lookBackDays', 'dailyRequestBudget', 'options']);
		expect(byName.lookBackDays.default).toBe(7);
		expect(byName.options.options?.map((option) => option.name)).toEqual(['startDate']);
		expect(byName.dailyRequestBudget).toMatchObject({ type: 'number', default: 150 });
		for (const text of [byName.pollNotice.displayName, byName.dailyRequestBudget.description]) {
			expect(text).toContain('every 13 min (1 request)');
			expect(text).toContain('every 2 h 36 min (2 requests)');
			expect(text).toContain('about 120 read requests a day, at most 150 (a few more on a day n8n restarts)');
		}
		expect(byName.dailyRequestBudget.description).toContain('the default 150 is 15 % of the daily reads');
		expect(byName.dailyRequestBudget.description).toContain('80 %');
	});
});

test('durations read as hours and minutes, rounded to the minute', () => {
	expect(formatDuration(13 * 60_000)).toBe('13 min');
	expect(formatDuration(59 * 60_000 + 29_000)).toBe('59 min');
	expect(formatDuration(59 * 60_000 + 31_000)).toBe('1 h');
	expect(formatDuration(2 * 3_600_000)).toBe('2 h');
	expect(formatDuration(2 * 3_600_000 + 36 * 60_000)).toBe('2 h 36 min');
});
