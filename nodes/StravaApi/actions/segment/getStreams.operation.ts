import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, idSubject } from '../shared/resourceLocator';
import { executeStreams, streamFields } from '../shared/streams';
import { segmentIdField } from './segmentId';

export const description: INodeProperties[] = [
	segmentIdField('segment', 'getStreams', 'The segment whose streams to get'),
	...streamFields('segment', 'getStreams', { keys: true, available: ['distance', 'latlng', 'altitude'] }),
];

/** GET /segments/{id}/streams?keys=…&key_by_type=true (segments have distance, latlng and altitude). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const segmentId = getId(this, 'segmentId', itemIndex, 'segment', 'Segment');
	return await executeStreams(this, itemIndex, `/segments/${segmentId}/streams`, { keys: true, subject: idSubject('segment', segmentId) });
}
