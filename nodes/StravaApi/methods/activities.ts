import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { idText, pagedSearch } from './pagedSearch';

/** The connected athlete's recent activities, newest first, as "Name (2026-05-01)". */
export async function searchActivities(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pagedSearch(
		this,
		'/athlete/activities',
		(activity) => {
			const id = idText(activity);
			const date = typeof activity.start_date_local === 'string' ? activity.start_date_local.slice(0, 10) : '';
			const name = String(activity.name ?? id);
			return {
				name: date ? `${name} (${date})` : name,
				value: id,
				url: `https://www.strava.com/activities/${id}`,
			};
		},
		filter,
		paginationToken,
	);
}
