import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { addActivity, deleteActivity, editActivity, seedActivities } from '../sandbox';
import { POLL_T0, Poller, usePollingSandbox } from '../harness/poller';

const t = usePollingSandbox();

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = POLL_T0;

function poller(parameters: INodeParameters = { lookBackDays: 7 }) {
	return new Poller({ credentials: t.credentials(), parameters });
}

/** API requests (not OAuth) made by `fn`. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; requests: number; paths: string[] }> {
	const before = t.sandbox.apiCalls().length;
	const result = await fn();
	const calls = t.sandbox.apiCalls().slice(before);
	return { result, requests: calls.length, paths: calls.map((call) => `${call.method} ${call.path}?${new URLSearchParams(call.query)}`) };
}

const ids = (items: IDataObject[]) => items.map((item) => item.id);

test('first activation starts from now: existing activities are not emitted, a new one is', async () => {
	seedActivities(t.sandbox, 5, new Date(T0 - 2 * HOUR), 100);
	const trigger = poller();

	const first = await counted(() => trigger.pollItems());
	expect(first.result).toEqual([]);
	expect(first.requests).toBe(2);
	expect(first.paths[0]).toContain(`after=${(T0 - 7 * DAY) / 1000}`);

	jest.setSystemTime(T0 + HOUR);
	addActivity(t.sandbox, 200, new Date(T0 + 20 * 60_000));
	expect(ids(await trigger.pollItems())).toEqual([200]);
	expect(ids(await trigger.pollItems())).toEqual([]);
});

test('manual mode returns the latest activity and leaves the state alone', async () => {
	seedActivities(t.sandbox, 4, new Date(T0 - HOUR), 300);
	const trigger = poller();
	const manual = await counted(() => trigger.pollItems('manual'));
	expect(ids(manual.result)).toEqual([300]);
	expect(manual.requests).toBe(1);
	expect(manual.paths).toEqual(['GET /api/v3/athlete/activities?page=1&per_page=1']);
	expect(trigger.staticData).toEqual({});

	// An answer with more than was asked for (a proxy that drops the query) still gives one item.
	t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/athlete\/activities$/, times: 1, status: 200, body: [{ id: 301 }, { id: 300 }] });
	expect(ids(await trigger.pollItems('manual'))).toEqual([301]);
});

test('a backfill start date emits every activity after it once, oldest first, then continues', async () => {
	seedActivities(t.sandbox, 450, new Date(T0 - HOUR), 1000); // one an hour, ~19 days back
	const startDate = new Date(T0 - 10 * DAY).toISOString();
	const trigger = poller({ lookBackDays: 7, options: { startDate } });

	const first = await counted(() => trigger.pollItems());
	const expected = [...t.sandbox.state.collection('activities').values()]
		.filter((activity) => Date.parse(String(activity.start_date)) >= Date.parse(startDate))
		.sort((a, b) => Date.parse(String(a.start_date)) - Date.parse(String(b.start_date)))
		.map((activity) => activity.id);
	expect(ids(first.result)).toEqual(expected);
	expect(first.requests).toBe(Math.ceil(expected.length / 200) + 1);

	jest.setSystemTime(T0 + HOUR);
	const second = await counted(() => trigger.pollItems());
	expect(second.result).toEqual([]);
	expect(second.requests).toBe(1); // a check: the newest activities, one request
	expect(second.paths[0]).toContain('per_page=30');
	// State holds only the ids inside the look-back window.
	expect(Object.keys(trigger.staticData.seen as object).length).toBeLessThanOrEqual(7 * 24);
});

test('requests per due poll: a check costs 1; a sweep of the window 2, or 1 when the window is empty', async () => {
	const empty = poller();
	await empty.pollItems();
	jest.setSystemTime(T0 + HOUR);
	const checkEmpty = await counted(() => empty.pollItems());
	expect(checkEmpty).toMatchObject({ result: [], requests: 1 });
	jest.setSystemTime(T0 + 3 * HOUR); // past the sweep interval (2 h 36 min at the default budget)
	const sweepEmpty = await counted(() => empty.pollItems());
	expect(sweepEmpty).toMatchObject({ result: [], requests: 1 });
	expect(sweepEmpty.paths[0]).toContain('after=');

	seedActivities(t.sandbox, 30, new Date(T0 - HOUR), 500);
	const busy = poller();
	await busy.pollItems();
	jest.setSystemTime(T0 + 4 * HOUR);
	const checkBusy = await counted(() => busy.pollItems());
	expect(checkBusy).toMatchObject({ result: [], requests: 1 });
	jest.setSystemTime(T0 + 7 * HOUR);
	const sweepBusy = await counted(() => busy.pollItems());
	expect(sweepBusy).toMatchObject({ result: [], requests: 2 });
	expect(sweepBusy.paths.map((path) => new URLSearchParams(path.split('?')[1]).get('page'))).toEqual(['1', '2']);
	console.log(
		`[poll] requests per due poll: check ${checkBusy.requests}, sweep ${sweepBusy.requests} (window with 30 activities), sweep ${sweepEmpty.requests} (empty window)`,
	);
});

test('overlapping polls emit a new activity once', async () => {
	const trigger = poller();
	await trigger.pollItems();
	jest.setSystemTime(T0 + HOUR);
	addActivity(t.sandbox, 900, new Date(T0 + 30 * 60_000));
	const [a, b] = await Promise.all([trigger.pollItems(), trigger.pollItems()]);
	expect([...ids(a), ...ids(b)]).toEqual([900]);
	expect(ids(await trigger.pollItems())).toEqual([]);
});

test('a late upload older than the look-back window is not emitted (the window is the contract)', async () => {
	const trigger = poller({ lookBackDays: 2 });
	await trigger.pollItems();
	jest.setSystemTime(T0 + HOUR);
	addActivity(t.sandbox, 950, new Date(T0 - 3 * DAY));
	addActivity(t.sandbox, 951, new Date(T0 - 1 * DAY));
	expect(ids(await trigger.pollItems())).toEqual([951]);
});

/** Small deterministic PRNG so the simulated week is the same on every run. */
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

