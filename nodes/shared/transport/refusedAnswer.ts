import type { IHttpRequestOptions } from 'n8n-workflow';

import { failureDetails, type FailureDetails } from './errors';

/**
 * The request options for a call whose stored token is known fresh: every answer comes back as an answer,
 * whatever its status, so n8n's OAuth2 helper never sees a 401 it could act on. n8n 2.41 also honours
 * `oauth2.skipTokenRefresh`, but n8n 1.x (and 2.x before that option) refreshes the token on every 401 and then
 * throws its own error without Strava's answer: a call that lacks a permission cost a refresh and could not name
 * the permission. `ignoreHttpStatusErrors` is honoured by every n8n version the package supports.
 */
export function answerEveryStatus(options: IHttpRequestOptions): IHttpRequestOptions {
	return { ...options, ignoreHttpStatusErrors: true };
}

/** n8n's full response (returnFullResponse). */
export interface FullResponse {
	statusCode?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/**
 * An answer with an error status (3xx to 5xx) that `answerEveryStatus` let through, as the failure the
 * transport's error handling reads (the same shape as a thrown HTTP error); undefined for a 2xx answer.
 */
export function refusedAnswer(raw: FullResponse, url: string): FailureDetails | undefined {
	const status = raw.statusCode;
	if (status === undefined || status < 300) return undefined;
	return failureDetails({
		message: `Request failed with status code ${status}`,
		config: { url },
		response: { status, headers: raw.headers ?? {}, data: raw.body },
	});
}
