import { activity } from './activity';
import { request } from './request';
import type { ResourceModule } from './types';
import { upload } from './upload';

/** Every resource of the node, in the order the resource picker shows them. */
export const resources: Array<{ name: string; value: string; module: ResourceModule }> = [
	{ name: 'Activity', value: 'activity', module: activity },
	{ name: 'Upload', value: 'upload', module: upload },
	{ name: 'Raw API Request', value: 'request', module: request },
];
