import {
	checkDelivery,
	storedEvents,
	eventKey,
	MAX_IN_PROCESS,
	MAX_IN_STATIC_DATA,
	ReceivedEvents,
	receivedInProcess,
	REMEMBER_MS,
} from '../../nodes/StravaApiTrigger/repeatedEvents';
import type { StravaEvent } from '../../nodes/StravaApiTrigger/events';

const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);

function event(overrides: Partial<StravaEvent> = {}): StravaEvent {
	return {
		aspect_type: 'create',
		event_time: 1796623217,
		object_id: 16378129493,
		object_type: 'activity',
		owner_id: 134815,
		subscription_id: 298114,
		updates: {},
		...overrides,
	};
}

afterEach(() => receivedInProcess.clear());

describe('eventKey', () => {
	test('names every field that identifies an event, and only those', () => {
		expect(eventKey(event())).toBe('[298114,"activity",16378129493,"create",1796623217,{}]');
		// owner_id is not part of the identity (Strava sends the same one with every repeat).
		expect(eventKey(event({ owner_id: 1 }))).toBe(eventKey(event()));
	});

	test('updates with the same fields in another order are the same event; other values are not', () => {
		const a = eventKey(event({ aspect_type: 'update', updates: { title: 'Lunch Ride', type: 'Ride' } }));
		const b = eventKey(event({ aspect_type: 'update', updates: { type: 'Ride', title: 'Lunch Ride' } }));
		const c = eventKey(event({ aspect_type: 'update', updates: { title: 'Morning Ride', type: 'Ride' } }));
		expect(a).toBe(b);
		expect(a).not.toBe(c);
	});

	test.each([
		['subscription', { subscription_id: 298115 }],
		['object type', { object_type: 'athlete' }],
		['object id', { object_id: 16378129494 }],
		['aspect', { aspect_type: 'update' }],
		['event time', { event_time: 1796623218 }],
		['updates', { updates: { private: 'true' } }],
	])('another %s is another event', (_name, change) => {
		expect(eventKey(event(change as Partial<StravaEvent>))).not.toBe(eventKey(event()));
	});

	test('missing fields are null, so an event without updates differs from one with empty updates', () => {
		const bare: StravaEvent = { object_type: 'activity', aspect_type: 'delete', object_id: 5 };
		expect(eventKey(bare)).toBe('[null,"activity",5,"delete",null,null]');
	});
});

describe('checkDelivery', () => {
	const scope = 'wf-1/node-1';

	test('the first delivery passes and is stored; its repeats within the window are recognised', () => {
		const first = checkDelivery(scope, event(), undefined, T0);
		expect(first.repeatOf).toBeUndefined();
		expect(first.stored).toEqual({ [eventKey(event())]: T0 });

		const second = checkDelivery(scope, event(), first.stored, T0 + 2_500);
		expect(second.repeatOf).toBe(T0);
		const third = checkDelivery(scope, event(), second.stored, T0 + REMEMBER_MS - 1);
		expect(third.repeatOf).toBe(T0);
	});

	test('after the window the same key is new again', () => {
		checkDelivery(scope, event(), undefined, T0);
		expect(checkDelivery(scope, event(), undefined, T0 + REMEMBER_MS).repeatOf).toBeUndefined();
	});

	test('another trigger node (or workflow) keeps its own memory', () => {
		checkDelivery(scope, event(), undefined, T0);
		expect(checkDelivery('wf-1/node-2', event(), undefined, T0 + 10).repeatOf).toBeUndefined();
		expect(checkDelivery('wf-2/node-1', event(), undefined, T0 + 20).repeatOf).toBeUndefined();
	});

	test('a new process recognises a repeat from the static data the first delivery left', () => {
		const first = checkDelivery(scope, event(), undefined, T0);
		receivedInProcess.clear();
		expect(checkDelivery(scope, event(), first.stored, T0 + 60_000).repeatOf).toBe(T0);
	});

	test('static data entries that are expired, not numbers or not an object are ignored', () => {
		const key = eventKey(event());
		expect(checkDelivery(scope, event(), { [key]: T0 - REMEMBER_MS }, T0).repeatOf).toBeUndefined();
		receivedInProcess.clear();
		expect(checkDelivery(scope, event(), { [key]: String(T0 - 5) }, T0).repeatOf).toBeUndefined();
		receivedInProcess.clear();
		expect(checkDelivery(scope, event(), [key], T0).repeatOf).toBeUndefined();
		receivedInProcess.clear();
		expect(checkDelivery(scope, event(), 'x', T0).repeatOf).toBeUndefined();
	});

	test('the stored events drop expired ones and keep the newest MAX_IN_STATIC_DATA', () => {
		let stored: Record<string, number> | undefined;
		for (let i = 0; i < MAX_IN_STATIC_DATA + 25; i++) {
			stored = checkDelivery(scope, event({ object_id: 1000 + i }), stored, T0 + i * 1000).stored;
		}
		const keys = Object.keys(stored!);
		expect(keys).toHaveLength(MAX_IN_STATIC_DATA);
		expect(keys[0]).toBe(eventKey(event({ object_id: 1025 })));
		expect(keys[keys.length - 1]).toBe(eventKey(event({ object_id: 1000 + MAX_IN_STATIC_DATA + 24 })));

		const later = checkDelivery(scope, event({ object_id: 1 }), stored, T0 + REMEMBER_MS + 30_000);
		// Everything received more than REMEMBER_MS before is gone.
		expect(Math.min(...Object.values(later.stored))).toBeGreaterThan(T0 + 30_000);
	});

	test('a repeat leaves the stored events as they were', () => {
		const first = checkDelivery(scope, event(), undefined, T0);
		const other = checkDelivery(scope, event({ object_id: 2 }), first.stored, T0 + 1_000);
		expect(checkDelivery(scope, event(), other.stored, T0 + 2_000).stored).toEqual(other.stored);
	});

	test('a burst of distinct events keeps the process memory at its bound', () => {
		for (let i = 0; i < MAX_IN_PROCESS + 2_000; i++) checkDelivery(scope, event({ object_id: i }), undefined, T0 + i);
		expect(receivedInProcess.size).toBe(MAX_IN_PROCESS);
		// The newest are kept, the oldest went first.
		expect(checkDelivery(scope, event({ object_id: MAX_IN_PROCESS + 1_999 }), undefined, T0 + 20_000).repeatOf).toBe(T0 + MAX_IN_PROCESS + 1_999);
		expect(checkDelivery(scope, event({ object_id: 0 }), undefined, T0 + 20_001).repeatOf).toBeUndefined();
	});
});

