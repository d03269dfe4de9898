import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getStreams from './getStreams.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['segmentEffort'] } },
	default: 'get',
	options: [
		{ name: 'Get', value: 'get', action: 'Get a segment effort', description: 'Get one of your segment efforts by ID or URL' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many segment efforts', description: "Get the connected athlete's efforts on a segment" },
		{
			name: 'Get Streams',
			value: 'getStreams',
			action: 'Get segment effort streams',
			description: 'Get time, distance, position, heart rate and other streams of an effort',
		},
	],
};

export const segmentEffort: ResourceModule = {
	description: [operationField, ...get.description, ...getAll.description, ...getStreams.description],
	operations: { get, getAll, getStreams },
};
