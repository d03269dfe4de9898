import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as create from './create.operation';
import * as exportGpx from './exportGpx.operation';
import * as exportTcx from './exportTcx.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getComments from './getComments.operation';
import * as getKudoers from './getKudoers.operation';
import * as getLaps from './getLaps.operation';
import * as getStreams from './getStreams.operation';
import * as getZones from './getZones.operation';
import * as update from './update.operation';
import { activityIdField } from './shared';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['activity'] } },
	default: 'getAll',
	options: [
		{ name: 'Create', value: 'create', action: 'Create a manual activity', description: 'Create a manual activity (no GPS file)' },
		{
			name: 'Export GPX',
			value: 'exportGpx',
			action: 'Export an activity as GPX',
			description: 'Build a GPX file (GPS track with heart rate, cadence, temperature) from the recorded streams of an activity',
		},
		{
			name: 'Export TCX',
			value: 'exportTcx',
			action: 'Export an activity as TCX',
			description: 'Build a TCX file (with power; indoor activities too) from the recorded streams of an activity',
		},
		{ name: 'Get', value: 'get', action: 'Get an activity', description: 'Get an activity in detail' },
		{ name: 'Get Comments', value: 'getComments', action: 'Get comments on an activity', description: 'Get the comments on an activity' },
		{ name: 'Get Kudoers', value: 'getKudoers', action: 'Get kudoers of an activity', description: 'Get the athletes who gave kudos to an activity' },
		{ name: 'Get Laps', value: 'getLaps', action: 'Get laps of an activity', description: 'Get the laps of an activity' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many activities', description: "Get the connected athlete's activities" },
		{ name: 'Get Streams', value: 'getStreams', action: 'Get streams of an activity', description: 'Get the recorded data streams (GPS, heart rate, power, …) of an activity' },
		{ name: 'Get Zones', value: 'getZones', action: 'Get zones of an activity', description: 'Get the heart rate and power zone distribution of an activity' },
		{ name: 'Update', value: 'update', action: 'Update an activity', description: 'Update an activity' },
	],
};

export const activity: ResourceModule = {
	description: [
		operationField,
		activityIdField,
		...create.description,
		...get.description,
		...getAll.description,
		...update.description,
		...getComments.description,
		...getKudoers.description,
		...getLaps.description,
		...getZones.description,
		...getStreams.description,
		...exportGpx.description,
		...exportTcx.description,
	],
	operations: { create, get, getAll, update, getComments, getKudoers, getLaps, getZones, getStreams, exportGpx, exportTcx },
};
