import { issueVerifyToken } from '../../nodes/StravaApiTrigger/verifyToken';
import { addForeignSubscription, currentSubscription, ensureActivityRoute, pushEvent, sendValidation, webhookState } from '../sandbox';
import { useSandbox } from '../harness';
import { useWebhookHosts } from '../harness/webhookHosts';
import { failureOf } from '../harness/failure';

/**
 * The editor's "Listen for test event" / "Execute step", run the way n8n 2.x's TestWebhooks runs it
 * (see WebhookHost.listenForTestEvent): Test URL, empty static data, listening ends at the first request
 * that starts an execution, delete() when it ends.
 */
const t = useSandbox((sandbox) => ensureActivityRoute(sandbox));
const ATHLETE = 134815;
const OTHER_ATHLETE = 999001;
const STATE_KEY = 'node:Strava API Trigger';

const startHost = useWebhookHosts(t);

function calls(prefix = '') {
	return t.sandbox.apiCalls(prefix).map((call) => `${call.method} ${call.path}`);
}

describe('listening for a test event', () => {
	test('subscribes the Test URL, answers the validation GET without ending listening, delivers one event, then removes the test subscription', async () => {
		const host = await startHost();
		expect(host.testUrl).toContain('/webhook-test/');

		const listening = await host.listenForTestEvent();

		// The subscription is for the URL Strava will call while the editor listens: the Test URL.
		const subscription = currentSubscription(t.sandbox)!;
		expect(subscription.callback_url).toBe(host.testUrl);
		expect(calls()).toEqual(['GET /api/v3/push_subscriptions', 'GET /api/v3/athlete', 'POST /api/v3/push_subscriptions']);

		// Strava's validation GET came to the Test URL while create() was still waiting, and was answered.
		const [validation] = webhookState(t.sandbox).validations;
		expect(validation.url).toBe(host.testUrl);
		expect(validation.status).toBe(200);
		expect(validation.body).toEqual({ 'hub.challenge': validation.challenge });
		// ...and did not end listening: no execution, no error.
		expect(listening.status).toBe('listening');
		expect(listening.executions).toHaveLength(0);
		expect(host.errors).toHaveLength(0);
		expect(listening.staticData?.[STATE_KEY]).toMatchObject({ subscriptionId: subscription.id, callbackUrl: host.testUrl, ownerId: ATHLETE });

		t.sandbox.clearLog();
		const event = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 31 });
		expect(event.status).toBe(200);
		await expect(listening.waitForEnd()).resolves.toBe('received');

		// Exactly one event reached the editor, in a manual execution.
		expect(listening.executions).toHaveLength(1);
		expect(listening.executions[0]).toMatchObject({ mode: 'manual', items: [{ json: { object_id: 31, subscription_id: subscription.id } }] });
		expect(listening.executions[0].error).toBeUndefined();
		expect(host.executions).toHaveLength(0);

		// Listening ended: n8n called delete(), which removed the test subscription.
		expect(calls('/push_subscriptions')).toEqual([`DELETE /api/v3/push_subscriptions/${subscription.id}`]);
		expect(currentSubscription(t.sandbox)).toBeUndefined();
		expect(listening.deleteErrors).toEqual([]);

		// A later event has nowhere to go (n8n answers 404 for a test URL nobody listens on).
		const late = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 32 }, host.testUrl);
		expect(late.status).toBe(404);
		expect(listening.executions).toHaveLength(1);

		// A manual run saves no static data: the workflow's (production) static data is untouched.
		expect(host.staticData).toEqual({});
	});

	test('requests that start no execution keep listening: a filtered event, a foreign event, a wrong hub.mode', async () => {
		const host = await startHost({ objectTypes: ['activity'], aspectTypes: ['create'], onlyConnectedAthlete: true });
		const listening = await host.listenForTestEvent();
		const subscription = currentSubscription(t.sandbox)!;
		const token = subscription.verify_token;

		const filteredOut = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', owner_id: OTHER_ATHLETE });
		expect(filteredOut.status).toBe(200);
		const otherAspect = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'delete' });
		expect(otherAspect.status).toBe(200);
		const spoofed = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', subscription_id: subscription.id + 7 });
		expect(spoofed.status).toBe(403);

		const target = new URL(host.testUrl);
		target.searchParams.set('hub.mode', 'unsubscribe');
		target.searchParams.set('hub.challenge', 'mode-challenge');
		target.searchParams.set('hub.verify_token', token);
		const wrongMode = await fetch(target);
		expect(wrongMode.status).toBe(403);
		expect(await wrongMode.text()).not.toContain('mode-challenge');

		// Strava re-validating with our token is answered again, and still starts nothing.
		const again = await sendValidation(host.testUrl, token, 'again');
		expect(again).toMatchObject({ status: 200, body: { 'hub.challenge': 'again' } });

		expect(listening.status).toBe('listening');
		expect(listening.executions).toHaveLength(0);
		expect(host.errors).toHaveLength(0);
		expect(currentSubscription(t.sandbox)?.id).toBe(subscription.id);

		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 77 });
		await expect(listening.waitForEnd()).resolves.toBe('received');
		expect(listening.executions.map((run) => run.items[0].json.object_id)).toEqual([77]);
		expect(currentSubscription(t.sandbox)).toBeUndefined();
	});

	test('stopping (or n8n\'s timeout) removes the test subscription; one already gone counts as removed', async () => {
		const host = await startHost();
		const first = await host.listenForTestEvent();
		const subscription = currentSubscription(t.sandbox)!;
		t.sandbox.clearLog();
		await first.stop();
		expect(first.status).toBe('stopped');
		expect(calls('/push_subscriptions')).toEqual([`DELETE /api/v3/push_subscriptions/${subscription.id}`]);
		expect(currentSubscription(t.sandbox)).toBeUndefined();
		expect(first.deleteErrors).toEqual([]);

		// Deleted on Strava's side meanwhile: the 404 is taken as "deleted", not as a failure.
		const second = await host.listenForTestEvent();
		webhookState(t.sandbox).subscriptions.clear();
		await second.stop();
		expect(second.deleteErrors).toEqual([]);
		expect(t.sandbox.apiCalls('/push_subscriptions').filter((call) => call.method === 'DELETE').length).toBe(2);
	});

	test('publishing after testing subscribes the Production URL; its events start production executions', async () => {
		const host = await startHost({ onlyConnectedAthlete: false });
		const listening = await host.listenForTestEvent();
		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 1 });
		await listening.waitForEnd();

		await expect(host.activate()).resolves.toEqual({ created: true });
		const production = currentSubscription(t.sandbox)!;
		expect(production.callback_url).toBe(host.callbackUrl);
		expect(webhookState(t.sandbox).validations.map((entry) => [entry.url, entry.status])).toEqual([
			[host.testUrl, 200],
			[host.callbackUrl, 200],
		]);
		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 2 });
		const [run] = await host.waitForExecutions(1);
		expect(run).toMatchObject({ mode: 'webhook', items: [{ json: { object_id: 2 } }] });
		expect(listening.executions).toHaveLength(1);
	});

	test('while the workflow is published, listening is refused with what to do, and never takes the production subscription', async () => {
		const host = await startHost({ options: { replaceExisting: true } });
		await host.activate();
		const production = currentSubscription(t.sandbox)!;
		const saved = JSON.parse(JSON.stringify(host.staticData));
		t.sandbox.clearLog();

		const error = await failureOf(host.listenForTestEvent());
		expect(error?.message).toContain('Cannot listen for a test event');
		expect(error?.message).toContain(`ID ${production.id}`);
		expect(error?.message).toContain(host.callbackUrl);
		expect(error?.description).toContain('unpublish');
		expect(error?.description).toContain(host.testUrl);
		expect(`${error?.message} ${error?.description}`).not.toContain(t.sandbox.state.clientSecret);

		// Nothing deleted or created (even with "Replace Existing Subscription" on); the production state is untouched.
		expect(calls('/push_subscriptions')).toEqual(['GET /api/v3/push_subscriptions']);
		expect(currentSubscription(t.sandbox)?.id).toBe(production.id);
		expect(host.staticData).toEqual(saved);
		// Listening ended with the error: the Test URL is not served.
		const probe = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create' }, host.testUrl);
		expect(probe.status).toBe(404);
	});

	test('another receiver\'s subscription blocks listening like activation (named, nothing deleted)', async () => {
		const foreign = addForeignSubscription(t.sandbox, 'https://other.example.com/strava/callback');
		const host = await startHost();
		const error = await failureOf(host.listenForTestEvent());
		// The slot-taken error, not the one about this node's own production subscription.
		expect(error?.message).toBe(
			`Strava application ${t.sandbox.state.clientId} already has a push subscription (ID ${foreign.id}) sending events to https://other.example.com/strava/callback`,
		);
		expect(currentSubscription(t.sandbox)?.id).toBe(foreign.id);
	});

	test('a token this node signed for its Production URL is refused on the Test URL (and the other way round)', async () => {
		const host = await startHost();
		const listening = await host.listenForTestEvent();
		const secret = t.sandbox.state.clientSecret;
		const wrongUrl = await sendValidation(host.testUrl, issueVerifyToken(secret, host.callbackUrl));
		expect(wrongUrl.status).toBe(403);
		const right = await sendValidation(host.testUrl, issueVerifyToken(secret, host.testUrl), 'fresh');
		expect(right).toMatchObject({ status: 200, body: { 'hub.challenge': 'fresh' } });
		expect(listening.status).toBe('listening');
		await listening.stop();
	});
});
