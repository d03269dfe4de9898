import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { FAIL_FAST_RATE_LIMIT, MAX_PER_PAGE, stravaApiPaginate, stravaApiRequest } from '../StravaApi/transport';
import { planPoll, settlePoll, type PollState } from './pollState';

const DAY_SECONDS = 86_400;
/** Stop fetching further backfill pages after this share of n8n's poll budget. */
const BUDGET_SHARE = 0.5;
const DEFAULT_BUDGET_MS = 5 * 60 * 1000;

interface PollOptions {
	startDate?: string;
}

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
	});
	const list = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	return toItems(list.slice(0, 1));
}

function readSettings(ctx: IPollFunctions): { lookBackSec: number; startDate?: string } {
	const lookBackDays = ctx.getNodeParameter('lookBackDays', 7) as number;
	if (!Number.isFinite(lookBackDays) || lookBackDays <= 0) {
		throw new NodeOperationError(ctx.getNode(), 'The "Look-Back Window (Days)" must be more than 0', {
			description: 'Set it to how late your activities can reach Strava, e.g. 7 for a watch synced once a week.',
		});
	}
	const options = ctx.getNodeParameter('options', {}) as PollOptions;
	const startDate = options.startDate ? String(options.startDate) : undefined;
	if (startDate !== undefined && !Number.isFinite(new Date(startDate).getTime())) {
		throw new NodeOperationError(ctx.getNode(), `"Backfill From" is not a valid date: ${startDate}`, {
			description: 'Pick a date and time, or remove the option to start from the moment the workflow is activated.',
		});
	}
	return { lookBackSec: Math.round(lookBackDays * DAY_SECONDS), startDate };
}

export class StravaApiNewActivityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Strava API New Activity Trigger',
		name: 'stravaApiNewActivityTrigger',
		icon: { light: 'file:strava.svg', dark: 'file:strava.dark.svg' },
		group: ['trigger'],
		version: 1,
		description:
			'Starts the workflow once for each new activity of the connected athlete, also for activities a watch syncs days later',
		subtitle: '={{"look-back " + $parameter["lookBackDays"] + " days"}}',
		defaults: { name: 'Strava API New Activity Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stravaV3OAuth2Api', required: true }],
		properties: [
			{
				displayName:
					'Checks Strava at the poll times below and emits each activity once, the first time it appears. Needs no public URL. For instant events (and updates or deletions) use the "Strava API Trigger".',
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
					'How far back each poll looks for activities that reached Strava late (a watch synced days after the ride). An activity that starts earlier than this when it arrives is not emitted. Each poll costs 2 requests while the window holds up to 200 activities.',
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

		const { lookBackSec, startDate } = readSettings(this);
		const state = this.getWorkflowStaticData('node') as PollState;
		const startedAt = Date.now();
		const budgetMs = pollBudgetMs(this);
		if (state.pollingSince !== undefined && startedAt - state.pollingSince < budgetMs) {
			this.logger.debug('Strava API New Activity Trigger: previous poll still running, skipping this one');
			return null;
		}
		state.pollingSince = startedAt;
		try {
			const nowSec = Math.floor(startedAt / 1000);
			const plan = planPoll(state, nowSec, lookBackSec, startDate);
			let complete = true;
			// Only `after`: Strava lists oldest first, so a stopped backfill resumes where it ended.
			const activities = await stravaApiPaginate.call(
				this,
				{ path: '/athlete/activities', qs: { after: plan.after }, perPage: MAX_PER_PAGE, rateLimit: FAIL_FAST_RATE_LIMIT },
				() => {
					if (plan.baseline || Date.now() - startedAt < budgetMs * BUDGET_SHARE) return true;
					complete = false;
					return false;
				},
			);
			return toItems(settlePoll(state, plan, activities, nowSec, lookBackSec, complete));
		} finally {
			delete state.pollingSince;
		}
	}
}
