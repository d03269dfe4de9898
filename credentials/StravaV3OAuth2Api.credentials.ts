import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

const READ_SYNC = 'read,activity:read_all,profile:read_all';
const READ_WRITE = 'read,read_all,activity:read_all,activity:write,profile:read_all,profile:write';

/**
 * The preset or the custom list, deduplicated and never empty. A credential saved by version 0.1 chose
 * from a list (`scopes`): with the default preset, what it chose is asked for as it was; with another
 * preset or a custom list, both are asked for.
 */
const SCOPE_EXPRESSION =
	'={{ (function () {' +
	' const clean = function (list) { return list.map(function (s) { return String(s).trim(); }).filter(function (s) { return s.length > 0; }); };' +
	' const before = clean([].concat($self["scopes"] || []));' +
	' const preset = $self["scopePreset"] || "' + READ_SYNC + '";' +
	' const chosen = preset === "custom" ? String($self["customScopes"] || "") : preset === "' + READ_SYNC + '" && before.length ? "" : preset;' +
	' const all = clean(chosen.split(",")).concat(before);' +
	' const unique = all.filter(function (s, i) { return all.indexOf(s) === i; });' +
	' return unique.length ? unique.join(",") : "' + READ_SYNC + '";' +
	' })() }}';

/**
 * The API base the credential test calls, as ../nodes/shared/transport/hosts.ts decides it (without
 * the fallback): "current", or "auto" before the move date or with a custom server → {server}/api/v3.
 */
const TEST_BASE_EXPRESSION =
	'={{ (function () {' +
	' const server = String($credentials.server || "https://www.strava.com").replace(/\\/+$/, "");' +
	' const host = $credentials.apiHost || "auto";' +
	' const next = String($credentials.newApiBase || "https://api-v3.strava.com").replace(/\\/+$/, "");' +
	' const moved = Date.now() >= Date.parse($credentials.apiMoveDate || "2027-06-01T00:00:00Z");' +
	' const custom = server !== "https://www.strava.com" && next === "https://api-v3.strava.com";' +
	' return host === "new" || (host === "auto" && moved && !custom) ? next : server + "/api/v3";' +
	' })() }}';

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

	// n8n names new credentials after this without "API"/"OAuth2": "Strava (Community) account", unlike
	// the built-in node's "Strava OAuth2 API".
	displayName = 'Strava (Community) OAuth2 API';

	icon: Icon = { light: 'file:strava.svg', dark: 'file:strava.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-strava-api/n8n-nodes-strava-api/blob/main/README.md#connect-your-strava-account';

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
			name: 'scopePreset',
			type: 'options',
			default: READ_SYNC,
			description:
				"What this connection may do, as Strava's scope strings. Strava shows them to the athlete, who can untick some: a call that needs a missing one fails with a message naming it; reconnect with Approval Prompt set to Force and keep it ticked.",
			options: [
				{
					name: 'Read-Only Sync: read, activity:read_all, profile:read_all',
					value: READ_SYNC,
					description: 'Everything a sync needs: all activities (private ones too), the profile, zones, gear and stats',
				},
				{
					name: 'Read and Write: read, read_all, activity:read_all, activity:write, profile:read_all, profile:write',
					value: READ_WRITE,
					description: 'Also create, edit and upload activities, update the weight, star segments, and read private routes and segments',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Type the scopes yourself',
				},
			],
		},
		{
			displayName: 'Custom Scopes',
			name: 'customScopes',
			type: 'string',
			default: READ_SYNC,
			required: true,
			displayOptions: { show: { scopePreset: ['custom'] } },
			placeholder: 'read,activity:read_all,profile:read_all',
			description:
				"Strava's scope strings, separated by commas. read: public segments, routes, profile data, posts, events, club feeds and leaderboards. read_all: private routes, segments and events. profile:read_all: the full profile, zones and gear, even when set to Only You. profile:write: update the weight, star segments. activity:read: activities visible to Everyone and Followers. activity:read_all: all activities, including Only You and privacy-zone data. activity:write: create, edit and upload activities. Left empty, the read-only sync scopes are asked for.",
		},
		{
			// Credentials saved by version 0.1 chose scopes from a list; what they chose is still asked for.
			displayName: 'Scopes Chosen Before',
			name: 'scopes',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// Strava separates scopes with commas (not spaces as most OAuth2 providers do). An empty choice
			// never reaches Strava as "scope=": it falls back to the read-only sync scopes.
			default: SCOPE_EXPRESSION,
		},
		{
			displayName: 'API Host',
			name: 'apiHost',
			type: 'options',
			default: 'auto',
			description:
				'Where API calls go. Strava moves its API to a new host, required from 2027-06-01; sign-in (OAuth) stays on www.strava.com.',
			options: [
				{
					name: 'Automatic (Follows Strava\'s Move on 2027-06-01)',
					value: 'auto',
					description:
						'www.strava.com/api/v3 until 2027-06-01, then Strava\'s new API host (falling back to the other address when it does not answer)',
				},
				{
					name: 'Www.strava.com/api/v3 (Until 2027-06-01)',
					value: 'current',
					description: "Strava's API address before the move",
				},
				{
					name: 'Api-v3.strava.com (New API Host)',
					value: 'new',
					description: "Strava's new API host, available from 2027-01-04",
				},
			],
		},
		{
			displayName: 'New API Base URL',
			name: 'newApiBase',
			type: 'hidden',
			default: 'https://api-v3.strava.com',
		},
		{
			displayName: 'API Move Date',
			name: 'apiMoveDate',
			type: 'hidden',
			default: '2027-06-01T00:00:00Z',
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
				'Create an application at strava.com/settings/api ("My API Application"). Copy its Client ID and Client Secret into this form, and set its "Authorization Callback Domain" to the host of the OAuth Redirect URL that n8n shows in this form (for https://n8n.example.com/rest/oauth2-credential/callback enter n8n.example.com; for a local n8n enter localhost). Since 2026-06-30 the app works only while its owner holds a Strava subscription.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_EXPRESSION,
			url: '/athlete',
		},
	};
}
