import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiPaginate } from '../../transport';
import { getLimit, getRateLimitPolicy, returnAllFields } from '../shared/options';

export const description: INodeProperties[] = [...returnAllFields('club', 'getAll', 'clubs')];

/** GET /athlete/clubs: the clubs the connected athlete belongs to, one item per club. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const list = await stravaApiPaginate.call(this, {
		path: '/athlete/clubs',
		limit: getLimit(this, itemIndex),
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
	});
	return list.map((json) => ({ json }));
}
