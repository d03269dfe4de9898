import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { executeStreams, streamFields } from '../shared/streams';
import { idSubject } from '../shared/resourceLocator';
import { activityId } from './shared';

export const description: INodeProperties[] = streamFields('activity', 'getStreams', { keys: true });

/** GET /activities/{id}/streams?keys=…&key_by_type=true. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = activityId(this, itemIndex);
	return await executeStreams(this, itemIndex, `/activities/${id}/streams`, { keys: true, subject: idSubject('activity', id) });
}
