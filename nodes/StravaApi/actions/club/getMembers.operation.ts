import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiPaginate } from '../../transport';
import { getLimit, getRateLimitPolicy, returnAllFields } from '../shared/options';
import { getId } from '../shared/resourceLocator';
import { clubIdField } from './clubId';

export const description: INodeProperties[] = [clubIdField('getMembers'), ...returnAllFields('club', 'getMembers', 'club members')];

/** GET /clubs/{id}/members, one item per member. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const clubId = getId(this, 'clubId', itemIndex, 'club', 'Club');
	const list = await stravaApiPaginate.call(this, {
		path: `/clubs/${clubId}/members`,
		limit: getLimit(this, itemIndex),
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
	});
	return list.map((json) => ({ json }));
}
