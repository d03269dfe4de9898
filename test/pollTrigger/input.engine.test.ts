import type { INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addActivity, seedActivities } from '../sandbox';
import { useLogRecorder } from '../harness/logs';
import { POLL_T0, Poller, usePollingSandbox } from '../harness/poller';
import { spentToday, type BudgetState } from '../../nodes/StravaApiNewActivityTrigger/pollBudget';

/**
 * The polling trigger's settings that cannot work, and an n8n whose time budget for a poll is not a positive
 * number: what the user is told, and that nothing is asked of Strava meanwhile.
 */
const t = usePollingSandbox();
const logs = useLogRecorder();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = POLL_T0;

describe('settings that cannot work fail the poll before any request, naming the field and the fix', () => {
	const cases: Array<{ name: string; parameters: INodeParameters; message: string; description: string }> = [
		...[0, -1, Number.NaN].map((lookBackDays) => ({
			name: `Look-Back Window ${lookBackDays}`,
			parameters: { lookBackDays },
			message: 'The "Look-Back Window (Days)" must be more than 0',
			description: 'Set it to how late your activities can reach Strava, e.g. 7 for a watch synced once a week.',
		})),
		...[0, 0.5, -3, Number.NaN].map((dailyRequestBudget) => ({
			name: `Daily Request Budget ${dailyRequestBudget}`,
			parameters: { lookBackDays: 7, dailyRequestBudget },
			message: 'The "Daily Request Budget" must be at least 1',
			description: 'Strava allows the whole application 1,000 read requests a day; 150 is a good share for one trigger.',
		})),
		{
			name: 'Backfill From that is no date',
			parameters: { lookBackDays: 7, options: { startDate: 'last spring' } },
			message: '"Backfill From" is not a valid date: last spring',
			description: 'Pick a date and time, or remove the option to start from the moment the workflow is activated.',
		},
	];

	test.each(cases)('$name', async ({ parameters, message, description }) => {
		const poller = new Poller({ credentials: t.credentials(), parameters });
		const before = t.sandbox.apiCalls().length;
		const error = await poller.poll().then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(message);
		expect((error as NodeOperationError).description).toBe(description);
		expect(t.sandbox.apiCalls().length).toBe(before);
		expect(poller.staticData).toEqual({});
	});

	test('the smallest settings that work are taken as they are (half a day, a budget of 1)', async () => {
		seedActivities(t.sandbox, 3, new Date(T0 - HOUR), HOUR / 1000);
		const poller = new Poller({ credentials: t.credentials(), parameters: { lookBackDays: 0.5, dailyRequestBudget: 1 } });
		expect(await poller.pollItems()).toEqual([]);
		// The first poll lists what is already there (the last 12 hours) so it is not emitted later.
		expect(t.sandbox.apiCalls('/athlete/activities')[0].query.after).toBe(String(T0 / 1000 - 12 * 3600));
	});
});

describe("n8n's time budget for a poll", () => {
	// 1,100 activities are 6 pages; each page takes Strava 12 s on the faked clock. Within n8n's default
	// 5-minute budget the whole backfill fits in one poll (72 s); a budget of 0 would stop after one page.
	test.each([0, -60_000, Number.NaN])('%p is not a budget: the default 5 minutes apply and the backfill ends in one poll', async (budgetMs) => {
		seedActivities(t.sandbox, 1100, new Date(T0 - HOUR), 10_000);
		const startDate = new Date(T0 - 60 * DAY).toISOString();
		const poller = new Poller({ credentials: t.credentials(), parameters: { lookBackDays: 7, options: { startDate } }, pollBudgetMs: budgetMs });
		t.sandbox.onRequest = (entry) => {
			if (entry.apiPath === '/athlete/activities') jest.setSystemTime(Date.now() + 12_000);
		};
		const items = await poller.pollItems();
		expect(items).toHaveLength(1100);
		expect(poller.staticData.partial).toBeUndefined();
	});
});

