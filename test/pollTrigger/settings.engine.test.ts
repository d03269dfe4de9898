import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { addActivity, seedActivities } from '../sandbox';
import { POLL_T0, Poller, usePollingSandbox } from '../harness/poller';

/**
 * The polling trigger when its settings change between polls (n8n rebuilds the workflow with the new
 * parameters and the saved static data), when n8n's clock goes back, and when a poll runs out of n8n's
 * time budget in the middle of a backfill.
 */
const t = usePollingSandbox();

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = POLL_T0;

const ids = (items: IDataObject[]) => items.map((item) => Number(item.id));
const startOf = (id: number) => Date.parse(String(t.sandbox.state.collection('activities').get(String(id))?.start_date));

/** The ids of the sandbox's activities starting at or after `fromMs` (before `toMs`), oldest first. */
function activitiesBetween(fromMs: number, toMs = Infinity): number[] {
	return [...t.sandbox.state.collection('activities').values()]
		.filter((activity) => {
			const start = Date.parse(String(activity.start_date));
			return start >= fromMs && start < toMs;
		})
		.sort((a, b) => Date.parse(String(a.start_date)) - Date.parse(String(b.start_date)))
		.map((activity) => Number(activity.id));
}

/** The `after` of each activity listing a poll sent (sweeps list with `after`, checks without). */
async function afterOf<T>(fn: () => Promise<T>): Promise<{ result: T; after: Array<number | undefined> }> {
	const before = t.sandbox.apiCalls('/athlete/activities').length;
	const result = await fn();
	const after = t.sandbox
		.apiCalls('/athlete/activities')
		.slice(before)
		.map((call) => (call.query.after === undefined ? undefined : Number(call.query.after)));
	return { result, after };
}

/** The trigger with parameters the test can change; `reconfigure` saves them as n8n does (rebuilds the workflow). */
function trigger(parameters: INodeParameters, pollBudgetMs?: number) {
	const poller = new Poller({ credentials: t.credentials(), parameters, pollBudgetMs });
	return {
		poller,
		reconfigure(change: (parameters: INodeParameters) => void) {
			change(parameters);
			poller.restart();
		},
	};
}

describe('"Backfill From" changed between polls', () => {
	test('the same instant written another way changes nothing; an earlier date backfills from it; removing it keeps the state', async () => {
		seedActivities(t.sandbox, 24 * 6, new Date(T0 - HOUR), 1000); // one an hour, six days back
		const parameters: INodeParameters = { lookBackDays: 7, options: { startDate: new Date(T0 - 2 * DAY).toISOString() } };
		const { poller, reconfigure } = trigger(parameters);

		const first = await poller.pollItems();
		expect(ids(first)).toEqual(activitiesBetween(T0 - 2 * DAY));
		expect(first).toHaveLength(48);

		// The editor stores the same date in another notation (another zone): not a new backfill.
		jest.setSystemTime(T0 + 3 * HOUR);
		reconfigure((p) => (p.options = { startDate: '2026-02-28T13:45:00+13:45' }));
		expect(new Date('2026-02-28T13:45:00+13:45').getTime()).toBe(T0 - 2 * DAY);
		const same = await afterOf(() => poller.pollItems());
		expect(same.result).toEqual([]);
		// A regular sweep on from the backfill's floor, and nothing emitted again.
		expect(same.after).toEqual([(T0 - 2 * DAY) / 1000 - 1, (T0 - 2 * DAY) / 1000 - 1]);
		expect(poller.staticData.origin).toBe(new Date(T0 - 2 * DAY).toISOString());

		// An earlier date: a new backfill from it, each activity after it once, oldest first.
		jest.setSystemTime(T0 + 4 * HOUR);
		reconfigure((p) => (p.options = { startDate: new Date(T0 - 4 * DAY).toISOString() }));
		const earlier = await afterOf(() => poller.pollItems());
		expect(earlier.after[0]).toBe((T0 - 4 * DAY) / 1000 - 1);
		expect(ids(earlier.result)).toEqual(activitiesBetween(T0 - 4 * DAY));
		expect(poller.staticData.origin).toBe(new Date(T0 - 4 * DAY).toISOString());

		// The option removed: the state goes on (no baseline, nothing emitted again), new activities come once.
		jest.setSystemTime(T0 + 8 * HOUR);
		reconfigure((p) => (p.options = {}));
		addActivity(t.sandbox, 5000, new Date(T0 + 7 * HOUR));
		const removed = await poller.pollItems();
		expect(ids(removed)).toEqual([5000]);
		jest.setSystemTime(T0 + 12 * HOUR);
		expect(await poller.pollItems()).toEqual([]);
		expect(poller.staticData.origin).toBe(new Date(T0 - 4 * DAY).toISOString());
	});

	test('a later date starts over from it: what starts before it is not listed, the rest once more, then only new ones', async () => {
		seedActivities(t.sandbox, 24 * 3, new Date(T0 - HOUR), 1000);
		const parameters: INodeParameters = { lookBackDays: 7, options: { startDate: new Date(T0 - 3 * DAY).toISOString() } };
		const { poller, reconfigure } = trigger(parameters);
		expect(await poller.pollItems()).toHaveLength(72);

		jest.setSystemTime(T0 + 3 * HOUR);
		reconfigure((p) => (p.options = { startDate: new Date(T0 - DAY).toISOString() }));
		const later = await afterOf(() => poller.pollItems());
		expect(later.after[0]).toBe((T0 - DAY) / 1000 - 1);
		expect(ids(later.result)).toEqual(activitiesBetween(T0 - DAY));
		// The floor starts at the new date (not at now - look-back, which lies before it).
		expect(poller.staticData.floor).toBe((T0 - DAY) / 1000 - 1);

		jest.setSystemTime(T0 + 7 * HOUR);
		expect(await poller.pollItems()).toEqual([]);
	});
});

