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
		{ name: 'Get', value: 'get', action: 'Get a club', description: 'Returns a club (name, sport, city, member count) by its club ID or URL. Costs 1 read request.' },
		{
			name: 'Get Activities (Retired by Strava)',
			value: 'getActivities',
			action: 'Get club activities discontinued',
			description: 'Retired by Strava on 2026-09-01: fails with an explanation and costs no request (nothing is sent to Strava)',
		},
		{
			name: 'Get Admins (Retired by Strava)',
			value: 'getAdmins',
			action: 'Get club administrators discontinued',
			description: 'Retired by Strava on 2026-09-01: fails with an explanation and costs no request (nothing is sent to Strava)',
		},
		{ name: 'Get Many', value: 'getAll', action: 'Get many clubs', description: 'Returns the clubs the connected athlete belongs to, with their club IDs. Costs 1 read request per 200 clubs (1 more when the list ends before Limit); needs no ID.' },
		{
			name: 'Get Members (Retired by Strava)',
			value: 'getMembers',
			action: 'Get club members discontinued',
			description: 'Retired by Strava on 2026-09-01: fails with an explanation and costs no request (nothing is sent to Strava)',
		},
	],
};

const retiredNotice: INodeProperties = {
	displayName:
		'Strava removed Club Activities, Club Members and Club Admins from its API on 2026-09-01. This operation is kept so saved workflows still open; it fails with that explanation and sends no request. Use Get (the club, with its member count) or Get Many instead.',
	name: 'retiredNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { resource: ['club'], operation: ['getMembers', 'getAdmins', 'getActivities'] } },
};

export const club: ResourceModule = {
	description: [
		operationField,
		retiredNotice,
		...get.description,
		...getAll.description,
		...getMembers.description,
		...getAdmins.description,
		...getActivities.description,
	],
	operations: { get, getAll, getMembers, getAdmins, getActivities },
};
