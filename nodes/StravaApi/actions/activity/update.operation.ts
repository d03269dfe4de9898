import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stravaApiRequest } from '../../transport';
import { getRateLimitPolicy } from '../shared/options';
import { idSubject } from '../shared/resourceLocator';
import { activityId, sportType, sportTypeOptions } from './shared';

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
			{
				displayName: 'Gear ID',
				name: 'gearId',
				type: 'string',
				default: '',
				placeholder: 'b12345678',
				description: 'The bike or shoes used, such as b12345678 or g12345678. "none" removes the gear.',
			},
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
				default: 'Ride',
				options: sportTypeOptions,
				description: 'Strava adds new types from time to time: give any other value with an expression',
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
	gearId?: string;
	hideFromHome?: boolean;
	name?: string;
	removeGear?: boolean;
	sportType?: string;
	trainer?: boolean;
}

function gearValue(ctx: IExecuteFunctions, fields: UpdateFields, itemIndex: number): string | undefined {
	const gearId = (fields.gearId ?? '').trim();
	if (fields.removeGear) {
		if (gearId && gearId.toLowerCase() !== 'none') {
			throw new NodeOperationError(ctx.getNode(), 'Both "Gear ID" and "Remove Gear" are set', {
				itemIndex,
				description: 'Keep "Gear ID" to set the gear, or "Remove Gear" to clear it, not both.',
			});
		}
		return 'none';
	}
	if (!gearId) return undefined;
	if (gearId.toLowerCase() === 'none') return 'none';
	if (!/^[a-z]\d+$/i.test(gearId)) {
		throw new NodeOperationError(ctx.getNode(), `"${gearId}" is not a valid gear ID (field "Gear ID")`, {
			itemIndex,
			description: 'Enter a gear ID such as b12345678 (bike) or g12345678 (shoes), or "none" to remove the gear.',
		});
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
	if (fields.sportType !== undefined) body.sport_type = sportType(this, fields.sportType, itemIndex);
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
