import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as get from './get.operation';
import * as getActivities from './getActivities.operation';
import * as getAdmins from './getAdmins.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['club'] } },
	default: 'get',
	options: [
		{ name: 'Get', value: 'get', action: 'Get a club', description: 'Get a club by ID or URL' },
		{
			name: 'Get Activities',
			value: 'getActivities',
			action: 'Get club activities',
			description: 'Get recent activities of club members (the connected athlete must be a member)',
		},
		{ name: 'Get Admins', value: 'getAdmins', action: 'Get club administrators', description: 'Get the administrators of a club' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many clubs', description: 'Get the clubs the connected athlete belongs to' },
		{ name: 'Get Members', value: 'getMembers', action: 'Get club members', description: 'Get the members of a club' },
	],
};

export const club: ResourceModule = {
	description: [
		operationField,
		...get.description,
		...getAll.description,
		...getMembers.description,
		...getAdmins.description,
		...getActivities.description,
	],
	operations: { get, getAll, getMembers, getAdmins, getActivities },
};
