import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Strava sends events to this node\'s Production URL, which must be reachable from the internet over https (set n8n\'s WEBHOOK_URL). Strava allows <b>one push subscription per API application</b>: activating this workflow takes that slot for the credential\'s application. Listening for a test event in the editor subscribes the Test URL instead, until the event has arrived; it needs the slot too, so unpublish the workflow first. No public URL? Use the "Strava API New Activity Trigger" instead.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Objects',
		name: 'objectTypes',
		type: 'multiOptions',
		required: true,
		default: ['activity'],
		description: 'Which kind of Strava object the events must be about',
		options: [
			{ name: 'Activity', value: 'activity', description: 'Activities of athletes who authorized the application' },
			{ name: 'Athlete', value: 'athlete', description: 'Athlete updates other than deauthorizations' },
		],
	},
	{
		displayName: 'Aspects',
		name: 'aspectTypes',
		type: 'multiOptions',
		required: true,
		default: ['create', 'update', 'delete'],
		description:
			'Which changes start the workflow. Strava sends activity updates only for title, type, privacy and a few other changes.',
		options: [
			{ name: 'Create', value: 'create' },
			{ name: 'Delete', value: 'delete' },
			{ name: 'Update', value: 'update' },
		],
	},
	{
		displayName: 'Include Deauthorizations',
		name: 'includeDeauthorizations',
		type: 'boolean',
		default: true,
		description:
			'Whether to start the workflow when an athlete revokes the application\'s access (an athlete update with "authorized": "false"), whatever the Objects and Aspects above say',
	},
	{
		displayName: 'Only Events of the Connected Athlete',
		name: 'onlyConnectedAthlete',
		type: 'boolean',
		default: true,
		description:
			'Whether to drop events of other athletes who authorized the same application. The connected athlete is looked up once, when the workflow is activated.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Full Activity',
				name: 'includeActivity',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the activity (GET /activities/{ID}) for create and update events and add it as "activity". Strava still gets its acknowledgement at once; the fetch costs one read request per event.',
			},
			{
				displayName: 'Replace Existing Subscription',
				name: 'replaceExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether to delete a push subscription that another receiver holds for this application when the workflow activates (for example one left at n8n\'s old address); a warning names the URL replaced. Off: activation fails and names that subscription\'s callback URL. Turn it on in one workflow per application only: with two, the one activated last holds the slot.',
			},
		],
	},
];

export interface TriggerOptions {
	includeActivity?: boolean;
	replaceExisting?: boolean;
}
