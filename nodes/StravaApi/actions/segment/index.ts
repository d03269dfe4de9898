import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as explore from './explore.operation';
import * as get from './get.operation';
import * as getStarred from './getStarred.operation';
import * as getStreams from './getStreams.operation';
import * as star from './star.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['segment'] } },
	default: 'get',
	options: [
		{
			name: 'Explore (Extended Access Apps Only)',
			value: 'explore',
			action: 'Explore segments in an area',
			description: 'Find the top 10 segments within a map area. Since 2026-09-01 Strava allows this only to apps approved for Extended Access.',
		},
		{ name: 'Get', value: 'get', action: 'Get a segment', description: 'Get a segment by ID or URL' },
		{
			name: 'Get Starred',
			value: 'getStarred',
			action: 'Get starred segments',
			description: 'Get the segments the connected athlete starred',
		},
		{ name: 'Get Streams', value: 'getStreams', action: 'Get segment streams', description: 'Get the distance, position and altitude streams of a segment' },
		{ name: 'Star', value: 'star', action: 'Star or unstar a segment', description: 'Star or unstar a segment for the connected athlete' },
	],
};

export const segment: ResourceModule = {
	description: [
		operationField,
		...get.description,
		...getStarred.description,
		...star.description,
		...explore.description,
		...getStreams.description,
	],
	operations: { get, getStarred, star, explore, getStreams },
};
