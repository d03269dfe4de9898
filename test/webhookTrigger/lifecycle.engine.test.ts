import type { INodeParameters, INodeType, IWebhookFunctions } from 'n8n-workflow';

import { StravaApiTrigger } from '../../nodes/StravaApiTrigger/StravaApiTrigger.node';
import { addForeignSubscription, currentSubscription, pushEvent, sendValidation, webhookState } from '../sandbox';
import { useSandbox } from '../harness';
import { registerNodeType } from '../harness/nodes';
import { useLogRecorder } from '../harness/logs';
import { useWebhookHosts } from '../harness/webhookHosts';
import type { WebhookHost } from '../harness/webhookServer';
import { failureOf } from '../harness/failure';

/**
 * The webhook trigger's subscription over its life: n8n's public URL changing after activation, a
 * validation request with another `hub.mode`, a subscription already gone when it is deleted, and what
 * a failed activation leaves in the static data n8n saves.
 */
const t = useSandbox();
const logs = useLogRecorder();
const STATE_KEY = 'node:Strava API Trigger';
const useHosts = useWebhookHosts(t, { onlyConnectedAthlete: false });
const startHost = (parameters?: INodeParameters, type?: string) => useHosts(parameters, { type });

function calls() {
	return t.sandbox.apiCalls('/push_subscriptions').map((call) => `${call.method} ${call.path} ${call.status}`);
}

function nodeState(staticData: Record<string, unknown> | undefined) {
	return (staticData?.[STATE_KEY] ?? {}) as Record<string, unknown>;
}

/** The same address through another host name: what a changed WEBHOOK_URL looks like to Strava. */
function otherPublicUrl(host: WebhookHost) {
	return host.baseUrl.replace('127.0.0.1', 'localhost');
}

describe("n8n's public URL changes after activation", () => {
	test('the next activation notices the subscription points elsewhere and replaces it with one for the new URL', async () => {
		const host = await startHost();
		await host.activate();
		const before = currentSubscription(t.sandbox)!;
		const oldUrl = host.callbackUrl;

		// WEBHOOK_URL changed and n8n restarted: the workflow is activated again with its saved static data.
		host.setPublicUrl(otherPublicUrl(host));
		expect(host.callbackUrl).not.toBe(oldUrl);
		t.sandbox.clearLog();
		await expect(host.activate()).resolves.toEqual({ created: true });

		expect(calls()).toEqual([
			'GET /api/v3/push_subscriptions 200', // checkExists: ours, but for the old URL
			'GET /api/v3/push_subscriptions 200', // create: what is there
			`DELETE /api/v3/push_subscriptions/${before.id} 204`,
			'POST /api/v3/push_subscriptions 201',
		]);
		expect(logs.messages('info')).toContain(
			`Strava push subscription ${before.id} sends events to ${oldUrl}, not to ${host.callbackUrl}; replacing it`,
		);
		const after = currentSubscription(t.sandbox)!;
		expect(webhookState(t.sandbox).subscriptions.size).toBe(1);
		expect(after.id).not.toBe(before.id);
		expect(after.callback_url).toBe(host.callbackUrl);
		expect(nodeState(host.staticData)).toMatchObject({ subscriptionId: after.id, callbackUrl: host.callbackUrl });

		// Events reach the node under the new subscription; the old id is refused.
		const event = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 5 });
		expect(event.status).toBe(200);
		await host.waitForExecutions(1);
		const stale = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', subscription_id: before.id });
		expect(stale.status).toBe(403);
		await host.idle();
		expect(host.executions).toHaveLength(1);
	});

	test('when Strava cannot reach the new URL: the error names it, the old subscription is gone and the saved state holds nothing stale', async () => {
		const host = await startHost();
		await host.activate();
		const before = currentSubscription(t.sandbox)!;
		expect(nodeState(host.staticData).subscriptionId).toBe(before.id);

		host.setPublicUrl('http://127.0.0.1:1'); // nothing listens there
		t.sandbox.clearLog();
		const error = await failureOf(host.activate());
		expect(error?.message).toBe('Strava could not reach n8n at http://127.0.0.1:1/webhook/' + host.callbackUrl.split('/webhook/')[1]);
		expect(currentSubscription(t.sandbox)).toBeUndefined();
		// create() deleted the old subscription before asking for the new one; n8n then ran delete() on the
		// static data it had saved (still naming the old subscription): Strava answered 404, which counts as deleted.
		expect(calls()).toEqual([
			'GET /api/v3/push_subscriptions 200',
			'GET /api/v3/push_subscriptions 200',
			`DELETE /api/v3/push_subscriptions/${before.id} 204`,
			'POST /api/v3/push_subscriptions 400',
			`DELETE /api/v3/push_subscriptions/${before.id} 404`,
		]);
		// What create() left in memory (n8n discards it) and what n8n saved: nothing a later delete() could act on.
		expect(host.failedActivation?.staticData).toEqual({ [STATE_KEY]: {} });
		expect(host.staticData).toEqual({ [STATE_KEY]: {} });

		// Back at the reachable address, activation starts clean.
		host.setPublicUrl(undefined);
		await expect(host.activate()).resolves.toEqual({ created: true });
		expect(currentSubscription(t.sandbox)?.callback_url).toBe(host.callbackUrl);
	});
});

