import { TestCredentialsHelper, credentialData, nodeTypes, runWorkflow, useSandbox } from '../harness';
import { seedActivities } from '../sandbox';

const t = useSandbox((sandbox) => seedActivities(sandbox, 5));
const listActivities = { resource: 'request', operation: 'get', path: '/athlete/activities' };

function tokenCalls() {
	return t.sandbox.log.filter((entry) => entry.path === '/oauth/token');
}

describe('OAuth2 refresh through n8n-core', () => {
	test('an expired token is refreshed once, the rotated refresh token is persisted, and the next run uses it', async () => {
		const token = t.sandbox.issueToken({ scopes: ['read', 'activity:read_all'], expiresInSeconds: -60 });
		const credentials = new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData), nodeTypes);

		const first = await runWorkflow(credentials, { parameters: listActivities });
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(5);

		// n8n-core: 401 → refresh (client id and secret in the body) → retry.
		expect(t.sandbox.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'GET /api/v3/athlete/activities 401',
			'POST /oauth/token 200',
			'GET /api/v3/athlete/activities 200',
		]);
		const [refresh] = tokenCalls();
		expect(refresh.body).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: token.refreshToken,
			client_id: t.sandbox.state.clientId,
			client_secret: t.sandbox.state.clientSecret,
		});

		// What n8n persisted: a new access token and the rotated refresh token; the old one is dead.
		expect(credentials.persisted).toHaveLength(1);
		const saved = credentials.persisted[0];
		expect(saved.refresh_token).not.toBe(token.refreshToken);
		expect(saved.access_token).not.toBe(token.accessToken);
		expect(t.sandbox.state.refreshTokens.has(token.refreshToken as string)).toBe(false);
		expect(t.sandbox.state.refreshTokens.has(saved.refresh_token as string)).toBe(true);

		// A second execution starts from the persisted data: no refresh, one request.
		t.sandbox.clearLog();
		const second = await runWorkflow(credentials, { parameters: listActivities });
		expect(second.error).toBeUndefined();
		expect(second.items).toHaveLength(5);
		expect(t.sandbox.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /api/v3/athlete/activities 200']);
	});

	test('six hours on the sandbox clock expire the token; the run refreshes and succeeds', async () => {
		const credentials = t.credentials(['read', 'activity:read_all']);
		t.sandbox.state.clock.advance(6 * 3600_000 + 1000);
		try {
			const result = await runWorkflow(credentials, { parameters: listActivities });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(5);
			expect(tokenCalls()).toHaveLength(1);
			expect(credentials.persisted).toHaveLength(1);
		} finally {
			t.sandbox.state.clock.advance(-(6 * 3600_000 + 1000));
		}
	});

	test('a refresh token that Strava no longer accepts asks the user to reconnect, without looping', async () => {
		const token = t.sandbox.issueToken({ scopes: ['read', 'activity:read_all'], expiresInSeconds: -60 });
		t.sandbox.state.refreshTokens.delete(token.refreshToken);
		const credentials = new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData), nodeTypes);
		const result = await runWorkflow(credentials, { parameters: listActivities });
		expect(result.error?.message).toMatch(/reconnect/i);
		expect(tokenCalls()).toHaveLength(1);
		expect(t.sandbox.apiCalls()).toHaveLength(1);
	});
});

describe('missing scope', () => {
	test('names the scope to tick, says it is not a token problem, and never refreshes', async () => {
		const result = await t.run(listActivities, { scopes: ['read'] });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('"activity:read" permission');
		expect(result.error?.description).toContain('not an expired token');
		expect(result.error?.description).toMatch(/reconnect/);
		expect(result.error?.httpCode).toBe('401');
		expect(tokenCalls()).toHaveLength(0);
		expect(t.sandbox.apiCalls()).toHaveLength(1);
	});

	test('with an expired token too: one refresh, then the scope message (no loop)', async () => {
		const token = t.sandbox.issueToken({ scopes: ['read'], expiresInSeconds: -60 });
		const credentials = new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData), nodeTypes);
		const result = await runWorkflow(credentials, { parameters: listActivities });
		expect(result.error?.message).toContain('"activity:read" permission');
		expect(tokenCalls()).toHaveLength(1);
		expect(t.sandbox.apiCalls()).toHaveLength(2);
	});

	test('under Continue On Fail the error becomes an item linked to its input', async () => {
		const result = await t.run(listActivities, { scopes: ['read'], continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toContain('activity:read');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});
});

/**
 * The OAuth2 client n8n's callback builds from the resolved credential (authentication "body": the secret
 * goes into the token request body), and the authorize URL the Connect button opens.
 */
