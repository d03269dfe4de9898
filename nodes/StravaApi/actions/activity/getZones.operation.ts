import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getList } from './shared';

export const description: INodeProperties[] = [];

/** GET /activities/{id}/zones: one item per zone distribution (heart rate, power). Needs a Strava subscription. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await getList(this, itemIndex, 'zones');
}
