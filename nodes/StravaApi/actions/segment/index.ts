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
			description:
				'Returns the top 10 segments within a map area (south-west and north-east corners), with their segment IDs. Costs 1 read request. Since 2026-09-01 Strava allows this only to apps approved for Extended Access.',
		},
		{ name: 'Get', value: 'get', action: 'Get a segment', description: "Returns a segment (name, distance, average grade, elevation, the connected athlete's best effort) by its segment ID or URL. Costs 1 read request." },
		{
			name: 'Get Starred',
			value: 'getStarred',
			action: 'Get starred segments',
			description: 'Returns the segments the connected athlete starred, with their segment IDs. Costs 1 read request per 200 segments (1 more when the list ends before Limit); needs no ID.',
		},
		{ name: 'Get Streams', value: 'getStreams', action: 'Get segment streams', description: "Returns a segment's distance, position and altitude streams: every point, so the answer can be large. Costs 1 read request; needs a segment ID." },
		{ name: 'Star', value: 'star', action: 'Star or unstar a segment', description: "Changes a segment's starred state on Strava (stars or unstars it for the connected athlete) and returns the segment. Costs 1 write request (profile:write scope); needs a segment ID." },
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