test('a simulated week of churn: late uploads, deletions, edits, restarts, overlaps → every activity emitted exactly once', async () => {
	const random = prng(20260302);
	const between = (min: number, max: number) => min + random() * (max - min);
	seedActivities(t.sandbox, 40, new Date(T0 - HOUR), 1); // history: must never be emitted
	const activities = t.sandbox.state.collection('activities');
	const credentials = t.credentials();
	const trigger = new Poller({ credentials, parameters: { lookBackDays: 7 } });
	await trigger.pollItems(); // activation

	let nextId = 10_000;
	const created = new Set<number>();
	const expected = new Set<number>();
	const emitted = new Map<number, number>();
	const figures = { lateUploads: 0, sameSecondUploads: 0, deletedBeforePoll: 0, deletedAfterEmit: 0, edits: 0, restarts: 0, overlaps: 0 };
	const idleRequests: number[] = [];
	const pollRequests: number[] = [];
	let maxStateSize = 0;
	let now = T0;

	const upload = (start: number) => {
		const id = nextId++;
		addActivity(t.sandbox, id, new Date(Math.floor(start / 1000) * 1000));
		created.add(id);
		return id;
	};
	const record = (items: IDataObject[]) => {
		for (const item of items) emitted.set(Number(item.id), (emitted.get(Number(item.id)) ?? 0) + 1);
	};
	const markVisible = () => {
		for (const key of activities.keys()) if (created.has(Number(key))) expected.add(Number(key));
	};

	for (let hour = 1; hour <= 7 * 24; hour++) {
		// Churn during the hour before this poll.
		now = T0 + hour * HOUR;
		jest.setSystemTime(now - between(5, 50) * 60_000);
		if (random() < 0.3) upload(Date.now() - between(0.3, 4) * HOUR);
		if (random() < 0.08) {
			upload(Date.now() - between(1, 6.5) * DAY);
			figures.lateUploads++;
		}
		if (random() < 0.04 && created.size) {
			const twin = activities.get(String([...created].pop()));
			if (twin) {
				upload(Date.parse(String(twin.start_date)));
				figures.sameSecondUploads++;
			}
		}
		if (random() < 0.04) {
			deleteActivity(t.sandbox, upload(Date.now() - between(1, 30) * 60_000));
			figures.deletedBeforePoll++;
		}
		if (random() < 0.05) {
			const victim = [...emitted.keys()].filter((id) => activities.has(String(id)))[0];
			if (victim !== undefined && deleteActivity(t.sandbox, victim)) figures.deletedAfterEmit++;
		}
		if (random() < 0.15) {
			const keys = [...activities.keys()];
			editActivity(t.sandbox, Number(keys[Math.floor(random() * keys.length)]), { name: `Edited ${hour}` });
			figures.edits++;
		}

		jest.setSystemTime(now);
		if (hour % 24 === 0) {
			trigger.restart(); // n8n restarted: the workflow is rebuilt from saved static data
			figures.restarts++;
		}
		markVisible();
		if (hour % 37 === 0) {
			const both = await counted(() => Promise.all([trigger.pollItems(), trigger.pollItems()]));
			both.result.forEach(record);
			figures.overlaps++;
		} else {
			const regular = await counted(() => trigger.pollItems());
			record(regular.result);
			pollRequests.push(regular.requests);
		}
		maxStateSize = Math.max(maxStateSize, Object.keys((trigger.staticData.seen as object) ?? {}).length);

		if (hour % 6 === 0) {
			const idle = await counted(() => trigger.pollItems());
			expect(idle.result).toEqual([]);
			idleRequests.push(idle.requests);
		}
	}

	// One more due sweep after the last hour, so that late uploads of the last hours are listed too.
	jest.setSystemTime(now + 3 * HOUR);
	markVisible();
	const settle = await counted(() => trigger.pollItems());
	record(settle.result);
	expect(settle.paths[0]).toContain('after=');

	const duplicates = [...emitted.values()].reduce((sum, count) => sum + count - 1, 0);
	const misses = [...expected].filter((id) => !emitted.has(id));
	const unexpected = [...emitted.keys()].filter((id) => !created.has(id));
	const summary = {
		pollsRegular: pollRequests.length,
		activitiesCreated: created.size,
		visibleAtSomePoll: expected.size,
		emitted: emitted.size,
		duplicates,
		misses: misses.length,
		historyEmitted: unexpected.length,
		...figures,
		tokenRefreshes: credentials.persisted.length,
		requestsPerIdlePollMax: Math.max(...idleRequests),
		requestsPerRegularPollMax: Math.max(...pollRequests),
		requestsPerRegularPollAvg: Number((pollRequests.reduce((a, b) => a + b, 0) / pollRequests.length).toFixed(2)),
		maxIdsInState: maxStateSize,
	};
	console.log(`[poll] simulated week: ${JSON.stringify(summary, null, 2)}`);

	expect(duplicates).toBe(0);
	expect(misses).toEqual([]);
	expect(unexpected).toEqual([]);
	expect(emitted.size).toBe(expected.size);
	expect(figures.lateUploads).toBeGreaterThan(0);
	// A poll right after a due one is not due: it sends nothing.
	expect(Math.max(...idleRequests)).toBe(0);
	// Hourly polls are all due: a check (1) or a sweep (2), plus a rejected request when the token expired.
	expect(Math.max(...pollRequests)).toBeLessThanOrEqual(3);
});
