import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { MAX_REDIRECTS_FOLLOWED, failureDetails, isApplicationRefusal, missingScope, stravaApiError, type FailureDetails } from './errors';
import { checkAnswer } from './expect';
import { apiBases, isHostFailure, preferredBaseIndex, rememberBase, type ApiBases } from './hosts';
import { refreshCannotHelp } from './platform';
import { redactFailure } from './redact';
import { tokenStoredByAnotherRun } from './refreshRace';
import { answerEveryStatus, refusedAnswer } from './refusedAnswer';
import { countsAsRead, describeExhaustedLimit, exhaustedLimit, parseRateLimitHeaders, type ExhaustedLimit } from './rateLimit';
import { markRateLimitReset } from './rateLimitReset';
import {
	CREDENTIAL_TYPE,
	DEFAULT_RATE_LIMIT_POLICY,
	type RateLimitPolicy,
	type RateLimitUsage,
	type StravaContext,
	type StravaRequest,
	type StravaResponse,
} from './types';

/** 5xx and dropped connections are retried this many times, with exponential backoff. */
export const MAX_TRANSIENT_RETRIES = 3;
const BACKOFF_BASE_MS = 400;
/** How many times one request may wait for a rate-limit window before giving up. */
const MAX_RATE_LIMIT_WAITS = 2;
/** Sleep a little past the reset so the first request lands in the new window. */
const RESET_MARGIN_MS = 1000;

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'UND_ERR_SOCKET', 'EAI_AGAIN']);
/** Same-host redirects followed before giving up (Strava's API itself does not redirect). */
export const MAX_REDIRECTS = MAX_REDIRECTS_FOLLOWED;

/** Where a redirect leads, when it stays on the host the request went to (scheme, host and port). */
export function sameOriginTarget(from: string, location: unknown): string | undefined {
	if (typeof location !== 'string' || !location) return undefined;
	try {
		const next = new URL(location, from);
		return next.origin === new URL(from).origin ? next.toString() : undefined;
	} catch {
		return undefined;
	}
}

/** Where a followed redirect goes and how: 301/302/303 turn a write into a GET without body (as browsers do). */
export interface RedirectHop {
	url: string;
	method: IHttpRequestMethods;
	dropBody: boolean;
}

export function nextHop(url: string, status: number, method: IHttpRequestMethods): RedirectHop {
	const downgrade = (status === 301 || status === 302 || status === 303) && method !== 'GET' && method !== 'HEAD';
	return { url, method: downgrade ? 'GET' : method, dropBody: downgrade };
}

/** Values no message may carry: the tokens and the client secret of this credential. */
function secretsOf(credentials: IDataObject): string[] {
	const token = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [token.access_token, token.refresh_token, credentials.clientSecret]
		// (scrubSecrets skips values too short to be a secret, an empty one included)
		.filter((value): value is string => typeof value === 'string');
}

interface StoredToken {
	expires_at?: number | string;
}

/**
 * Whether the stored access token is known to be valid for another minute. Strava answers 401 both for
 * an expired token and for a missing scope; when the token is fresh we tell n8n-core not to refresh on
 * 401, so a missing scope never costs a refresh (and never rotates the refresh token for nothing).
 */
function tokenKnownFresh(credentials: IDataObject): boolean {
	const token = credentials.oauthTokenData as StoredToken | undefined;
	const expiresAt = Number(token?.expires_at);
	return Number.isFinite(expiresAt) && expiresAt * 1000 > Date.now() + 60_000;
}

/** Every write the node sends that may not be repeated is a POST (Strava's API has no PATCH; PUT and DELETE may be). */
function isIdempotent(method: string): boolean {
	return method !== 'POST';
}

function rateLimitError(
	ctx: StravaContext,
	limit: ExhaustedLimit,
	policy: RateLimitPolicy,
	itemIndex?: number,
	afterWaiting = false,
) {
	const why = afterWaiting
		? `Strava still refused after ${MAX_RATE_LIMIT_WAITS} waits for the window to reset; other workflows of this Strava application may be using the budget.`
		: policy.onLimit === 'fail'
			? 'The node is set to fail instead of waiting ("Rate Limit" → "On Rate Limit").'
			: `Waiting ${Math.ceil(limit.waitMs / 1000)} s would exceed the node's maximum wait of ${policy.maxWaitSeconds} s ("Rate Limit" → "Max Wait").`;
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: describeExhaustedLimit(limit), httpCode: '429' },
		{
			// (the HTTP code comes from the response object above)
			itemIndex,
			message: describeExhaustedLimit(limit),
			description: `${why} Strava's limits are per application, shared by every workflow using it.`,
		},
	);
	return markRateLimitReset(error, limit);
}

