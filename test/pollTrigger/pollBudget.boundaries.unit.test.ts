// Cases found by mutation testing (npm run test:mutation, docs/testing.md): the polling trigger's budget rules
// (pollBudget.ts): exact reasons, exact boundaries and exactly which state fields each step writes.
import {
	appPressure,
	decidePoll,
	pollFailed,
	pollSchedule,
	pollSucceeded,
	recordRequests,
	startPoll,
	type BudgetState,
} from '../../nodes/StravaApiNewActivityTrigger/pollBudget';
import { needsRestart, settlePoll, type PollState } from '../../nodes/StravaApiNewActivityTrigger/pollState';
import { afterPollAt } from '../harness/budget';

const MIN = 60_000;
const NOON = Date.parse('2026-03-02T12:00:00Z');
const TOLERANCE = 30_000;

const window = (usageDay: number, limitDay: number, usage15 = 0, limit15 = 100) => ({ usage15, limit15, usageDay, limitDay });

describe("appPressure: the application's usage, its reasons word for word", () => {
	test('a window with a limit of 0 counts as unused (no division by zero)', () => {
		const state: BudgetState = {};
		recordRequests(state, NOON, 1, { read: window(5, 0, 5, 0), serverTime: NOON });
		expect(appPressure(state, NOON + MIN)).toEqual({ factor: 1 });
	});

	test('only the read window reported: it is kept alone and still decides', () => {
		const state: BudgetState = {};
		recordRequests(state, NOON, 1, { read: window(900, 1000), serverTime: NOON });
		expect(state.app).toEqual({ at: NOON, read: window(900, 1000) });
		expect(appPressure(state, NOON + MIN)).toEqual({
			factor: 4,
			reason: 'the application has used 90 % of its daily requests; polling 4x less often',
		});
	});

	test('only the overall window reported: no read window is made up', () => {
		const state: BudgetState = {};
		recordRequests(state, NOON, 1, { overall: window(1900, 2000), serverTime: NOON });
		expect(state.app).toEqual({ at: NOON, overall: window(1900, 2000) });
	});

	test('exactly 80 % of the daily reads already slows down 4×', () => {
		expect(appPressure(afterPollAt(NOON, 800), NOON + MIN)).toEqual({
			factor: 4,
			reason: 'the application has used 80 % of its daily requests; polling 4x less often',
		});
	});

	test("95 %: waits for Strava's midnight, and says so", () => {
		expect(appPressure(afterPollAt(NOON, 950), NOON + MIN)).toEqual({
			factor: 1,
			waitUntil: Date.parse('2026-03-03T00:00:00Z'),
			reason: "the application has used 95 % of its daily requests; waiting for Strava's daily reset",
		});
		expect(decidePoll(afterPollAt(NOON, 950), NOON + MIN, 150).reason).toBe(
			"the application has used 95 % of its daily requests; waiting for Strava's daily reset (2026-03-03T00:00:00Z)",
		);
	});

	test('80 % of the 15-minute window: waits for the next window, and says so', () => {
		expect(appPressure(afterPollAt(NOON + 2 * MIN, 100, 80), NOON + 3 * MIN)).toEqual({
			factor: 1,
			waitUntil: NOON + 15 * MIN,
			reason: 'the application has used 80 % of this 15-minute window; waiting for the next one',
		});
	});
});

describe('decidePoll: reasons (n8n debug log) word for word', () => {
	test('a poll that is not due says in how long, and why', () => {
		const state = afterPollAt(NOON);
		expect(decidePoll(state, NOON + 12 * MIN, 150)).toEqual({
			due: false,
			kind: 'check',
			reason: 'next poll 1 min from now (on schedule)',
			remaining: 148,
			schedule: pollSchedule(150, 2),
		});
		expect(decidePoll(state, NOON + 13 * MIN, 150)).toEqual({
			due: true,
			kind: 'check',
			reason: 'on schedule',
			remaining: 148,
			schedule: pollSchedule(150, 2),
		});
	});

	test('a first poll says so', () => {
		expect(decidePoll({}, NOON, 150, { mustSweep: true }).reason).toBe('first poll');
	});

	test('one failure does not slow down (and is not named); two in a row double the interval and are named', () => {
		const state = afterPollAt(NOON);
		pollFailed(state, NOON, { status: 500 });
		expect(decidePoll(state, NOON + 13 * MIN, 150).reason).toBe('on schedule');
		pollFailed(state, NOON, { status: 500 });
		expect(decidePoll(state, NOON + 13 * MIN, 150).reason).toBe('next poll 13 min from now (2 failed polls in a row)');
		expect(decidePoll(state, NOON + 26 * MIN, 150)).toMatchObject({ due: true, reason: '2 failed polls in a row' });
	});

	test("the application's busy reason is the one a slowed-down poll gives", () => {
		expect(decidePoll(afterPollAt(NOON, 900), NOON + 13 * MIN, 150).reason).toBe(
			'next poll 39 min from now (the application has used 90 % of its daily requests; polling 4x less often)',
		);
	});

	test('a 429 pause and a spent allowance name the instant they wait for', () => {
		const paused = afterPollAt(NOON);
		pollFailed(paused, NOON + MIN, { status: 429, reset: { resetsAt: NOON + 15 * MIN, serverTime: NOON + MIN } });
		expect(decidePoll(paused, NOON + 14 * MIN, 150).reason).toBe('Strava refused with a rate limit; waiting until 2026-03-02T12:15:00Z');
		const spent = afterPollAt(NOON);
		spent.spent = 150;
		expect(decidePoll(spent, NOON + 13 * MIN, 150)).toEqual({
			due: false,
			kind: 'check',
			reason: "this trigger's 150 requests for today are spent; next poll after 2026-03-03T00:00:00Z",
			remaining: 0,
			schedule: pollSchedule(150, 2),
		});
	});
});

