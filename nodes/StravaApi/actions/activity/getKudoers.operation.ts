import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../shared/options';
import { getPaginatedList } from './shared';

export const description: INodeProperties[] = returnAllFields('activity', 'getKudoers', 'athletes');

/** GET /activities/{id}/kudos: the athletes who gave kudos, one item each. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await getPaginatedList(this, itemIndex, 'kudos');
}
