import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaRevokeConnection } from '../../../shared/transport';

export const description: INodeProperties[] = [
	{
		displayName:
			'Disconnects the connected athlete from your Strava app (Strava\'s POST /oauth/revoke). Afterwards every call with this credential fails until it is reconnected; a Strava API Trigger of the app receives an athlete deauthorization event.',
		name: 'revokeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['athlete'], operation: ['revokeAccess'] } },
	},
];

/** POST {server}/oauth/revoke with the app's client id and secret: ends this credential's connection. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { tokenTypeHint } = await stravaRevokeConnection.call(this, itemIndex);
	return [
		{
			json: {
				revoked: true,
				revokedToken: tokenTypeHint,
				message: 'Strava ended this connection. Reconnect the Strava credential before using it again.',
			},
		},
	];
}