/** Waits for the window to reset when the policy allows it, or throws the rate-limit error. */
export async function waitForRateLimit(
	ctx: StravaContext,
	limit: ExhaustedLimit,
	policy: RateLimitPolicy,
	itemIndex?: number,
): Promise<void> {
	const waitMs = Math.max(0, limit.waitMs) + RESET_MARGIN_MS;
	if (policy.onLimit !== 'wait' || waitMs > policy.maxWaitSeconds * 1000 + RESET_MARGIN_MS) {
		throw rateLimitError(ctx, limit, policy, itemIndex);
	}
	ctx.logger?.info(`Strava rate limit: waiting ${Math.round(waitMs / 1000)} s (${limit.name}).`);
	await sleep(waitMs);
}

/** Reads a credential and the API bases it may use (see ./hosts) once per call. */
async function apiBase(ctx: StravaContext): Promise<{ credentials: IDataObject; bases: ApiBases }> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return { credentials, bases: apiBases(credentials) };
}

/** The credential's API bases (for the raw request's URL guard). */
export async function credentialApiBases(ctx: StravaContext): Promise<ApiBases> {
	return (await apiBase(ctx)).bases;
}

/** A form body (`application/x-www-form-urlencoded`), skipping empty values. */
export function encodeForm(fields: IDataObject): URLSearchParams {
	const form = new URLSearchParams();
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
	}
	return form;
}

export interface RawResponse {
	statusCode?: number;
	headers?: Record<string, string | string[] | undefined>;
	body?: unknown;
}

/** n8n's full response → ours, with the rate-limit headers read. */
export function toStravaResponse<T>(raw: RawResponse, binary = false): StravaResponse<T> {
	const headers = raw.headers ?? {};
	let body = raw.body as unknown;
	if (binary && !Buffer.isBuffer(body)) body = Buffer.from(body as ArrayBuffer);
	return { statusCode: raw.statusCode ?? 200, headers, body: body as T, rateLimit: parseRateLimitHeaders(headers) };
}

export function buildOptions(baseUrl: string, request: StravaRequest, hop?: RedirectHop): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: hop?.method ?? request.method,
		// A followed redirect's Location carries its own query.
		url: hop?.url ?? `${baseUrl}${request.path}`,
		returnFullResponse: true,
		// Redirects are ours to judge (see stravaApiRequest): the token and the body never go to another host.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		headers: { Accept: request.binary ? '*/*' : 'application/json' },
	};
	if (!hop && request.qs && Object.keys(request.qs).length) options.qs = request.qs;
	if (request.binary) {
		options.encoding = 'arraybuffer';
		options.json = false;
	}
	if (hop?.dropBody) return options;
	if (request.multipart) {
		options.body = request.multipart;
	} else if (request.form) {
		options.body = encodeForm(request.form);
		options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
	} else if (request.body !== undefined) {
		options.body = request.body;
		options.json = true;
		options.headers!['Content-Type'] = 'application/json';
	}
	return options;
}

/**
 * The one function that talks to Strava. Signs through n8n's OAuth2 helper (which refreshes on 401 and
 * persists rotated tokens), records rate-limit headers, waits or fails on 429, retries transient
 * failures, and maps every Strava error to a NodeApiError carrying Strava's message.
 */
