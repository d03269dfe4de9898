import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiPaginate } from '../../transport';
import { getLimit, getRateLimitPolicy, returnAllFields } from '../shared/options';
import { getId } from '../shared/resourceLocator';
import { clubIdField } from './clubId';

export const description: INodeProperties[] = [clubIdField('getAdmins'), ...returnAllFields('club', 'getAdmins', 'club administrators')];

/** GET /clubs/{id}/admins, one item per administrator. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const clubId = getId(this, 'clubId', itemIndex, 'club', 'Club');
	const list = await stravaApiPaginate.call(this, {
		path: `/clubs/${clubId}/admins`,
		limit: getLimit(this, itemIndex),
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
	});
	return list.map((json) => ({ json }));
}
