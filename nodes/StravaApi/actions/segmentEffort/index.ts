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
		{ name: 'Get', value: 'get', action: 'Get a segment effort', description: "Returns one of the connected athlete's segment efforts (elapsed time, segment, activity, PR rank) by its effort ID or URL. Costs 1 read request." },
		{ name: 'Get Many', value: 'getAll', action: 'Get many segment efforts', description: "Returns the connected athlete's efforts on one segment (needs the segment ID), optionally between dates. Costs 1 read request per 200 efforts (1 more when the list ends before Limit)." },
		{
			name: 'Get Streams',
			value: 'getStreams',
			action: 'Get segment effort streams',
			description:
				"Returns a segment effort's time, distance, position, heart rate and other streams: every point, so the answer can be large. Costs 1 read request; needs a segment effort ID.",
		},
	],
};

export const segmentEffort: ResourceModule = {
	description: [operationField, ...get.description, ...getAll.description, ...getStreams.description],
	operations: { get, getAll, getStreams },
};
