import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { FAIL_FAST_RATE_LIMIT, stravaApiRequest } from '../../shared/transport';
import { idText, pagedSearch } from './pagedSearch';

/** The connected athlete's routes (GET /athlete for the ID, then GET /athletes/{id}/routes). */
export async function searchRoutes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const athlete = await stravaApiRequest.call(this, {
		method: 'GET',
		path: '/athlete',
		rateLimit: FAIL_FAST_RATE_LIMIT,
		expect: 'object',
	});
	const athleteId = String((athlete.body as IDataObject).id);
	return await pagedSearch(
		this,
		`/athletes/${athleteId}/routes`,
		(route) => ({ name: String(route.name ?? idText(route)), value: idText(route), url: `https://www.strava.com/routes/${idText(route)}` }),
		filter,
		paginationToken,
	);
}
