import type { INodeProperties } from 'n8n-workflow';

import { executeRequest } from './shared';

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { resource: ['request'], operation: ['get'] } },
	},
];

export const execute = executeRequest('GET');
