import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { paginatedItems, returnAllFields } from '../shared/options';
import { toEpochSeconds } from '../shared/dates';

const show = { resource: ['activity'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllFields('activity', 'getAll', 'activities'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'After',
				name: 'after',
				type: 'dateTime',
				default: '',
				description: 'Only activities that started after this time',
			},
			{
				displayName: 'Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: 'Only activities that started before this time',
			},
		],
	},
];

/** GET /athlete/activities: the connected athlete's activities, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { after?: unknown; before?: unknown };
	const after = toEpochSeconds(this, filters.after, 'After', itemIndex);
	const before = toEpochSeconds(this, filters.before, 'Before', itemIndex);
	if (after !== undefined && before !== undefined && after >= before) {
		throw new NodeOperationError(this.getNode(), 'The filter "After" must be earlier than "Before"', {
			itemIndex,
			description: 'No activity can start after the "After" time and before the "Before" time: swap or fix them.',
		});
	}
	const qs: IDataObject = {};
	if (after !== undefined) qs.after = after;
	if (before !== undefined) qs.before = before;
	return await paginatedItems(this, itemIndex, '/athlete/activities', { qs });
}
