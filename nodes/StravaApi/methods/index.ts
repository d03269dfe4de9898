import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchActivities } from './activities';

/** Searchable lists behind the resource locators' "From list" mode. */
export const listSearch: Record<
	string,
	(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>
> = {
	searchActivities,
};
