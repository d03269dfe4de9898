import { TestCredentialsHelper, credentialData, nodeTypes, runWorkflow, useSandbox } from '../harness';
import { seedActivities } from '../sandbox';

const t = useSandbox((sandbox) => seedActivities(sandbox, 3));

/** Runs a scenario and checks that no token or secret appears anywhere n8n would show or store. */
async function expectNoSecrets(parameters: Record<string, unknown>, scopes: string[], expiresInSeconds = 21600, continueOnFail = false) {
	const token = t.sandbox.issueToken({ scopes, expiresInSeconds });
	const credentials = new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData), nodeTypes);
	const result = await runWorkflow(credentials, { parameters: parameters as never, continueOnFail });
	const secrets = [token.accessToken, token.refreshToken, t.sandbox.state.clientSecret];
	for (const persisted of credentials.persisted) secrets.push(String(persisted.access_token), String(persisted.refresh_token));
	for (const secret of secrets) expect(result.serialized).not.toContain(secret);
	expect(result.serialized).not.toMatch(/Bearer /);
	return result;
}

test('success output', async () => {
	const result = await expectNoSecrets({ resource: 'request', operation: 'get', path: '/athlete/activities' }, ['activity:read_all']);
	expect(result.items).toHaveLength(3);
});

test('after a refresh', async () => {
	const result = await expectNoSecrets({ resource: 'request', operation: 'get', path: '/athlete' }, ['read'], -60);
	expect(result.error).toBeUndefined();
});

test('scope error', async () => {
	const result = await expectNoSecrets({ resource: 'request', operation: 'get', path: '/athlete/activities' }, ['read']);
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.httpCode).toBe('401');
	expect(result.error?.message).toBe('Strava refused this call: the connection lacks the "activity:read" permission');
	expect(result.items).toEqual([]);
});

test('scope error under Continue On Fail', async () => {
	const result = await expectNoSecrets({ resource: 'request', operation: 'get', path: '/athlete/activities' }, ['read'], 21600, true);
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json.error).toBe('Strava refused this call: the connection lacks the "activity:read" permission');
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
});

test('404 error', async () => {
	const result = await expectNoSecrets({ resource: 'request', operation: 'get', path: '/activities/1/nope' }, ['read']);
	expect(result.error?.httpCode).toBe('404');
});

test('429 error', async () => {
	t.sandbox.state.useUpReadBudget(0);
	const result = await expectNoSecrets({ resource: 'request', operation: 'get', path: '/athlete', rateLimit: { onLimit: 'fail' } }, ['read']);
	expect(result.error?.httpCode).toBe('429');
	t.sandbox.state.usage.quarter = -1;
});
