import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginatedItems, returnAllFields } from '../shared/options';

export const description: INodeProperties[] = [...returnAllFields('segment', 'getStarred', 'segments')];

/** GET /segments/starred: the connected athlete's starred segments, one item per segment. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await paginatedItems(this, itemIndex, '/segments/starred');
}
