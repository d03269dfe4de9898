import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { TestCredentialsHelper, credentialData, nodeTypes, runWorkflow, useSandbox } from '../harness';
import { WebhookHost } from '../harness/webhookServer';
import { webhookState, type StravaSandbox } from '../sandbox';
import type { Fault } from '../sandbox/server';
import { failureOf } from '../harness/failure';

/**
 * Requests the *application* authenticates (client id and secret in the query or form of the push
 * subscription calls the webhook trigger's activation makes, HTTP Basic client_id:secret for Athlete →
 * Revoke Access) fail in ways whose error could carry the secret: Strava (or a proxy in front of it)
 * echoing the request in a JSON error or a text page, redirects whose Location repeats the query, dropped
 * connections. Nothing of the secret, the Basic header value or a token may reach the error (message,
 * description, context, its JSON), the Continue On Fail item or n8n's log.
 */
const t = useSandbox();
const hosts: WebhookHost[] = [];

/** Everything n8n's logger was asked to write while a test ran. */
const logged: string[] = [];
const logger = Container.get(Logger);
const originals = { warn: logger.warn, info: logger.info, error: logger.error, debug: logger.debug };
beforeAll(() => {
	for (const level of ['warn', 'info', 'error', 'debug'] as const) {
		logger[level] = ((message: string, meta?: object) => {
			logged.push(`${level}: ${message} ${JSON.stringify(meta ?? {})}`);
		}) as never;
	}
});
afterAll(() => Object.assign(logger, originals));

afterEach(async () => {
	for (const host of hosts.splice(0)) await host.stop();
	webhookState(t.sandbox).subscriptions.clear();
	webhookState(t.sandbox).validations.length = 0;
	t.sandbox.faults = [];
	logged.length = 0;
});

function credentialsWithToken(sandbox: StravaSandbox) {
	const token = sandbox.issueToken({ scopes: ['read', 'activity:read_all'] });
	const credentials = new TestCredentialsHelper(credentialData(sandbox, token.tokenData), nodeTypes);
	return { credentials, token };
}

/** The values that must never show: the client secret, the Basic header (and its base64 part), the tokens. */
function secretsOf(sandbox: StravaSandbox, tokens: string[]) {
	const basic = Buffer.from(`${sandbox.state.clientId}:${sandbox.state.clientSecret}`).toString('base64');
	return [sandbox.state.clientSecret, basic, `Basic ${basic}`, encodeURIComponent(sandbox.state.clientSecret), ...tokens].filter(Boolean);
}

/** Every text an error exposes: its message, description, context, cause chain, stack and JSON. */
function errorText(error: unknown): string {
	const record = error as Record<string, unknown> & Error;
	const parts: string[] = [String(record?.message), String(record?.description), String(record?.stack)];
	try {
		parts.push(JSON.stringify(record?.context ?? {}));
		parts.push(JSON.stringify(record));
		parts.push(JSON.stringify({ ...record, message: record.message, description: record.description, cause: record.cause }));
	} catch (failure) {
		parts.push(`unserialisable: ${(failure as Error).message}`);
	}
	return parts.join('\n');
}

function expectClean(text: string, secrets: string[]) {
	for (const secret of secrets) expect(text).not.toContain(secret);
	expect(text).not.toMatch(/Bearer [\w.-]{8,}/);
}

interface FaultTarget {
	path: RegExp;
	method: string;
	/** The request's own URL (with client_id and client_secret in the query for GET and DELETE). */
	self: string;
	secret: string;
}

/** The faults of an application request: what Strava, or something in front of it, might answer. */
const APP_FAULTS: Array<[string, (target: FaultTarget) => Fault]> = [
	['a 500 whose JSON error echoes the request', ({ path, method }) => ({ method, path, times: 5, status: 500, echo: 'json' })],
	['a 400 whose JSON error echoes the request', ({ path, method }) => ({ method, path, times: 5, status: 400, echo: 'json' })],
	['a 401 whose JSON error echoes the request', ({ path, method }) => ({ method, path, times: 5, status: 401, echo: 'json' })],
	['a 404 whose JSON error echoes the request', ({ path, method }) => ({ method, path, times: 5, status: 404, echo: 'json' })],
	['a 502 text page that echoes the request', ({ path, method }) => ({ method, path, times: 5, status: 502, echo: 'text' })],
	['a 403 text page that echoes the request', ({ path, method }) => ({ method, path, times: 5, status: 403, echo: 'text' })],
	[
		'a redirect to another host repeating the query',
		({ path, method, self }) => ({ method, path, times: 5, status: 302, echo: 'json', headers: { Location: `https://proxy.example/login?next=${self}` } }),
	],
	['a same-host redirect repeating the query', ({ path, method, self }) => ({ method, path, times: 5, status: 307, echo: 'json', headers: { Location: self } })],
	[
		'a redirect whose Location is no URL but holds the secret',
		({ path, method, secret }) => ({ method, path, times: 5, status: 302, echo: 'text', headers: { Location: `http://[${secret}]:x/` } }),
	],
	['a dropped connection', ({ path, method }) => ({ method, path, times: 5, reset: true })],
	['a body cut off mid-way that repeats the secret', ({ path, method, secret }) => ({ method, path, times: 5, status: 500, truncate: `{"message":"${secret} ` })],
];

function appQuery(sandbox: StravaSandbox) {
	return `client_id=${sandbox.state.clientId}&client_secret=${sandbox.state.clientSecret}`;
}