export async function stravaApiRequest<T = unknown>(
	this: StravaContext,
	request: StravaRequest,
): Promise<StravaResponse<T>> {
	const policy = request.rateLimit ?? DEFAULT_RATE_LIMIT_POLICY;
	const { credentials, bases } = await apiBase(this);
	let baseIndex = preferredBaseIndex(bases);
	// An endpoint whose 401 is the application's (retired by Strava) must not cost a token refresh.
	const applicationOnly = refreshCannotHelp(request.path);
	let allowRefresh = !applicationOnly && !tokenKnownFresh(credentials);
	let transientRetries = 0;
	let rateLimitWaits = 0;
	let triedStoredToken = false;

	const secrets = secretsOf(credentials);
	const errorContext = {
		method: request.method,
		subject: request.subject,
		page: request.page,
		// Always set (a required hidden field of the credential); errors.ts has its own words when it is not.
		tokenUrl: credentials.accessTokenUrl as string | undefined,
		secrets,
	};
	let hop: RedirectHop | undefined;
	let redirects = 0;

	for (;;) {
		const options = buildOptions(bases.candidates[baseIndex], request, hop);
		let failure: FailureDetails;
		let ownError: NodeOperationError | undefined;
		let raw: RawResponse | undefined;
		const sentAt = Date.now();
		try {
			raw = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, allowRefresh ? options : answerEveryStatus(options), {
				oauth2: { skipTokenRefresh: !allowRefresh },
			})) as RawResponse;
			// (./refusedAnswer: a fresh token's error answer arrives as an answer, on every n8n version)
			const refused = refusedAnswer(raw, options.url);
			if (refused) {
				failure = redactFailure(refused, secrets);
				raw = undefined;
			}
		} catch (error) {
			// n8n-core's own errors (e.g. "credentials not connected") pass through as they are.
			if (error instanceof NodeOperationError) ownError = error;
			// Nothing of the credential's may reach a message, also when Strava (or a proxy) echoes it back.
			failure = redactFailure(failureDetails(error), secrets);
		}
		if (ownError) throw ownError;
		if (raw) {
			rememberBase(bases, baseIndex);
			const response = toStravaResponse<T>(raw, request.binary);
			// The one check of every answer against what its endpoint returns (./expect).
			checkAnswer(
				this.getNode(),
				{ method: options.method ?? request.method, path: request.path, page: request.page, status: response.statusCode, headers: response.headers, body: response.body },
				request.expect,
				{ itemIndex: request.itemIndex, secrets },
			);
			return response;
		}
		failure = failure!;

		const { status } = failure;
		if (status !== undefined && status >= 300 && status < 400 && failure.stage !== 'refresh') {
			// Followed only on the host it was sent to; another host gets neither the token nor the body.
			const target = sameOriginTarget(options.url, failure.headers?.location);
			if (target && redirects < MAX_REDIRECTS) {
				redirects++;
				hop = nextHop(target, status, options.method ?? request.method);
				continue;
			}
			throw stravaApiError(this.getNode(), { ...failure, url: options.url }, request.itemIndex, request.path, errorContext);
		}
		if (status === undefined && isHostFailure(failure.code) && baseIndex < bases.candidates.length - 1 && !failure.stage) {
			// This API host did not answer at all (Strava's move, see ./hosts): the next base is safe to try.
			this.logger?.warn(`Strava API host did not answer (${failure.code}); trying the next API base.`);
			baseIndex++;
			hop = undefined;
			redirects = 0;
			continue;
		}
		if (status === 401 && !allowRefresh && !failure.stage && !missingScope(failure.data) && !applicationOnly && !isApplicationRefusal(failure.data)) {
			// The token was thought fresh but Strava disagrees (revoked, clock skew): let n8n refresh it.
			// (n8n-core then refreshes and sends the request again itself, a multipart upload included.)
			allowRefresh = true;
			continue;
		}
		if (failure.stage === 'refresh' && failure.reconnect && !triedStoredToken) {
			// In queue mode another process may have refreshed this credential a moment ago (n8n-core's lock
			// wait timed out), so the refresh token this run held was already rotated: use what it stored
			// (./refreshRace). Never a second refresh with the refused token.
			triedStoredToken = true;
			const elapsedMs = Date.now() - sentAt;
			const check = await tokenStoredByAnotherRun(this, credentials, elapsedMs);
			if (check.stored) {
				this.logger?.info('Strava token was refreshed by another execution; using the token it stored.');
				allowRefresh = !tokenKnownFresh(check.stored);
				continue;
			}
			if (check.raceSuspected) {
				const waited = Math.round(check.waitedMs / 1000);
				this.logger?.warn(`Strava refused the refresh token: another execution refreshed it at the same time and had not saved its new token after ${waited} s.`);
				throw stravaApiError(this.getNode(), failure, request.itemIndex, request.path, { ...errorContext, refreshRace: { waitedSeconds: waited, elapsedSeconds: Math.round(elapsedMs / 1000) } });
			}
		}
		if (status === 429 && !failure.stage) {
			const usage: RateLimitUsage = parseRateLimitHeaders(failure.headers);
			const limit = exhaustedLimit(usage, countsAsRead(request.method, request.path), true)!;
			if (rateLimitWaits >= MAX_RATE_LIMIT_WAITS) throw rateLimitError(this, limit, policy, request.itemIndex, true);
			rateLimitWaits++;
			await waitForRateLimit(this, limit, policy, request.itemIndex);
			continue;
		}
		if (isTransient(failure, options.method ?? request.method) && !request.multipart && transientRetries < MAX_TRANSIENT_RETRIES) {
			await sleep(BACKOFF_BASE_MS * 2 ** transientRetries);
			transientRetries++;
			continue;
		}
		throw stravaApiError(this.getNode(), failure, request.itemIndex, request.path, errorContext);
	}
}

/**
 * Whether trying again may help and cannot do harm: 5xx and dropped connections (for methods that may be
 * repeated), a body cut off mid-transfer (likewise), a refused connection, and a token refresh that failed
 * on Strava's side (the API call itself was refused with 401, so it was not applied).
 */
function isTransient(failure: FailureDetails, method: string): boolean {
	const { status, code } = failure;
	if (failure.stage === 'refresh') {
		if (failure.reconnect) return false;
		return status === undefined ? code !== undefined && (code === 'ECONNREFUSED' || TRANSIENT_CODES.has(code)) : status >= 500 || status < 300;
	}
	if (failure.cutOff) return isIdempotent(method);
	if (status !== undefined) return status >= 500 && isIdempotent(method);
	return code === 'ECONNREFUSED' || (code !== undefined && TRANSIENT_CODES.has(code) && isIdempotent(method));
}
