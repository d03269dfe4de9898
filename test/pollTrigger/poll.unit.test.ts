// Cases found by mutation testing (npm run test:mutation, docs/testing.md): the polling trigger's state rules, and
// the node's poll() with the transport replaced (exact requests, budget counts, logs and errors).
import { NodeApiError, NodeOperationError, type IDataObject, type INode, type IPollFunctions } from 'n8n-workflow';

import { FAIL_FAST_RATE_LIMIT, stravaApiPaginate, stravaApiRequest } from '../../nodes/shared/transport';
import { markRateLimitReset } from '../../nodes/shared/transport/rateLimitReset';
import type { BudgetState } from '../../nodes/StravaApiNewActivityTrigger/pollBudget';
import { StravaApiNewActivityTrigger } from '../../nodes/StravaApiNewActivityTrigger/StravaApiNewActivityTrigger.node';
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

// poll() itself, with the transport replaced: what it asks Strava, what it counts, logs and throws.
jest.mock('../../nodes/shared/transport', () => ({
	...jest.requireActual('../../nodes/shared/transport'),
	stravaApiRequest: jest.fn(),
	stravaApiPaginate: jest.fn(),
}));

describe("the node's poll()", () => {
	const request = stravaApiRequest as unknown as jest.Mock;
	const paginate = stravaApiPaginate as unknown as jest.Mock;
	const MS = 1000;
	const MIN = 60 * MS;
	const NOON_MS = NOW * MS;
	const DAY = 86_400;
	const node = { id: 'n1', name: 'Strava API New Activity Trigger', type: 'stravaApiNewActivityTrigger', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	const item = (id: number, iso: string) => ({ id, start_date: iso });
	let clock = NOON_MS;

	beforeEach(() => {
		clock = NOON_MS;
		jest.spyOn(Date, 'now').mockImplementation(() => clock);
		request.mockReset();
		paginate.mockReset();
	});
	afterEach(() => jest.restoreAllMocks());

	/** The paginator: hands each page to the trigger, stops when it says so; `at` sets the clock before each page. */
	function pages(lists: IDataObject[][], at: number[] = []) {
		paginate.mockImplementation(async (_options: unknown, onPage: (page: IDataObject[]) => boolean | void) => {
			const all: IDataObject[] = [];
			for (const [index, page] of lists.entries()) {
				if (at[index] !== undefined) clock = at[index];
				all.push(...page);
				if (onPage(page) === false) break;
			}
			return all;
		});
	}

	function context(options: { mode?: string; params?: IDataObject; staticData?: IDataObject; budgetMs?: number } = {}) {
		const staticData = options.staticData ?? {};
		const params: IDataObject = { lookBackDays: 2, ...options.params };
		const logger = { debug: jest.fn(), warn: jest.fn(), info: jest.fn(), error: jest.fn() };
		const ctx = {
			getMode: () => options.mode ?? 'trigger',
			getNodeParameter: (name: string, fallback: unknown) => (name in params ? params[name] : fallback),
			getWorkflowStaticData: (type: string) => {
				if (type !== 'node') throw new Error(`static data "${type}"`);
				return staticData;
			},
			getNode: () => node,
			logger,
			...(options.budgetMs === undefined ? {} : { getPollBudgetMs: () => options.budgetMs }),
		} as unknown as IPollFunctions;
		const poll = async () => await new StravaApiNewActivityTrigger().poll.call(ctx);
		return { ctx, poll, staticData, logger, budget: () => staticData.budget as BudgetState };
	}

	const LIST_OPTIONS = (after: number) => ({ path: '/athlete/activities', qs: { after }, perPage: 200, rateLimit: FAIL_FAST_RATE_LIMIT });
	const CHECK_OPTIONS = { method: 'GET', path: '/athlete/activities', qs: { page: 1, per_page: 30 }, rateLimit: FAIL_FAST_RATE_LIMIT, expect: 'array' };

	/** A trigger after its baseline sweep at noon (2 requests: one page, one activity, and the empty page). */
	async function afterBaseline(options: Parameters<typeof context>[0] = {}) {
		const trigger = context(options);
		pages([[item(50, '2026-11-21T09:00:00Z')]]);
		expect(await trigger.poll()).toBeNull();
		paginate.mockReset();
		return trigger;
	}

	test('manual mode asks for exactly the latest activity and leaves the state alone', async () => {
		const { poll, staticData } = context({ mode: 'manual' });
		request.mockResolvedValue({ body: [item(1, '2026-11-21T11:00:00Z'), item(2, '2026-11-21T10:00:00Z')] });
		expect(await poll()).toEqual([[{ json: item(1, '2026-11-21T11:00:00Z') }]]);
		expect(request.mock.calls[0][0]).toEqual({ ...CHECK_OPTIONS, qs: { page: 1, per_page: 1 } });
		request.mockResolvedValue({ body: {} });
		expect(await poll()).toBeNull();
		expect(staticData).toEqual({});
	});

	test('the first poll lists the whole look-back window (past the request budget), emits nothing, counts every page', async () => {
		const { poll, budget, staticData, logger } = context({ params: { dailyRequestBudget: 1 } });
		pages([[item(1, '2026-11-21T10:00:00Z')], [item(2, '2026-11-21T11:00:00Z')]]);
		expect(await poll()).toBeNull();
		expect(paginate.mock.calls[0][0]).toEqual(LIST_OPTIONS(NOW - 2 * DAY));
		expect(budget()).toEqual({ day: '2026-11-21', spent: 3, lastPollAt: NOON_MS, failures: 0, lastSweepAt: NOON_MS, sweepCost: 3 });
		expect(staticData.seen).toEqual({ 1: at('2026-11-21T10:00:00Z'), 2: at('2026-11-21T11:00:00Z') });
		expect(staticData.pollingSince).toBeUndefined();
		expect(logger.debug).not.toHaveBeenCalled();
	});

	test('a poll that is not due sends nothing and logs why', async () => {
		const { poll, logger } = await afterBaseline();
		clock = NOON_MS + MIN;
		expect(await poll()).toBeNull();
		expect(logger.debug).toHaveBeenCalledWith('Strava API New Activity Trigger: not due (next poll 12 min from now (on schedule))');
		expect(request).not.toHaveBeenCalled();
		expect(paginate).not.toHaveBeenCalled();
	});

	test('the Daily Request Budget sets the interval (24 a day: every 82 min)', async () => {
		const { poll, logger } = await afterBaseline({ params: { dailyRequestBudget: 24 } });
		clock = NOON_MS + 13 * MIN;
		expect(await poll()).toBeNull();
		expect(logger.debug).toHaveBeenCalledWith('Strava API New Activity Trigger: not due (next poll 1 h 9 min from now (on schedule))');
	});

	test('a due check asks for one page of 30, emits the new activities, counts 1 and keeps the headers', async () => {
		const { poll, budget, staticData } = await afterBaseline();
		clock = NOON_MS + 13 * MIN;
		const usage = { read: { usage15: 1, limit15: 100, usageDay: 10, limitDay: 1000 } };
		request.mockImplementation(async () => {
			expect(staticData.pollingSince).toBe(NOON_MS + 13 * MIN); // marked while it runs
			return { body: [item(9, '2026-11-21T12:05:00Z')], rateLimit: usage };
		});
		expect(await poll()).toEqual([[{ json: item(9, '2026-11-21T12:05:00Z') }]]);
		expect(request.mock.calls[0][0]).toEqual(CHECK_OPTIONS);
		expect(paginate).not.toHaveBeenCalled();
		expect(budget()).toMatchObject({ spent: 3, lastPollAt: NOON_MS + 13 * MIN, lastSweepAt: NOON_MS, app: { read: usage.read } });
		expect(budget().sweepSoon).toBeUndefined();
		expect(staticData.pollingSince).toBeUndefined();
		clock = NOON_MS + 26 * MIN;
		request.mockResolvedValue({ body: [] });
		expect(await poll()).toBeNull(); // nothing new: no items, not an empty list
	});

	test('a check whose full page is all new asks for a sweep next', async () => {
		const { poll, budget } = await afterBaseline();
		clock = NOON_MS + 13 * MIN;
		const page = Array.from({ length: 30 }, (_, index) => item(100 + index, `2026-11-21T11:${String(index + 10).padStart(2, '0')}:00Z`));
		request.mockResolvedValue({ body: page });
		expect((await poll())?.[0]).toHaveLength(30);
		expect(budget().sweepSoon).toBe(true);
	});

	test("a poll inside n8n's poll budget of a running one is skipped; the budget comes from n8n when it gives a valid one", async () => {
		const running = context({ staticData: { pollingSince: NOON_MS - 60 * MS } });
		expect(await running.poll()).toBeNull();
		expect(running.logger.debug).toHaveBeenCalledWith('Strava API New Activity Trigger: previous poll still running, skipping this one');
		expect(paginate).not.toHaveBeenCalled();
		const zero = context({ staticData: { pollingSince: NOON_MS - 60 * MS }, budgetMs: 0 }); // invalid: 5 min
		expect(await zero.poll()).toBeNull();
		expect(paginate).not.toHaveBeenCalled();
		pages([]);
		const endless = context({ staticData: { pollingSince: NOON_MS - 6 * MIN }, budgetMs: Infinity }); // invalid: 5 min
		await endless.poll();
		expect(endless.logger.debug).not.toHaveBeenCalled();
		expect(paginate).toHaveBeenCalledTimes(1);
		paginate.mockClear();
		pages([]);
		const short = context({ staticData: { pollingSince: NOON_MS - 60 * MS }, budgetMs: 60 * MS }); // exactly over
		expect(await short.poll()).toBeNull();
		expect(short.logger.debug).not.toHaveBeenCalled();
		expect(paginate).toHaveBeenCalledTimes(1);
		expect(short.staticData.pollingSince).toBeUndefined();
	});

	test('a backfill stops at the requests left for today, emits what it listed and is partial; the next due poll sweeps on', async () => {
		const { poll, budget, staticData } = context({ params: { dailyRequestBudget: 2, options: { startDate: '2026-11-20T00:00:00Z' } } });
		pages([[item(1, '2026-11-20T10:00:00Z')], [item(2, '2026-11-20T11:00:00Z')], [item(3, '2026-11-20T12:00:00Z')]]);
		expect(await poll()).toEqual([[{ json: item(1, '2026-11-20T10:00:00Z') }, { json: item(2, '2026-11-20T11:00:00Z') }]]);
		expect(paginate.mock.calls[0][0]).toEqual(LIST_OPTIONS(at('2026-11-20T00:00:00Z') - 1));
		expect(budget()).toEqual({ day: '2026-11-21', spent: 2, lastPollAt: NOON_MS, failures: 0, lastSweepAt: NOON_MS });
		expect(staticData.partial).toBe(true);
	});

	test("a backfill page stops at half of n8n's poll budget (the page 1 ms earlier still continues); a partial state sweeps at the next due poll", async () => {
		const { poll, budget, staticData } = context({ budgetMs: 1000, params: { options: { startDate: '2026-11-20T00:00:00Z' } } });
		const lists = [[item(1, '2026-11-20T10:00:00Z')], [item(2, '2026-11-20T11:00:00Z')], [item(3, '2026-11-20T12:00:00Z')]];
		pages(lists, [NOON_MS + 499, NOON_MS + 500, NOON_MS + 501]);
		expect((await poll())?.[0].map((entry) => entry.json.id)).toEqual([1, 2]);
		expect(budget().spent).toBe(2);
		expect(staticData.partial).toBe(true);
		clock = NOON_MS + 13 * MIN;
		pages([[item(3, '2026-11-20T12:00:00Z')]]);
		expect((await poll())?.[0].map((entry) => entry.json.id)).toEqual([3]);
		expect(request).not.toHaveBeenCalled();
		expect(budget()).toMatchObject({ spent: 4, lastSweepAt: NOON_MS + 13 * MIN });
		expect(budget().sweepCost).toBeUndefined(); // a backfill's cost says nothing about a regular sweep
		expect(staticData.partial).toBeUndefined();
	});

	test('a regular sweep records its cost (pages + the empty one) and sets the look-back from the parameter', async () => {
		const { poll, budget } = await afterBaseline({ params: { lookBackDays: 0.5 } });
		clock = NOON_MS + 156 * MIN;
		pages([[item(1, '2026-11-21T13:00:00Z')], [item(2, '2026-11-21T13:30:00Z')]]);
		expect((await poll())?.[0].map((entry) => entry.json.id)).toEqual([1, 2]);
		expect(paginate.mock.calls[0][0]).toEqual(LIST_OPTIONS(NOW - DAY / 2));
		expect(budget()).toMatchObject({ spent: 5, sweepCost: 3 });
	});

	test('settings that cannot work fail before any request, word for word', async () => {
		const refused = async (params: IDataObject) => {
			const error = await context({ params }).poll().then(() => undefined, (caught: unknown) => caught);
			expect(error).toBeInstanceOf(NodeOperationError);
			return { message: (error as Error).message, description: (error as NodeOperationError).description };
		};
		expect(await refused({ lookBackDays: 0 })).toEqual({
			message: 'The "Look-Back Window (Days)" must be more than 0',
			description: 'Set it to how late your activities can reach Strava, e.g. 7 for a watch synced once a week.',
		});
		expect(await refused({ dailyRequestBudget: 0.5 })).toEqual({
			message: 'The "Daily Request Budget" must be at least 1',
			description: 'Strava allows the whole application 1,000 read requests a day; 150 is a good share for one trigger.',
		});
		expect(await refused({ options: { startDate: 'not a date' } })).toEqual({
			message: '"Backfill From" is not a valid date: not a date',
			description: 'Pick a date and time, or remove the option to start from the moment the workflow is activated.',
		});
		expect(paginate).not.toHaveBeenCalled();
		expect(request).not.toHaveBeenCalled();
	});

	test('a budget of something other than an object in the static data starts over; a real one is kept', async () => {
		for (const broken of [[1], 'x', null]) {
			const { poll, budget } = context({ staticData: { budget: broken } });
			pages([]);
			await poll();
			expect(budget()).toEqual({ day: '2026-11-21', spent: 1, lastPollAt: NOON_MS, failures: 0, lastSweepAt: NOON_MS, sweepCost: 1 });
		}
		const { poll, budget } = context({ staticData: { budget: { day: '2026-11-21', spent: 5 } } });
		pages([]);
		await poll();
		expect(budget().spent).toBe(6);
	});

	describe('a check that fails', () => {
		async function failedCheck(error: unknown) {
			clock = NOON_MS;
			const trigger = await afterBaseline();
			clock = NOON_MS + 13 * MIN;
			request.mockRejectedValue(error);
			const thrown = await trigger.poll().then(() => undefined, (caught: unknown) => caught);
			return { thrown, ...trigger, budget: trigger.budget(), spent: (trigger.budget().spent as number) - 2 };
		}
		const apiError = (httpCode: string | null, message = 'Strava said no') => {
			const error = new NodeApiError(node, { message }, { message });
			error.httpCode = httpCode;
			return error;
		};

		test('is thrown as it is, logged, counted once (4xx) and leaves no marker', async () => {
			const error = apiError('499', 'Forbidden by Strava');
			const { thrown, spent, budget, logger, staticData } = await failedCheck(error);
			expect(thrown).toBe(error);
			expect(spent).toBe(1);
			expect(budget).toMatchObject({ failures: 1 });
			expect(budget.pausedUntil).toBeUndefined();
			expect(logger.warn).toHaveBeenCalledWith('Strava API New Activity Trigger: check failed, will retry on schedule (Forbidden by Strava)');
			expect(staticData.pollingSince).toBeUndefined();
		});

		test('a 5xx counts every try of the transport (1 + 3); so does an error without an HTTP status', async () => {
			expect((await failedCheck(apiError('500'))).spent).toBe(4);
			expect((await failedCheck(apiError(null))).spent).toBe(4);
			expect((await failedCheck(apiError('0'))).spent).toBe(4); // status 0: no HTTP answer either
		});

		test("a 429 pauses until the reset the error carries, by the refusal's clock", async () => {
			const error = markRateLimitReset(apiError('429'), {
				name: 'read requests per 15 minutes',
				usage: 100,
				limit: 100,
				resetsAt: NOON_MS + 15 * MIN,
				waitMs: 2 * MIN,
				serverTime: NOON_MS + 13 * MIN + 5 * MS,
			} as Parameters<typeof markRateLimitReset>[1]);
			const { spent, budget } = await failedCheck(error);
			expect(spent).toBe(1);
			expect(budget).toMatchObject({ pausedUntil: NOON_MS + 15 * MIN, skewMs: 5 * MS, failures: 1 });
		});

		test("n8n's own error (it never reached Strava) costs nothing; anything else is wrapped and costs 1", async () => {
			const own = new NodeOperationError(node, 'Credentials not connected');
			const { thrown, spent } = await failedCheck(own);
			expect(thrown).toBe(own);
			expect(spent).toBe(0);
			const plain = await failedCheck(new Error('socket hang up'));
			expect(plain.thrown).toBeInstanceOf(NodeOperationError);
			expect((plain.thrown as Error).message).toBe('socket hang up');
			expect(plain.spent).toBe(1);
		});

		test('even a rejection without an error object is counted and logged before the poll fails', async () => {
			const { thrown, spent, logger } = await failedCheck(undefined);
			expect(thrown).toBeInstanceOf(NodeOperationError);
			expect((thrown as NodeOperationError).message).toBe('Polling Strava failed: undefined');
			expect(spent).toBe(1);
			expect(logger.warn).toHaveBeenCalledWith('Strava API New Activity Trigger: check failed, will retry on schedule (undefined)');
		});
	});
});
