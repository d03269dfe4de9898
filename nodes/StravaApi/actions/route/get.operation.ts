import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { routeIdField } from './routeId';

export const description: INodeProperties[] = [routeIdField('get', 'The route to get (private routes need the read_all permission)')];

/** GET /routes/{id}. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const routeId = getId(this, 'routeId', itemIndex, 'route', 'Route');
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: `/routes/${routeId}`,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
		subject: idSubject('route', routeId),
	});
	return [{ json: response.body as IDataObject }];
}
