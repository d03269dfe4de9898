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
		{ name: 'Get', value: 'get', action: 'Get the connected athlete', description: "Returns the connected athlete's profile: ID, name, city, weight, FTP (with Simplify off also the bikes and shoes with their gear IDs). Costs 1 read request; needs no ID." },
		{ name: 'Get Stats', value: 'getStats', action: 'Get athlete stats', description: "Returns the athlete's ride, run and swim totals: recent (last 4 weeks), year to date and all time; public activities only. Costs 1 read request, plus 1 when Athlete is empty (the connected athlete's ID is looked up once per run)." },
		{ name: 'Get Zones', value: 'getZones', action: 'Get athlete zones', description: "Returns the connected athlete's heart rate and power zones (needs the profile:read_all scope). Costs 1 read request; needs no ID." },
		{
			name: 'Revoke Access',
			value: 'revokeAccess',
			action: 'Revoke the app access of the connected athlete',
			description:
				'Disconnects the connected athlete from your Strava app, irreversible: the token stops working for every workflow using this credential until it is reconnected. Costs 1 request; needs no ID.',
		},
		{ name: 'Update', value: 'update', action: 'Update the athlete weight', description: "Changes the connected athlete's weight on Strava and returns the updated profile. Costs 1 write request (profile:write scope); needs no ID." },
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
