import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../shared/options';
import { getPaginatedList } from './shared';

export const description: INodeProperties[] = returnAllFields('activity', 'getComments', 'comments');

/** GET /activities/{id}/comments, paged by Strava's cursor (`page_size` + `after_cursor`). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await getPaginatedList(this, itemIndex, 'comments', { field: 'cursor' });
}
