import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { exhaustedLimit } from './rateLimit';
import { stravaApiRequest, waitForRateLimit } from './request';
import { DEFAULT_RATE_LIMIT_POLICY, type RateLimitPolicy, type RateLimitUsage, type StravaContext } from './types';

/** Strava's maximum page size. */
export const MAX_PER_PAGE = 200;

export interface PaginateOptions {
	path: string;
	qs?: IDataObject;
	/** Stop after this many items; undefined returns everything. */
	limit?: number;
	rateLimit?: RateLimitPolicy;
	itemIndex?: number;
	/** Page size to ask for (defaults to 200, or the limit when smaller). */
	perPage?: number;
	/** Cursor paging (comments): `page_size` + `after_cursor`, the cursor read from each item. */
	cursor?: { field: string };
	/** What the path names by an ID the user gave (`activity ID 123`): a 404 on the first page says to check it. */
	subject?: string;
}

/** A limit is a whole number of at least 1; anything else is refused before any request. */
export function isValidLimit(limit: unknown): limit is number {
	return typeof limit === 'number' && Number.isInteger(limit) && limit >= 1;
}

/** The error for a Limit that is not a whole number of at least 1 (the field's check and the paginator's). */
export function invalidLimitError(node: INode, limit: unknown, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `The field "Limit" must be a whole number of at least 1, not "${String(limit)}"`, {
		itemIndex,
		description: 'Enter how many items to return, such as 50, or turn on "Return All".',
	});
}

/** Before asking for another page: wait (or fail) now rather than burn a request into a 429. */
async function respectBudget(ctx: StravaContext, usage: RateLimitUsage, options: PaginateOptions) {
	const limit = exhaustedLimit(usage, true);
	if (limit) await waitForRateLimit(ctx, limit, options.rateLimit ?? DEFAULT_RATE_LIMIT_POLICY, options.itemIndex);
}

/**
 * The one paginator. Page-numbered lists use `per_page` (200) and end only at an **empty** page: Strava
 * may return a short page mid-list (privacy filtering), so a short page does not end the list. Return All
 * over N items therefore costs ceil(N/200)+1 requests; with a limit it stops as soon as it has enough.
 * Calls `onPage` with each page so callers can stream items (the polling trigger stops early with it).
 */
export async function stravaApiPaginate(
	this: StravaContext,
	options: PaginateOptions,
	onPage?: (page: IDataObject[]) => boolean | void,
): Promise<IDataObject[]> {
	const { limit } = options;
	if (limit !== undefined && !isValidLimit(limit)) throw invalidLimitError(this.getNode(), limit, options.itemIndex);
	const perPage = Math.min(MAX_PER_PAGE, options.perPage ?? MAX_PER_PAGE, limit ?? MAX_PER_PAGE);
	const results: IDataObject[] = [];
	let usage: RateLimitUsage | undefined;
	let page = 1;
	let cursor: string | undefined;

	for (;;) {
		if (usage) await respectBudget(this, usage, options);
		const qs: IDataObject = { ...(options.qs ?? {}) };
		if (options.cursor) {
			qs.page_size = perPage;
			if (cursor !== undefined) qs.after_cursor = cursor;
		} else {
			qs.page = page;
			qs.per_page = perPage;
		}
		const response = await stravaApiRequest.call(this, {
			method: 'GET',
			path: options.path,
			qs,
			rateLimit: options.rateLimit,
			itemIndex: options.itemIndex,
			// Every page must be a list: a page of anything else is an error, never the end of the list.
			expect: 'array',
			page,
			subject: page === 1 ? options.subject : undefined,
		});
		usage = response.rateLimit;
		const items = response.body as IDataObject[];
		if (items.length === 0) break;
		const room = limit === undefined ? items.length : limit - results.length;
		const taken = items.length > room ? items.slice(0, room) : items;
		for (const item of taken) results.push(item);
		if (onPage?.(taken) === false) break;
		if (limit !== undefined && results.length >= limit) break;
		if (options.cursor) {
			const next = items[items.length - 1][options.cursor.field];
			if (next === undefined || next === null || String(next) === cursor) break;
			cursor = String(next);
		}
		page++;
	}
	return results;
}
