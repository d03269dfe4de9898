import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idLocator, idSubject } from '../shared/resourceLocator';

export const description: INodeProperties[] = [
	idLocator('upload', 'uploadId', 'Upload', { resource: ['upload'], operation: ['get'] }, {
		description: 'The upload ID that Upload → Create returned (its "id")',
	}),
];

/** GET /uploads/{id}: the upload's status, and its activity_id once processed. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = getId(this, 'uploadId', itemIndex, 'upload', 'Upload');
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: `/uploads/${id}`,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'upload',
		subject: idSubject('upload', id),
	});
	return [{ json: response.body as IDataObject }];
}
