import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';

export const description: INodeProperties[] = [];

/** GET /athlete: the connected athlete (detailed with profile:read_all, summary otherwise). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: '/athlete',
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
	});
	return [{ json: response.body as IDataObject }];
}
