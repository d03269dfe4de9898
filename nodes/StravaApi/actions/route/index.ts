import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as exportGpx from './exportGpx.operation';
import * as exportTcx from './exportTcx.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getStreams from './getStreams.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['route'] } },
	default: 'get',
	options: [
		{ name: 'Export GPX', value: 'exportGpx', action: 'Export a route as GPX', description: 'Download a route as a GPX file' },
		{ name: 'Export TCX', value: 'exportTcx', action: 'Export a route as TCX', description: 'Download a route as a TCX file' },
		{ name: 'Get', value: 'get', action: 'Get a route', description: 'Get a route by ID or URL' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many routes', description: 'Get the routes of the connected athlete (or of the athlete ID given)' },
		{ name: 'Get Streams', value: 'getStreams', action: 'Get route streams', description: 'Get the distance, position and altitude streams of a route' },
	],
};

export const route: ResourceModule = {
	description: [
		operationField,
		...get.description,
		...getAll.description,
		...exportGpx.description,
		...exportTcx.description,
		...getStreams.description,
	],
	operations: { get, getAll, exportGpx, exportTcx, getStreams },
};