describe('decidePoll: exact boundaries', () => {
	test('the measured sweep cost sets the schedule (4 requests: a check every 15 min, not 13)', () => {
		const state = afterPollAt(NOON);
		state.sweepCost = 4;
		expect(decidePoll(state, NOON + 13 * MIN, 150)).toMatchObject({ due: false, schedule: pollSchedule(150, 4) });
		expect(decidePoll(state, NOON + 15 * MIN, 150).due).toBe(true);
	});

	test('due exactly 30 s before the interval ends, not 1 ms earlier', () => {
		const state = afterPollAt(NOON);
		expect(decidePoll(state, NOON + 13 * MIN - TOLERANCE - 1, 150).due).toBe(false);
		expect(decidePoll(state, NOON + 13 * MIN - TOLERANCE, 150).due).toBe(true);
	});

	test('a last poll up to 30 s "in the future" still holds the trigger back; one further ahead (clock went back) does not', () => {
		const state = afterPollAt(NOON);
		state.lastPollAt = NOON + TOLERANCE;
		expect(decidePoll(state, NOON, 150)).toMatchObject({ due: false, reason: 'next poll 14 min from now (on schedule)' });
		state.lastPollAt = NOON + TOLERANCE + 1;
		expect(decidePoll(state, NOON, 150)).toMatchObject({ due: true, kind: 'check' });
	});

	test('a sweep is due exactly 30 s before the sweep interval ends, a check 1 ms earlier', () => {
		const state = afterPollAt(NOON);
		state.lastPollAt = NOON + 143 * MIN - TOLERANCE; // the last check, 13 min before the sweep is due
		expect(decidePoll(state, NOON + 156 * MIN - TOLERANCE - 1, 150)).toMatchObject({ due: true, kind: 'check' });
		expect(decidePoll(state, NOON + 156 * MIN - TOLERANCE, 150)).toMatchObject({ due: true, kind: 'sweep' });
	});

	test('a sweep that exactly fits the remaining requests is still a sweep; one that does not becomes a check', () => {
		const state = afterPollAt(NOON);
		state.sweepSoon = true;
		state.spent = 148;
		expect(decidePoll(state, NOON + 13 * MIN, 150)).toMatchObject({ due: true, kind: 'sweep', remaining: 2 });
		state.spent = 149;
		expect(decidePoll(state, NOON + 13 * MIN, 150)).toMatchObject({ due: true, kind: 'check', remaining: 1 });
	});
});

describe('what each step writes into the state', () => {
	test('startPoll starts the new Strava day: yesterday\'s count is dropped at once', () => {
		const state: BudgetState = { day: '2026-03-01', spent: 99 };
		startPoll(state, NOON);
		expect(state).toEqual({ day: '2026-03-02', spent: 0, lastPollAt: NOON });
	});

	test('a Date header that is not a date keeps the skew the last good one gave', () => {
		const state: BudgetState = {};
		recordRequests(state, NOON, 1, { serverTime: NOON + 5 * MIN });
		recordRequests(state, NOON + MIN, 1, { serverTime: Number.NaN });
		expect(state.skewMs).toBe(5 * MIN);
	});

	test('a successful check clears a 429 pause and the failures, but leaves the sweep fields alone', () => {
		const state: BudgetState = { failures: 3, pausedUntil: NOON, lastSweepAt: NOON - 60 * MIN, sweepSoon: true, sweepCost: 4 };
		pollSucceeded(state, NOON + MIN, 'check', 7);
		expect(state).toEqual({ failures: 0, lastSweepAt: NOON - 60 * MIN, sweepSoon: true, sweepCost: 4 });
	});

	test('a successful sweep keeps the measured cost only when one is given and above 0', () => {
		const state: BudgetState = { sweepCost: 4, sweepSoon: true };
		pollSucceeded(state, NOON, 'sweep');
		expect(state).toEqual({ failures: 0, lastSweepAt: NOON, sweepCost: 4 });
		pollSucceeded(state, NOON + MIN, 'sweep', 0);
		expect(state.sweepCost).toBe(4);
		pollSucceeded(state, NOON + 2 * MIN, 'sweep', 3);
		expect(state.sweepCost).toBe(3);
	});
});

describe('pollState', () => {
	const NOW_SEC = NOON / 1000;
	const HOUR_SEC = 3600;

	test('a state of the current version without a floor starts over', () => {
		expect(needsRestart({ version: 1, origin: 'now', seen: {} })).toBe(true);
	});

	test('an incomplete sweep moves the floor to just before the latest start it handled, whatever the order listed', () => {
		const state: PollState = { version: 1, origin: 'now', floor: NOW_SEC - 10 * HOUR_SEC, seen: {} };
		const plan = { after: NOW_SEC - 10 * HOUR_SEC, baseline: false, catchingUp: true };
		const listed = [
			{ id: 2, start_date: new Date(NOON - 5 * 3_600_000).toISOString() },
			{ id: 1, start_date: new Date(NOON - 6 * 3_600_000).toISOString() },
		];
		settlePoll(state, plan, listed, NOW_SEC, HOUR_SEC, false);
		expect(state.floor).toBe(NOW_SEC - 5 * HOUR_SEC - 1);
	});
});
