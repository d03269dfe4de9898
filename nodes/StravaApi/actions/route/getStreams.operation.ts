import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, idSubject } from '../shared/resourceLocator';
import { executeStreams, streamFields } from '../shared/streams';
import { routeIdField } from './routeId';

export const description: INodeProperties[] = [
	routeIdField('getStreams', 'The route whose streams (distance, position, altitude) to get'),
	...streamFields('route', 'getStreams', { keys: false }),
];

/** GET /routes/{id}/streams: Strava answers every stream the route has (no `keys`). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const routeId = getId(this, 'routeId', itemIndex, 'route', 'Route');
	return await executeStreams(this, itemIndex, `/routes/${routeId}/streams`, { keys: false, subject: idSubject('route', routeId) });
}
