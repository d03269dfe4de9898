import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchActivities } from './activities';
import { searchClubs } from './searchClubs';
import { searchGear } from './searchGear';
import { searchRoutes } from './searchRoutes';
import { searchStarredSegments } from './searchStarredSegments';

/** Searchable lists behind the resource locators' "From list" mode. */
export const listSearch: Record<
	string,
	(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>
> = {
	searchActivities,
	searchClubs,
	searchGear,
	searchRoutes,
	searchStarredSegments,
};
