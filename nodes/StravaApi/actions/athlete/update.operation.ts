import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';

const show = { resource: ['athlete'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Weight (Kg)',
		name: 'weight',
		type: 'number',
		required: true,
		// No pre-filled 0: Strava requires the weight, and 0 (or nothing) is never sent.
		default: null,
		placeholder: 'e.g. 68.5',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description: "The athlete's weight in kilograms (Strava requires it: the only field this update sets)",
		hint: 'Enter the weight in kg. Needs the profile:write permission on the credential.',
		displayOptions: { show },
	},
];

/** PUT /athlete with the new weight (profile:write). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const raw = this.getNodeParameter('weight', itemIndex, null) as unknown;
	const weight = raw === null || raw === undefined || (typeof raw === 'string' && !raw.trim()) ? NaN : Number(raw);
	if (!Number.isFinite(weight) || weight <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			Number.isNaN(weight) && (raw === null || raw === undefined || raw === '')
				? 'The field "Weight (Kg)" is empty'
				: `The field "Weight (Kg)" must be a positive number of kilograms`,
			{ itemIndex, description: 'Enter the weight in kilograms, e.g. 68.5. Nothing was sent to Strava.' },
		);
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
