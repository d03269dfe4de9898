import { LEGACY_API_PATH, legacyApiBase } from './hosts';

export { serverOrigin } from './hosts';

/** `{server}/api/v3`, the API base before Strava's move (see ./hosts for the base actually used). */
export function apiBaseUrl(server: unknown): string {
	return legacyApiBase(server);
}

/** Why a user-given path was refused (internal; turned into a NodeOperationError by the caller). */
class UnsafePathError extends Error {}

const MAX_DECODE_ROUNDS = 4;

function decodeOnce(value: string): string | undefined {
	try {
		return decodeURIComponent(value);
	} catch {
		return undefined;
	}
}

/** The value with every level of %-encoding removed; more than MAX_DECODE_ROUNDS levels are refused. */
function fullyDecoded(value: string): string {
	let current = value;
	// One round more than the levels allowed: the last one only confirms that nothing is left to decode.
	for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
		const next = decodeOnce(current);
		if (next === undefined) throw new UnsafePathError('it contains a malformed %-escape');
		if (next === current) return current;
		current = next;
	}
	throw new UnsafePathError(`it is %-encoded more than ${MAX_DECODE_ROUNDS} times over`);
}

function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

/** A full URL's scheme and authority as typed (up to the first `/`, `\\`, `?` or `#` after the slashes). */
const SCHEME_AND_AUTHORITY = /^[a-z][a-z0-9+.-]*:[/\\]*[^/\\?#]*/i;

/** The part of a full URL after the API base it is under, or undefined when it is under none of them. */
function underKnownBase(url: URL, value: string, bases: string[]): string | undefined {
	// What follows the host as typed: the parsed URL lower-cases the host and drops a default port, so the
	// raw text is cut where the authority ends rather than searched for the parsed host.
	const rest = value.slice(SCHEME_AND_AUTHORITY.exec(value)![0].length);
	for (const base of bases) {
		const baseUrl = new URL(base);
		if (url.origin !== baseUrl.origin || url.username || url.password) continue;
		const prefix = baseUrl.pathname.replace(/\/+$/, '');
		if (rest === prefix || rest.startsWith(`${prefix}/`) || rest.startsWith(`${prefix}?`)) return rest.slice(prefix.length);
	}
	return undefined;
}

/**
 * Turns what a user typed as "path" into a path relative to the API base (with its query string), or
 * throws UnsafePathError. Accepted: `/athlete/activities`, `athlete/activities`, `/api/v3/athlete` (the
 * old prefix, so saved paths survive Strava's host move), or a full URL under one of the credential's API
 * bases (`{server}/api/v3` or Strava's new host). Anything that could make the signed request leave
 * Strava's API (another host, `//host`, `..` segments, backslashes, encoded variants of those) is
 * refused: the credential's token must never be sent anywhere else.
 */
function apiPathOrThrow(input: string, bases: string[]): string {
	let value = (input ?? '').trim();
	let fromFullUrl = false;
	if (!value) throw new UnsafePathError('it is empty');
	// Control characters and whitespace can split or smuggle a request line.
	if (/[\u0000-\u001f\u007f\s]/.test(value)) throw new UnsafePathError('it contains spaces or control characters');

	if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
		const url = parseUrl(value);
		if (!url) throw new UnsafePathError('it is not a valid URL');
		const rest = underKnownBase(url, value, bases);
		if (rest === undefined) throw new UnsafePathError(`it is not under the Strava API address (${bases.join(' or ')})`);
		value = rest;
		fromFullUrl = true;
	}
	if (value.startsWith('//') || value.startsWith('\\')) throw new UnsafePathError('it names another host');
	if (!value.startsWith('/')) value = `/${value}`;

	const queryStart = value.search(/[?#]/);
	const pathPart = queryStart === -1 ? value : value.slice(0, queryStart);
	const decoded = fullyDecoded(pathPart);
	if (decoded.includes('\\')) throw new UnsafePathError('it contains a backslash');
	if (/[\u0000-\u001f\u007f]/.test(decoded)) throw new UnsafePathError('it contains control characters');
	if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
		throw new UnsafePathError('it contains "." or ".." segments');
	}
	if (decoded.includes('//')) throw new UnsafePathError('it contains an empty segment ("//")');
	if (value.includes('#')) throw new UnsafePathError('it contains a "#" fragment');

	let relative = value;
	if (fromFullUrl && /^\/api(?:[/?]|$)/.test(relative)) {
		throw new UnsafePathError('it is outside the Strava API (the new API host has no /api/v3 prefix)');
	}
	if (relative === LEGACY_API_PATH || relative.startsWith(`${LEGACY_API_PATH}/`) || relative.startsWith(`${LEGACY_API_PATH}?`)) {
		relative = relative.slice(LEGACY_API_PATH.length);
	} else if (/^\/api\//.test(relative)) {
		throw new UnsafePathError('it is outside /api/v3');
	}
	if (!relative.startsWith('/')) relative = `/${relative}`;
	return relative;
}

export type ApiPathCheck = { ok: true; path: string } | { ok: false; reason: string };

/** Checks a user-given path against the credential's known API bases; see apiPathOrThrow for what is accepted. Never throws. */
export function resolveApiPath(input: string, bases: string[]): ApiPathCheck {
	try {
		return { ok: true, path: apiPathOrThrow(input, bases) };
	} catch (error) {
		return { ok: false, reason: error instanceof UnsafePathError ? error.message : 'it is not a valid path' };
	}
}
