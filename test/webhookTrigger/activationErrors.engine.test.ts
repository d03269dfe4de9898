import http from 'http';
import type { AddressInfo } from 'net';
import type { INodeParameters } from 'n8n-workflow';

import { issueVerifyToken } from '../../nodes/StravaApiTrigger/verifyToken';
import { addForeignSubscription, currentSubscription, ensureActivityRoute, pushEvent, webhookState } from '../sandbox';
import { useSandbox } from '../harness';
import { WebhookHost } from '../harness/webhookServer';
import { failureOf } from '../harness/failure';

/** Activation errors that name their real cause, and the trigger's other edge cases. */
const t = useSandbox((sandbox) => ensureActivityRoute(sandbox));
const STATE_KEY = 'node:Strava API Trigger';

const hosts: WebhookHost[] = [];
const servers: http.Server[] = [];

async function startHost(parameters: INodeParameters = {}, publicUrl?: string): Promise<WebhookHost> {
	const host = await new WebhookHost({ credentials: t.credentials(), parameters, publicUrl }).start();
	hosts.push(host);
	return host;
}

/** Some other web server at n8n's public address (a proxy's default page, a login page...). */
async function otherServer(status: number, body: string): Promise<string> {
	const server = http.createServer((_req, res) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(body));
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
	for (const host of hosts.splice(0)) await host.stop();
	for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
	const state = webhookState(t.sandbox);
	state.subscriptions.clear();
	state.validations.length = 0;
	state.beforeNextCreate = undefined;
	state.nextValidationToken = undefined;
	t.sandbox.faults = [];
});

function calls(prefix = '') {
	return t.sandbox.apiCalls(prefix).map((call) => `${call.method} ${call.path}`);
}

function nodeState(staticData: Record<string, unknown> | undefined) {
	return (staticData?.[STATE_KEY] ?? {}) as Record<string, unknown>;
}

function expectNoSecret(error: { message?: string; description?: string } | undefined) {
	expect(JSON.stringify({ ...error, message: error?.message, description: error?.description })).not.toContain(t.sandbox.state.clientSecret);
}

