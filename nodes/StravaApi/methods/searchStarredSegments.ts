import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { idText, pagedSearch } from './pagedSearch';

/** The connected athlete's starred segments (GET /segments/starred). */
export async function searchStarredSegments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pagedSearch(
		this,
		'/segments/starred',
		(segment) => ({
			name: String(segment.name ?? idText(segment)),
			value: idText(segment),
			url: `https://www.strava.com/segments/${idText(segment)}`,
		}),
		filter,
		paginationToken,
	);
}
