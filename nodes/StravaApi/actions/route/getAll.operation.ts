import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiPaginate } from '../../transport';
import { athleteIdField, athleteIdOrConnected } from '../athlete/connectedAthlete';
import { getLimit, getRateLimitPolicy, returnAllFields } from '../shared/options';

const show = { resource: ['route'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	athleteIdField(show, 'The athlete whose routes to list. Leave empty for the connected athlete.'),
	...returnAllFields('route', 'getAll', 'routes'),
];

/** GET /athletes/{id}/routes, one item per route (private ones need read_all). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const athleteId = await athleteIdOrConnected(this, itemIndex);
	const list = await stravaApiPaginate.call(this, {
		path: `/athletes/${athleteId}/routes`,
		limit: getLimit(this, itemIndex),
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
	});
	return list.map((json) => ({ json }));
}
