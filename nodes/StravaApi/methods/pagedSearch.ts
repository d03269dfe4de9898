import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { FAIL_FAST_RATE_LIMIT, stravaApiRequest } from '../../shared/transport';

/** Entries asked for per page when filling a "From list" dropdown without a filter (one request per scroll). */
const SEARCH_PAGE_SIZE = 100;
/** With a filter: Strava's largest page, and at most this many pages per search (one read request each). */
const FILTER_PAGE_SIZE = 200;
export const MAX_FILTER_PAGES_PER_CALL = 5;

/** What a typed search costs, for the fields' descriptions. */
export const SEARCH_COST_HINT = `Typing in "From list" searches up to ${MAX_FILTER_PAGES_PER_CALL * FILTER_PAGE_SIZE} entries (${MAX_FILTER_PAGES_PER_CALL} read requests); scroll down to search further back.`;

/** Whether an entry's name contains the filter text (case-insensitive). */
export function matches(name: string, filter?: string): boolean {
	return !filter || name.toLowerCase().includes(filter.trim().toLowerCase());
}

/**
 * One "From list" page over a page-numbered Strava list. Without a filter: one page of 100 per call. With
 * a filter: pages of 200, every match collected, up to MAX_FILTER_PAGES_PER_CALL pages per call (matches
 * beyond the newest page are found; scrolling continues from where the search stopped). The pagination
 * token is the next page number; the list ends at an empty page (Strava may answer a short page mid-list).
 */
export async function pagedSearch(
	ctx: ILoadOptionsFunctions,
	path: string,
	toItem: (entry: IDataObject) => INodeListSearchItems,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let page = Math.max(1, Number(paginationToken) || 1);
	const filtered = Boolean(filter && filter.trim());
	const results: INodeListSearchItems[] = [];
	for (let read = 0; read < (filtered ? MAX_FILTER_PAGES_PER_CALL : 1); read++) {
		const response = await stravaApiRequest.call(ctx, {
			method: 'GET',
			path,
			qs: { page, per_page: filtered ? FILTER_PAGE_SIZE : SEARCH_PAGE_SIZE },
			rateLimit: FAIL_FAST_RATE_LIMIT,
			// A page that is not a list is an error, never the end of the list.
			expect: 'array',
			page,
		});
		const entries = response.body as IDataObject[];
		if (!entries.length) return { results };
		for (const entry of entries) {
			const item = toItem(entry);
			if (matches(item.name, filter)) results.push(item);
		}
		page++;
	}
	return { results, paginationToken: String(page) };
}

/** A Strava ID as text; large IDs (routes) come as `id_str` because they do not fit a JS number. */
export function idText(entry: IDataObject): string {
	return String(entry.id_str ?? entry.id ?? '');
}