describe('a poll that fails', () => {
	test.each([
		['a dropped connection', { reset: true } as const],
		['Strava answering 500', { status: 500 } as const],
	])('%s: what was sent (with the retries) counts against the daily budget, and the state stays as it was', async (_name, fault) => {
		seedActivities(t.sandbox, 3, new Date(T0 - HOUR), 600);
		const poller = new Poller({ credentials: t.credentials(), parameters: { lookBackDays: 7 } });
		t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/athlete\/activities$/, times: 10, ...fault });
		const before = t.sandbox.apiCalls('/athlete/activities').length;
		const error = await poller.poll().then(
			() => undefined,
			(e: unknown) => e as Error & { httpCode?: string | null },
		);
		const sent = t.sandbox.apiCalls('/athlete/activities').length - before;
		expect(error).toBeDefined();
		expect(sent).toBeGreaterThanOrEqual(1);
		const budget = poller.staticData.budget as BudgetState;
		expect(spentToday(budget, Date.now())).toBe(sent);
		expect(poller.staticData.floor).toBeUndefined();
	});
});

describe('a check that finds a full page of new activities', () => {
	test('asks for a sweep at the next poll, which emits the older new ones', async () => {
		const poller = new Poller({ credentials: t.credentials(), parameters: { lookBackDays: 7 } });
		expect(await poller.pollItems()).toEqual([]); // first activation: starts from now
		// 45 activities uploaded at once (a watch synced after a long trip), more than a check's page of 30.
		seedActivities(t.sandbox, 45, new Date(T0 + 20 * 60_000), 60);
		jest.setSystemTime(T0 + HOUR);
		const checked = await poller.pollItems();
		expect(checked).toHaveLength(30);
		const checkCalls = t.sandbox.apiCalls('/athlete/activities').length;
		expect((poller.staticData.budget as BudgetState).sweepSoon).toBe(true);

		let rest: number[] = [];
		// The next due poll (checks are 13 min apart at the defaults), not the regular sweep 2 h 36 min after the last.
		for (let at = T0 + HOUR + 60_000; rest.length === 0 && at <= T0 + HOUR + 15 * 60_000; at += 60_000) {
			jest.setSystemTime(at);
			rest = (await poller.pollItems()).map((item) => Number(item.id));
		}
		expect(rest).toHaveLength(15);
		expect(new Set([...checked.map((item) => Number(item.id)), ...rest]).size).toBe(45);
		// The sweep listed with `after` (the check does not).
		expect(t.sandbox.apiCalls('/athlete/activities').slice(checkCalls)[0].query.after).toBeDefined();
	});
});

describe('a poll while the previous one may still run', () => {
	test('is skipped without a request inside n8n\'s poll budget; a marker older than the budget (a crashed poll) is ignored', async () => {
		seedActivities(t.sandbox, 3, new Date(T0 - HOUR), 600);
		const poller = new Poller({ credentials: t.credentials(), parameters: { lookBackDays: 7 }, pollBudgetMs: 60_000 });
		expect(await poller.pollItems()).toEqual([]);
		const calls = () => t.sandbox.apiCalls('/athlete/activities').length;

		jest.setSystemTime(T0 + HOUR);
		poller.staticData.pollingSince = Date.now() - 59_000;
		const before = calls();
		expect(await poller.poll()).toBeNull();
		expect(calls()).toBe(before);
		expect(poller.staticData.pollingSince).toBe(Date.now() - 59_000);
		expect(logs.messages('debug')).toEqual(['Strava API New Activity Trigger: previous poll still running, skipping this one']);

		poller.staticData.pollingSince = Date.now() - 60_000;
		addActivity(t.sandbox, 900, new Date(T0 + 30 * 60_000));
		expect((await poller.pollItems()).map((item) => Number(item.id))).toEqual([900]);
		expect(calls()).toBe(before + 1);
		expect(poller.staticData.pollingSince).toBeUndefined();
	});
});
