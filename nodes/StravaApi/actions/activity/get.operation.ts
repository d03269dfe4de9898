import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { idSubject } from '../shared/resourceLocator';
import { activityId } from './shared';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['activity'], operation: ['get'] } },
		options: [
			{
				displayName: 'Include All Efforts',
				name: 'includeAllEfforts',
				type: 'boolean',
				default: false,
				description: 'Whether to include every segment effort, not only the notable ones',
			},
		],
	},
];

/** GET /activities/{id}: the detailed activity. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = activityId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeAllEfforts?: boolean };
	const qs: IDataObject = {};
	if (options.includeAllEfforts !== undefined) qs.include_all_efforts = options.includeAllEfforts;
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: `/activities/${id}`,
		qs,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
		subject: idSubject('activity', id),
	});
	return [{ json: response.body as IDataObject }];
}
