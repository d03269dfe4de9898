import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stravaApiRequest } from '../../transport';
import { getRateLimitPolicy } from '../shared/options';

const show = { resource: ['athlete'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Weight (Kg)',
		name: 'weight',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description: "The athlete's weight in kilograms",
		hint: 'Needs the profile:write permission on the credential',
		displayOptions: { show },
	},
];

/** PUT /athlete with the new weight (profile:write). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const weight = Number(this.getNodeParameter('weight', itemIndex));
	if (!Number.isFinite(weight) || weight <= 0) {
		throw new NodeOperationError(this.getNode(), `The field "Weight (Kg)" must be a positive number of kilograms`, {
			itemIndex,
			description: 'Enter the weight in kilograms, e.g. 68.5.',
		});
	}
	const response = await stravaApiRequest.call(this, {
		method: 'PUT',
		path: '/athlete',
		body: { weight },
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
	});
	return [{ json: response.body as IDataObject }];
}
