import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as get from './get.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['gear'] } },
	default: 'get',
	options: [{ name: 'Get', value: 'get', action: 'Get a piece of gear', description: "Returns a bike or pair of shoes (name, brand, model, distance) by its gear ID (b… for bikes, g… for shoes, an activity's gear_id). Costs 1 read request." }],
};

export const gear: ResourceModule = {
	description: [operationField, ...get.description],
	operations: { get },
};
