import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as get from './get.operation';
import * as getStats from './getStats.operation';
import * as getZones from './getZones.operation';
import * as revokeAccess from './revokeAccess.operation';
import * as update from './update.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['athlete'] } },
	default: 'get',
	options: [
		{ name: 'Get', value: 'get', action: 'Get the connected athlete', description: 'Get the profile of the connected athlete' },
		{ name: 'Get Stats', value: 'getStats', action: 'Get athlete stats', description: 'Get recent, year-to-date and all-time totals' },
		{ name: 'Get Zones', value: 'getZones', action: 'Get athlete zones', description: 'Get the heart rate and power zones of the connected athlete' },
		{
			name: 'Revoke Access',
			value: 'revokeAccess',
			action: 'Revoke the app access of the connected athlete',
			description: 'Disconnect the connected athlete from your Strava app (the credential must be reconnected afterwards)',
		},
		{ name: 'Update', value: 'update', action: 'Update the athlete weight', description: 'Update the weight of the connected athlete' },
	],
};

export const athlete: ResourceModule = {
	description: [
		operationField,
		...get.description,
		...update.description,
		...getStats.description,
		...getZones.description,
		...revokeAccess.description,
	],
	operations: { get, update, getStats, getZones, revokeAccess },
};
