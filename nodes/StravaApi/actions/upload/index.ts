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
			description: 'Upload a FIT, TCX or GPX file (binary data) to create an activity',
		},
		{ name: 'Get', value: 'get', action: 'Get an upload', description: "Get an upload's processing status" },
	],
};

export const upload: ResourceModule = {
	description: [operationField, ...create.description, ...get.description],
	operations: { create, get },
};
