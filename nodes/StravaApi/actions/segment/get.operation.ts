import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { segmentIdField } from './segmentId';

export const description: INodeProperties[] = [
	segmentIdField('segment', 'get', 'The segment to get (private segments need the read_all permission)'),
];

/** GET /segments/{id}. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const segmentId = getId(this, 'segmentId', itemIndex, 'segment', 'Segment');
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: `/segments/${segmentId}`,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
		subject: idSubject('segment', segmentId),
	});
	return [{ json: response.body as IDataObject }];
}
