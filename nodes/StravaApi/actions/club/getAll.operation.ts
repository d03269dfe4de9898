import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginatedItems, returnAllFields } from '../shared/options';

export const description: INodeProperties[] = [...returnAllFields('club', 'getAll', 'clubs')];

/** GET /athlete/clubs: the clubs the connected athlete belongs to, one item per club. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await paginatedItems(this, itemIndex, '/athlete/clubs');
}
