import { randomBytes } from 'crypto';

import { stravaError, type SandboxReply } from './http';
import type { StravaSandbox } from './server';

const SCOPE_LABELS: Record<string, string> = {
	read: 'View data about your public segments, routes, profile, posts, events, club feeds and leaderboards',
	read_all: 'View data about your private routes, segments and events',
	'profile:read_all': 'View your complete Strava profile',
	'profile:write': 'Update your weight, FTP and starred segments',
	'activity:read': 'View data about your activities',
	'activity:read_all': 'View data about your private activities',
	'activity:write': 'Upload your activities and edit them',
};

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Strava's authorize page, for a browser: the requested scopes as boxes (the denied ones unticked), Authorize and Cancel. */
function authorizePage(query: URLSearchParams, requested: string[], denied: string[]): SandboxReply {
	const hidden = ['client_id', 'redirect_uri', 'response_type', 'state', 'approval_prompt']
		.map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) ?? '')}">`)
		.join('');
	const boxes = requested
		.map(
			(scope) =>
				`<li><label><input type="checkbox" name="scope" value="${escapeHtml(scope)}" data-test-id="scope-${escapeHtml(scope)}"${denied.includes(scope) ? '' : ' checked'}> ${escapeHtml(SCOPE_LABELS[scope] ?? scope)} <code>${escapeHtml(scope)}</code></label></li>`,
		)
		.join('');
	const html = `<!doctype html><html><head><meta charset="utf-8"><title>Authorize | Strava sandbox</title>
<style>body{font-family:sans-serif;max-width:34rem;margin:2rem auto;color:#242428}h1{font-size:1.3rem}ul{list-style:none;padding:0}li{margin:.5rem 0}
button{padding:.6rem 1.4rem;font-size:1rem;border-radius:4px;border:1px solid #fc4c02;margin-right:.5rem}#authorize{background:#fc4c02;color:#fff}#cancel{background:#fff;color:#fc4c02}</style>
</head><body><h1>Authorize application ${escapeHtml(query.get('client_id') ?? '')} to connect to your Strava sandbox account</h1>
<form method="post" action="/oauth/authorize">${hidden}<ul>${boxes}</ul>
<button id="authorize" data-test-id="authorize" type="submit" name="decision" value="authorize">Authorize</button><button id="cancel" data-test-id="cancel" type="submit" name="decision" value="cancel">Cancel</button></form>
</body></html>`;
	return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, raw: html };
}

/**
 * Strava's OAuth endpoints: authorize, token (code and refresh grants), deauthorize.
 * Authorize approves at once (302 to the redirect URI) for HTTP clients; a browser (Accept: text/html) gets
 * an authorize page whose form posts back here with the boxes left ticked.
 */
export function registerOAuth(sandbox: StravaSandbox) {
	const { state } = sandbox;

	function checkRequest(query: URLSearchParams): { requested: string[] } | { reply: SandboxReply } {
		if (query.get('client_id') !== state.clientId) return { reply: stravaError(400, 'Bad Request', [{ resource: 'Application', field: 'client_id', code: 'invalid' }]) };
		if (query.get('response_type') !== 'code') return { reply: stravaError(400, 'Bad Request', [{ resource: 'Application', field: 'response_type', code: 'invalid' }]) };
		const requested = (query.get('scope') ?? '').split(',').map((scope) => scope.trim()).filter(Boolean);
		if (!requested.length) return { reply: stravaError(400, 'Bad Request', [{ resource: 'Authorize', field: 'scope', code: 'invalid' }]) };
		return { requested };
	}

	function redirectBack(query: URLSearchParams, params: Record<string, string>): SandboxReply {
		const target = new URL(query.get('redirect_uri') ?? '');
		target.searchParams.set('state', query.get('state') ?? '');
		for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
		return { status: 302, headers: { Location: target.toString() } };
	}

	function grant(query: URLSearchParams, granted: string[]): SandboxReply {
		const code = randomBytes(10).toString('hex');
		state.codes.set(code, { scopes: granted, redirectUri: query.get('redirect_uri') ?? '' });
		return redirectBack(query, { code, scope: granted.join(',') });
	}

	sandbox.rawRoute('GET', '/oauth/authorize', (req) => {
		const checked = checkRequest(req.query);
		if ('reply' in checked) return checked.reply;
		if (String(req.headers.accept ?? '').includes('text/html')) return authorizePage(req.query, checked.requested, state.deniedScopes);
		return grant(req.query, checked.requested.filter((scope) => !state.deniedScopes.includes(scope)));
	});

	// The authorize page's form: scopes are the boxes left ticked (only among those requested).
	sandbox.rawRoute('POST', '/oauth/authorize', (req) => {
		const form = new URLSearchParams(req.raw.toString('utf8'));
		const ticked = form.getAll('scope');
		const query = new URLSearchParams();
		for (const name of ['client_id', 'redirect_uri', 'response_type', 'state']) query.set(name, form.get(name) ?? '');
		query.set('scope', ticked.join(','));
		if (form.get('decision') === 'cancel') return redirectBack(query, { error: 'access_denied' });
		const checked = checkRequest(query);
		if ('reply' in checked) return checked.reply;
		return grant(query, checked.requested);
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
			// A dead refresh token (see SandboxState.deadRefreshTokenAnswer); n8n-core reads `error` for its reconnect hint.
			if (!record) {
				const errors = [{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }];
				return { status: 400, body: state.deadRefreshTokenAnswer === 'oauth' ? { message: 'Bad Request', error: 'invalid_grant', errors } : { message: 'Bad Request', errors } };
			}
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
