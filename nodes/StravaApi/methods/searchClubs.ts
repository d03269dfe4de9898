import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { idText, pagedSearch } from './pagedSearch';

/** The clubs the connected athlete belongs to (GET /athlete/clubs). */
export async function searchClubs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pagedSearch(
		this,
		'/athlete/clubs',
		(club) => ({ name: String(club.name ?? idText(club)), value: idText(club), url: `https://www.strava.com/clubs/${idText(club)}` }),
		filter,
		paginationToken,
	);
}
