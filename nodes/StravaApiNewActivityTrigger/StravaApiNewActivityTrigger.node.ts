import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	FAIL_FAST_RATE_LIMIT,
	MAX_PER_PAGE,
	rateLimitResetOf,
	stravaApiPaginate,
	stravaApiRequest,
	type RateLimitUsage,
} from '../shared/transport';
import { MAX_TRANSIENT_RETRIES } from '../shared/transport/request';
import {
	CHECK_COST,
	CHECK_PER_PAGE,
	DEFAULT_DAILY_REQUESTS,
	APP_BUSY_FACTOR,
	APP_BUSY_SHARE,
	APP_STOP_SHARE,
	QUARTER_STOP_SHARE,
	STRAVA_READS_PER_DAY,
	STRAVA_READS_PER_15_MIN,
	decidePoll,
	formatDuration,
	pollFailed,
	pollSchedule,
	pollSucceeded,
	recordRequests,
	startPoll,
	type BudgetState,
	type PollKind,
} from './pollBudget';
import { needsRestart, planPoll, settlePoll, takeNewest, type PollState } from './pollState';

const DAY_SECONDS = 86_400;
/** Stop fetching further backfill pages after this share of n8n's poll budget. */
const BUDGET_SHARE = 0.5;
const DEFAULT_BUDGET_MS = 5 * 60 * 1000;

interface PollOptions {
	startDate?: string;
}

