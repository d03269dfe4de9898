/** The Strava host every request goes to, from the credential's hidden `server` (no trailing slash). */
export function serverOrigin(server: unknown): string {
	const raw = typeof server === 'string' && server.trim() ? server.trim() : 'https://www.strava.com';
	return raw.replace(/\/+$/, '');
}

export function apiBaseUrl(server: unknown): string {
	return `${serverOrigin(server)}/api/v3`;
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

function fullyDecoded(value: string): string {
	let current = value;
	for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
		const next = decodeOnce(current);
		if (next === undefined) throw new UnsafePathError('it contains a malformed %-escape');
		if (next === current) return current;
		current = next;
	}
	return current;
}

function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

/**
 * Turns what a user typed as "path" into a path relative to `{server}/api/v3` (with its query string),
 * or throws UnsafePathError. Accepted: `/athlete/activities`, `athlete/activities`, `/api/v3/athlete`,
 * or a full URL under `{server}/api/v3`. Anything that could make the signed request leave Strava's API
 * (another host, `//host`, `..` segments, backslashes, encoded variants of those) is refused: the
 * credential's token must never be sent anywhere else.
 */
function apiPathOrThrow(input: string, server: unknown): string {
	const base = apiBaseUrl(server);
	const origin = new URL(base).origin;
	let value = (input ?? '').trim();
	if (!value) throw new UnsafePathError('it is empty');
	// Control characters and whitespace can split or smuggle a request line.
	if (/[\u0000-\u001f\u007f\s]/.test(value)) throw new UnsafePathError('it contains spaces or control characters');

	if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
		const url = parseUrl(value);
		if (!url) throw new UnsafePathError('it is not a valid URL');
		if (url.origin !== origin || url.username || url.password) {
			throw new UnsafePathError(`it points to ${url.origin}, not to ${origin}`);
		}
		value = value.slice(value.indexOf(url.host) + url.host.length);
		if (!/^\/api\/v3(?:[/?]|$)/.test(value)) throw new UnsafePathError('it is outside /api/v3');
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
	if (relative === '/api/v3' || relative.startsWith('/api/v3/') || relative.startsWith('/api/v3?')) {
		relative = relative.slice('/api/v3'.length) || '/';
	} else if (/^\/api\//.test(relative)) {
		throw new UnsafePathError('it is outside /api/v3');
	}
	if (!relative.startsWith('/')) relative = `/${relative}`;

	// Belt and braces: the URL a client would build must still be under the API base on the same host.
	const resolved = new URL(base + relative);
	if (resolved.origin !== origin || !(resolved.pathname + '/').startsWith(new URL(base).pathname + '/')) {
		throw new UnsafePathError('it resolves outside /api/v3');
	}
	return relative;
}

export type ApiPathCheck = { ok: true; path: string } | { ok: false; reason: string };

/** Checks a user-given path; see apiPathOrThrow for what is accepted. Never throws. */
export function resolveApiPath(input: string, server: unknown): ApiPathCheck {
	try {
		return { ok: true, path: apiPathOrThrow(input, server) };
	} catch (error) {
		return { ok: false, reason: error instanceof UnsafePathError ? error.message : 'it is not a valid path' };
	}
}
