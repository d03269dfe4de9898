import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as post from './post.operation';
import * as put from './put.operation';
import { commonFields } from './shared';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['request'] } },
	default: 'get',
	options: [
		{ name: 'DELETE', value: 'delete', action: 'Send a DELETE request', description: 'Send a signed DELETE to any Strava API path' },
		{ name: 'GET', value: 'get', action: 'Send a GET request', description: 'Send a signed GET to any Strava API path' },
		{ name: 'POST', value: 'post', action: 'Send a POST request', description: 'Send a signed POST to any Strava API path' },
		{ name: 'PUT', value: 'put', action: 'Send a PUT request', description: 'Send a signed PUT to any Strava API path' },
	],
};

export const request: ResourceModule = {
	description: [operationField, ...commonFields, ...get.description, ...post.description, ...put.description, ...del.description],
	operations: { get, post, put, delete: del },
};