describe('activation errors name their cause', () => {
	test('an inactive app (owner without a Strava subscription) is named as such, with the fix on strava.com', async () => {
		const host = await startHost();
		t.sandbox.state.appInactive = true;
		try {
			const error = await failureOf(host.activate());
			expect(error?.constructor.name).toBe('NodeApiError');
			expect(error?.httpCode).toBe('403');
			expect(error?.message).toBe('Your Strava API application is inactive: its owner needs a Strava subscription');
			expect(error?.description).toContain('strava.com/settings/api');
			expect(error?.description).toContain('Reconnecting or refreshing this credential will not help');
			expectNoSecret(error);
		} finally {
			t.sandbox.state.appInactive = false;
		}
		expect(currentSubscription(t.sandbox)).toBeUndefined();
	});

	test('an answer that is not an activity (HTML) becomes activity_error on the item, never the activity', async () => {
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		t.sandbox.faults.push({ method: 'GET', path: /\/activities\/77$/, times: 5, status: 200, raw: '<html><body>Maintenance</body></html>', headers: { 'Content-Type': 'text/html' } });
		const delivery = await pushEvent(t.sandbox, { object_id: 77, aspect_type: 'create', object_type: 'activity' });
		expect(delivery.status).toBe(200);
		const [run] = await host.waitForExecutions(1);
		expect(run.items[0].json.activity).toBeNull();
		expect(String(run.items[0].json.activity_error)).toContain('is not what this endpoint returns');
	});

	test('an inactive app: an event with Include Full Activity is acknowledged and carries the inactive-app error on its item', async () => {
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		t.sandbox.state.appInactive = true;
		try {
			const delivery = await pushEvent(t.sandbox, { object_id: 1, aspect_type: 'create', object_type: 'activity' });
			expect(delivery.status).toBe(200);
			const [run] = await host.waitForExecutions(1);
			expect(run.items[0].json).toMatchObject({
				activity: null,
				activity_error: 'Your Strava API application is inactive: its owner needs a Strava subscription',
			});
		} finally {
			t.sandbox.state.appInactive = false;
		}
	});

	test('validation refused by the node: the request reached n8n, the node says why it refused it', async () => {
		const host = await startHost();
		// The validation GET arrives with a verify token this node did not issue.
		webhookState(t.sandbox).nextValidationToken = 'k1x2y3.0123456789abcdef.ffffffffffffffffffffffffffffffff';

		const error = await failureOf(host.activate());
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toBe(
			`Strava could not verify ${host.callbackUrl}: this node refused Strava's validation request (the verify token was not one this node issued)`,
		);
		expect(error?.description).toContain('GET to callback URL does not return 200');
		expect(error?.description).toContain(`reached n8n at ${host.callbackUrl}`);
		// n8n was reachable: its public address is not the problem.
		expect(error?.description).not.toContain('WEBHOOK_URL');
		expectNoSecret(error);
		expect(webhookState(t.sandbox).validations[0].status).toBe(403);
		expect(currentSubscription(t.sandbox)).toBeUndefined();
	});

	test('validation refused on the Test URL for a token signed for the Production URL names the URL mix-up', async () => {
		const host = await startHost();
		webhookState(t.sandbox).nextValidationToken = issueVerifyToken(t.sandbox.state.clientSecret, host.callbackUrl);
		const error = await failureOf(host.listenForTestEvent());
		expect(error?.message).toContain("the verify token was issued for another of this node's URLs");
		expect(error?.description).toContain(`it was signed for ${host.callbackUrl}, the request arrived on ${host.testUrl}`);
		expect(error?.description).toContain('/webhook-test/');
		expect(error?.description).not.toContain('WEBHOOK_URL');
	});

	test('not verifiable: something other than n8n answers 200 at the public address', async () => {
		const elsewhere = await otherServer(200, '{"status":"ok"}');
		const host = await startHost({}, elsewhere);

		const error = await failureOf(host.activate());
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(error?.message).toBe(`Strava could not verify ${host.callbackUrl}: the answer at that address did not echo hub.challenge`);
		expect(error?.description).toContain('not verifiable');
		expect(error?.description).toContain('this n8n did not receive');
		expect(error?.description).not.toContain('WEBHOOK_URL');
		expectNoSecret(error);
		expect(webhookState(t.sandbox).validations[0]).toMatchObject({ status: 200, url: host.callbackUrl });
	});

	test('unreachable: Strava could not GET the callback; the error says the URL must be public https and names WEBHOOK_URL', async () => {
		const nothingThere = await otherServer(404, '{"message":"not found"}');
		const host = await startHost({}, nothingThere);

		const error = await failureOf(host.activate());
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(error?.message).toBe(`Strava could not reach n8n at ${host.callbackUrl}`);
		expect(error?.description).toContain('GET to callback URL does not return 200');
		expect(error?.description).toContain('public https');
		expect(error?.description).toContain('WEBHOOK_URL');
		expect(error?.description).toContain('127.0.0.1 is a private address');
		expect(error?.description).toContain('it is not https');
		expectNoSecret(error);
	});

	test('slot taken between our check and our create ("already exists"): names the holder\'s URL and ID and how to free it', async () => {
		const host = await startHost();
		let foreignId = 0;
		webhookState(t.sandbox).beforeNextCreate = () => {
			foreignId = addForeignSubscription(t.sandbox, 'https://late.example.com/hook').id;
		};

		const error = await failureOf(host.activate());
		expect(error?.message).toBe(
			`Strava application ${t.sandbox.state.clientId} already has a push subscription (ID ${foreignId}) sending events to https://late.example.com/hook`,
		);
		expect(error?.description).toContain(`curl -X DELETE`);
		expect(error?.description).toContain(`/push_subscriptions/${foreignId}?client_id=${t.sandbox.state.clientId}&client_secret=<your client secret>`);
		expect(error?.description).toContain('Replace Existing Subscription');
		expectNoSecret(error);
		expect(webhookState(t.sandbox).validations).toHaveLength(0);
	});

	test('slot held by this node\'s own Test URL (editor listening): production activation says so', async () => {
		const host = await startHost();
		const listening = await host.listenForTestEvent();
		const error = await failureOf(host.activate());
		expect(error?.message).toContain(host.testUrl);
		expect(error?.description).toContain('belongs to this same trigger node');
		expect(error?.description).toContain('stop listening');
		await listening.stop();
		await expect(host.activate()).resolves.toEqual({ created: true });
	});
});

describe('create answers the node cannot take at face value', () => {
	test('Strava accepts the create but its answer has no subscription id: the activation fails saying so', async () => {
		const host = await startHost();
		t.sandbox.faults.push({ method: 'POST', path: /push_subscriptions$/, times: 1, status: 201, body: {} });
		const error = await failureOf(host.activate());
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Strava did not return the id of the new push subscription');
		expect(error?.description).toBe("Strava accepted the request but its answer had no subscription ID. Try again; if it persists, check the credential's API host setting.");
		expect(nodeState(host.staticData).subscriptionId).toBeUndefined();
	});

	test('"already exists" while the list shows no other subscription: the app\'s one slot is named, with how to free it', async () => {
		const host = await startHost();
		t.sandbox.faults.push({ method: 'POST', path: /push_subscriptions$/, times: 1, status: 400, body: { message: 'Bad Request', errors: [{ resource: 'PushSubscription', field: '', code: 'already exists' }] } });
		const error = await failureOf(host.activate());
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(error?.message).toBe(`Strava application ${t.sandbox.state.clientId} already has a push subscription`);
		expect(error?.description).toContain('Strava allows one push subscription per application');
		expect(error?.description).toContain(`/push_subscriptions?client_id=${t.sandbox.state.clientId}&client_secret=<your client secret>`);
		expect(error?.description).toContain('Replace Existing Subscription');
		expectNoSecret(error);
	});

	test('the node echoed hub.challenge but a proxy changed the answer: Strava refuses, and the error says the node did answer', async () => {
		const host = await startHost();
		// A reverse proxy in front of n8n that rewrites JSON answers (wraps them).
		const proxy = http.createServer(async (req, res) => {
			const upstream = await fetch(`${host.baseUrl}${req.url}`, { method: req.method });
			const text = await upstream.text();
			res.writeHead(upstream.status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: JSON.parse(text || '{}') }));
		});
		servers.push(proxy);
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		host.setPublicUrl(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);

		const error = await failureOf(host.activate());
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(error?.message).toBe(`Strava did not accept the node's answer to its validation request at ${host.callbackUrl}`);
		expect(error?.description).toContain('n8n received Strava\'s validation GET and echoed hub.challenge, but Strava still refused');
		expect(error?.description).toContain('rewrites the response body');
		expectNoSecret(error);
	});
});

