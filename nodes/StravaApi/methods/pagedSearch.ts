import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { FAIL_FAST_RATE_LIMIT, stravaApiRequest } from '../transport';

/** Entries asked for per page when filling a "From list" dropdown. */
const SEARCH_PAGE_SIZE = 100;
/** Pages read in one search call while a filter has matched nothing yet (each costs a read request). */
const MAX_PAGES_PER_CALL = 3;

/** Whether an entry's name contains the filter text (case-insensitive). */
export function matches(name: string, filter?: string): boolean {
	return !filter || name.toLowerCase().includes(filter.trim().toLowerCase());
}

/**
 * One "From list" page over a page-numbered Strava list. The pagination token is the next page number;
 * the list ends at an empty page (Strava may answer a short page mid-list).
 */
export async function pagedSearch(
	ctx: ILoadOptionsFunctions,
	path: string,
	toItem: (entry: IDataObject) => INodeListSearchItems,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let page = Math.max(1, Number(paginationToken) || 1);
	const results: INodeListSearchItems[] = [];
	for (let read = 0; read < MAX_PAGES_PER_CALL; read++) {
		const response = await stravaApiRequest.call(ctx, {
			method: 'GET',
			path,
			qs: { page, per_page: SEARCH_PAGE_SIZE },
			rateLimit: FAIL_FAST_RATE_LIMIT,
		});
		const entries = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
		if (!entries.length) return { results };
		for (const entry of entries) {
			const item = toItem(entry);
			if (matches(item.name, filter)) results.push(item);
		}
		page++;
		if (results.length) break;
	}
	return { results, paginationToken: String(page) };
}

/** A Strava ID as text; large IDs (routes) come as `id_str` because they do not fit a JS number. */
export function idText(entry: IDataObject): string {
	return String(entry.id_str ?? entry.id ?? '');
}
