/**
 * Where Strava lives: the OAuth host and the API base URL, in one place that the credential, the raw
 * request's URL guard and the transport all read.
 *
 * OAuth (`/oauth/authorize`, `/oauth/token`, `/oauth/revoke`) stays on the credential's `server`
 * (`https://www.strava.com`). The API moves: until 2027-06-01 it is `{server}/api/v3`; Strava's new API
 * host (no `/api/v3` prefix) is available from 2027-01-04 and required from 2027-06-01. The credential's
 * "API Host" picks it: `auto` (the default) uses `{server}/api/v3` before the move date and the new host
 * from that date, falling back to the other spelling Strava published and then to the old base when the
 * new host does not answer at all (no connection, unknown name, bad certificate).
 */

export const DEFAULT_SERVER = 'https://www.strava.com';

/** Strava's new API host as its changelog writes it (no `/api/v3` prefix). */
export const DEFAULT_NEW_API_BASE = 'https://api-v3.strava.com';

/** From this moment Strava requires the new API host (`/api/v3` on www.strava.com stops working). */
export const DEFAULT_API_MOVE_DATE = '2027-06-01T00:00:00Z';

/** The old API path on the OAuth host. */
export const LEGACY_API_PATH = '/api/v3';

export type ApiHostChoice = 'auto' | 'current' | 'new';

/** The credential fields that decide the API base (all optional: older credentials lack them). */
export interface HostSettings {
	server?: unknown;
	apiHost?: unknown;
	newApiBase?: unknown;
	apiMoveDate?: unknown;
}

export interface ApiBases {
	/** The bases to try, best first; the transport moves on only when one does not answer at all. */
	candidates: string[];
	/** Every base this credential knows (a full URL in a raw request is accepted under any of them). */
	known: string[];
}

function trimmed(value: unknown): string {
	return typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
}

/** The OAuth host, from the credential's hidden `server` (no trailing slash). */
export function serverOrigin(server: unknown): string {
	return trimmed(server) || DEFAULT_SERVER;
}

/** `{server}/api/v3`: the API base Strava serves until 2027-06-01. */
export function legacyApiBase(server: unknown): string {
	return `${serverOrigin(server)}${LEGACY_API_PATH}`;
}

/** The other spelling of the new host Strava published (with `www.`), tried after it. */
const DEFAULT_NEW_API_BASE_WWW = 'https://www.api-v3.strava.com';

function moveTime(value: unknown): number {
	const parsed = Date.parse(trimmed(value) || DEFAULT_API_MOVE_DATE);
	return Number.isFinite(parsed) ? parsed : Date.parse(DEFAULT_API_MOVE_DATE);
}

function choiceOf(value: unknown): ApiHostChoice {
	return value === 'current' || value === 'new' ? value : 'auto';
}

/**
 * The API bases for a credential at a given moment. With a custom `server` (a proxy or a local sandbox)
 * and the default new host, "auto" stays on `{server}/api/v3`: the token is never sent to Strava's
 * public host for a credential that was pointed elsewhere.
 */
export function apiBases(settings: HostSettings, now = Date.now()): ApiBases {
	const legacy = legacyApiBase(settings.server);
	const configuredNew = trimmed(settings.newApiBase) || DEFAULT_NEW_API_BASE;
	const newBases = [configuredNew];
	if (configuredNew === DEFAULT_NEW_API_BASE) newBases.push(DEFAULT_NEW_API_BASE_WWW);
	const known = [...new Set([legacy, ...newBases])];

	const choice = choiceOf(settings.apiHost);
	if (choice === 'current') return { candidates: [legacy], known };
	if (choice === 'new') return { candidates: newBases, known };
	const customServer = serverOrigin(settings.server) !== DEFAULT_SERVER;
	if (now < moveTime(settings.apiMoveDate) || (customServer && configuredNew === DEFAULT_NEW_API_BASE)) {
		return { candidates: [legacy], known };
	}
	return { candidates: [...newBases, legacy], known };
}

/**
 * Which candidate last answered, per list of candidates, so that a dead host costs one failed connection
 * per hour and process rather than one per request.
 */
const preferred = new Map<string, { index: number; until: number }>();
const PREFERENCE_MS = 60 * 60 * 1000;

export function preferredBaseIndex(bases: ApiBases, now = Date.now()): number {
	const entry = preferred.get(bases.candidates.join(' '));
	return entry && entry.until > now && entry.index < bases.candidates.length ? entry.index : 0;
}

export function rememberBase(bases: ApiBases, index: number, now = Date.now()) {
	const key = bases.candidates.join(' ');
	if (index === 0) preferred.delete(key);
	else preferred.set(key, { index, until: now + PREFERENCE_MS });
}

/** Network failures that mean "this host did not answer at all", where trying the next base is safe. */
const HOST_FAILURE = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

export function isHostFailure(code: string | undefined): boolean {
	return code !== undefined && HOST_FAILURE.test(code);
}
