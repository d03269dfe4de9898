import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { endpointText, excerpt } from './expect';
import { APPLICATION_REFUSED, INACTIVE_APP, platformChangeFor } from './platform';
import { N8N_REFRESH_LOCK_WAIT_MS } from './refreshRace';

/** What an HTTP failure looked like, dug out of whatever n8n-core wrapped it in. */
export interface FailureDetails {
	status?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
	/** Network error code such as ECONNRESET. */
	code?: string;
	message: string;
	/** The URL the failing request went to, when the HTTP client says. */
	url?: string;
	/** `refresh`: the failure came from refreshing the access token at Strava's token endpoint, not from the API call. */
	stage?: 'refresh';
	/** The refresh token was refused for good (`invalid_grant`): only reconnecting helps. */
	reconnect?: boolean;
	/** The status line and headers arrived but the body was cut off before it was complete. */
	cutOff?: boolean;
}

interface StravaErrorBody {
	message?: string;
	errors?: Array<{ resource?: string; field?: string; code?: string }>;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function parseBody(data: unknown): unknown {
	if (Buffer.isBuffer(data)) data = data.toString('utf8');
	if (data instanceof ArrayBuffer) data = Buffer.from(data).toString('utf8');
	if (typeof data === 'string') {
		try {
			return JSON.parse(data);
		} catch {
			// Not JSON: the text as it is.
		}
	}
	return data;
}

const NETWORK_CODE = /^E[A-Z]+|^UND_ERR|^CERT_|^ERR_TLS_|^UNABLE_TO_|^DEPTH_ZERO_|^SELF_SIGNED_/;
/** Codes that mean the connection broke while a body was on its way. */
const BROKEN_TRANSFER = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

const isTokenUrl = (url: unknown) => typeof url === 'string' && /\/oauth\/token(?:[?#]|$)/.test(url);

/** `@n8n/client-oauth2`'s errors (the token endpoint's answer): ResponseError (status + body) or AuthError (OAuth `error`). */
function tokenEndpointError(record: Record<string, unknown>): boolean {
	return 'body' in record && (record.code === 'ESTATUS' || record.code === 'EAUTH');
}

/**
 * The HTTP status and body an n8n error kept without its cause: `httpCode` ("401") and `context.data` (Strava's
 * JSON body), as n8n 1.x's NodeApiError has them after its OAuth2 client retried a 401 with a refreshed token.
 */
function wrappedAnswer(record: Record<string, unknown>): { status: number; data: unknown } | undefined {
	const httpCode = typeof record.httpCode === 'string' ? record.httpCode : undefined;
	if (!httpCode || !/^[1-5]\d\d$/.test(httpCode)) return undefined;
	return { status: Number(httpCode), data: asRecord(record.context)?.data };
}

/** n8n-core wraps the HTTP client's error (NodeApiError → cause → response); find the response. */
export function failureDetails(error: unknown): FailureDetails {
	let current: unknown = error;
	let code: string | undefined;
	let url: string | undefined;
	let innermost: string | undefined;
	// n8n 1.x's NodeApiError loses its cause (the HTTP client's error); it keeps the status as httpCode and a JSON
	// answer's body as context.data: read from there when no response is found (see wrappedAnswer).
	let wrapped: { status: number; data: unknown } | undefined;
	const seen = new Set<unknown>();
	while (current && !seen.has(current)) {
		seen.add(current);
		const record = asRecord(current);
		// Something thrown that is not an object (a string): it is the whole message.
		if (!record) break;
		if (typeof record.code === 'string' && NETWORK_CODE.test(record.code)) code ??= record.code;
		const config = asRecord(record.config);
		if (typeof config?.url === 'string') url ??= config.url;
		if (typeof record.message === 'string' && record.message) innermost = record.message;
		wrapped ??= wrappedAnswer(record);
		if (current !== error && current instanceof NodeOperationError) {
			// n8n-core's own verdict on the refresh (e.g. "The credential … needs to be reconnected").
			return { stage: 'refresh', reconnect: true, message: current.message, data: current.description ?? undefined };
		}
		if (tokenEndpointError(record)) {
			const body = parseBody(record.body);
			const reconnect = asRecord(body)?.error === 'invalid_grant' || refreshTokenRefused(body);
			return {
				stage: 'refresh',
				reconnect,
				status: typeof record.status === 'number' ? record.status : undefined,
				data: body,
				message: String(record.message ?? ''),
			};
		}
		const response = asRecord(record.response);
		if (response && typeof response.status === 'number') {
			const status = response.status;
			const message = String(record.message ?? '');
			const cutOff =
				(status >= 200 && status < 300) || /aborted/i.test(message) || (code !== undefined && BROKEN_TRANSFER.has(code));
			return {
				status,
				headers: asRecord(response.headers),
				data: parseBody(response.data ?? response.body),
				code,
				message,
				url,
				...(isTokenUrl(url) ? { stage: 'refresh' as const } : {}),
				...(cutOff && !isTokenUrl(url) ? { cutOff: true } : {}),
			};
		}
		current = record.cause;
	}
	const top = asRecord(error);
	if (wrapped) return { status: wrapped.status, data: wrapped.data, code, message: innermost ?? String(top?.message ?? ''), url };
	// The innermost message is the HTTP client's own (n8n's wrapper puts a generic sentence on top).
	return { code, url, message: innermost ?? String(top?.message ?? error), ...(isTokenUrl(url) ? { stage: 'refresh' as const } : {}) };
}

/**
 * Strava's own words for a refresh token it does not take (rotated or revoked): `{"message":"Bad Request",
 * "errors":[{"resource":"RefreshToken","field":"refresh_token","code":"invalid"}]}`, without OAuth's `error`.
 */
function refreshTokenRefused(body: unknown): boolean {
	return errorsOf(asRecord(body) as StravaErrorBody | undefined).some((entry) => /^refresh_?token$/i.test(entry?.resource ?? ''));
}

const SCOPE_HINTS: Record<string, string> = {
	'activity:read': 'activity:read (or activity:read_all for private activities)',
	'activity:read_all': 'activity:read_all',
	'activity:write': 'activity:write',
	'profile:read_all': 'profile:read_all',
	'profile:write': 'profile:write',
	read: 'read',
	read_all: 'read_all',
};

/** The scope named by Strava's 401 body (`field: "activity:read_permission"`), if that is what it is. */
export function missingScope(data: unknown): string | undefined {
	const body = asRecord(data) as StravaErrorBody | undefined;
	for (const entry of errorsOf(body)) {
		const field = entry?.field ?? '';
		if (/_permission$/.test(field)) return field.replace(/_permission$/, '');
		if (entry?.code === 'missing' && field.includes(':')) return field;
	}
	return undefined;
}

function errorsOf(body: StravaErrorBody | undefined) {
	return Array.isArray(body?.errors) ? body!.errors : [];
}

/** Strava's answer when the app's owner has no subscription (since 2026-06-30): 403 Application Status Inactive. */
export function isInactiveApp(status: number | undefined, data: unknown): boolean {
	if (status !== 403) return false;
	const body = asRecord(data) as StravaErrorBody | undefined;
	const byField = errorsOf(body).some(
		(entry) => /^application$/i.test(entry?.resource ?? '') && /^inactive$/i.test(entry.code ?? ''),
	);
	return byField || /application status inactive/i.test(typeof data === 'string' ? data : String(body?.message ?? ''));
}

/** A refusal of the application itself (`resource: "Application"`), which no token refresh can fix. */
export function isApplicationRefusal(data: unknown): boolean {
	const body = asRecord(data) as StravaErrorBody | undefined;
	return errorsOf(body).some((entry) => /^application$/i.test(entry?.resource ?? ''));
}

function detailText(body: StravaErrorBody | undefined): string {
	const details = errorsOf(body)
		.map((entry) => [entry.resource, entry.field, entry.code].filter(Boolean).join(' '))
		.filter(Boolean);
	return details.length ? details.join('; ') : '';
}

/** What the transport knows about the call that failed, for messages a user can act on. */
export interface ErrorContext {
	method?: string;
	/** What the path names by an ID the user gave (e.g. `activity ID 123`): only then does a 404 say to check it. */
	subject?: string;
	/** The page of a paginated list. */
	page?: number;
	/** Strava's token endpoint (for refresh failures). */
	tokenUrl?: string;
	/** Values that must never appear in a message. */
	secrets?: string[];
	/**
	 * The refresh token was refused after n8n-core's lock wait could have run out, and no other execution's
	 * token appeared in the store while this run watched it (see ./refreshRace).
	 */
	refreshRace?: { waitedSeconds: number; elapsedSeconds: number };
}

/** Same-host redirects the transport follows (kept equal to request.ts's MAX_REDIRECTS). */
export const MAX_REDIRECTS_FOLLOWED = 3;

const REASONS: Array<[RegExp, string]> = [
	[/^ECONNREFUSED$/, 'the connection was refused (nothing listens at that address)'],
	[/^(ENOTFOUND|EAI_AGAIN)$/, 'its host name could not be resolved'],
	[/^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT)$/, 'the connection timed out'],
	[/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/, 'the connection was dropped'],
	[/^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/, 'its TLS certificate was not accepted'],
	[/^(ERR_BAD_REQUEST|ERR_INVALID_URL|ERR_BAD_OPTION|ERR_BAD_OPTION_VALUE)$/, 'the address is not a usable http(s) URL'],
];

/** A network failure in words (the internal code goes into the description, never the headline). */
function networkReason(failure: FailureDetails): string {
	const code = failure.code ?? '';
	for (const [pattern, reason] of REASONS) if (pattern.test(code)) return reason;
	const text = failure.message.replace(/\b(E[A-Z]+|ERR_[A-Z_]+)\b:?\s*/g, '').trim();
	return text || 'no answer';
}

function hostOf(url: string | undefined): string | undefined {
	if (!url) return undefined;
	try {
		return new URL(url).host || undefined;
	} catch {
		return undefined;
	}
}

function refreshError(node: INode, failure: FailureDetails, itemIndex: number | undefined, context: ErrorContext): NodeApiError {
	const endpoint = `POST ${context.tokenUrl ?? failure.url ?? '{server}/oauth/token'}`;
	const status = failure.status;
	// A JSON answer may still be text here (a proxy's content type): read it as JSON.
	const body = asRecord(parseBody(failure.data)) as (StravaErrorBody & { error?: string; error_description?: string }) | undefined;
	const said = failure.data !== undefined && failure.data !== '' ? ` Strava's answer: "${excerpt(failure.data, context.secrets)}".` : '';
	const errorResponse = { message: failure.message, httpCode: status ? String(status) : undefined } as unknown as JsonObject;
	const options = (message: string, description: string) =>
		new NodeApiError(node, errorResponse, { httpCode: status ? String(status) : undefined, itemIndex, message, description });
	if (failure.reconnect && context.refreshRace) {
		const { waitedSeconds, elapsedSeconds } = context.refreshRace;
		return options(
			'Strava refused the refresh token: another execution refreshed it at the same time',
			`The access token had expired, and another execution using this Strava credential (on another n8n worker) was refreshing it at the same moment. n8n waits ${N8N_REFRESH_LOCK_WAIT_MS / 1000} s for such a refresh (this request had been running for ${elapsedSeconds} s), then refreshed too; Strava had just replaced the refresh token for the other execution and refused the old one at ${endpoint}${status ? ` (HTTP ${status})` : ''}. The other execution had not saved its new token after ${waitedSeconds} s more. Nothing is wrong with the credential: run the workflow again; the next run uses the token the other execution saved.`,
		);
	}
	if (failure.reconnect) {
		return options(
			'Strava no longer accepts this connection: reconnect the Strava credential',
			`The access token had expired and refreshing it at ${endpoint} was refused for good${body?.error ? ` ("${body.error}")` : ''}: the athlete revoked the app's access, or the refresh token was replaced by a newer one. Open the Strava credential and connect it again; retrying will not help.`,
		);
	}
	if (status === undefined) {
		return options(
			`Could not refresh the Strava access token: Strava's token endpoint could not be reached (${networkReason(failure)})`,
			`The access token had expired; n8n tried ${endpoint} for a new one${failure.code ? ` and failed with ${failure.code}` : ''}. Nothing changed in the stored connection: run the workflow again once Strava (or the network) answers. If it keeps failing, check the credential's server address.`,
		);
	}
	const notJson = status < 300 || (typeof failure.data === 'string' && !/^\s*[{[]/.test(failure.data));
	if (status >= 500 || notJson) {
		return options(
			`Could not refresh the Strava access token: Strava's token endpoint answered ${notJson ? `HTTP ${status} without a token` : `HTTP ${status}`}`,
			`The access token had expired; n8n asked ${endpoint} for a new one.${said} This is on Strava's side and usually passes: run the workflow again in a few minutes. The stored connection is unchanged; there is no need to reconnect.`,
		);
	}
	const detail = detailText(body);
	const message =
		typeof body?.message === 'string' ? body.message : body?.error_description ?? body?.error ?? (failure.message || 'no reason given');
	return options(
		`Strava refused to refresh the access token: ${message} (HTTP ${status})`,
		`The access token had expired; ${endpoint} answered ${status}${detail ? ` (${detail})` : ''}.${said} Check the credential's Client ID and Client Secret against strava.com/settings/api, then reconnect the credential. Retrying will not help.`,
	);
}

/**
 * Strava's error answer → NodeApiError carrying Strava's own message and its errors[] detail, and what to
 * do about it. `path` (under the API base) lets Strava's retired and restricted endpoints be named;
 * `context` says which call it was (method, the ID the user gave, the list page).
 */
export function stravaApiError(
	node: INode,
	failure: FailureDetails,
	itemIndex?: number,
	path?: string,
	context: ErrorContext = {},
): NodeApiError {
	if (failure.stage === 'refresh') return refreshError(node, failure, itemIndex, context);
	const body = asRecord(failure.data) as StravaErrorBody | undefined;
	const status = failure.status;
	const stravaMessage = typeof body?.message === 'string' ? body.message : undefined;
	const detail = detailText(body);
	const errorResponse = {
		message: stravaMessage ?? failure.message,
		httpCode: status ? String(status) : undefined,
		strava: body ?? (typeof failure.data === 'string' ? excerpt(failure.data, context.secrets, 500) : undefined),
	} as unknown as JsonObject;
	const endpointOf = (page?: number) => (path ? endpointText(context.method ?? 'GET', path, page) : 'the Strava API');
	const endpoint = endpointOf(context.page);

	if (failure.cutOff) {
		return new NodeApiError(node, errorResponse, {
			httpCode: status ? String(status) : undefined,
			itemIndex,
			message: `Strava's answer to ${endpoint} was cut off before it was complete`,
			description: `Strava started answering${status ? ` (HTTP ${status})` : ''}, then the connection closed in the middle of the body, so the node has only part of it and output nothing.${failure.code ? ` (${failure.code})` : ''} This is a network or server fault: run it again.`,
		});
	}
	if (status !== undefined && status >= 300 && status < 400) {
		const location = String(failure.headers?.location ?? '');
		let target: URL | undefined;
		try {
			if (location) target = new URL(location, failure.url);
		} catch {
			// A Location that is no URL: named as it was sent.
		}
		const sameHost = target !== undefined && hostOf(failure.url) === target.host;
		const message = !location
			? `Strava answered ${endpoint} with HTTP ${status} (a redirect) without saying where to`
			: sameHost
				? `Strava kept redirecting ${endpoint} (HTTP ${status}, more than ${MAX_REDIRECTS_FOLLOWED} times)`
				: `Strava redirected ${endpoint} to ${target ? `another host (${target.host})` : `"${excerpt(location, context.secrets)}"`}; the node does not follow it`;
		return new NodeApiError(node, errorResponse, {
			httpCode: String(status),
			itemIndex,
			message,
			description: sameHost
				? `The node follows a redirect on Strava's own host up to ${MAX_REDIRECTS_FOLLOWED} times; this one went on (last to ${excerpt(target!.pathname, context.secrets)}). Run it again later; if it persists, check the credential's server and API host.`
				: `Strava's API answers in place; a redirect${target ? ` to ${target.host}` : ''} usually means a proxy, a captive portal or a wrong server / API host in the credential. Nothing was sent there: the access token and any request body stay with Strava.`,
		});
	}

	const said = `Strava answered ${status}${stravaMessage ? ` "${stravaMessage}"` : ''}${detail ? ` (${detail})` : ''}.`;
	if (isInactiveApp(status, failure.data)) {
		return new NodeApiError(node, errorResponse, {
			httpCode: '403',
			itemIndex,
			message: INACTIVE_APP.message,
			description: INACTIVE_APP.description,
		});
	}
	const change = platformChangeFor(path, status);
	if (change && (change.status !== 401 || isApplicationRefusal(body))) {
		return new NodeApiError(node, errorResponse, {
			httpCode: String(status),
			itemIndex,
			message: change.message,
			description: `${said} ${change.description}`,
		});
	}
	if (status === 401 && isApplicationRefusal(body)) {
		return new NodeApiError(node, errorResponse, {
			httpCode: '401',
			itemIndex,
			message: `${APPLICATION_REFUSED.message}: ${stravaMessage ?? 'Authorization Error'}`,
			description: `${said} ${APPLICATION_REFUSED.description}`,
		});
	}
	if (status === 401) {
		const scope = missingScope(body);
		if (scope) {
			const hint = SCOPE_HINTS[scope] ?? scope;
			return new NodeApiError(node, errorResponse, {
				httpCode: '401',
				itemIndex,
				message: `Strava refused this call: the connection lacks the "${scope}" permission`,
				description: `Strava answered "${stravaMessage ?? 'Authorization Error'}" (${detail}). This is not an expired token: open the Strava credential, tick ${hint} under "Permissions (Scopes)", then reconnect and make sure the box stays ticked on Strava's authorization page.`,
			});
		}
		return new NodeApiError(node, errorResponse, {
			httpCode: '401',
			itemIndex,
			message: `Strava rejected the credential: ${stravaMessage ?? 'Authorization Error'}`,
			description: `${detail ? detail + '. ' : ''}The token could not be refreshed or was revoked; open the Strava credential and reconnect it.`,
		});
	}

	if (status === undefined) {
		const host = hostOf(failure.url);
		return new NodeApiError(node, errorResponse, {
			itemIndex,
			message: `Could not reach Strava${host ? ` at ${host}` : ''}: ${networkReason(failure)}`,
			description: `${path ? `${endpoint} got no answer` : 'The request got no answer'}${failure.code ? ` (${failure.code})` : ''}. Check the network and the credential's server address (https://www.strava.com unless you point it at a Strava sandbox), then run it again.`,
		});
	}
	const message = stravaMessage ? `Strava error ${status}: ${stravaMessage}` : `Strava answered HTTP ${status}`;
	let description = detail || undefined;
	if (status === 404) {
		const prefix = detail ? `${detail}. ` : '';
		if (context.subject) {
			description = `${prefix}Check the ${context.subject}: it does not exist or is not visible to the connected athlete.`;
		} else if (context.page !== undefined && context.page > 1) {
			description = `${prefix}Strava answered 404 for page ${context.page} of ${endpointOf()} after earlier pages had answered. The list may have changed while it was read: run it again.`;
		} else {
			description = `${prefix}Strava has nothing at ${endpoint} for the connected athlete.`;
		}
	}
	return new NodeApiError(node, errorResponse, {
		httpCode: String(status),
		itemIndex,
		message,
		description,
	});
}