describe('a validation request with another hub.mode', () => {
	test('is refused with 403, does not echo the challenge and starts no execution', async () => {
		const host = await startHost();
		await host.activate();
		const token = currentSubscription(t.sandbox)!.verify_token;
		const executions: unknown[] = [];
		host.onExecution = (execution) => executions.push(execution);

		for (const mode of ['unsubscribe', 'Subscribe', '']) {
			const answer = await sendValidation(host.callbackUrl, token, `challenge-${mode}`, mode);
			expect(answer.status).toBe(403);
			expect(JSON.stringify(answer.body)).not.toContain(`challenge-${mode}`);
			expect(answer.body).toEqual({ message: expect.stringContaining('Validation refused') });
		}
		// The same request with hub.mode=subscribe is answered: only the mode made the difference.
		const ok = await sendValidation(host.callbackUrl, token, 'challenge-ok');
		expect(ok).toMatchObject({ status: 200, body: { 'hub.challenge': 'challenge-ok' } });
		await host.idle();
		expect(executions).toEqual([]);
		expect(host.started).toEqual([]);
		expect(host.errors).toEqual([]);
	});

	test('the harness would count it: a trigger that handed a validation request to the workflow starts exactly one execution', async () => {
		// The check above can fail: the same request to a variant whose webhook() returns workflow data for
		// a GET (the mistake the check guards against) is counted by the same hook.
		const real = new StravaApiTrigger();
		const leaky: INodeType = {
			description: real.description,
			webhookMethods: real.webhookMethods,
			async webhook(this: IWebhookFunctions) {
				const result = await real.webhook.call(this);
				return this.getWebhookName() === 'setup' ? { ...result, workflowData: [[{ json: this.getQueryData() as never }]] } : result;
			},
		};
		registerNodeType('test.leakyStravaTrigger', leaky);
		const host = await startHost({ onlyConnectedAthlete: false }, 'test.leakyStravaTrigger');
		const executions: unknown[] = [];
		host.onExecution = (execution) => executions.push(execution);
		await host.activate(); // Strava's own validation during create: counted too
		await host.idle();
		expect(executions).toHaveLength(1);
		const token = currentSubscription(t.sandbox)!.verify_token;
		await sendValidation(host.callbackUrl, token, 'x', 'unsubscribe');
		await host.idle();
		expect(executions).toHaveLength(2);
	});

	test("during create: Strava's validation arrives with another mode, the node refuses it, activation fails naming why and keeps nothing", async () => {
		const host = await startHost();
		webhookState(t.sandbox).nextValidationMode = 'unsubscribe';
		const error = await failureOf(host.activate());
		expect(logs.messages('warn')).toEqual([
			`Strava API Trigger refused a validation request at ${host.callbackUrl}: hub.mode was not "subscribe"`,
		]);
		expect(error?.message).toContain('this node refused Strava\'s validation request');
		expect(error?.description).toContain('proxies pass it on unchanged');
		const [validation] = webhookState(t.sandbox).validations;
		expect(validation.status).toBe(403);
		expect(currentSubscription(t.sandbox)).toBeUndefined();
		expect(host.failedActivation?.staticData).toEqual({ [STATE_KEY]: {} });
		expect(host.staticData).toEqual({ [STATE_KEY]: {} });
		await host.idle();
		expect(host.started).toEqual([]);
	});
});