async function oauthClient(resolved: Record<string, unknown>) {
	const { ClientOAuth2 } = await import('@n8n/client-oauth2');
	const client = new ClientOAuth2({
		clientId: resolved.clientId as string,
		accessTokenUri: resolved.accessTokenUrl as string,
		authorizationUri: resolved.authUrl as string,
		redirectUri: 'http://localhost:5678/rest/oauth2-credential/callback',
		scopes: String(resolved.scope).split(' '),
		authentication: 'body',
	});
	return { client, authorize: new URL(`${client.code.getUri()}&${resolved.authQueryParameters}`) };
}

describe('the OAuth dance n8n performs, against the credential as defined', () => {
	test.each([
		['a new credential with only Client ID and Secret', {}, 'read,activity:read_all,profile:read_all'],
		['the read-and-write preset', { scopePreset: 'read,read_all,activity:read_all,activity:write,profile:read_all,profile:write' }, 'read,read_all,activity:read_all,activity:write,profile:read_all,profile:write'],
		['a custom list, with spaces and a repeat', { scopePreset: 'custom', customScopes: ' read , activity:write,read,' }, 'read,activity:write'],
		['an empty custom list', { scopePreset: 'custom', customScopes: ' , ' }, 'read,activity:read_all,profile:read_all'],
		['a 0.1 credential that saved an empty list', { scopes: [] }, 'read,activity:read_all,profile:read_all'],
		['a 0.1 credential with its own list', { scopes: ['read', 'activity:write'] }, 'read,activity:write'],
		['a 0.1 list plus a custom list', { scopes: ['profile:write'], scopePreset: 'custom', customScopes: 'read' }, 'read,profile:write'],
	])('scope for %s', async (_name, extra, expected) => {
		const stored = { server: t.sandbox.url, clientId: 'id', clientSecret: 'secret', ...extra };
		const { TestCredentialsHelper } = await import('../harness/credentials');
		const { nodeTypes } = await import('../harness/nodes');
		const resolved = new TestCredentialsHelper(stored, nodeTypes).resolve();
		expect(resolved.scope).toBe(expected);
	});

	test('Connect with only Client ID and Secret sends a non-empty scope and Strava grants it', async () => {
		const { TestCredentialsHelper } = await import('../harness/credentials');
		const { nodeTypes } = await import('../harness/nodes');
		const resolved = new TestCredentialsHelper(
			{ server: t.sandbox.url, clientId: t.sandbox.state.clientId, clientSecret: t.sandbox.state.clientSecret },
			nodeTypes,
		).resolve();
		const { authorize } = await oauthClient(resolved);
		expect(authorize.searchParams.get('scope')).toBe('read,activity:read_all,profile:read_all');
		const answer = await fetch(authorize, { redirect: 'manual' });
		const callback = new URL(answer.headers.get('location')!);
		expect(callback.searchParams.get('error')).toBeNull();
		expect(callback.searchParams.get('scope')).toBe('read,activity:read_all,profile:read_all');
	});

	test('authorize and token URLs derive from server; scopes are comma-separated; approval_prompt is sent', async () => {
		const credentials = t.credentials(['read'], { scopes: ['read', 'activity:read_all'], approvalPrompt: 'force' });
		const resolved = credentials.resolve();
		expect(resolved.authUrl).toBe(`${t.sandbox.url}/oauth/authorize`);
		expect(resolved.accessTokenUrl).toBe(`${t.sandbox.url}/oauth/token`);
		expect(resolved.scope).toBe('read,activity:read_all');
		expect(resolved.authQueryParameters).toBe('approval_prompt=force');
		expect(resolved.authentication).toBe('body');

		const { client, authorize } = await oauthClient(resolved);
		expect(authorize.searchParams.get('scope')).toBe('read,activity:read_all');
		expect(authorize.searchParams.get('approval_prompt')).toBe('force');

		t.sandbox.state.deniedScopes = ['activity:read_all'];
		try {
			const answer = await fetch(authorize, { redirect: 'manual' });
			const callback = new URL(answer.headers.get('location')!);
			expect(callback.searchParams.get('scope')).toBe('read');
			const token = await client.code.getToken(callback.toString(), {
				body: { client_id: resolved.clientId, client_secret: resolved.clientSecret },
			});
			const exchange = t.sandbox.log.find((e) => e.path === '/oauth/token')!;
			expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', client_secret: resolved.clientSecret });
			expect(token.data.expires_in).toBe(21600);
			expect(typeof token.data.expires_at).toBe('number');
			// The granted (reduced) scope is what the token carries: activities are refused with the scope message.
			const connected = new TestCredentialsHelper(credentialData(t.sandbox, token.data), nodeTypes);
			const athlete = await runWorkflow(connected, { parameters: { resource: 'request', operation: 'get', path: '/athlete' } });
			expect(athlete.error).toBeUndefined();
			const activities = await runWorkflow(connected, { parameters: listActivities });
			expect(activities.error?.message).toContain('activity:read');
		} finally {
			t.sandbox.state.deniedScopes = [];
		}
	});
});
