import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as create from './create.operation';
import * as get from './get.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['upload'] } },
	default: 'create',
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Upload an activity file',
			description:
				'Changes data on Strava: uploads a FIT, TCX or GPX file (binary data) and creates an activity from it; returns the upload with the new activity ID. Costs 1 upload request plus, while waiting for processing, 1 read request a second.',
		},
		{ name: 'Get', value: 'get', action: 'Get an upload', description: "Returns an upload's processing status and, once processed, its activity ID (or Strava's error, such as a duplicate). Costs 1 read request; needs an upload ID." },
	],
};

export const upload: ResourceModule = {
	description: [operationField, ...create.description, ...get.description],
	operations: { create, get },
};
