import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';

export const description: INodeProperties[] = [];

/** GET /athlete/zones: heart rate and power zones (profile:read_all). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: '/athlete/zones',
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		// The Zones object; the spec's example for this path is a list (an activity's zones), so both pass.
		expect: { oneOf: ['record', 'array'] },
	});
	const body = response.body as IDataObject | IDataObject[];
	return Array.isArray(body) ? body.map((json) => ({ json })) : [{ json: body }];
}
