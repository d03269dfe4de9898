import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	exhaustedLimit,
	stravaApiPaginate,
	stravaApiRequest,
	waitForRateLimit,
	type RateLimitPolicy,
	type RateLimitUsage,
} from '../../../shared/transport';
import { getLimit, getRateLimitPolicy, paginatedItems, returnAllFields } from '../shared/options';
import { toEpochSeconds } from '../shared/dates';
import { sportTypeOptions } from './shared';

const show = { resource: ['activity'], operation: ['getAll'] };

/** How often a detail fetch reports its progress in the execution log. */
export const DETAIL_PROGRESS_EVERY = 100;

/** What Include Details costs, for the option's description and the docs. */
export const INCLUDE_DETAILS_COST = '1 request per page of 200 activities plus 1 per activity returned';

const onlyOrExclude = (what: string) => [
	{ name: `Only ${what}`, value: 'only' },
	{ name: `Exclude ${what}`, value: 'exclude' },
];

export const description: INodeProperties[] = [
	...returnAllFields('activity', 'getAll', 'activities'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		description:
			'After and Before are applied by Strava. The others are applied by the node while it pages through the list: every page is still read, and Limit counts the activities that pass.',
		options: [
			{
				displayName: 'After',
				name: 'after',
				type: 'dateTime',
				default: '',
				description: 'Only activities that started after this time',
			},
			{
				displayName: 'Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: 'Only activities that started before this time',
			},
			{
				displayName: 'Commute',
				name: 'commute',
				type: 'options',
				default: 'only',
				options: onlyOrExclude('Commutes'),
				description: 'Whether to keep only commutes or leave them out',
			},
			{
				displayName: 'Minimum Distance (Meters)',
				name: 'minDistance',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Only activities at least this long, in meters (e.g. 5000 for 5 km)',
			},
			{
				displayName: 'Minimum Moving Time (Seconds)',
				name: 'minMovingTime',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Only activities with at least this much moving time, in seconds (e.g. 1800 for 30 minutes)',
			},
			{
				displayName: 'Sport Types',
				name: 'sportTypes',
				type: 'multiOptions',
				default: [],
				options: sportTypeOptions,
				description:
					'Only activities of these sport types. Strava adds new types from time to time: give any other with an expression (a list or comma-separated text).',
			},
			{
				displayName: 'Trainer',
				name: 'trainer',
				type: 'options',
				default: 'only',
				options: onlyOrExclude('Trainer (Indoor) Activities'),
				description: 'Whether to keep only activities done on a trainer or leave them out',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Details',
				name: 'includeDetails',
				type: 'boolean',
				default: false,
				description: `Whether to fetch each activity's full detail (description, calories, gear, segment efforts, laps, …) instead of the summary the list gives. Costs ${INCLUDE_DETAILS_COST}: Strava allows 100 reads per 15 minutes and 1,000 a day: about 990 activities fit in a day (some 2.5 hours with Rate Limit → Wait); for more, set Rate Limit → Max Wait to 86400 so that the node waits for the daily reset.`,
			},
		],
	},
];

interface Filters {
	after?: unknown;
	before?: unknown;
	commute?: string;
	trainer?: string;
	minDistance?: unknown;
	minMovingTime?: unknown;
	sportTypes?: unknown;
}

type Match = (activity: IDataObject) => boolean;

function minimum(ctx: IExecuteFunctions, value: unknown, field: string, example: string, itemIndex: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(number) || number < 0) {
		throw new NodeOperationError(ctx.getNode(), `The filter "${field}" must be a number of at least 0, not "${String(value)}"`, {
			itemIndex,
			description: `Enter a number such as ${example}, or remove the filter.`,
		});
	}
	return number > 0 ? number : undefined;
}

function onlyOrExcludeValue(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (value === 'only' || value === true) return true;
	if (value === 'exclude' || value === false) return false;
	throw new NodeOperationError(ctx.getNode(), `The filter "${field}" must be "only" or "exclude", not "${String(value)}"`, {
		itemIndex,
		description: `Pick "Only" or "Exclude" in "${field}", or remove the filter.`,
	});
}

