import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { toLocalIso } from '../shared/dates';
import { gearField, optionalGearId, sportType, sportTypeOptions } from './shared';

const show = { resource: ['activity'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Evening ride',
		description: 'The name of the activity',
		displayOptions: { show },
	},
	{
		displayName: 'Sport Type',
		name: 'sportType',
		type: 'options',
		required: true,
		default: 'Ride',
		options: sportTypeOptions,
		description:
			'Sport type of the activity. Strava adds new types from time to time: give any other value with an expression.',
		displayOptions: { show },
	},
	{
		displayName: 'Start Time (Local)',
		name: 'startDateLocal',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the activity started, in the local time where it took place',
		displayOptions: { show },
	},
	{
		displayName: 'Elapsed Time (Seconds)',
		name: 'elapsedTime',
		type: 'number',
		required: true,
		default: 3600,
		typeOptions: { minValue: 1 },
		description: 'How long the activity lasted, in seconds',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Commute',
				name: 'commute',
				type: 'boolean',
				default: false,
				description: 'Whether to mark the activity as a commute',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Description of the activity',
			},
			{
				displayName: 'Distance (Meters)',
				name: 'distance',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 1 },
				default: 0,
				description: 'Distance covered, in meters',
			},
			gearField(
				'The bike or shoes used: pick from your gear, or give a gear ID such as b12345678. Strava\'s create does not take gear, so the node sets it with a second request (PUT /activities/{id}) right after.',
			),
			{
				displayName: 'Trainer',
				name: 'trainer',
				type: 'boolean',
				default: false,
				description: 'Whether the activity was done on a trainer (indoors)',
			},
		],
	},
];

/**
 * POST /activities: a manual activity, sent as form fields (booleans as 0/1, as Strava wants). With a
 * gear, a PUT /activities/{id} follows (Strava's create takes none): 2 requests instead of 1.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as {
		commute?: boolean;
		description?: string;
		distance?: number;
		gearId?: unknown;
		trainer?: boolean;
	};
	// Checked before anything is created: a bad gear ID must not leave a half-done activity behind.
	const gear = optionalGearId(this, extra.gearId, itemIndex);
	const form: IDataObject = {
		name: this.getNodeParameter('name', itemIndex) as string,
		sport_type: sportType(this, this.getNodeParameter('sportType', itemIndex), itemIndex),
		start_date_local: toLocalIso(this, this.getNodeParameter('startDateLocal', itemIndex), 'Start Time (Local)', itemIndex),
		elapsed_time: this.getNodeParameter('elapsedTime', itemIndex) as number,
	};
	if (extra.description) form.description = extra.description;
	if (extra.distance !== undefined) form.distance = extra.distance;
	if (extra.trainer !== undefined) form.trainer = extra.trainer ? 1 : 0;
	if (extra.commute !== undefined) form.commute = extra.commute ? 1 : 0;

	const rateLimit = getRateLimitPolicy(this, itemIndex);
	const response = await stravaApiRequest.call(this, {
		method: 'POST',
		path: '/activities',
		form,
		rateLimit,
		itemIndex,
		expect: 'object',
	});
	const created = response.body as IDataObject;
	if (!gear || gear === 'none') return [{ json: created }];
	try {
		const updated = await stravaApiRequest.call(this, {
			method: 'PUT',
			path: `/activities/${String(created.id)}`,
			body: { gear_id: gear },
			rateLimit,
			itemIndex,
			expect: 'object',
		});
		return [{ json: updated.body as IDataObject }];
	} catch (error) {
		// The activity exists now: say so, so that nobody creates it twice by running the node again.
		const message = `Activity ${String(created.id)} was created, but setting its gear to ${gear} failed`;
		const description = `${(error as Error).message}. Set the gear with Activity → Update on activity ${String(created.id)}; running Create again would add a second activity.`;
		if (error instanceof NodeApiError) {
			// n8n hands a NodeApiError back as it is when wrapped again: the message goes onto it.
			error.message = message;
			error.description = description;
			throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
		}
		throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
	}
}
