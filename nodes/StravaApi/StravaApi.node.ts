import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resources } from './actions/resources';
import { router } from './actions/router';
import { rateLimitOptions } from './actions/shared/options';
import { listSearch } from './methods';

export class StravaApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Strava API',
		name: 'stravaApi',
		icon: { light: 'file:strava.svg', dark: 'file:strava.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with the whole Strava API v3: activities, athletes, clubs, gear, routes, segments and uploads',
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
			...resources.flatMap((entry) => entry.module.description),
			rateLimitOptions,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