/** The node's own filters (applied while paging), or undefined when there are none. */
export function activityFilter(ctx: IExecuteFunctions, filters: Filters, itemIndex: number): Match | undefined {
	const checks: Match[] = [];
	const raw = filters.sportTypes;
	const types = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [])
		.map((type) => String(type).trim())
		.filter(Boolean);
	if (types.length) {
		const wanted = new Set(types);
		checks.push((activity) => wanted.has(String(activity.sport_type ?? activity.type ?? '')));
	}
	const commute = onlyOrExcludeValue(ctx, filters.commute, 'Commute', itemIndex);
	if (commute !== undefined) checks.push((activity) => Boolean(activity.commute) === commute);
	const trainer = onlyOrExcludeValue(ctx, filters.trainer, 'Trainer', itemIndex);
	if (trainer !== undefined) checks.push((activity) => Boolean(activity.trainer) === trainer);
	const minDistance = minimum(ctx, filters.minDistance, 'Minimum Distance (Meters)', '5000', itemIndex);
	if (minDistance !== undefined) checks.push((activity) => Number(activity.distance ?? 0) >= minDistance);
	const minMovingTime = minimum(ctx, filters.minMovingTime, 'Minimum Moving Time (Seconds)', '1800', itemIndex);
	if (minMovingTime !== undefined) checks.push((activity) => Number(activity.moving_time ?? 0) >= minMovingTime);
	return checks.length ? (activity) => checks.every((check) => check(activity)) : undefined;
}

/**
 * GET /activities/{id} for each listed activity, one after the other, through the one transport. Before
 * each request the budget from the last answer's headers is checked: when a window is used up the node
 * waits for it (15-minute or daily, within Max Wait) rather than run into a 429. An activity deleted since
 * it was listed (404) is left out with a warning; any other error stops the sync.
 */
async function withDetails(
	ctx: IExecuteFunctions,
	list: IDataObject[],
	policy: RateLimitPolicy,
	itemIndex: number,
): Promise<IDataObject[]> {
	const detailed: IDataObject[] = [];
	let usage: RateLimitUsage | undefined;
	for (let index = 0; index < list.length; index++) {
		const id = String(list[index].id ?? '');
		if (usage) {
			const limit = exhaustedLimit(usage, true);
			if (limit) await waitForRateLimit(ctx, limit, policy, itemIndex);
		}
		try {
			const response = await stravaApiRequest.call(ctx, {
				method: 'GET',
				path: `/activities/${id}`,
				rateLimit: policy,
				itemIndex,
				expect: 'object',
				subject: `activity ID ${id}`,
			});
			usage = response.rateLimit;
			detailed.push(response.body as IDataObject);
		} catch (error) {
			if (error instanceof NodeApiError) {
				if (error.httpCode !== '404') throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
			} else {
				throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			}
			ctx.logger.warn(`Strava API: activity ${id} was deleted after it was listed; left out.`);
		}
		const done = index + 1;
		if (done % DETAIL_PROGRESS_EVERY === 0 || done === list.length) {
			ctx.logger.info(`Strava API: fetched details ${done} of ${list.length}`);
		}
	}
	return detailed;
}

/**
 * GET /athlete/activities: the connected athlete's activities, newest first. The node's filters are
 * applied page by page (Limit counts what passes); Include Details adds one GET /activities/{id} each.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeDetails?: boolean };
	const after = toEpochSeconds(this, filters.after, 'After', itemIndex);
	const before = toEpochSeconds(this, filters.before, 'Before', itemIndex);
	if (after !== undefined && before !== undefined && after >= before) {
		throw new NodeOperationError(this.getNode(), 'The filter "After" must be earlier than "Before"', {
			itemIndex,
			description: 'No activity can start after the "After" time and before the "Before" time: swap or fix them.',
		});
	}
	const qs: IDataObject = {};
	if (after !== undefined) qs.after = after;
	if (before !== undefined) qs.before = before;
	const match = activityFilter(this, filters, itemIndex);
	const includeDetails = options.includeDetails === true;
	if (!match && !includeDetails) return await paginatedItems(this, itemIndex, '/athlete/activities', { qs });

	const limit = getLimit(this, itemIndex);
	const rateLimit = getRateLimitPolicy(this, itemIndex);
	let list: IDataObject[];
	if (!match) {
		list = await stravaApiPaginate.call(this, { path: '/athlete/activities', qs, limit, rateLimit, itemIndex });
	} else {
		const kept: IDataObject[] = [];
		// Pages of 200 whatever the limit: the filters may drop most of a page.
		await stravaApiPaginate.call(this, { path: '/athlete/activities', qs, rateLimit, itemIndex }, (page) => {
			for (const activity of page) {
				if (!match(activity)) continue;
				kept.push(activity);
				if (limit !== undefined && kept.length >= limit) return false;
			}
			return true;
		});
		list = kept;
	}
	if (includeDetails) list = await withDetails(this, list, rateLimit, itemIndex);
	return list.map((json) => ({ json }));
}
