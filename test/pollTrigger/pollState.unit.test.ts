import { needsRestart, planPoll, settlePoll, takeNewest, type PollState } from '../../nodes/StravaApiNewActivityTrigger/pollState';

const NOW = Date.parse('2026-03-02T12:00:00Z') / 1000;
const WEEK = 7 * 86_400;
const activity = (id: number, start: number) => ({ id, start_date: new Date(start * 1000).toISOString() });

describe('the state beside the budget (floor and seen-set)', () => {
	test('planning a sweep changes nothing: a failed first poll leaves no half-made state', () => {
		const state: PollState = {};
		const plan = planPoll(state, NOW, WEEK);
		expect(plan).toMatchObject({ after: NOW - WEEK, baseline: true, restart: { origin: 'now' } });
		expect(state).toEqual({});
		expect(needsRestart(state)).toBe(true);
		settlePoll(state, plan, [activity(1, NOW - 3600)], NOW, WEEK, true);
		expect(state).toEqual({ version: 1, origin: 'now', floor: NOW - WEEK, seen: { '1': NOW - 3600 } });
		expect(needsRestart(state)).toBe(false);
	});

	test('a check takes unseen activities after the floor, oldest first, and leaves the floor alone', () => {
		const state: PollState = { version: 1, origin: 'now', floor: NOW - WEEK, seen: { '1': NOW - 3600 } };
		const page = [activity(3, NOW - 60), activity(2, NOW - 600), activity(1, NOW - 3600), activity(0, NOW - WEEK - 5)];
		const { fresh, mayHaveMore } = takeNewest(state, page, 30);
		expect(fresh.map((item) => item.id)).toEqual([2, 3]);
		expect(mayHaveMore).toBe(false);
		expect(state.floor).toBe(NOW - WEEK);
		expect(takeNewest(state, page, 30).fresh).toEqual([]); // never twice
		// A full page that ends on an unseen activity: there may be more beyond it.
		expect(takeNewest(state, [activity(5, NOW - 10), activity(4, NOW - 20)], 2).mayHaveMore).toBe(true);
		expect(takeNewest(state, [activity(6, NOW - 5), activity(4, NOW - 20)], 2).mayHaveMore).toBe(false);
	});

	test('a sweep that stopped early marks the state partial; the next plan catches up', () => {
		const state: PollState = { version: 1, origin: 'now', floor: NOW - 20 * 86_400, seen: {} };
		const plan = planPoll(state, NOW, WEEK);
		expect(plan.catchingUp).toBe(false);
		settlePoll(state, plan, [activity(7, NOW - 10 * 86_400)], NOW, WEEK, false);
		expect(state).toMatchObject({ partial: true, floor: NOW - 10 * 86_400 - 1 });
		expect(planPoll(state, NOW, WEEK).catchingUp).toBe(true);
		settlePoll(state, planPoll(state, NOW, WEEK), [], NOW, WEEK, true);
		expect(state.partial).toBeUndefined();
	});
});
