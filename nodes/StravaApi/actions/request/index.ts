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
		{ name: 'DELETE', value: 'delete', action: 'Send a DELETE request', description: "Changes data on Strava: sends a signed DELETE to any Strava API path (it can remove what the path names) and returns Strava's answer. Costs 1 request." },
		{ name: 'GET', value: 'get', action: 'Send a GET request', description: "Returns Strava's answer to a signed GET of any Strava API path; reads only. Costs 1 read request, or 1 per 200 results with Return All." },
		{ name: 'POST', value: 'post', action: 'Send a POST request', description: "Changes data on Strava: sends a signed POST to any Strava API path and returns Strava's answer. Costs 1 request." },
		{ name: 'PUT', value: 'put', action: 'Send a PUT request', description: "Changes data on Strava: sends a signed PUT to any Strava API path and returns Strava's answer. Costs 1 request." },
	],
};

export const request: ResourceModule = {
	description: [operationField, ...commonFields, ...get.description, ...post.description, ...put.description, ...del.description],
	operations: { get, post, put, delete: del },
};
