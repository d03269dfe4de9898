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
		{
			name: 'Create',
			value: 'create',
			action: 'Create a manual activity',
			description:
				"Changes data on Strava: creates a manual activity (no GPS track) on the connected athlete's profile and returns it with its new activity ID. Costs 1 write request, 2 when a gear is set.",
		},
		{
			name: 'Export GPX',
			value: 'exportGpx',
			action: 'Export an activity as GPX',
			description:
				'Returns a GPX file (binary data, not JSON: GPS track with heart rate, cadence, temperature) built from the recorded streams of an activity. Costs 1 read request when the input item is that activity, else 2; needs an activity ID; manual activities have none.',
		},
		{
			name: 'Export TCX',
			value: 'exportTcx',
			action: 'Export an activity as TCX',
			description:
				'Returns a TCX file (binary data, not JSON: with power; indoor activities too) built from the recorded streams of an activity. Costs 1 read request when the input item is that activity, else 2; needs an activity ID; manual activities have none.',
		},
		{ name: 'Get', value: 'get', action: 'Get an activity', description: 'Returns one activity in detail (with calories, gear, description, laps and segment efforts in the raw answer) by its activity ID or URL. Costs 1 read request.' },
		{ name: 'Get Comments', value: 'getComments', action: 'Get comments on an activity', description: 'Returns the comments on an activity (author, text, date). Costs 1 read request per 200 comments (1 more when the list ends before Limit); needs an activity ID.' },
		{ name: 'Get Kudoers', value: 'getKudoers', action: 'Get kudoers of an activity', description: 'Returns the athletes who gave kudos to an activity (names only). Costs 1 read request per 200 athletes (1 more when the list ends before Limit); needs an activity ID.' },
		{ name: 'Get Laps', value: 'getLaps', action: 'Get laps of an activity', description: 'Returns the laps of an activity: distance, time, pace or speed, elevation, heart rate per lap. Costs 1 read request; needs an activity ID.' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many activities', description: "Returns the connected athlete's activities with their activity IDs, newest first (oldest first when only After is set) (filters by date, sport, commute, trainer, distance, moving time). Costs 1 read request per 200 activities (1 more when the list ends before Limit); Include Details adds 1 per activity." },
		{ name: 'Get Streams', value: 'getStreams', action: 'Get streams of an activity', description: 'Returns the recorded data streams (GPS, heart rate, power, …) of an activity: every point, up to tens of thousands per stream, so the answer can be very large. Costs 1 read request; needs an activity ID.' },
		{ name: 'Get Zones', value: 'getZones', action: 'Get zones of an activity', description: 'Returns the time spent in each heart rate and power zone during an activity. Costs 1 read request; needs an activity ID.' },
		{ name: 'Update', value: 'update', action: 'Update an activity', description: 'Changes an activity on Strava (name, sport, description, gear, commute, trainer, visibility) and returns it. Costs 1 write request; needs an activity ID.' },
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
