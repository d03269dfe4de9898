import { request } from './request';
import type { ResourceModule } from './types';

/** Every resource of the node, in the order the resource picker shows them. */
export const resources: Array<{ name: string; value: string; module: ResourceModule }> = [
	{ name: 'Raw API Request', value: 'request', module: request },
];