describe('the subscription this node saved is gone and another receiver holds the slot', () => {
	test('activation notices, keeps nothing of the old subscription and names the holder', async () => {
		const host = await startHost();
		await host.activate();
		const ours = currentSubscription(t.sandbox)!;
		webhookState(t.sandbox).subscriptions.clear();
		const foreign = addForeignSubscription(t.sandbox, 'https://other.example.com/strava/callback');
		t.sandbox.clearLog();

		const error = await failureOf(host.activate());
		expect(error?.message).toBe(
			`Strava application ${t.sandbox.state.clientId} already has a push subscription (ID ${foreign.id}) sending events to https://other.example.com/strava/callback`,
		);
		expect(logs.messages('info')).toContain(`Strava push subscription ${ours.id} no longer exists; creating a new one`);
		// checkExists, create; then n8n's delete() on the static data it had saved (the vanished id): 404, deleted.
		expect(calls()).toEqual([
			'GET /api/v3/push_subscriptions 200',
			'GET /api/v3/push_subscriptions 200',
			`DELETE /api/v3/push_subscriptions/${ours.id} 404`,
		]);
		// Nothing left that names the vanished subscription, in memory or saved.
		expect(host.failedActivation?.staticData).toEqual({ [STATE_KEY]: {} });
		expect(host.staticData).toEqual({ [STATE_KEY]: {} });
		expect(currentSubscription(t.sandbox)?.id).toBe(foreign.id);
	});
});

describe('deleting a subscription that is already gone', () => {
	test('Strava answers 404: deactivation succeeds and clears the state, so the next activation creates a new one', async () => {
		const host = await startHost();
		await host.activate();
		const id = currentSubscription(t.sandbox)!.id;
		// Someone deleted it on Strava's side (curl, another receiver with "Replace Existing Subscription").
		webhookState(t.sandbox).subscriptions.clear();
		t.sandbox.clearLog();

		await expect(host.deactivate()).resolves.toBeUndefined();
		expect(calls()).toEqual([`DELETE /api/v3/push_subscriptions/${id} 404`]);
		expect(logs.messages('warn')).toEqual([]);
		expect(host.staticData).toEqual({ [STATE_KEY]: {} });

		t.sandbox.clearLog();
		await expect(host.activate()).resolves.toEqual({ created: true });
		// No stale id to check: straight to create.
		expect(calls()).toEqual(['GET /api/v3/push_subscriptions 200', 'POST /api/v3/push_subscriptions 201']);
	});

	test('any other failure (500) keeps the state, so the next activation finds the subscription and reuses it', async () => {
		const host = await startHost();
		await host.activate();
		const id = currentSubscription(t.sandbox)!.id;
		t.sandbox.faults.push({ method: 'DELETE', path: /push_subscriptions/, times: 10, status: 500 });

		await host.deactivate();
		expect(logs.messages('warn')).toEqual([
			expect.stringMatching(new RegExp(`^Strava API Trigger could not delete push subscription ${id}: .+`)),
		]);
		expect(nodeState(host.staticData)).toMatchObject({ subscriptionId: id });
		expect(currentSubscription(t.sandbox)?.id).toBe(id);

		t.sandbox.faults = [];
		t.sandbox.clearLog();
		await expect(host.activate()).resolves.toEqual({ created: false });
		expect(calls()).toEqual(['GET /api/v3/push_subscriptions 200']);
	});
});

describe('a subscription saved before the trigger remembered the connected athlete', () => {
	test("the first event looks the athlete up once and keeps it; another athlete's event is still filtered out", async () => {
		const host = await startHost({ onlyConnectedAthlete: true });
		await host.activate();
		// Static data as an earlier version of the node saved it: no ownerId.
		delete (host.staticData[STATE_KEY] as Record<string, unknown>).ownerId;
		const athlete = t.sandbox.state.athlete.id as number;
		const lookups = () => t.sandbox.apiCalls('/athlete').filter((call) => call.apiPath === '/athlete').length;
		const before = lookups();

		const ours = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 7 });
		expect(ours.status).toBe(200);
		await host.idle();
		expect(host.started.map((execution) => execution.items[0]?.json.object_id)).toEqual([7]);
		expect(lookups()).toBe(before + 1);
		expect(nodeState(host.staticData).ownerId).toBe(athlete);

		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 8, owner_id: athlete + 1 });
		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 9 });
		await host.idle();
		expect(host.started.map((execution) => execution.items[0]?.json.object_id)).toEqual([7, 9]);
		expect(lookups()).toBe(before + 1);
	});
});
