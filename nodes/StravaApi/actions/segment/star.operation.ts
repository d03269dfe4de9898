import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { segmentIdField } from './segmentId';

export const description: INodeProperties[] = [
	segmentIdField('segment', 'star', 'The segment to star or unstar'),
	{
		displayName: 'Starred',
		name: 'starred',
		type: 'boolean',
		default: true,
		description: 'Whether to star the segment (turn off to unstar it)',
		hint: 'Needs the profile:write permission on the credential',
		displayOptions: { show: { resource: ['segment'], operation: ['star'] } },
	},
];

/** PUT /segments/{id}/starred with `starred` true or false (profile:write); answers the segment. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const segmentId = getId(this, 'segmentId', itemIndex, 'segment', 'Segment');
	const starred = this.getNodeParameter('starred', itemIndex, true) as unknown;
	const response = await stravaApiRequest.call(this, {
		method: 'PUT',
		path: `/segments/${segmentId}/starred`,
		body: { starred: starred === true || starred === 'true' },
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
		subject: idSubject('segment', segmentId),
	});
	return [{ json: response.body as IDataObject }];
}
