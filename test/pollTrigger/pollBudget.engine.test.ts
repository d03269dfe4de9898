import { NodeApiError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { addActivity, clearActivities, deleteActivity, editActivity, seedActivities } from '../sandbox';
import { APPLICATION_INACTIVE, setAppUsage } from '../sandbox/routes/activityChurn';
import { useSandbox } from '../harness';
import { Poller } from '../harness/poller';
import type { BudgetState } from '../../nodes/StravaApiNewActivityTrigger/pollBudget';
import { freezeClockAt } from '../harness/clock';
import { useLogRecorder } from '../harness/logs';

const t = useSandbox();
const logs = useLogRecorder();

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

beforeEach(() => clearActivities(t.sandbox));

afterEach(() => {
	jest.useRealTimers();
	t.sandbox.state.clock.offsetMs = 0;
	t.sandbox.faults = [];
});

function poller(parameters: INodeParameters = { lookBackDays: 7 }) {
	return new Poller({ credentials: t.credentials(), parameters });
}

const ids = (items: IDataObject[]) => items.map((item) => Number(item.id));
const budgetOf = (trigger: Poller) => trigger.staticData.budget as BudgetState;
const windowState = (trigger: Poller) => {
	const { version, floor, seen, origin, partial } = trigger.staticData;
	return JSON.parse(JSON.stringify({ version, floor, seen, origin, partial })) as IDataObject;
};

/** API requests (not OAuth) made by `fn`. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; requests: number }> {
	const before = t.sandbox.apiCalls().length;
	const result = await fn();
	return { result, requests: t.sandbox.apiCalls().length - before };
}

/** Polls every minute from `from` (exclusive) to `to` (inclusive); returns when requests were sent. */
async function pollEveryMinute(trigger: Poller, from: number, to: number, onItems?: (items: IDataObject[], at: number) => void) {
	const requestTimes: number[] = [];
	for (let at = from + MIN; at <= to; at += MIN) {
		jest.setSystemTime(at);
		const { result, requests } = await counted(() => trigger.pollItems());
		if (requests) requestTimes.push(at);
		onItems?.(result, at);
	}
	return requestTimes;
}

/** Small deterministic PRNG so the simulated day is the same on every run. */
function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

test('a non-due poll sends nothing, not even a token request', async () => {
	const start = Date.parse('2026-04-01T10:00:00Z');
	freezeClockAt(start);
	seedActivities(t.sandbox, 5, new Date(start - HOUR), 10);
	const trigger = poller();
	expect(await counted(() => trigger.pollItems())).toMatchObject({ requests: 2 }); // baseline sweep
	addActivity(t.sandbox, 100, new Date(start + 2 * MIN));
	for (let minute = 1; minute <= 12; minute++) {
		jest.setSystemTime(start + minute * MIN);
		t.sandbox.clearLog();
		expect(await trigger.poll()).toBeNull();
		expect(t.sandbox.log).toEqual([]);
	}
	jest.setSystemTime(start + 13 * MIN);
	const due = await counted(() => trigger.pollItems());
	expect(due).toMatchObject({ requests: 1 });
	expect(ids(due.result)).toEqual([100]);
	expect(budgetOf(trigger).spent).toBe(3);
});

test('24 hours of every-minute polls: within the 150-request budget, each activity once, new ones within 15 min', async () => {
	const random = prng(20260406);
	const between = (min: number, max: number) => min + random() * (max - min);
	const start = Date.parse('2026-04-06T09:00:00Z'); // the simulated day crosses Strava's midnight
	const end = start + DAY;
	freezeClockAt(start);
	t.sandbox.state.clock.offsetMs = 45_000; // Strava's clock runs 45 s ahead of n8n's
	// History: 8 activities a day for 10 days; never emitted. The newest 30 span under 4 days, so a late
	// upload from 4 to 6.5 days back is beyond a check's page and only a sweep can find it.
	for (let i = 0; i < 80; i++) addActivity(t.sandbox, 1 + i, new Date(start - 30 * MIN - i * 3 * HOUR));

	type Upload = { id: number; at: number; start: number; kind: 'new' | 'late' | 'flash' };
	type Event = { at: number; run: () => void };
	const uploads: Upload[] = [];
	const events: Event[] = [];
	let nextId = 50_000;
	const plan = (kind: Upload['kind'], at: number, activityStart: number) => {
		const upload: Upload = { id: nextId++, at: Math.round(at), start: Math.floor(activityStart / 1000) * 1000, kind };
		uploads.push(upload);
		events.push({ at: upload.at, run: () => addActivity(t.sandbox, upload.id, new Date(upload.start)) });
		return upload;
	};
	for (let i = 0; i < 12; i++) {
		const at = between(start + 5 * MIN, end - 20 * MIN);
		plan('new', at, at - between(15 * MIN, 4 * HOUR)); // an activity synced when it ends
	}
	for (let i = 0; i < 8; i++) {
		const at = between(start + 20 * MIN, end - 4 * HOUR);
		plan('late', at, at - between(1 * DAY, 6.5 * DAY)); // a watch synced days later
	}
	for (let i = 0; i < 3; i++) {
		const at = between(start + 20 * MIN, end - HOUR);
		const flash = plan('flash', at, at - between(20 * MIN, 2 * HOUR)); // uploaded, deleted minutes later
		events.push({ at: flash.at + between(1, 5) * MIN, run: () => deleteActivity(t.sandbox, flash.id) });
	}
	const emittedAt = new Map<number, number[]>();
	const deletedAfterEmit: number[] = [];
	for (let i = 0; i < 3; i++) {
		events.push({
			at: between(start + 6 * HOUR, end - HOUR),
			run: () => {
				const victim = [...emittedAt.keys()].find((id) => t.sandbox.state.collection('activities').has(String(id)));
				if (victim !== undefined && deleteActivity(t.sandbox, victim)) deletedAfterEmit.push(victim);
			},
		});
	}
	for (let i = 0; i < 6; i++) {
		events.push({
			at: between(start, end),
			run: () => {
				const keys = [...t.sandbox.state.collection('activities').keys()];
				editActivity(t.sandbox, Number(keys[Math.floor(random() * keys.length)]), { name: `Edited ${i}` });
			},
		});
	}
	events.sort((a, b) => a.at - b.at);
	const restarts = new Set([5 * 60 + 7, 14 * 60 + 33, 22 * 60 + 2]);
	const overlaps = new Set([8 * 60 + 11, 17 * 60 + 45]);

	const credentials = t.credentials();
	const trigger = new Poller({ credentials, parameters: { lookBackDays: 7 } });
	const record = (items: IDataObject[], at: number) => {
		for (const item of items) emittedAt.set(Number(item.id), [...(emittedAt.get(Number(item.id)) ?? []), at]);
	};
	const began = Date.now();
	const wallStart = performance.now();
	await trigger.pollItems(); // activation at `start`
	let polls = 1;
	for (let minute = 1; minute < 24 * 60; minute++) {
		const pollAt = start + minute * MIN + Math.floor(random() * 800); // n8n fires on the minute, give or take
		while (events.length && events[0].at <= pollAt) {
			const event = events.shift()!;
			jest.setSystemTime(event.at);
			event.run();
		}
		jest.setSystemTime(pollAt);
		if (restarts.has(minute)) trigger.restart(); // n8n restarted: rebuilt from the saved static data
		if (overlaps.has(minute)) {
			const both = await Promise.all([trigger.pollItems(), trigger.pollItems()]);
			both.forEach((items) => record(items, pollAt));
			polls += 2;
		} else {
			record(await trigger.pollItems(), pollAt);
			polls++;
		}
	}
	const wallMs = performance.now() - wallStart;

	const calls = t.sandbox.apiCalls().filter((call) => call.at >= began + 45_000);
	const requests = calls.length;
	const rejected401 = calls.filter((call) => call.status === 401).length;
	const stravaMidnight = Date.parse('2026-04-07T00:00:00Z');
	const countedByStravaToday = calls.filter((call) => call.at >= stravaMidnight && call.status !== 401).length;
	const live = (upload: Upload) => t.sandbox.state.collection('activities').has(String(upload.id));
	const delayOf = (upload: Upload) => (emittedAt.get(upload.id)?.[0] ?? Infinity) - upload.at;
	const newOnes = uploads.filter((upload) => upload.kind === 'new');
	const lateOnes = uploads.filter((upload) => upload.kind === 'late');
	const mustEmit = uploads.filter((upload) => upload.kind !== 'flash');
	const duplicates = [...emittedAt.values()].reduce((sum, times) => sum + times.length - 1, 0);
	const misses = mustEmit.filter((upload) => !emittedAt.has(upload.id)).map((upload) => upload.id);
	const historyEmitted = [...emittedAt.keys()].filter((id) => id < 50_000);
	const figures = {
		polls,
		requestsSpent: requests,
		budget: 150,
		checks: calls.filter((call) => call.query.after === undefined && call.status !== 401).length,
		sweepRequests: calls.filter((call) => call.query.after !== undefined && call.status !== 401).length,
		rejected401ThenRefreshed: rejected401,
		tokenRefreshes: credentials.persisted.length,
		budgetCountToday: budgetOf(trigger).spent,
		sandboxCountToday: countedByStravaToday,
		newUploads: newOnes.length,
		lateUploads: lateOnes.length,
		flashUploadsDeleted: uploads.length - mustEmit.length,
		flashEmitted: uploads.filter((upload) => upload.kind === 'flash' && emittedAt.has(upload.id)).length,
		deletedAfterEmit: deletedAfterEmit.length,
		emitted: emittedAt.size,
		duplicates,
		misses: misses.length,
		historyEmitted: historyEmitted.length,
		worstDelayNewMin: Number((Math.max(...newOnes.map(delayOf)) / MIN).toFixed(1)),
		worstDelayLateMin: Number((Math.max(...lateOnes.map(delayOf)) / MIN).toFixed(1)),
		lateCaughtByCheck: lateOnes.filter((upload) => delayOf(upload) <= 15 * MIN).length,
		wallClockMs: Math.round(wallMs),
	};
	console.log(`[poll budget] simulated 24 h of every-minute polls: ${JSON.stringify(figures, null, 2)}`);

	expect(polls).toBeGreaterThanOrEqual(1440);
	expect(requests).toBeLessThanOrEqual(150);
	expect(duplicates).toBe(0);
	expect(misses).toEqual([]);
	expect(historyEmitted).toEqual([]);
	expect(figures.worstDelayNewMin).toBeLessThanOrEqual(15);
	expect(lateOnes.every((upload) => emittedAt.has(upload.id))).toBe(true);
	// Some late uploads lay beyond a check's page: only the sweep found them, and it did.
	expect(figures.lateCaughtByCheck).toBeLessThan(lateOnes.length);
	expect(figures.worstDelayLateMin).toBeLessThanOrEqual(156 + 15);
	// The budget's own count of today's requests is what Strava counted (rejected 401s aside).
	expect(figures.budgetCountToday).toBe(countedByStravaToday);
	// Activities deleted after they were emitted are not emitted again (duplicates: 0), and the rest still exist.
	expect(mustEmit.filter((upload) => !live(upload)).map((upload) => upload.id).sort()).toEqual([...deletedAfterEmit].sort());
});

test('high app-wide daily usage (900 of 1,000 reads) makes the trigger poll 4× less often; from 95 % it waits for the daily reset', async () => {
	const start = Date.parse('2026-04-08T12:00:00Z');
	freezeClockAt(start);
	seedActivities(t.sandbox, 5, new Date(start - HOUR), 10);
	const trigger = poller();
	await trigger.pollItems(); // baseline sweep (2 requests: checks every 13 min)
	const normal = await pollEveryMinute(trigger, start, start + HOUR);
	expect(normal.map((at) => (at - start) / MIN)).toEqual([13, 26, 39, 52]);

	setAppUsage(t.sandbox, { readDay: 900 }); // other workflows of the same Strava application
	const emitted: number[] = [];
	addActivity(t.sandbox, 300, new Date(start + 65 * MIN));
	const busyFrom = start + HOUR;
	const busy = await pollEveryMinute(trigger, busyFrom, busyFrom + 4 * HOUR, (items) => emitted.push(...ids(items)));
	// The check at 1:05 sees 901/1000 (90 %); from then on every 4 × 13 = 52 minutes.
	expect(busy.map((at) => (at - start) / MIN)).toEqual([65, 117, 169, 221, 273]);
	expect(emitted).toEqual([300]);
	console.log(`[poll budget] at 90 % app-wide daily usage: ${busy.length} requests in 4 h (every 52 min) instead of ${Math.floor((4 * 60) / 13)}`);

	setAppUsage(t.sandbox, { readDay: 955 });
	const midnight = Date.parse('2026-04-09T00:00:00Z');
	const stopped = await pollEveryMinute(trigger, busyFrom + 4 * HOUR, midnight - MIN);
	// One more check learns of 95 %+; then nothing for the rest of Strava's day.
	expect(stopped.map((at) => (at - start) / MIN)).toEqual([325]);
	expect(budgetOf(trigger).app?.read?.usageDay).toBe(956);
	const nextDay = await pollEveryMinute(trigger, midnight - MIN, midnight + 30 * MIN);
	expect(nextDay[0]).toBe(midnight); // Strava's new day: usage reset, the trigger goes on at once
});

test('a 15-minute window 80 % used by the application: the trigger waits for the next window', async () => {
	const start = Date.parse('2026-04-10T10:02:00Z');
	freezeClockAt(start);
	seedActivities(t.sandbox, 5, new Date(start - HOUR), 10);
	const trigger = poller();
	await trigger.pollItems(); // baseline sweep
	const quarter = Date.parse('2026-04-10T10:15:00Z');
	expect(await pollEveryMinute(trigger, start, quarter - MIN)).toEqual([]);
	jest.setSystemTime(quarter);
	setAppUsage(t.sandbox, { read15: 84 }); // other workflows, in the window that just began
	expect(await counted(() => trigger.pollItems())).toMatchObject({ requests: 1 }); // the check sees 85/100
	const times = await pollEveryMinute(trigger, quarter, quarter + 30 * MIN);
	// Without the window check the next poll would be at 10:28; it waits for 10:30, then goes on every 13 min.
	expect(times.map((at) => new Date(at).toISOString().slice(11, 16))).toEqual(['10:30', '10:43']);
});

test('403 "Application Status Inactive": the error is thrown, the state is unchanged, the request counted', async () => {
	const start = Date.parse('2026-04-12T08:00:00Z');
	freezeClockAt(start);
	seedActivities(t.sandbox, 5, new Date(start - HOUR), 400);
	const trigger = poller();
	await trigger.pollItems();
	addActivity(t.sandbox, 700, new Date(start + 5 * MIN));
	const before = windowState(trigger);
	const spentBefore = budgetOf(trigger).spent!;

	jest.setSystemTime(start + 13 * MIN);
	t.sandbox.faults.push({ path: /\/athlete\/activities$/, status: 403, body: APPLICATION_INACTIVE, times: 1 });
	const failing = trigger.poll();
	await expect(failing).rejects.toBeInstanceOf(NodeApiError);
	await expect(failing).rejects.toMatchObject({
		httpCode: '403',
		message: 'Your Strava API application is inactive: its owner needs a Strava subscription',
	});
	expect(windowState(trigger)).toEqual(before);
	expect(budgetOf(trigger)).toMatchObject({ spent: spentBefore + 1, failures: 1 });
	expect(t.sandbox.apiCalls().filter((call) => call.status === 403)).toHaveLength(1);

	jest.setSystemTime(start + 14 * MIN);
	expect(await counted(() => trigger.pollItems())).toEqual({ result: [], requests: 0 }); // not due again yet
	jest.setSystemTime(start + 26 * MIN);
	expect(ids(await trigger.pollItems())).toEqual([700]);
	expect(budgetOf(trigger).failures).toBe(0);
});

test('a check answered with HTML is an error: the state stays, and the next healthy poll emits the activity', async () => {
	const start = Date.parse('2026-04-13T08:00:00Z');
	freezeClockAt(start);
	seedActivities(t.sandbox, 5, new Date(start - HOUR), 800);
	const trigger = poller();
	await trigger.pollItems();
	addActivity(t.sandbox, 900, new Date(start + 5 * MIN));
	const before = windowState(trigger);

	jest.setSystemTime(start + 13 * MIN);
	t.sandbox.faults.push({ path: /\/athlete\/activities$/, status: 200, raw: '<html>Bad gateway</html>', headers: { 'Content-Type': 'text/html' }, times: 1 });
	await expect(trigger.poll()).rejects.toMatchObject({ message: expect.stringContaining('is not what this endpoint returns') });
	expect(windowState(trigger)).toEqual(before);

	jest.setSystemTime(start + 40 * MIN);
	expect(ids(await trigger.pollItems())).toEqual([900]);
});

test('a 5xx (retried by the transport) counts every attempt and loses nothing', async () => {
	const start = Date.parse('2026-04-14T08:00:00Z');
	freezeClockAt(start);
	const trigger = poller();
	await trigger.pollItems();
	addActivity(t.sandbox, 710, new Date(start + 3 * MIN));
	const before = windowState(trigger);
	const spentBefore = budgetOf(trigger).spent!;

	jest.setSystemTime(start + 13 * MIN);
	t.sandbox.faults.push({ path: /\/athlete\/activities$/, status: 503, times: 4 });
	const failed = await counted(() => trigger.poll().catch((error: NodeApiError) => error));
	expect(failed.result).toBeInstanceOf(NodeApiError);
	expect(failed.requests).toBe(4); // the first attempt and the transport's 3 retries
	expect(windowState(trigger)).toEqual(before);
	expect(budgetOf(trigger).spent).toBe(spentBefore + 4);

	jest.setSystemTime(start + 26 * MIN);
	expect(ids(await trigger.pollItems())).toEqual([710]);
});

test('a sweep stopped by the 15-minute limit after its first page emits nothing, waits for the window, then emits each activity once', async () => {
	const start = Date.parse('2026-04-16T07:55:00Z');
	freezeClockAt(start);
	for (let i = 0; i < 250; i++) addActivity(t.sandbox, 2000 + i, new Date(start - DAY - i * 10 * MIN));
	const trigger = poller();
	expect(await counted(() => trigger.pollItems())).toMatchObject({ requests: 3 }); // 250 in the window: 3 pages
	expect(budgetOf(trigger).sweepCost).toBe(3);
	// Late uploads, one on each page of the next sweep; and a new one.
	addActivity(t.sandbox, 800, new Date(start - 6 * DAY));
	addActivity(t.sandbox, 801, new Date(start - 12 * HOUR));
	// A sweep of 3 requests sets checks every 14 min, sweeps every 2 h 48 min: due from 10:43.
	const sweepAt = Date.parse('2026-04-16T10:45:10Z');
	jest.setSystemTime(sweepAt);
	const before = windowState(trigger);
	t.sandbox.state.useUpReadBudget(1); // the first page takes the window's last read request

	const failed = await counted(() => trigger.poll().catch((error: NodeApiError) => error));
	expect(failed.result).toBeInstanceOf(NodeApiError);
	expect(failed.result).toMatchObject({ httpCode: '429' });
	expect(failed.requests).toBe(1);
	expect(windowState(trigger)).toEqual(before);
	expect(budgetOf(trigger).pausedUntil).toBe(Date.parse('2026-04-16T11:00:00Z'));

	// The next poll would be due at 10:59 (14 min later); the 429 keeps it until the window resets.
	const quiet = await pollEveryMinute(trigger, Date.parse('2026-04-16T10:45:00Z'), Date.parse('2026-04-16T10:59:00Z'));
	expect(quiet).toEqual([]);
	const emitted: number[] = [];
	const resumed = await pollEveryMinute(trigger, Date.parse('2026-04-16T10:59:00Z'), Date.parse('2026-04-16T11:30:00Z'), (items) =>
		emitted.push(...ids(items)),
	);
	expect(resumed[0]).toBe(Date.parse('2026-04-16T11:00:00Z'));
	expect(emitted.sort()).toEqual([800, 801]);
});

test("Strava's daily read limit used up: the failed poll waits for Strava's day to reset (midnight UTC), not for the next 15-minute window", async () => {
	const start = Date.parse('2026-04-17T20:10:00Z');
	freezeClockAt(start);
	const trigger = poller();
	expect(await counted(() => trigger.pollItems())).toMatchObject({ result: [], requests: 1 }); // the first sweep: an empty list
	addActivity(t.sandbox, 3000, new Date(start + 30 * MIN));
	jest.setSystemTime(start + HOUR);
	t.sandbox.state.useUpDailyReadBudget(0);
	const before = windowState(trigger);

	const failed = await counted(() => trigger.poll().catch((error: NodeApiError) => error));
	expect(failed.result).toBeInstanceOf(NodeApiError);
	expect(failed.result).toMatchObject({ httpCode: '429' });
	expect((failed.result as NodeApiError).message).toMatch(/read requests per day/);
	expect(failed.requests).toBe(1);
	expect(windowState(trigger)).toEqual(before);
	expect(budgetOf(trigger).pausedUntil).toBe(Date.parse('2026-04-18T00:00:00Z'));
	expect(logs.messages('warn')).toEqual([
		expect.stringMatching(/^Strava API New Activity Trigger: check failed, will retry on schedule \(.*read requests per day.*\)$/),
	]);

	// Nothing is sent before midnight UTC, whatever n8n's Poll Times say; the first poll after it emits the activity.
	expect(await pollEveryMinute(trigger, start + HOUR, Date.parse('2026-04-17T23:59:00Z'))).toEqual([]);
	expect(logs.messages('debug').at(-1)).toBe(
		"Strava API New Activity Trigger: not due (Strava refused with a rate limit; waiting until 2026-04-18T00:00:00Z)",
	);
	const emitted: number[] = [];
	const resumed = await pollEveryMinute(trigger, Date.parse('2026-04-17T23:59:00Z'), Date.parse('2026-04-18T00:30:00Z'), (items) =>
		emitted.push(...ids(items)),
	);
	expect(resumed[0]).toBe(Date.parse('2026-04-18T00:00:00Z'));
	expect(emitted).toEqual([3000]);
});

test("a 429 pauses by Strava's clock at the refusal, not by an older skew: with Strava 14 min ahead since, polling resumes at 10:01 local", async () => {
	const start = Date.parse('2026-04-19T09:00:00Z');
	freezeClockAt(start);
	const trigger = poller();
	expect(await counted(() => trigger.pollItems())).toMatchObject({ result: [], requests: 1 }); // the first sweep
	jest.setSystemTime(start + 13 * MIN);
	expect(await counted(() => trigger.pollItems())).toMatchObject({ result: [], requests: 1 }); // a check: the clocks agree
	expect(budgetOf(trigger).skewMs).toBe(0);
	addActivity(t.sandbox, 3100, new Date(start + 30 * MIN));
	// An hour later Strava's clock is 14 min ahead (10:14 there) and its read window is used up until 10:15.
	const local = Date.parse('2026-04-19T10:00:00Z');
	jest.setSystemTime(local);
	t.sandbox.state.clock.offsetMs = 14 * MIN;
	t.sandbox.state.useUpReadBudget(0);

	const failed = await counted(() => trigger.poll().catch((error: NodeApiError) => error));
	expect(failed.result).toMatchObject({ httpCode: '429' });
	expect(failed.requests).toBe(1);
	expect(budgetOf(trigger).pausedUntil).toBe(Date.parse('2026-04-19T10:15:00Z'));
	expect(budgetOf(trigger).skewMs).toBe(14 * MIN);
	// The error n8n keeps and shows has no trace of the reset the trigger read.
	expect(Object.keys(failed.result as object)).not.toContain('stravaRateLimitReset');

	// From 10:01 local (10:15 at Strava) only the schedule holds the trigger back, not the rate limit; with the
	// old skew the pause would have lasted until 10:15 local (10:29 at Strava).
	jest.setSystemTime(local + MIN - 1);
	expect(await trigger.poll()).toBeNull();
	expect(logs.messages('debug').at(-1)).toBe(
		'Strava API New Activity Trigger: not due (Strava refused with a rate limit; waiting until 2026-04-19T10:15:00Z)',
	);
	jest.setSystemTime(local + MIN);
	expect(await trigger.poll()).toBeNull();
	expect(logs.messages('debug').at(-1)).toMatch(/^Strava API New Activity Trigger: not due \(next poll 11 min from now/);
	const emitted: number[] = [];
	const resumed = await pollEveryMinute(trigger, local + MIN, Date.parse('2026-04-19T10:20:00Z'), (items) => emitted.push(...ids(items)));
	expect(resumed[0]).toBe(Date.parse('2026-04-19T10:12:00Z')); // the schedule's next check after the failed one
	expect(emitted).toEqual([3100]);
});

test('static data saved before the budget existed still loads: no history, new activities emitted', async () => {
	const start = Date.parse('2026-04-18T08:00:00Z');
	freezeClockAt(start);
	addActivity(t.sandbox, 900, new Date(start - 2 * DAY));
	addActivity(t.sandbox, 901, new Date(start - HOUR));
	addActivity(t.sandbox, 902, new Date(start - 10 * MIN)); // arrived while n8n was updated
	const nowSec = Math.floor((start - 30 * MIN) / 1000);
	const saved = {
		'node:Strava API New Activity Trigger': {
			version: 1,
			origin: 'now',
			floor: nowSec - 7 * 86_400,
			seen: { '900': Math.floor((start - 2 * DAY) / 1000), '901': Math.floor((start - HOUR) / 1000) },
		},
	};
	const trigger = poller();
	trigger.restart(saved);
	const first = await counted(() => trigger.pollItems());
	expect(ids(first.result)).toEqual([902]);
	expect(first.requests).toBe(2); // a sweep: no sweep is on record yet
	expect(budgetOf(trigger)).toMatchObject({ spent: 2, lastPollAt: start, lastSweepAt: start, sweepCost: 2 });
	jest.setSystemTime(start + MIN);
	expect(await counted(() => trigger.pollItems())).toEqual({ result: [], requests: 0 });
});
