import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { idSubject } from '../shared/resourceLocator';
import { activityId, gearField, optionalGearId, sportType, sportTypeOptions } from './shared';

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['activity'], operation: ['update'] } },
		options: [
			{
				displayName: 'Commute',
				name: 'commute',
				type: 'boolean',
				default: false,
				description: 'Whether the activity is a commute',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'The description of the activity',
			},
			gearField('The bike or shoes used: pick from your gear, or give a gear ID such as b12345678 (bike) or g12345678 (shoes). "none" removes the gear.'),
			{
				displayName: 'Hide From Home Feed',
				name: 'hideFromHome',
				type: 'boolean',
				default: false,
				description: 'Whether the activity is muted (hidden from followers\' home feeds)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The name of the activity',
			},
			{
				displayName: 'Remove Gear',
				name: 'removeGear',
				type: 'boolean',
				default: true,
				description: 'Whether to remove the gear from the activity (sends gear_id "none")',
			},
			{
				displayName: 'Sport Type',
				name: 'sportType',
				type: 'options',
				// No pre-filled sport: adding the field must not change the activity's sport by itself.
				default: '',
				placeholder: 'Choose a sport type',
				options: sportTypeOptions,
				description:
					'The new sport type. Left empty, the sport is not changed. Strava adds new types from time to time: give any other value with an expression.',
			},
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

interface UpdateFields {
	commute?: boolean;
	description?: string;
	gearId?: unknown;
	hideFromHome?: boolean;
	name?: string;
	removeGear?: boolean;
	sportType?: string;
	trainer?: boolean;
}

function gearValue(ctx: IExecuteFunctions, fields: UpdateFields, itemIndex: number): string | undefined {
	const gearId = optionalGearId(ctx, fields.gearId, itemIndex);
	if (fields.removeGear) {
		if (gearId && gearId !== 'none') {
			throw new NodeOperationError(ctx.getNode(), 'Both "Gear" and "Remove Gear" are set', {
				itemIndex,
				description: 'Keep "Gear" to set the gear, or "Remove Gear" to clear it, not both.',
			});
		}
		return 'none';
	}
	return gearId;
}

/** PUT /activities/{id}: a JSON body with real booleans; gear_id "none" clears the gear. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = activityId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFields;
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = fields.name;
	if (fields.description !== undefined) body.description = fields.description;
	// An empty Sport Type (the field's default) leaves the sport as it is.
	if (fields.sportType !== undefined && String(fields.sportType).trim() !== '') {
		body.sport_type = sportType(this, fields.sportType, itemIndex);
	}
	if (fields.commute !== undefined) body.commute = Boolean(fields.commute);
	if (fields.trainer !== undefined) body.trainer = Boolean(fields.trainer);
	if (fields.hideFromHome !== undefined) body.hide_from_home = Boolean(fields.hideFromHome);
	const gear = gearValue(this, fields, itemIndex);
	if (gear !== undefined) body.gear_id = gear;
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under "Update Fields", such as Name or Commute.',
		});
	}
	const response = await stravaApiRequest.call(this, {
		method: 'PUT',
		path: `/activities/${id}`,
		body,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'object',
		subject: idSubject('activity', id),
	});
	return [{ json: response.body as IDataObject }];
}
