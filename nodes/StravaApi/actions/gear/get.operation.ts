import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idLocator, idSubject } from '../shared/resourceLocator';

export const description: INodeProperties[] = [
	idLocator(
		'gear',
		'gearId',
		'Gear',
		{ resource: ['gear'], operation: ['get'] },
		{
			searchListMethod: 'searchGear',
			description: 'The bike (ID starting with b) or pair of shoes (ID starting with g) to get',
		},
	),
];

/** GET /gear/{id}: a bike or pair of shoes with its brand, model and distance. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const gearId = getId(this, 'gearId', itemIndex, 'gear', 'Gear');
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: `/gear/${encodeURIComponent(gearId)}`,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
		subject: idSubject('gear', gearId),
	});
	return [{ json: response.body as IDataObject }];
}
