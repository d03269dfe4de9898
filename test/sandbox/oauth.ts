import { randomBytes } from 'crypto';

import { stravaError } from './http';
import type { StravaSandbox } from './server';

/** Strava's OAuth endpoints: authorize (auto-approves), token (code and refresh grants), deauthorize. */
export function registerOAuth(sandbox: StravaSandbox) {
	const { state } = sandbox;

	sandbox.rawRoute('GET', '/oauth/authorize', (req) => {
		if (req.query.get('client_id') !== state.clientId) return stravaError(400, 'Bad Request', [{ resource: 'Application', field: 'client_id', code: 'invalid' }]);
		if (req.query.get('response_type') !== 'code') return stravaError(400, 'Bad Request', [{ resource: 'Application', field: 'response_type', code: 'invalid' }]);
		const requested = (req.query.get('scope') ?? '').split(',').map((scope) => scope.trim()).filter(Boolean);
		if (!requested.length) return stravaError(400, 'Bad Request', [{ resource: 'Authorize', field: 'scope', code: 'invalid' }]);
		const granted = requested.filter((scope) => !state.deniedScopes.includes(scope));
		const code = randomBytes(10).toString('hex');
		const redirectUri = req.query.get('redirect_uri') ?? '';
		state.codes.set(code, { scopes: granted, redirectUri });
		const target = new URL(redirectUri);
		target.searchParams.set('state', req.query.get('state') ?? '');
		target.searchParams.set('code', code);
		target.searchParams.set('scope', granted.join(','));
		return { status: 302, headers: { Location: target.toString() } };
	});

	sandbox.rawRoute('POST', '/oauth/token', (req) => {
		const body = req.body as Record<string, string>;
		if (body.client_id !== state.clientId || body.client_secret !== state.clientSecret) {
			return stravaError(401, 'Authorization Error', [{ resource: 'Application', field: 'client_id', code: 'invalid' }]);
		}
		if (body.grant_type === 'authorization_code') {
			const grant = state.codes.get(body.code);
			if (!grant) return stravaError(400, 'Bad Request', [{ resource: 'AuthorizationCode', field: 'code', code: 'invalid' }]);
			state.codes.delete(body.code);
			const record = state.issueToken(state.athlete.id as number, grant.scopes);
			return { body: { ...record.tokenData, athlete: { id: state.athlete.id, resource_state: 2 } } };
		}
		if (body.grant_type === 'refresh_token') {
			const record = state.refresh(body.refresh_token);
			// Strava's answer for a dead refresh token; n8n-core reads `error` for its reconnect hint.
			if (!record) return { status: 400, body: { message: 'Bad Request', error: 'invalid_grant', errors: [{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }] } };
			return { body: state.tokenResponse(record) };
		}
		return stravaError(400, 'Bad Request', [{ resource: 'Application', field: 'grant_type', code: 'invalid' }]);
	});

	sandbox.rawRoute('POST', '/oauth/deauthorize', (req) => {
		const token = String(req.body.access_token ?? /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '');
		const record = state.accessTokens.get(token);
		if (!record) return stravaError(401, 'Authorization Error', [{ resource: 'Athlete', field: 'access_token', code: 'invalid' }]);
		state.accessTokens.delete(token);
		state.refreshTokens.delete(record.refreshToken);
		return { body: { access_token: token } };
	});
}
