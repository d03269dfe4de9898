import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { appSecrets, stravaAppCredentials, type StravaApp } from './appRequest';
import { redactFailure } from './redact';
import { failureDetails, stravaApiError, type FailureDetails } from './errors';
import { serverOrigin } from './hosts';
import { encodeForm } from './request';
import { CREDENTIAL_TYPE, type StravaContext } from './types';

interface StoredTokens {
	access_token?: string;
	refresh_token?: string;
}

/** Sends the revocation; kept apart from reading the credential (the app authenticates, not the athlete). */
async function sendRevoke(ctx: StravaContext, url: string, app: StravaApp, token: string, tokenTypeHint: string) {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		auth: { username: app.clientId, password: app.clientSecret },
		body: encodeForm({ token, token_type_hint: tokenTypeHint } as IDataObject),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		// The body carries a token and the header the app's secret: never replay them to another host.
		disableFollowRedirect: true,
	};
	return await ctx.helpers.httpRequest(options);
}

/**
 * Ends the athlete's connection to the app: `POST {server}/oauth/revoke` (OAuth stays on Strava's OAuth
 * host), authenticated by the app with HTTP Basic (client id and secret), body `token`. The refresh
 * token is revoked when there is one (OAuth 2.0 token revocation then ends the whole grant), else the
 * access token. Replaces Strava's older deauthorize endpoint, which stops working on 2027-06-01.
 */
export async function stravaRevokeConnection(this: StravaContext, itemIndex?: number): Promise<{ tokenTypeHint: string }> {
	const app = await stravaAppCredentials(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const tokens = (credentials.oauthTokenData ?? {}) as StoredTokens;
	const token = tokens.refresh_token || tokens.access_token;
	if (!token) {
		throw new NodeOperationError(this.getNode(), 'The Strava credential is not connected, so there is nothing to revoke', {
			itemIndex,
			description: 'Open the Strava credential: it has no token (it was never connected, or its connection was already removed).',
		});
	}
	const tokenTypeHint = tokens.refresh_token ? 'refresh_token' : 'access_token';
	const url = `${serverOrigin(credentials.server)}/oauth/revoke`;
	let failure: FailureDetails;
	try {
		// (what Strava answers is not needed: a 2xx means revoked; n8n's httpRequest throws on anything else)
		await sendRevoke(this, url, app, token, tokenTypeHint);
		return { tokenTypeHint };
	} catch (error) {
		failure = redactFailure(failureDetails(error), [...appSecrets(app), tokens.refresh_token ?? '', tokens.access_token ?? '']);
	}
	throw stravaApiError(this.getNode(), failure, itemIndex, '/oauth/revoke', { method: 'POST' });
}
