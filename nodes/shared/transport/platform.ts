/**
 * Strava's platform as of late 2026 (changelog entry of 2026-06-01): the endpoints Strava retired or
 * restricted, with dates and what to tell the user, and the application-level refusals (an inactive app).
 * The retired operations (actions/shared/retired.ts) read it to fail before any request; the error mapper reads it to put
 * the same words on Strava's answers wherever they come from (an operation, a raw request, a trigger).
 */

export interface PlatformChange {
	/** What Strava calls the endpoint. */
	name: string;
	kind: 'retired' | 'restricted';
	/** The day Strava's change took effect (UTC). */
	date: string;
	/** Path under the API base, e.g. `/clubs/123/members`. */
	path: RegExp;
	/** The node operations that call it (`resource:operation`). */
	operations: string[];
	/** The HTTP status Strava answers with since the change. */
	status: number;
	message: string;
	description: string;
}

const CLUB_RETIREMENT =
	'Strava removed Club Activities, Club Members and Club Admins from its API on 2026-09-01 (announced in its changelog of 2026-06-01). No app can read them any more, and reconnecting or refreshing the credential cannot bring them back. Club → Get (the club with its member_count) and Club → Get Many still work: switch this node to one of them or remove it.';

/** A club endpoint Strava retired on 2026-09-01, behind the node operation `club:<operation>`. */
function clubRetirement(name: string, endpoint: string, operation: string, status: number): PlatformChange {
	return {
		name,
		kind: 'retired',
		date: '2026-09-01',
		path: new RegExp(`^/clubs/[^/]+/${endpoint}/?$`),
		operations: [`club:${operation}`],
		status,
		message: `Strava retired the ${name} endpoint on 2026-09-01`,
		description: CLUB_RETIREMENT,
	};
}

export const PLATFORM_CHANGES: PlatformChange[] = [
	clubRetirement('Club Members', 'members', 'getMembers', 401),
	clubRetirement('Club Admins', 'admins', 'getAdmins', 401),
	clubRetirement('Club Activities', 'activities', 'getActivities', 404),
	{
		name: 'Segments Explore',
		kind: 'restricted',
		date: '2026-09-01',
		path: /^\/segments\/explore\/?$/,
		operations: ['segment:explore'],
		status: 403,
		message: 'Strava limits Segment Explore to Extended Access apps since 2026-09-01',
		description:
			'Strava refused to explore segments for this app. Since 2026-09-01 only apps that Strava approved for Extended Access may call Segments Explore; apps on the Standard Tier are refused. Apply for Extended Access in Strava\'s developer program (strava.com/settings/api), or use Segment → Get and Get Starred for segments you know. Reconnecting the credential will not help.',
	},
];

/** The retired endpoint behind a node operation, if Strava retired it (restricted ones are still tried). */
export function retiredOperation(resource: string, operation: string): PlatformChange | undefined {
	const key = `${resource}:${operation}`;
	return PLATFORM_CHANGES.find((change) => change.kind === 'retired' && change.operations.includes(key));
}

/** The change that explains Strava's answer `status` for `path`, if any. */
export function platformChangeFor(path: string | undefined, status: number | undefined): PlatformChange | undefined {
	if (!path || status === undefined) return undefined;
	const bare = path.split('?')[0];
	return PLATFORM_CHANGES.find((change) => change.status === status && change.path.test(bare));
}

/** Endpoints whose 401 is the application's, never the token's: n8n must not spend a refresh on them. */
export function refreshCannotHelp(path: string): boolean {
	const change = platformChangeFor(path, 401);
	return change !== undefined;
}

export const INACTIVE_APP = {
	message: 'Your Strava API application is inactive: its owner needs a Strava subscription',
	description:
		'Strava answered 403 "Application Status Inactive". Since 2026-06-30 an app on Strava\'s Standard Tier (every app by default, up to 10 athletes) works only while the Strava account that owns it holds a Strava subscription. The app\'s owner must subscribe on Strava, then reactivate the app at https://www.strava.com/settings/api. Reconnecting or refreshing this credential will not help; nothing in n8n needs to change once the app is active again.',
};

export const APPLICATION_REFUSED = {
	message: 'Strava refused this Strava API application',
	description:
		'This is not an expired token or a missing permission: Strava rejects the app itself for this call, so reconnecting the credential will not help. Check the app at https://www.strava.com/settings/api (its status and tier), and Strava\'s changelog for endpoints it retired or restricted.',
};

export function retiredDescription(change: PlatformChange): string {
	return `${change.description} (This node made no request to Strava.)`;
}