describe('known gaps', () => {
	test('n8n\'s public URL changed after activation: checkExists notices, the old subscription is replaced', async () => {
		const host = await startHost({ onlyConnectedAthlete: false });
		await host.activate();
		const old = currentSubscription(t.sandbox)!;
		const oldUrl = host.callbackUrl;

		// Same n8n, now known under another public address (WEBHOOK_URL changed, n8n restarted).
		host.setPublicUrl(host.baseUrl.replace('127.0.0.1', 'localhost'));
		expect(host.callbackUrl).not.toBe(oldUrl);
		t.sandbox.clearLog();
		await expect(host.activate()).resolves.toEqual({ created: true });

		expect(calls('/push_subscriptions')).toEqual([
			'GET /api/v3/push_subscriptions',
			'GET /api/v3/push_subscriptions',
			`DELETE /api/v3/push_subscriptions/${old.id}`,
			'POST /api/v3/push_subscriptions',
		]);
		const renewed = currentSubscription(t.sandbox)!;
		expect(renewed.callback_url).toBe(host.callbackUrl);
		expect(nodeState(host.staticData)).toMatchObject({ subscriptionId: renewed.id, callbackUrl: host.callbackUrl });

		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 5 });
		await host.waitForExecutions(1);
	});

	test('a validation request with a wrong hub.mode gets 403 and starts no execution', async () => {
		const host = await startHost();
		await host.activate();
		const token = currentSubscription(t.sandbox)!.verify_token;
		for (const mode of ['unsubscribe', '']) {
			const target = new URL(host.callbackUrl);
			if (mode) target.searchParams.set('hub.mode', mode);
			target.searchParams.set('hub.challenge', 'c-123');
			target.searchParams.set('hub.verify_token', token);
			const answer = await fetch(target);
			expect(answer.status).toBe(403);
			expect(await answer.text()).not.toContain('c-123');
		}
		expect(host.executions).toHaveLength(0);
		expect(host.errors).toHaveLength(0);
	});

	test('deactivating when the subscription is already gone (404) counts as deleted and clears the state', async () => {
		const host = await startHost();
		await host.activate();
		const id = currentSubscription(t.sandbox)!.id;
		webhookState(t.sandbox).subscriptions.clear();
		t.sandbox.clearLog();

		await expect(host.deactivate()).resolves.toBeUndefined();
		expect(calls('/push_subscriptions')).toEqual([`DELETE /api/v3/push_subscriptions/${id}`]);
		expect(nodeState(host.staticData)).toEqual({});
		await expect(host.activate()).resolves.toEqual({ created: true });
	});

	test('a failed activation leaves nothing in static data, in memory or saved, and no subscription', async () => {
		const host = await startHost();
		await host.activate();
		const first = currentSubscription(t.sandbox)!;
		expect(nodeState(host.staticData).subscriptionId).toBe(first.id);

		// The subscription vanished on Strava, and n8n is not reachable any more under its public address.
		webhookState(t.sandbox).subscriptions.clear();
		host.setPublicUrl(await otherServer(502, '{"message":"bad gateway"}'));
		const error = await failureOf(host.activate());
		expect(error?.message).toContain('Strava could not reach n8n');

		// In memory (what create() left, which n8n discards and which delete() would see in test mode):
		expect(host.failedActivation?.staticData).toEqual({ [STATE_KEY]: {} });
		// Saved: n8n ran delete() on the previously saved state (subscription already gone → deleted) and saved the result.
		expect(host.staticData).toEqual({ [STATE_KEY]: {} });
		expect(currentSubscription(t.sandbox)).toBeUndefined();
	});

	test('a failed delete (Strava down) keeps the state, so the next activation finds the subscription again', async () => {
		const host = await startHost();
		await host.activate();
		const id = currentSubscription(t.sandbox)!.id;
		t.sandbox.faults.push({ method: 'DELETE', path: /push_subscriptions/, times: 10, status: 503 });
		await expect(host.deactivate()).resolves.toBeUndefined();
		expect(nodeState(host.staticData).subscriptionId).toBe(id);
		t.sandbox.faults = [];
		await expect(host.activate()).resolves.toEqual({ created: false });
	});
});
