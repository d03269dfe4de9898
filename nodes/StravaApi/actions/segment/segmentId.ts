import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../shared/resourceLocator';

/** The `segmentId` locator, with the connected athlete's starred segments under "From list". */
export const segmentIdField = (resource: string, operation: string, description: string): INodeProperties =>
	idLocator('segment', 'segmentId', 'Segment', { resource: [resource], operation: [operation] }, {
		searchListMethod: 'searchStarredSegments',
		description,
	});
