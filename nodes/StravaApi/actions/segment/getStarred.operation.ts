import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiPaginate } from '../../transport';
import { getLimit, getRateLimitPolicy, returnAllFields } from '../shared/options';

export const description: INodeProperties[] = [...returnAllFields('segment', 'getStarred', 'segments')];

/** GET /segments/starred: the connected athlete's starred segments, one item per segment. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const list = await stravaApiPaginate.call(this, {
		path: '/segments/starred',
		limit: getLimit(this, itemIndex),
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
	});
	return list.map((json) => ({ json }));
}
