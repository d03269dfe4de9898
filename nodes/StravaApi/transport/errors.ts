import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { APPLICATION_REFUSED, INACTIVE_APP, platformChangeFor } from './platform';

/** What an HTTP failure looked like, dug out of whatever n8n-core wrapped it in. */
export interface FailureDetails {
	status?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
	/** Network error code such as ECONNRESET. */
	code?: string;
	message: string;
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
			return data;
		}
	}
	return data;
}

/** n8n-core wraps the HTTP client's error (NodeApiError → cause → response); find the response. */
export function failureDetails(error: unknown): FailureDetails {
	let current: unknown = error;
	let code: string | undefined;
	const seen = new Set<unknown>();
	while (current && !seen.has(current)) {
		seen.add(current);
		const record = asRecord(current)!;
		if (typeof record.code === 'string' && /^E[A-Z]+|^UND_ERR|^CERT_|^ERR_TLS_|^UNABLE_TO_|^DEPTH_ZERO_|^SELF_SIGNED_/.test(record.code)) {
			code ??= record.code;
		}
		const response = asRecord(record.response);
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				headers: asRecord(response.headers),
				data: parseBody(response.data ?? response.body),
				code,
				message: String(record.message ?? ''),
			};
		}
		if (typeof record.httpCode === 'string' && record.cause === undefined) break;
		current = record.cause;
	}
	const top = asRecord(error);
	return { code, message: String(top?.message ?? error) };
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
		(entry) => /^application$/i.test(entry?.resource ?? '') && /^inactive$/i.test(entry?.code ?? ''),
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

/**
 * Strava's error answer → NodeApiError carrying Strava's own message and its errors[] detail, and what to
 * do about it. `path` (under the API base) lets Strava's retired and restricted endpoints be named.
 */
export function stravaApiError(node: INode, failure: FailureDetails, itemIndex?: number, path?: string): NodeApiError {
	const body = asRecord(failure.data) as StravaErrorBody | undefined;
	const status = failure.status;
	const stravaMessage = typeof body?.message === 'string' ? body.message : undefined;
	const detail = detailText(body);
	const errorResponse = {
		message: stravaMessage ?? failure.message,
		httpCode: status ? String(status) : undefined,
		strava: body ?? (typeof failure.data === 'string' ? failure.data.slice(0, 500) : undefined),
	} as unknown as JsonObject;

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

	const message = stravaMessage
		? `Strava error ${status ?? ''}: ${stravaMessage}`.replace('  ', ' ')
		: status
			? `Strava answered HTTP ${status}`
			: `Could not reach Strava: ${failure.code ?? failure.message}`;
	let description = detail || undefined;
	if (status === 404) description = `${detail ? detail + '. ' : ''}Check the ID: it does not exist or is not visible to the connected athlete.`;
	return new NodeApiError(node, errorResponse, {
		httpCode: status ? String(status) : undefined,
		itemIndex,
		message,
		description,
	});
}