describe('"Look-Back Window" changed between polls', () => {
	test('a longer window: the floor never moves back, so nothing that was pruned is listed or emitted again', async () => {
		seedActivities(t.sandbox, 24 * 5, new Date(T0 - HOUR), 1000);
		const parameters: INodeParameters = { lookBackDays: 1 };
		const { poller, reconfigure } = trigger(parameters);
		expect(await poller.pollItems()).toEqual([]); // baseline: remembers what exists
		expect(poller.staticData.floor).toBe((T0 - DAY) / 1000);

		jest.setSystemTime(T0 + 3 * HOUR);
		reconfigure((p) => (p.lookBackDays = 7));
		const first = await afterOf(() => poller.pollItems());
		expect(first.result).toEqual([]);
		expect(first.after.every((after) => after === (T0 - DAY) / 1000)).toBe(true);
		expect(poller.staticData.floor).toBe((T0 - DAY) / 1000);

		// Two more sweeps: still nothing from before the old floor comes back.
		for (const at of [T0 + 6 * HOUR, T0 + 9 * HOUR]) {
			jest.setSystemTime(at);
			const sweep = await afterOf(() => poller.pollItems());
			expect(sweep.result).toEqual([]);
			expect(Math.min(...sweep.after.filter((after): after is number => after !== undefined))).toBeGreaterThanOrEqual((T0 - DAY) / 1000);
		}
		// A late upload inside the old window is emitted once.
		addActivity(t.sandbox, 6000, new Date(T0 - 12 * HOUR));
		jest.setSystemTime(T0 + 12 * HOUR);
		expect(ids(await poller.pollItems())).toEqual([6000]);
		jest.setSystemTime(T0 + 15 * HOUR);
		expect(await poller.pollItems()).toEqual([]);
	});

	test('a shorter window: the floor moves forward at the next sweep, the state shrinks, late uploads inside it still come once', async () => {
		seedActivities(t.sandbox, 24 * 6, new Date(T0 - HOUR), 1000);
		const parameters: INodeParameters = { lookBackDays: 7 };
		const { poller, reconfigure } = trigger(parameters);
		await poller.pollItems();
		expect(Object.keys(poller.staticData.seen as object)).toHaveLength(144);

		jest.setSystemTime(T0 + 3 * HOUR);
		reconfigure((p) => (p.lookBackDays = 1));
		expect(await poller.pollItems()).toEqual([]);
		expect(poller.staticData.floor).toBe((T0 + 3 * HOUR - DAY) / 1000);
		const seen = poller.staticData.seen as Record<string, number>;
		expect(Object.keys(seen).sort()).toEqual(activitiesBetween(T0 + 3 * HOUR - DAY + 1000).map(String).sort());

		addActivity(t.sandbox, 7000, new Date(T0 - 12 * HOUR)); // inside the new window
		addActivity(t.sandbox, 7001, new Date(T0 - 3 * DAY)); // inside the old window only
		jest.setSystemTime(T0 + 6 * HOUR);
		expect(ids(await poller.pollItems())).toEqual([7000]);
	});
});

