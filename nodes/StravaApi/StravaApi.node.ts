import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resources } from './actions/resources';
import { router } from './actions/router';
import { rateLimitOptions } from './actions/shared/options';
import { aiToolPolicyNotice } from './actions/shared/policyNotice';
import { listSearch } from './methods';
import { simplifyDescription } from './simplify';

export class StravaApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Strava API',
		name: 'stravaApi',
		icon: { light: 'file:strava.svg', dark: 'file:strava.dark.svg' },
		group: ['transform'],
		// Version 2 adds Simplify (on by default); version 1 workflows keep Strava's raw answers.
		version: [1, 2],
		defaultVersion: 2,
		// "Activity: Get Many" rather than raw values; a test keeps it equal to subtitleExpression() (the pickers).
		subtitle:
			'={{ ({"activity:create":"Activity: Create","activity:exportGpx":"Activity: Export GPX","activity:exportTcx":"Activity: Export TCX","activity:get":"Activity: Get","activity:getComments":"Activity: Get Comments","activity:getKudoers":"Activity: Get Kudoers","activity:getLaps":"Activity: Get Laps","activity:getAll":"Activity: Get Many","activity:getStreams":"Activity: Get Streams","activity:getZones":"Activity: Get Zones","activity:update":"Activity: Update","athlete:get":"Athlete: Get","athlete:getStats":"Athlete: Get Stats","athlete:getZones":"Athlete: Get Zones","athlete:revokeAccess":"Athlete: Revoke Access","athlete:update":"Athlete: Update","club:get":"Club: Get","club:getActivities":"Club: Get Activities","club:getAdmins":"Club: Get Admins","club:getAll":"Club: Get Many","club:getMembers":"Club: Get Members","gear:get":"Gear: Get","route:exportGpx":"Route: Export GPX","route:exportTcx":"Route: Export TCX","route:get":"Route: Get","route:getAll":"Route: Get Many","route:getStreams":"Route: Get Streams","segment:explore":"Segment: Explore","segment:get":"Segment: Get","segment:getStarred":"Segment: Get Starred","segment:getStreams":"Segment: Get Streams","segment:star":"Segment: Star","segmentEffort:get":"Segment Effort: Get","segmentEffort:getAll":"Segment Effort: Get Many","segmentEffort:getStreams":"Segment Effort: Get Streams","upload:create":"Upload: Create","upload:get":"Upload: Get","request:delete":"Raw API Request: DELETE","request:get":"Raw API Request: GET","request:post":"Raw API Request: POST","request:put":"Raw API Request: PUT"})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["resource"] + ": " + $parameter["operation"] }}',
		description:
			'Community node for the whole Strava API v3 (more than n8n\'s built-in Strava node): activities, athletes, stats, clubs, gear, routes with GPX/TCX, segments, streams, uploads and raw requests, within Strava\'s rate limits',
		defaults: { name: 'Strava API' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stravaV3OAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'activity',
				options: resources.map(({ name, value }) => ({ name, value })),
			},
			aiToolPolicyNotice,
			...resources.flatMap((entry) => entry.module.description),
			...simplifyDescription,
			rateLimitOptions,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
