// Cases found by mutation testing (npm run test:mutation, docs/testing.md): the polling trigger's state rules.
import {
	STATE_VERSION,
	needsRestart,
	planPoll,
	settlePoll,
	startSeconds,
	takeNewest,
	type PollState,
} from '../../nodes/StravaApiNewActivityTrigger/pollState';

const at = (iso: string) => Date.parse(iso) / 1000;
const NOW = at('2026-11-21T12:00:00Z');
const HOUR = 3600;
const activity = (id: number | null | undefined, iso: string) => ({ id, start_date: iso });

describe('needsRestart / planPoll', () => {
	const settled: PollState = { version: STATE_VERSION, floor: NOW - HOUR, seen: {}, origin: 'now' };

	test('a state without floor, of another version or from another Backfill From starts over', () => {
		expect(needsRestart({})).toBe(true);
		expect(needsRestart({ ...settled, version: STATE_VERSION + 1 })).toBe(true);
		expect(needsRestart({ ...settled, version: undefined })).toBe(true);
		expect(needsRestart(settled)).toBe(false);
		expect(needsRestart(settled, '2026-11-01T00:00:00Z')).toBe(true);
		expect(needsRestart({ ...settled, origin: '2026-11-01T00:00:00.000Z' }, '2026-11-01T00:00:00Z')).toBe(false);
		expect(needsRestart({ ...settled, origin: '2026-11-01T00:00:00.000Z' })).toBe(false);
	});

	test('first poll without Backfill From: a baseline of the look-back window', () => {
		expect(planPoll({}, NOW, 2 * HOUR)).toEqual({ after: NOW - 2 * HOUR, baseline: true, restart: { origin: 'now' }, catchingUp: false });
	});

	test('with Backfill From: one second before it, not a baseline, catching up', () => {
		expect(planPoll({}, NOW, HOUR, '2026-11-01T08:00:00Z')).toEqual({
			after: at('2026-11-01T08:00:00Z') - 1,
			baseline: false,
			restart: { origin: '2026-11-01T08:00:00.000Z' },
			catchingUp: true,
		});
	});

	test('a settled state continues from its floor; a partial one is catching up', () => {
		expect(planPoll(settled, NOW, HOUR)).toEqual({ after: NOW - HOUR, baseline: false, catchingUp: false });
		expect(planPoll({ ...settled, partial: true }, NOW, HOUR).catchingUp).toBe(true);
		expect(planPoll({ ...settled, partial: 'yes' as unknown as boolean }, NOW, HOUR).catchingUp).toBe(false);
	});
});

