import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getList } from './shared';

export const description: INodeProperties[] = [];

/** GET /activities/{id}/laps: one item per lap. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await getList(this, itemIndex, 'laps');
}