describe('ReceivedEvents', () => {
	test('remember keeps the earliest time of a key', () => {
		const memory = new ReceivedEvents(10, 60_000);
		memory.remember('a', 5_000);
		memory.remember('a', 9_000);
		expect(memory.firstReceived('a', 10_000)).toBe(5_000);
		memory.remember('a', 1_000);
		expect(memory.firstReceived('a', 10_000)).toBe(1_000);
	});

	test('prune forgets, from the first remembered on, the expired and those beyond the size', () => {
		const memory = new ReceivedEvents(2, 60_000);
		memory.remember('old', 10_000);
		memory.remember('new', 100_000);
		memory.remember('newer', 110_000);
		memory.prune(100_000);
		expect(memory.size).toBe(2);
		expect(memory.firstReceived('old', 100_000)).toBeUndefined();
		expect(memory.firstReceived('new', 100_000)).toBe(100_000);
		memory.remember('newest', 120_000);
		memory.prune(120_000);
		expect(memory.size).toBe(2);
		expect(memory.firstReceived('new', 120_000)).toBeUndefined();
		expect(memory.firstReceived('newer', 120_000)).toBe(110_000);
		expect(memory.firstReceived('newest', 120_000)).toBe(120_000);
		// Everything expired: all go.
		memory.prune(300_000);
		expect(memory.size).toBe(0);
	});

	test('an expired entry is never reported, even before it is pruned', () => {
		const memory = new ReceivedEvents(10, 60_000);
		memory.remember('a', 0);
		expect(memory.firstReceived('a', 59_999)).toBe(0);
		expect(memory.firstReceived('a', 60_000)).toBeUndefined();
	});
});

describe('storedEvents', () => {
	const scope = 'wf-1/node-1';

	test('a burst of calls that each loaded the same static data: every save holds what the process received before it', () => {
		// n8n loads the static data for each call before any of them saved: all start from nothing.
		const saves = [1, 2, 3, 4, 5].map((id, index) => checkDelivery(scope, event({ object_id: id }), {}, T0 + index).stored);
		expect(Object.keys(saves[4])).toHaveLength(5);
		expect(Object.keys(saves[0])).toHaveLength(1);
		// Computed again when the first call ends (after the others were received), it holds all five.
		expect(Object.keys(storedEvents(scope, {}, T0 + 10))).toHaveLength(5);
	});

	test('merges the stored events with the process\'s, keeping the earliest time, within the window, the newest at most', () => {
		const key = (id: number) => eventKey(event({ object_id: id }));
		checkDelivery(scope, event({ object_id: 1 }), undefined, T0 + 5_000);
		const merged = storedEvents(scope, { [key(1)]: T0, [key(2)]: T0 + 1_000, [key(3)]: T0 - REMEMBER_MS }, T0 + 6_000);
		expect(merged).toEqual({ [key(1)]: T0, [key(2)]: T0 + 1_000 });
		expect(Object.keys(storedEvents('another/node', { [key(2)]: T0 }, T0 + 6_000))).toEqual([key(2)]);
	});
});
