import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_RATE_LIMIT_POLICY,
	invalidLimitError,
	isValidLimit,
	stravaApiPaginate,
	type PaginateOptions,
	type RateLimitPolicy,
} from '../../../shared/transport';

/** Node-level options shared by every operation (the node's last parameter). */
export const rateLimitOptions: INodeProperties = {
	displayName: 'Rate Limit',
	name: 'rateLimit',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	description:
		"Strava allows each application 100 reads and 200 requests per 15 minutes (1,000 / 2,000 a day), shared by all its workflows",
	options: [
		{
			displayName: 'On Rate Limit',
			name: 'onLimit',
			type: 'options',
			default: 'wait',
			options: [
				{
					name: 'Wait for the Window to Reset',
					value: 'wait',
					description: 'Pause until the next :00/:15/:30/:45 (up to the maximum wait), then continue',
				},
				{
					name: 'Fail',
					value: 'fail',
					description: 'Stop with an error that says which limit was reached and when it resets',
				},
			],
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 900,
			description: 'Longest pause for a rate-limit window; a longer one (such as the daily limit) fails instead',
		},
	],
};

export function getRateLimitPolicy(ctx: IExecuteFunctions, itemIndex: number): RateLimitPolicy {
	const options = ctx.getNodeParameter('rateLimit', itemIndex, {}) as Partial<RateLimitPolicy>;
	return {
		onLimit: options.onLimit === 'fail' ? 'fail' : 'wait',
		maxWaitSeconds:
			typeof options.maxWaitSeconds === 'number' && options.maxWaitSeconds >= 0
				? options.maxWaitSeconds
				: DEFAULT_RATE_LIMIT_POLICY.maxWaitSeconds,
	};
}

/** `returnAll` + `limit` for a list operation. */
export function returnAllFields(resource: string, operation: string, itemName: string): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			hint: `Stops after this many ${itemName}`,
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * Reads returnAll/limit: undefined means "everything". A limit that is not a whole number of at least 1
 * (0, -5, 1.5, NaN, "abc") is refused before any request, naming the field.
 */
export function getLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	const limit = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	if (!isValidLimit(limit)) throw invalidLimitError(ctx.getNode(), limit, itemIndex);
	return limit;
}

/** A list operation's output: Return All / Limit and the rate-limit option applied, one item per entry. */
export async function paginatedItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path: string,
	extra: Pick<PaginateOptions, 'qs' | 'cursor' | 'subject'> = {},
): Promise<INodeExecutionData[]> {
	const list: IDataObject[] = await stravaApiPaginate.call(ctx, {
		path,
		...extra,
		limit: getLimit(ctx, itemIndex),
		rateLimit: getRateLimitPolicy(ctx, itemIndex),
		itemIndex,
	});
	return list.map((json) => ({ json }));
}
