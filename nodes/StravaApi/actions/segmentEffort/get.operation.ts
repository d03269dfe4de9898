import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { segmentEffortIdField } from './segmentEffortId';

export const description: INodeProperties[] = [segmentEffortIdField('get', 'The segment effort to get (one of your own)')];

/** GET /segment_efforts/{id}: an effort from one of the connected athlete's activities. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const segmentEffortId = getId(this, 'segmentEffortId', itemIndex, 'segmentEffort', 'Segment Effort');
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: `/segment_efforts/${segmentEffortId}`,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
		subject: idSubject('segmentEffort', segmentEffortId),
	});
	return [{ json: response.body as IDataObject }];
}