describe('a floor that would move backwards', () => {
	test('n8n restarts with its clock two days behind: the trigger keeps polling, the floor stays, nothing is emitted twice', async () => {
		seedActivities(t.sandbox, 24 * 9, new Date(T0 - HOUR), 1000);
		const { poller } = trigger({ lookBackDays: 7 });
		await poller.pollItems();
		jest.setSystemTime(T0 + 3 * HOUR);
		addActivity(t.sandbox, 8000, new Date(T0 + 2 * HOUR));
		expect(ids(await poller.pollItems())).toEqual([8000]);
		const floor = poller.staticData.floor as number;
		expect(floor).toBe((T0 + 3 * HOUR - 7 * DAY) / 1000);

		// The machine's clock is set back (a wrong NTP source, a restored VM snapshot), n8n restarts.
		jest.setSystemTime(T0 - 2 * DAY);
		poller.restart();
		addActivity(t.sandbox, 8001, new Date(T0 - 2 * DAY - 30 * MIN));
		const polls: IDataObject[] = [];
		for (let at = T0 - 2 * DAY + MIN; at <= T0 - 2 * DAY + 6 * HOUR; at += 10 * MIN) {
			jest.setSystemTime(at);
			polls.push(...(await poller.pollItems()));
		}
		// It did not wait two days for its clock to pass the last poll again: the new activity came.
		expect(ids(polls)).toEqual([8001]);
		expect(poller.staticData.floor).toBe(floor);

		// Back to the right time: still nothing old comes back.
		const later: IDataObject[] = [];
		for (let at = T0 + 6 * HOUR; at <= T0 + 12 * HOUR; at += 30 * MIN) {
			jest.setSystemTime(at);
			later.push(...(await poller.pollItems()));
		}
		expect(later).toEqual([]);
		expect(poller.staticData.floor as number).toBeGreaterThanOrEqual(floor);
	});
});

describe('a poll that runs out of its time budget mid-backfill', () => {
	test('it emits what it listed, keeps where it stopped, and the next polls emit the rest once, oldest first', async () => {
		seedActivities(t.sandbox, 1100, new Date(T0 - HOUR), 10_000); // ~46 days, 6 pages of 200
		const startDate = new Date(T0 - 60 * DAY).toISOString();
		const budgetMs = 60_000;
		const { poller } = trigger({ lookBackDays: 7, options: { startDate } }, budgetMs);
		// Each page of the athlete's activities takes Strava 12 s (on the faked clock): the node stops
		// asking for more once half of n8n's 60 s budget is used, i.e. after the third page.
		t.sandbox.onRequest = (entry) => {
			if (entry.apiPath === '/athlete/activities') jest.setSystemTime(Date.now() + 12_000);
		};

		const first = await afterOf(() => poller.pollItems());
		expect(first.after).toHaveLength(3);
		const expected = activitiesBetween(Date.parse(startDate));
		expect(ids(first.result)).toEqual(expected.slice(0, 600));
		expect(poller.staticData.partial).toBe(true);
		// Kept: a floor just before the last activity listed; the ids after it that were emitted.
		const lastListed = startOf(expected[599]) / 1000;
		expect(poller.staticData.floor).toBe(lastListed - 1);
		expect(Object.keys(poller.staticData.seen as object)).toEqual([String(expected[599])]);
		expect(poller.staticData.pollingSince).toBeUndefined();

		// A poll that comes too soon sends nothing; the next due one sweeps on from the floor.
		const emitted = ids(first.result);
		let at = Date.now();
		for (let round = 0; round < 40 && poller.staticData.partial === true; round++) {
			at += 5 * MIN;
			jest.setSystemTime(at);
			const next = await afterOf(() => poller.pollItems());
			if (next.after.length) expect(next.after[0]).toBeGreaterThanOrEqual(lastListed - 1);
			emitted.push(...ids(next.result));
		}
		expect(poller.staticData.partial).toBeUndefined();
		expect(emitted).toEqual(expected);
		expect(new Set(emitted).size).toBe(emitted.length);

		at += 3 * HOUR;
		jest.setSystemTime(at);
		expect(await poller.pollItems()).toEqual([]);
	});

	test('a backfill page that fails (after the transport\'s retries) keeps the state as it was; the next poll redoes it', async () => {
		seedActivities(t.sandbox, 500, new Date(T0 - HOUR), 20_000);
		const startDate = new Date(T0 - 30 * DAY).toISOString();
		const { poller } = trigger({ lookBackDays: 7, options: { startDate } });
		t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/athlete\/activities$/, query: { page: '2' }, times: 10, status: 503 });

		await expect(poller.pollItems()).rejects.toThrow();
		expect(poller.staticData.floor).toBeUndefined();
		expect(poller.staticData.seen).toBeUndefined();
		expect(poller.staticData.pollingSince).toBeUndefined();

		t.sandbox.faults = [];
		const emitted: number[] = [];
		for (let at = T0 + 10 * MIN; emitted.length === 0 && at < T0 + 12 * HOUR; at += 10 * MIN) {
			jest.setSystemTime(at);
			emitted.push(...ids(await poller.pollItems()));
		}
		expect(emitted).toEqual(activitiesBetween(Date.parse(startDate)));
	});
});
