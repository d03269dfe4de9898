import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, idSubject } from '../shared/resourceLocator';
import { executeStreams, streamFields } from '../shared/streams';
import { segmentEffortIdField } from './segmentEffortId';

export const description: INodeProperties[] = [
	segmentEffortIdField('getStreams', 'The segment effort whose streams to get (needs the read_all permission)'),
	...streamFields('segmentEffort', 'getStreams', { keys: true }),
];

/** GET /segment_efforts/{id}/streams?keys=…&key_by_type=true. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const segmentEffortId = getId(this, 'segmentEffortId', itemIndex, 'segmentEffort', 'Segment Effort');
	return await executeStreams(this, itemIndex, `/segment_efforts/${segmentEffortId}/streams`, { keys: true, subject: idSubject('segmentEffort', segmentEffortId) });
}