interface Settings {
	lookBackSec: number;
	dailyRequests: number;
	startDate?: string;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;
const count = (value: number) => value.toLocaleString('en-US');
const DEFAULT_SCHEDULE = pollSchedule(DEFAULT_DAILY_REQUESTS);
/** What the trigger costs at the defaults, in the words the node's text uses. */
const DEFAULT_COST =
	`At the defaults it checks for new activities every ${formatDuration(DEFAULT_SCHEDULE.checkEveryMs)} (1 request) ` +
	`and sweeps the whole look-back window every ${formatDuration(DEFAULT_SCHEDULE.sweepEveryMs)} (2 requests): ` +
	`about ${DEFAULT_SCHEDULE.plannedPerDay} read requests a day, at most ${DEFAULT_DAILY_REQUESTS} (a few more on a day n8n restarts)`;
/** How the trigger yields to the application's other workflows, from Strava's rate-limit headers. */
const BACK_OFF =
	`When the application has used ${percent(APP_BUSY_SHARE)} of its daily reads the trigger polls ${APP_BUSY_FACTOR} times less often; ` +
	`from ${percent(APP_STOP_SHARE)}, or with ${percent(QUARTER_STOP_SHARE)} of a 15-minute window used, it waits for that window to reset.`;

function pollBudgetMs(ctx: IPollFunctions): number {
	const fn = (ctx as Partial<IPollFunctions>).getPollBudgetMs;
	const budget = typeof fn === 'function' ? fn.call(ctx) : DEFAULT_BUDGET_MS;
	return Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_BUDGET_MS;
}

function toItems(activities: IDataObject[]): INodeExecutionData[][] | null {
	return activities.length ? [activities.map((json) => ({ json }))] : null;
}

/** Manual test run: the athlete's latest activity, so fields can be mapped. Leaves the state alone. */
async function latestActivity(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const response = await stravaApiRequest.call(ctx, {
		method: 'GET',
		path: '/athlete/activities',
		qs: { page: 1, per_page: 1 },
		rateLimit: FAIL_FAST_RATE_LIMIT,
		expect: 'array',
	});
	const list = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	return toItems(list.slice(0, 1));
}

function readSettings(ctx: IPollFunctions): Settings {
	const lookBackDays = ctx.getNodeParameter('lookBackDays', 7) as number;
	if (!Number.isFinite(lookBackDays) || lookBackDays <= 0) {
		throw new NodeOperationError(ctx.getNode(), 'The "Look-Back Window (Days)" must be more than 0', {
			description: 'Set it to how late your activities can reach Strava, e.g. 7 for a watch synced once a week.',
		});
	}
	const dailyRequests = ctx.getNodeParameter('dailyRequestBudget', DEFAULT_DAILY_REQUESTS) as number;
	if (!Number.isFinite(dailyRequests) || dailyRequests < 1) {
		throw new NodeOperationError(ctx.getNode(), 'The "Daily Request Budget" must be at least 1', {
			description: `Strava allows the whole application ${count(STRAVA_READS_PER_DAY)} read requests a day; ${DEFAULT_DAILY_REQUESTS} is a good share for one trigger.`,
		});
	}
	const options = ctx.getNodeParameter('options', {}) as PollOptions;
	const startDate = options.startDate ? String(options.startDate) : undefined;
	if (startDate !== undefined && !Number.isFinite(new Date(startDate).getTime())) {
		throw new NodeOperationError(ctx.getNode(), `"Backfill From" is not a valid date: ${startDate}`, {
			description: 'Pick a date and time, or remove the option to start from the moment the workflow is activated.',
		});
	}
	return { lookBackSec: Math.round(lookBackDays * DAY_SECONDS), dailyRequests: Math.floor(dailyRequests), startDate };
}

/** The budget's part of the node's static data (created on first use; older states have none). */
function budgetOf(staticData: IDataObject): BudgetState {
	if (!staticData.budget || typeof staticData.budget !== 'object' || Array.isArray(staticData.budget)) {
		staticData.budget = {};
	}
	return staticData.budget as BudgetState;
}

/**
 * Requests a failed call to Strava cost: the transport retries a 5xx, a dropped or refused connection and a
 * timeout on a GET before it gives up (a failure without an HTTP status is counted as all of those tries:
 * the budget may count a try too many, never one too few).
 */
function requestsOfFailure(error: unknown): { requests: number; status?: number } {
	// NodeApiError carries `httpCode: null` when no HTTP answer came: Number() makes that (and a missing or empty
	// code) 0 or NaN, which the test below takes for "no status" like any other value that is not a status.
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	if (!Number.isFinite(httpCode) || httpCode <= 0) {
		// n8n-core's own errors (credentials not connected) never reached Strava.
		if (error instanceof NodeOperationError) return { requests: 0 };
		return { requests: error instanceof NodeApiError ? 1 + MAX_TRANSIENT_RETRIES : 1 };
	}
	return { requests: httpCode >= 500 ? 1 + MAX_TRANSIENT_RETRIES : 1, status: httpCode };
}

/** The transport's error as it is (it already carries Strava's answer); anything else wrapped. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	// Something that is not even an Error (n8n's constructor would fail on it) still becomes a node error.
	return new NodeOperationError(node, error instanceof Error ? error : `Polling Strava failed: ${String(error)}`);
}

type Spend = (requests: number, rateLimit?: RateLimitUsage) => void;

/** A check, 1 request: the athlete's newest activities, newest first; unseen ones inside the window. */
async function check(ctx: IPollFunctions, state: PollState, budget: BudgetState, spend: Spend): Promise<IDataObject[]> {
	const response = await stravaApiRequest.call(ctx, {
		method: 'GET',
		path: '/athlete/activities',
		qs: { page: 1, per_page: CHECK_PER_PAGE },
		rateLimit: FAIL_FAST_RATE_LIMIT,
		// Anything but a list is an error: the state then stays as it was (nothing handled, nothing lost).
		expect: 'array',
	});
	spend(CHECK_COST, response.rateLimit);
	const list = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	const { fresh, mayHaveMore } = takeNewest(state, list, CHECK_PER_PAGE);
	if (mayHaveMore) budget.sweepSoon = true;
	return fresh;
}

interface SweepLimits {
	startedAt: number;
	/** n8n's time budget for one poll. */
	budgetMs: number;
	/** Requests still allowed today. */
	remaining: number;
}

/**
 * A sweep: the whole look-back window (or a backfill), oldest first, to Strava's empty last page. Only
 * `after`: Strava then lists oldest first, so a sweep that stops early resumes where it ended. Returns
 * the unseen activities and, for a regular sweep, what it cost.
 */
async function sweep(
	ctx: IPollFunctions,
	state: PollState,
	settings: Settings,
	limits: SweepLimits,
	spend: Spend,
): Promise<{ fresh: IDataObject[]; cost?: number }> {
	const nowSec = Math.floor(limits.startedAt / 1000);
	const plan = planPoll(state, nowSec, settings.lookBackSec, settings.startDate);
	let pages = 0;
	let complete = true;
	const activities = await stravaApiPaginate.call(
		ctx,
		{ path: '/athlete/activities', qs: { after: plan.after }, perPage: MAX_PER_PAGE, rateLimit: FAIL_FAST_RATE_LIMIT },
		() => {
			pages++;
			spend(1);
			// The baseline must see the whole window, or what it did not see would be emitted later.
			if (plan.baseline) return true;
			if (Date.now() - limits.startedAt < limits.budgetMs * BUDGET_SHARE && pages < limits.remaining) return true;
			complete = false;
			return false;
		},
	);
	if (complete) spend(1); // the empty page that ended the list
	const fresh = settlePoll(state, plan, activities, nowSec, settings.lookBackSec, complete);
	return { fresh, cost: plan.catchingUp || !complete ? undefined : pages + 1 };
}

export class StravaApiNewActivityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Strava API New Activity Trigger',
		name: 'stravaApiNewActivityTrigger',
		icon: { light: 'file:strava.svg', dark: 'file:strava.dark.svg' },
		group: ['trigger'],
		version: 1,
		description:
			'Community trigger (not n8n\'s built-in Strava Trigger): polls Strava within a daily request budget and starts the workflow once for each new activity, also for activities a watch syncs days later. Needs no public URL.',
		subtitle: '={{"New activities, look-back " + $parameter["lookBackDays"] + " days, " + ($parameter["dailyRequestBudget"] || 150) + " requests/day"}}',
		defaults: { name: 'Strava API New Activity Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stravaV3OAuth2Api', required: true }],
		properties: [
			{
				displayName: `Emits each activity once, the first time it appears. Needs no public URL. n8n's Poll Times only wake the trigger up: it decides itself when to ask Strava, and polls that are not due send nothing. ${DEFAULT_COST}, out of the ${count(STRAVA_READS_PER_DAY)} read requests a day that Strava allows the whole application. For instant events (and updates or deletions) use the "Strava API Trigger".`,
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Look-Back Window (Days)',
				name: 'lookBackDays',
				type: 'number',
				typeOptions: { minValue: 0.05, maxValue: 90, numberPrecision: 2 },
				default: 7,
				description:
					'How far back the trigger looks for activities that reached Strava late (a watch synced days after the ride). An activity that starts earlier than this when it arrives is not emitted. A sweep of the window costs 2 requests while it holds up to 200 activities, 1 more per further 200.',
			},
			{
				displayName: 'Daily Request Budget',
				name: 'dailyRequestBudget',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: STRAVA_READS_PER_DAY, numberPrecision: 0 },
				default: DEFAULT_DAILY_REQUESTS,
				description: `How many read requests a day (Strava's day, from midnight UTC) this trigger may spend. Strava allows the whole application ${count(STRAVA_READS_PER_DAY)} reads a day and ${STRAVA_READS_PER_15_MIN} per 15 minutes, shared by every workflow and user; the default ${DEFAULT_DAILY_REQUESTS} is ${percent(DEFAULT_DAILY_REQUESTS / STRAVA_READS_PER_DAY)} of the daily reads. ${DEFAULT_COST}; the rest is a reserve for errors and backfills. A smaller budget checks less often, a larger one more often. ${BACK_OFF}`,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Backfill From',
						name: 'startDate',
						type: 'dateTime',
						default: '',
						description:
							'Emit every activity that starts after this date on the first poll, then continue with new ones. Without it the trigger starts from the moment it is activated. Setting a different date later starts a new backfill from that date.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return await latestActivity(this);

		const { lookBackSec, dailyRequests, startDate } = readSettings(this);
		const staticData = this.getWorkflowStaticData('node');
		const state = staticData as PollState;
		const budget = budgetOf(staticData);
		const startedAt = Date.now();
		const budgetMs = pollBudgetMs(this);
		if (state.pollingSince !== undefined && startedAt - state.pollingSince < budgetMs) {
			this.logger.debug('Strava API New Activity Trigger: previous poll still running, skipping this one');
			return null;
		}
		const restart = needsRestart(state, startDate);
		const decision = decidePoll(budget, startedAt, dailyRequests, {
			mustSweep: restart,
			catchingUp: state.partial === true,
		});
		if (!decision.due) {
			this.logger.debug(`Strava API New Activity Trigger: not due (${decision.reason})`);
			return null;
		}

		state.pollingSince = startedAt;
		startPoll(budget, startedAt);
		const spend: Spend = (requests, rateLimit) => recordRequests(budget, Date.now(), requests, rateLimit);
		const kind: PollKind = decision.kind;
		try {
			let fresh: IDataObject[];
			let sweepCost: number | undefined;
			if (kind === 'check') {
				fresh = await check(this, state, budget, spend);
			} else {
				const limits = { startedAt, budgetMs, remaining: decision.remaining };
				({ fresh, cost: sweepCost } = await sweep(this, state, { lookBackSec, dailyRequests, startDate }, limits, spend));
			}
			pollSucceeded(budget, Date.now(), kind, sweepCost);
			return toItems(fresh);
		} catch (error) {
			// The state (floor, seen-set) only changes once Strava answered, so nothing is lost; the
			// budget still counts what the failed request cost.
			const failure = requestsOfFailure(error);
			spend(failure.requests);
			pollFailed(budget, Date.now(), { status: failure.status, reset: rateLimitResetOf(error) });
			this.logger.warn(
				`Strava API New Activity Trigger: ${kind} failed, will retry on schedule (${String((error as Error)?.message)})`,
			);
			throw asNodeError(this.getNode(), error);
		} finally {
			delete state.pollingSince;
		}
	}
}
