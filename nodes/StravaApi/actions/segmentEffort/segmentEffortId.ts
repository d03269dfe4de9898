import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../shared/resourceLocator';

/** The `segmentEffortId` locator (By URL or By ID: Strava has no list of one's efforts to pick from). */
export const segmentEffortIdField = (operation: string, description: string): INodeProperties =>
	idLocator('segmentEffort', 'segmentEffortId', 'Segment Effort', { resource: ['segmentEffort'], operation: [operation] }, { description });
