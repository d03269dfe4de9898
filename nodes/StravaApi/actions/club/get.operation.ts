import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { clubIdField } from './clubId';

export const description: INodeProperties[] = [clubIdField('get')];

/** GET /clubs/{id}. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const clubId = getId(this, 'clubId', itemIndex, 'club', 'Club');
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: `/clubs/${clubId}`,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
		subject: idSubject('club', clubId),
	});
	return [{ json: response.body as IDataObject }];
}
