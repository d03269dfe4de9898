import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failureDetails, stravaApiError, type FailureDetails } from './errors';
import { redactFailure } from './redact';
import { encodeForm, toStravaResponse, type RawResponse } from './request';
import { apiBases } from './hosts';
import { CREDENTIAL_TYPE, type StravaContext, type StravaResponse } from './types';

/** A call that Strava authenticates by the application (client id + secret), not the athlete's token. */
export interface StravaAppRequest {
	/** GET and DELETE carry client_id and client_secret in the query, POST in its form body. */
	method: Extract<IHttpRequestMethods, 'GET' | 'POST' | 'DELETE'>;
	/** Path relative to `{server}/api/v3`, e.g. `/push_subscriptions`. */
	path: string;
	/** The POST's form fields besides the app's identity. */
	form?: IDataObject;
}

/** The application's identity, read from the credential's OAuth2 client fields. */
export interface StravaApp {
	clientId: string;
	clientSecret: string;
	baseUrl: string;
}

/** Reads the application's client id and secret from the credential (no HTTP here). */
export async function stravaAppCredentials(ctx: StravaContext): Promise<StravaApp> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '').trim();
	if (!clientId || !clientSecret) {
		throw new NodeOperationError(ctx.getNode(), 'The Strava credential has no Client ID or Client Secret', {
			description:
				'Push subscriptions are managed with the application\'s Client ID and Client Secret: open the Strava credential and fill both in (from strava.com/settings/api).',
		});
	}
	return { clientId, clientSecret, baseUrl: apiBases(credentials).candidates[0] };
}

/**
 * The values an application-authenticated request carries that must never reach a message: the client
 * secret, and the HTTP Basic credentials (`client_id:client_secret` in base64) that /oauth/revoke sends.
 */
export function appSecrets(app: StravaApp): string[] {
	return [app.clientSecret, Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')];
}

/**
 * Sends one application-authenticated request. Kept apart from `stravaAppRequest` so that reading the
 * credential and sending the request stay separate steps: this request must not carry the athlete's
 * Bearer token (Strava's push subscription endpoints authenticate the app by client id and secret).
 */
async function sendAppRequest(ctx: StravaContext, app: StravaApp, request: StravaAppRequest): Promise<RawResponse> {
	const identity = { client_id: app.clientId, client_secret: app.clientSecret };
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${app.baseUrl}${request.path}`,
		returnFullResponse: true,
		json: true,
		// The form and query carry the client secret: never replay them to another host.
		disableFollowRedirect: true,
		headers: { Accept: 'application/json' },
	};
	if (request.method === 'POST') {
		options.body = encodeForm({ ...identity, ...request.form });
		options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
	} else {
		options.qs = identity;
	}
	return (await ctx.helpers.httpRequest(options)) as RawResponse;
}

/**
 * The transport's function for application-level endpoints (push subscriptions). Errors go through the
 * same mapper as every other Strava call (`stravaApiError`), with the client secret scrubbed.
 */
export async function stravaAppRequest<T = unknown>(
	this: StravaContext,
	request: StravaAppRequest,
): Promise<StravaResponse<T>> {
	const app = await stravaAppCredentials(this);
	let failure: FailureDetails;
	let ownError: NodeOperationError | undefined;
	try {
		return toStravaResponse<T>(await sendAppRequest(this, app, request));
	} catch (error) {
		// n8n-core's own errors pass through as they are; HTTP failures go through the one error mapper.
		if (error instanceof NodeOperationError) ownError = error;
		failure = redactFailure(failureDetails(error), appSecrets(app));
	}
	if (ownError) throw ownError;
	throw stravaApiError(this.getNode(), failure, undefined, request.path);
}
