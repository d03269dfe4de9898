import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Strava OAuth2 (authorization-code grant).
 *
 * Every URL derives from the hidden `server` property, so a single value points the credential, its
 * refreshes and every API call at another Strava host (a local sandbox in tests).
 * Strava wants `client_id`/`client_secret` in the token request body and a comma-separated scope.
 */
export class StravaV3OAuth2Api implements ICredentialType {
	name = 'stravaV3OAuth2Api';

	extends = ['oAuth2Api'];

	// Fixed by the design (saved credentials show it); n8n's naming rule would append "API".
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api, n8n-nodes-base/cred-class-field-display-name-missing-oauth2
	displayName = 'Strava API V3 OAuth2';

	icon: Icon = { light: 'file:strava.svg', dark: 'file:strava.dark.svg' };

	documentationUrl = 'https://developers.strava.com/docs/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Server',
			name: 'server',
			type: 'hidden',
			default: 'https://www.strava.com',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["server"]}}/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["server"]}}/oauth/token',
			required: true,
		},
		{
			displayName: 'Permissions (Scopes)',
			name: 'scopes',
			type: 'multiOptions',
			default: ['read', 'activity:read_all', 'profile:read_all'],
			required: true,
			description:
				'What this connection may do. Strava shows these boxes to the athlete, who can untick some: a call that needs a missing one fails with a message naming it, and you then reconnect with it ticked.',
			options: [
				{
					name: 'Read Public Data (Read)',
					value: 'read',
					description: 'Public segments, routes, profile data, posts, events, club feeds and leaderboards',
				},
				{
					name: 'Read Private Data (Read_all)',
					value: 'read_all',
					description: 'Private routes, private segments and private events',
				},
				{
					name: 'Read Full Profile (Profile:read_all)',
					value: 'profile:read_all',
					description: 'All profile information, including zones and gear, even if set to "Only You"',
				},
				{
					name: 'Update Profile (Profile:write)',
					value: 'profile:write',
					description: "Update the athlete's weight and FTP, star or unstar segments",
				},
				{
					name: 'Read Activities (Activity:read)',
					value: 'activity:read',
					description: 'Activities visible to Everyone and Followers (privacy zones applied)',
				},
				{
					name: 'Read All Activities (Activity:read_all)',
					value: 'activity:read_all',
					description: 'All activities, including "Only You" ones and privacy-zone data',
				},
				{
					name: 'Write Activities (Activity:write)',
					value: 'activity:write',
					description: 'Create manual activities and uploads, edit activities',
				},
			],
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// Strava separates scopes with commas (not spaces as most OAuth2 providers do).
			default: '={{ [].concat($self["scopes"] || []).join(",") }}',
		},
		{
			displayName: 'Approval Prompt',
			name: 'approvalPrompt',
			type: 'options',
			default: 'auto',
			description: 'Whether Strava shows its authorization page again when the athlete already approved this app',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description: 'Skip the page when the athlete already granted these permissions',
				},
				{
					name: 'Force',
					value: 'force',
					description: 'Always show the page, e.g. to grant permissions that were unticked before',
				},
			],
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '={{"approval_prompt=" + ($self["approvalPrompt"] || "auto")}}',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			// Strava reads client_id and client_secret from the token request body.
			default: 'body',
		},
		{
			displayName:
				'Create an application at strava.com/settings/api ("My API Application"). Copy its Client ID and Client Secret below, and set its "Authorization Callback Domain" to the host of the OAuth Redirect URL shown above (for https://n8n.example.com/rest/oauth2-credential/callback enter n8n.example.com; for a local n8n enter localhost).',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.server}}/api/v3',
			url: '/athlete',
		},
	};
}