describe('push subscription requests made by the webhook trigger', () => {
	async function startHost() {
		const { credentials, token } = credentialsWithToken(t.sandbox);
		const host = await new WebhookHost({ credentials, parameters: { onlyConnectedAthlete: false } }).start();
		hosts.push(host);
		return { host, secrets: secretsOf(t.sandbox, [token.accessToken, token.refreshToken]) };
	}

	test.each(APP_FAULTS)('listing the subscriptions at activation fails with %s: no secret in the error or the log', async (_name, make) => {
		const { host, secrets } = await startHost();
		const self = `${t.sandbox.url}/api/v3/push_subscriptions?${appQuery(t.sandbox)}`;
		t.sandbox.faults.push(make({ path: /^\/api\/v3\/push_subscriptions$/, method: 'GET', self, secret: t.sandbox.state.clientSecret }));

		const error = await failureOf(host.activate());
		// The request did reach the sandbox carrying the secret: the fault could echo it.
		const sent = t.sandbox.apiCalls('/push_subscriptions')[0];
		expect(sent.query.client_secret).toBe(t.sandbox.state.clientSecret);
		expect(error.message.length).toBeGreaterThan(10);
		expectClean(errorText(error), secrets);
		expectClean(JSON.stringify(host.failedActivation?.staticData ?? {}), secrets);
		expectClean(JSON.stringify(host.staticData), secrets);
		expectClean(logged.join('\n'), secrets);
	});

	test.each(APP_FAULTS)('creating the subscription fails with %s: no secret in the error or the log', async (_name, make) => {
		const { host, secrets } = await startHost();
		const self = `${t.sandbox.url}/api/v3/push_subscriptions`;
		t.sandbox.faults.push(make({ path: /^\/api\/v3\/push_subscriptions$/, method: 'POST', self, secret: t.sandbox.state.clientSecret }));

		const error = await failureOf(host.activate());
		const sent = t.sandbox.apiCalls('/push_subscriptions').find((call) => call.method === 'POST')!;
		expect(sent.body).toMatchObject({ client_secret: t.sandbox.state.clientSecret });
		expect(error.message.length).toBeGreaterThan(10);
		expectClean(errorText(error), secrets);
		expectClean(JSON.stringify(host.failedActivation?.staticData ?? {}), secrets);
		expectClean(logged.join('\n'), secrets);
	});

	test.each(APP_FAULTS)('deleting the subscription at deactivation fails with %s: no secret in the log or the static data', async (_name, make) => {
		const { host, secrets } = await startHost();
		await host.activate();
		const id = (host.staticData['node:Strava API Trigger'] as { subscriptionId: number }).subscriptionId;
		const self = `${t.sandbox.url}/api/v3/push_subscriptions/${id}?${appQuery(t.sandbox)}`;
		const fault = make({ path: /^\/api\/v3\/push_subscriptions\/\d+$/, method: 'DELETE', self, secret: t.sandbox.state.clientSecret });
		t.sandbox.faults.push(fault);
		logged.length = 0;

		// n8n does not show an error for a failed delete(): the node logs why and keeps its state (a 404
		// means the subscription is already gone: the state is cleared).
		await host.deactivate();
		if ('status' in fault && fault.status === 404) {
			expect(logged.join('\n')).toContain(`Strava push subscription ${id} was already gone`);
			expect(host.staticData['node:Strava API Trigger']).toEqual({});
		} else {
			expect(logged.join('\n')).toContain(`could not delete push subscription ${id}`);
			expect(host.staticData['node:Strava API Trigger']).toMatchObject({ subscriptionId: id });
		}
		expectClean(logged.join('\n'), secrets);
		expectClean(JSON.stringify(host.staticData), secrets);
	});
});

describe('Athlete → Revoke Access (HTTP Basic client_id:client_secret)', () => {
	test.each(APP_FAULTS)('fails with %s: no secret, Basic header or token in the error or the item', async (_name, make) => {
		for (const continueOnFail of [false, true]) {
			const { credentials, token } = credentialsWithToken(t.sandbox);
			const secrets = secretsOf(t.sandbox, [token.accessToken, token.refreshToken]);
			t.sandbox.faults = [make({ path: /^\/oauth\/revoke$/, method: 'POST', self: `${t.sandbox.url}/oauth/revoke`, secret: t.sandbox.state.clientSecret })];
			t.sandbox.clearLog();

			const result = await runWorkflow(credentials, { parameters: { resource: 'athlete', operation: 'revokeAccess' }, continueOnFail });
			// The request went out with the Basic header and the token, so an echo carries them.
			const sent = t.sandbox.log.find((entry) => entry.path === '/oauth/revoke')!;
			expect(sent.headers.authorization).toBe(secrets[2]);
			expect(sent.body).toMatchObject({ token: token.refreshToken });

			expectClean(result.serialized, secrets);
			expectClean(logged.join('\n'), secrets);
			if (continueOnFail) {
				expect(result.error).toBeUndefined();
				const item = result.items[0].json as { error?: string };
				expect(typeof item.error).toBe('string');
				expect(item.error!.length).toBeGreaterThan(10);
				expectClean(JSON.stringify(result.items), secrets);
			} else {
				expect(result.error?.name).toBe('NodeApiError');
				expectClean(errorText(result.error), secrets);
			}
		}
	});
});