describe('settlePoll', () => {
	test('a baseline remembers what it saw without emitting it', () => {
		const state: PollState = {};
		const plan = planPoll(state, NOW, 2 * HOUR);
		const fresh = settlePoll(state, plan, [activity(1, '2026-11-21T11:30:00Z')], NOW, HOUR, true);
		expect(fresh).toEqual([]);
		expect(state).toEqual({ version: STATE_VERSION, origin: 'now', floor: NOW - HOUR, seen: { 1: at('2026-11-21T11:30:00Z') } });
	});

	test('new activities come oldest first; seen ones, ones without id or date are skipped', () => {
		const state: PollState = { version: STATE_VERSION, floor: NOW - 2 * HOUR, origin: 'now', seen: { 5: at('2026-11-21T11:00:00Z') } };
		const plan = planPoll(state, NOW, HOUR);
		const fresh = settlePoll(
			state,
			plan,
			[
				activity(7, '2026-11-21T11:50:00Z'),
				activity(5, '2026-11-21T11:00:00Z'),
				activity(6, '2026-11-21T10:30:00Z'),
				activity(null, '2026-11-21T11:40:00Z'),
				activity(undefined, '2026-11-21T11:41:00Z'),
				{ id: 8, start_date: 'not a date' },
			],
			NOW,
			HOUR,
			true,
		);
		expect(fresh.map((a) => a.id)).toEqual([6, 7]);
		// The floor moves to now - look-back; what started at or before it is forgotten.
		expect(state.floor).toBe(NOW - HOUR);
		expect(state.seen).toEqual({ 7: at('2026-11-21T11:50:00Z') });
		expect(state.partial).toBeUndefined();
	});

	test('an activity starting exactly at the new floor is forgotten, one a second later is kept', () => {
		const state: PollState = { version: STATE_VERSION, floor: NOW - 2 * HOUR, origin: 'now', seen: {} };
		settlePoll(state, planPoll(state, NOW, HOUR), [activity(1, '2026-11-21T11:00:00Z'), activity(2, '2026-11-21T11:00:01Z')], NOW, HOUR, true);
		expect(state.seen).toEqual({ 2: at('2026-11-21T11:00:01Z') });
	});

	test('an incomplete sweep moves the floor only to just before the newest start it reached, and is partial', () => {
		const state: PollState = { version: STATE_VERSION, floor: NOW - 10 * HOUR, origin: 'now', seen: {}, partial: true };
		const plan = planPoll(state, NOW, HOUR);
		settlePoll(state, plan, [activity(1, '2026-11-21T04:00:00Z'), activity(2, '2026-11-21T05:00:00Z')], NOW, HOUR, false);
		expect(state.floor).toBe(at('2026-11-21T05:00:00Z') - 1);
		expect(state.partial).toBe(true);
		expect(Object.keys(state.seen!)).toEqual(['2']);
	});

	test('an incomplete sweep that reached nothing keeps its floor; a floor never moves back', () => {
		const state: PollState = { version: STATE_VERSION, floor: NOW - 10 * HOUR, origin: 'now', seen: {} };
		settlePoll(state, planPoll(state, NOW, HOUR), [], NOW, HOUR, false);
		expect(state.floor).toBe(NOW - 10 * HOUR);
		const later: PollState = { version: STATE_VERSION, floor: NOW - HOUR, origin: 'now', seen: {} };
		settlePoll(later, planPoll(later, NOW, 3 * HOUR), [], NOW, 3 * HOUR, true);
		expect(later.floor).toBe(NOW - HOUR);
	});

	test('a restart drops what the old state had seen', () => {
		const state: PollState = { version: STATE_VERSION, floor: NOW - HOUR, origin: 'now', seen: { 9: NOW - 60 } };
		const plan = planPoll(state, NOW, HOUR, '2026-11-21T00:00:00Z');
		const fresh = settlePoll(state, plan, [activity(9, '2026-11-21T11:59:00Z')], NOW, HOUR, true);
		expect(fresh.map((a) => a.id)).toEqual([9]);
		expect(state.origin).toBe('2026-11-21T00:00:00.000Z');
	});
});

describe('takeNewest', () => {
	test('takes unseen activities after the floor, oldest first; a full page whose oldest is new may have more', () => {
		const state: PollState = { version: STATE_VERSION, floor: at('2026-11-21T10:00:00Z'), origin: 'now', seen: { 3: at('2026-11-21T11:00:00Z') } };
		const page = [activity(4, '2026-11-21T11:30:00Z'), activity(3, '2026-11-21T11:00:00Z'), activity(2, '2026-11-21T10:30:00Z')];
		const { fresh, mayHaveMore } = takeNewest(state, page, 3);
		expect(fresh.map((a) => a.id)).toEqual([2, 4]);
		expect(mayHaveMore).toBe(true);
		expect(Object.keys(state.seen!).sort()).toEqual(['2', '3', '4']);
		expect(takeNewest({ ...state, seen: {} }, page, 4).mayHaveMore).toBe(false);
	});

	test('the oldest reaching the floor (or already seen) means nothing more; one exactly at the floor is old', () => {
		const state: PollState = { version: STATE_VERSION, floor: at('2026-11-21T10:00:00Z'), origin: 'now', seen: {} };
		const page = [activity(4, '2026-11-21T11:30:00Z'), activity(1, '2026-11-21T10:00:00Z')];
		const { fresh, mayHaveMore } = takeNewest(state, page, 2);
		expect(fresh.map((a) => a.id)).toEqual([4]);
		expect(mayHaveMore).toBe(false);
		const skipped = takeNewest(state, [activity(5, '2026-11-21T11:40:00Z'), activity(null, '2026-11-21T11:35:00Z')], 2);
		expect(skipped.fresh.map((a) => a.id)).toEqual([5]);
		expect(skipped.mayHaveMore).toBe(true);
	});

	test('without a floor nothing is new', () => {
		expect(takeNewest({}, [activity(1, '2026-11-21T11:30:00Z')], 1)).toEqual({ fresh: [], mayHaveMore: false });
	});

	test('startSeconds reads start_date in whole seconds', () => {
		expect(startSeconds({ start_date: '2026-11-21T11:30:00.900Z' })).toBe(at('2026-11-21T11:30:00Z'));
	});
});
