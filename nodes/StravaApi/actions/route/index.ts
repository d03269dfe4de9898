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
		{ name: 'Export GPX', value: 'exportGpx', action: 'Export a route as GPX', description: 'Returns a route as a GPX file (binary data, not JSON). Costs 1 read request; needs a route ID.' },
		{ name: 'Export TCX', value: 'exportTcx', action: 'Export a route as TCX', description: 'Returns a route as a TCX file (binary data, not JSON). Costs 1 read request; needs a route ID.' },
		{ name: 'Get', value: 'get', action: 'Get a route', description: 'Returns a route (name, distance, elevation gain, estimated moving time, map) by its route ID or URL. Costs 1 read request.' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many routes', description: "Returns the connected athlete's routes (or those of the athlete ID given), with their route IDs. Costs 1 read request per 200 routes (1 more when the list ends before Limit), plus 1 when Athlete is empty." },
		{ name: 'Get Streams', value: 'getStreams', action: 'Get route streams', description: "Returns a route's distance, position and altitude streams: every point, so the answer can be large. Costs 1 read request; needs a route ID." },
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
