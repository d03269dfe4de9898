import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stravaApiPaginate } from '../../../shared/transport';
import { segmentIdField } from '../segment/segmentId';
import { getLimit, getRateLimitPolicy, returnAllFields } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { localDateTime } from '../shared/dates';

const show = { resource: ['segmentEffort'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	segmentIdField('segmentEffort', 'getAll', 'The segment whose efforts (by the connected athlete) to list'),
	...returnAllFields('segmentEffort', 'getAll', 'efforts'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Start Date (Local)',
				name: 'startDateLocal',
				type: 'dateTime',
				default: '',
				description: 'Only efforts that started at or after this local date and time',
			},
			{
				displayName: 'End Date (Local)',
				name: 'endDateLocal',
				type: 'dateTime',
				default: '',
				description: 'Only efforts that started at or before this local date and time',
			},
		],
	},
];

/** Drops efforts already seen, so a page Strava repeats can never duplicate items or loop. */
function firstSeen(list: IDataObject[]): IDataObject[] {
	const seen = new Set<string>();
	return list.filter((effort) => {
		const key = effort.id === undefined ? undefined : String(effort.id);
		if (key === undefined) return true;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** GET /segment_efforts?segment_id=…: the connected athlete's efforts on a segment, one item per effort. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const segmentId = getId(this, 'segmentId', itemIndex, 'segment', 'Segment');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const start = localDateTime(this, itemIndex, filters.startDateLocal, 'Start Date (Local)');
	const end = localDateTime(this, itemIndex, filters.endDateLocal, 'End Date (Local)');
	if (start && end && start > end) {
		throw new NodeOperationError(this.getNode(), 'The filter "Start Date (Local)" is after "End Date (Local)"', {
			itemIndex,
			description: `Pick a start (${start}) that is before the end (${end}).`,
		});
	}
	const qs: IDataObject = { segment_id: segmentId };
	if (start) qs.start_date_local = start;
	if (end) qs.end_date_local = end;

	const seenIds = new Set<string>();
	const list = await stravaApiPaginate.call(
		this,
		{
			path: '/segment_efforts',
			qs,
			limit: getLimit(this, itemIndex),
			rateLimit: getRateLimitPolicy(this, itemIndex),
			itemIndex,
			subject: idSubject('segment', segmentId),
		},
		(page) => {
			// A page with nothing new means the server ignored `page`: stop rather than loop.
			const fresh = page.filter((effort) => effort.id === undefined || !seenIds.has(String(effort.id)));
			for (const effort of page) if (effort.id !== undefined) seenIds.add(String(effort.id));
			return fresh.length > 0;
		},
	);
	return firstSeen(list).map((json) => ({ json }));
}
