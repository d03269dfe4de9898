import { stravaError } from '../http';
import type { StravaSandbox } from '../server';

/**
 * `POST /oauth/revoke` (replaces /oauth/deauthorize, DESIGN.md §2): HTTP Basic with the app's client id
 * and secret, form body `token` (a refresh or an access token). Ends the whole grant: its access and
 * refresh tokens stop working.
 */
export function registerRevoke(sandbox: StravaSandbox) {
	const { state } = sandbox;
	sandbox.rawRoute('POST', '/oauth/revoke', (req) => {
		const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
		const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
		if (id !== state.clientId || secret !== state.clientSecret) {
			return stravaError(401, 'Authorization Error', [{ resource: 'Application', field: 'client', code: 'invalid' }]);
		}
		const token = String(req.body.token ?? '');
		const record = state.refreshTokens.get(token) ?? state.accessTokens.get(token);
		if (!record) return stravaError(400, 'Bad Request', [{ resource: 'Token', field: 'token', code: 'invalid' }]);
		for (const [key, value] of state.accessTokens) if (value.athleteId === record.athleteId && value.refreshToken === record.refreshToken) state.accessTokens.delete(key);
		state.accessTokens.delete(record.accessToken);
		state.refreshTokens.delete(record.refreshToken);
		return { body: {} };
	});
}
