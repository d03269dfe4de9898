import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { parseBounds } from './bounds';

const show = { resource: ['segment'], operation: ['explore'] };

const climbCategory = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: 5 },
	description,
});

export const description: INodeProperties[] = [
	{
		displayName:
			'Since 2026-09-01 Strava answers Segments Explore only for apps it approved for Extended Access; for other apps the call fails with an explanation.',
		name: 'exploreNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Bounds',
		name: 'bounds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '37.821362,-122.505373,37.842038,-122.465977',
		description:
			'The area to search: south-west corner latitude, south-west corner longitude, north-east corner latitude, north-east corner longitude',
		displayOptions: { show },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Activity Type',
				name: 'activityType',
				type: 'options',
				default: 'riding',
				options: [
					{ name: 'Riding', value: 'riding' },
					{ name: 'Running', value: 'running' },
				],
				description: 'Only segments for this kind of activity',
			},
			climbCategory('Max Climb Category', 'maxCat', 'Highest climb category to include (0 = not categorised … 5 = hors catégorie)'),
			climbCategory('Min Climb Category', 'minCat', 'Lowest climb category to include (0 = not categorised … 5 = hors catégorie)'),
		],
	},
];

function climbCategoryValue(ctx: IExecuteFunctions, itemIndex: number, value: unknown, field: string) {
	if (value === undefined || value === '') return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0 || number > 5) {
		throw new NodeOperationError(ctx.getNode(), `The filter "${field}" must be a whole number from 0 to 5`, {
			itemIndex,
			description: 'Climb categories go from 0 (not categorised) to 5 (hors catégorie).',
		});
	}
	return number;
}

/** GET /segments/explore: the top 10 segments in the area, one item per segment. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bounds = parseBounds(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const minCat = climbCategoryValue(this, itemIndex, filters.minCat, 'Min Climb Category');
	const maxCat = climbCategoryValue(this, itemIndex, filters.maxCat, 'Max Climb Category');
	if (minCat !== undefined && maxCat !== undefined && minCat > maxCat) {
		throw new NodeOperationError(this.getNode(), 'The filter "Min Climb Category" is higher than "Max Climb Category"', {
			itemIndex,
			description: `Set the minimum (${minCat}) to at most the maximum (${maxCat}).`,
		});
	}
	const qs: IDataObject = { bounds };
	if (filters.activityType) qs.activity_type = filters.activityType;
	if (minCat !== undefined) qs.min_cat = minCat;
	if (maxCat !== undefined) qs.max_cat = maxCat;
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: '/segments/explore',
		qs,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: { listIn: 'segments' },
	});
	return (response.body as { segments: IDataObject[] }).segments.map((json) => ({ json }));
}
