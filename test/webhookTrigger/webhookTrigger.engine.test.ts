import { issueVerifyToken } from '../../nodes/StravaApiTrigger/verifyToken';
import {
	addActivity,
	addForeignSubscription,
	currentSubscription,
	ensureActivityRoute,
	pushEvent,
	sendValidation,
	webhookState,
} from '../sandbox';
import { useSandbox } from '../harness';
import { useWebhookHosts } from '../harness/webhookHosts';

const t = useSandbox((sandbox) => ensureActivityRoute(sandbox));
const ATHLETE = 134815;
const OTHER_ATHLETE = 999001;

const STATE_KEY = 'node:Strava API Trigger';

function nodeState(staticData: Record<string, unknown>) {
	return (staticData[STATE_KEY] ?? {}) as Record<string, unknown>;
}

const startHost = useWebhookHosts(t);

function calls(prefix = '') {
	return t.sandbox.apiCalls(prefix).map((call) => `${call.method} ${call.path}`);
}

describe('subscription lifecycle', () => {
	test('activation creates the push subscription (form-encoded, app-authenticated), Strava validates it, deactivation deletes it', async () => {
		const host = await startHost();
		expect(host.staticData).toEqual({});

		await expect(host.activate()).resolves.toEqual({ created: true });

		const subscription = currentSubscription(t.sandbox)!;
		expect(subscription.callback_url).toBe(host.callbackUrl);
		expect(calls()).toEqual(['GET /api/v3/push_subscriptions', 'GET /api/v3/athlete', 'POST /api/v3/push_subscriptions']);
		const create = t.sandbox.apiCalls('/push_subscriptions').find((call) => call.method === 'POST')!;
		expect(create.contentType).toContain('application/x-www-form-urlencoded');
		expect(create.body).toMatchObject({
			client_id: t.sandbox.state.clientId,
			client_secret: t.sandbox.state.clientSecret,
			callback_url: host.callbackUrl,
		});
		// The athlete's Bearer token never goes to the application endpoints.
		for (const call of t.sandbox.apiCalls('/push_subscriptions')) expect(call.headers.authorization).toBeUndefined();

		// Strava's validation GET reached the node while n8n had not yet saved the new static data, and passed.
		const [validation] = webhookState(t.sandbox).validations;
		expect(validation.status).toBe(200);
		expect(validation.body).toEqual({ 'hub.challenge': validation.challenge });
		expect(validation.ms).toBeLessThan(2000);
		// The validation GET started no execution (n8n would start one for a request that returns workflow
		// data, or whose webhook() throws; lifecycle.engine.test.ts shows the harness counts one then).
		await host.idle();
		expect(host.started).toHaveLength(0);
		expect(host.errors).toHaveLength(0);

		const saved = host.staticData['node:Strava API Trigger'] as Record<string, unknown>;
		expect(saved).toMatchObject({ subscriptionId: subscription.id, ownerId: ATHLETE, callbackUrl: host.callbackUrl });
		expect(saved.verifyToken).toBe(subscription.verify_token);
		expect(JSON.stringify(host.staticData)).not.toContain(t.sandbox.state.clientSecret);

		// A restart (activation with saved static data) finds the subscription and keeps it.
		t.sandbox.clearLog();
		await expect(host.activate()).resolves.toEqual({ created: false });
		expect(calls()).toEqual(['GET /api/v3/push_subscriptions']);
		expect(currentSubscription(t.sandbox)?.id).toBe(subscription.id);

		t.sandbox.clearLog();
		await host.deactivate();
		expect(calls()).toEqual([`DELETE /api/v3/push_subscriptions/${subscription.id}`]);
		const deletion = t.sandbox.apiCalls('/push_subscriptions')[0];
		expect(deletion.query).toMatchObject({ client_id: t.sandbox.state.clientId, client_secret: t.sandbox.state.clientSecret });
		expect(currentSubscription(t.sandbox)).toBeUndefined();
		expect(host.staticData[STATE_KEY]).toEqual({});
	});

	test('when Strava cannot reach the callback, activation fails with what to fix and keeps nothing', async () => {
		const host = await startHost();
		await host.stop();
		const error = await host.activate().then(
			() => undefined,
			(failure: Error & { description?: string }) => failure,
		);
		expect(error?.message).toContain(`Strava could not reach n8n at ${host.callbackUrl}`);
		expect(error?.description).toContain('GET to callback URL does not return 200');
		expect(error?.description).toContain('WEBHOOK_URL');
		expect(`${error?.message} ${error?.description}`).not.toContain(t.sandbox.state.clientSecret);
		expect(currentSubscription(t.sandbox)).toBeUndefined();
		// What create() left in memory (n8n discards it, and delete() runs on the saved static data) holds
		// nothing a later delete() could act on; the saved static data holds nothing either (it held nothing
		// before: lifecycle.engine.test.ts has the case where it named an earlier subscription).
		expect(host.failedActivation?.staticData).toEqual({ [STATE_KEY]: {} });
		expect(nodeState(host.staticData)).toEqual({});
	});

	test('a subscription that vanished on Strava is recreated on the next activation', async () => {
		const host = await startHost();
		await host.activate();
		webhookState(t.sandbox).subscriptions.clear();
		await expect(host.activate()).resolves.toEqual({ created: true });
		expect(currentSubscription(t.sandbox)?.callback_url).toBe(host.callbackUrl);
	});
});

describe('validation requests', () => {
	test('only our verify token gets the challenge back; anything else gets 403', async () => {
		const host = await startHost();
		await host.activate();
		const stored = currentSubscription(t.sandbox)!.verify_token;

		const ok = await sendValidation(host.callbackUrl, stored, 'challenge-1');
		expect(ok.status).toBe(200);
		expect(ok.body).toEqual({ 'hub.challenge': 'challenge-1' });

		const wrong = await sendValidation(host.callbackUrl, 'not-our-token', 'challenge-2');
		expect(wrong.status).toBe(403);
		expect(JSON.stringify(wrong.body)).not.toContain('challenge-2');

		const [issued, nonce] = stored.split('.');
		const forged = await sendValidation(host.callbackUrl, `${issued}.${nonce}.${'0'.repeat(32)}`);
		expect(forged.status).toBe(403);

		// A token signed with the app's secret is accepted alone only while fresh (the activation window).
		const secret = t.sandbox.state.clientSecret;
		const stale = await sendValidation(host.callbackUrl, issueVerifyToken(secret, host.callbackUrl, Date.now() - 3600_000));
		expect(stale.status).toBe(403);
		const otherUrl = await sendValidation(host.callbackUrl, issueVerifyToken(secret, 'https://elsewhere.example/webhook'));
		expect(otherUrl.status).toBe(403);
		// Signed by this node, but for its Test URL: not accepted on the Production URL.
		const testUrlToken = await sendValidation(host.callbackUrl, issueVerifyToken(secret, host.testUrl));
		expect(testUrlToken.status).toBe(403);
		// None of these requests started an execution, and none made webhook() throw (which would start a failed one).
		await host.idle();
		expect(host.started).toHaveLength(0);
		expect(host.errors).toHaveLength(0);
	});
});

describe('events', () => {
	test('an event with a spoofed or missing subscription id is rejected and starts no execution', async () => {
		const host = await startHost({ onlyConnectedAthlete: false });
		await host.activate();
		const ours = currentSubscription(t.sandbox)!.id;

		const spoofed = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', subscription_id: ours + 1 });
		expect(spoofed.status).toBe(403);
		const missing = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', subscription_id: undefined as never });
		expect(missing.status).toBe(403);
		expect(host.executions).toHaveLength(0);

		const genuine = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 42 });
		expect(genuine.status).toBe(200);
		await host.waitForExecutions(1);
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].items[0].json).toMatchObject({ object_id: 42, subscription_id: ours, aspect_type: 'create' });
	});

	test('filters: object, aspect and the connected athlete (every event is still acknowledged)', async () => {
		const host = await startHost({
			objectTypes: ['activity'],
			aspectTypes: ['create'],
			includeDeauthorizations: false,
			onlyConnectedAthlete: true,
		});
		await host.activate();

		const sent = [
			await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 1 }),
			await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'update', object_id: 2, updates: { title: 'x' } }),
			await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'delete', object_id: 3 }),
			await pushEvent(t.sandbox, { object_type: 'athlete', aspect_type: 'update', updates: { authorized: 'false' } }),
			await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 5, owner_id: OTHER_ATHLETE }),
		];
		expect(sent.map((result) => result.status)).toEqual([200, 200, 200, 200, 200]);
		// Every event was acknowledged; wait until each webhook() has returned (bounded), then count.
		await host.idle();
		expect(host.executions.map((run) => run.items[0].json.object_id)).toEqual([1]);
	});

	test('filters: athlete updates of any athlete when the connected-athlete option is off', async () => {
		const host = await startHost({
			objectTypes: ['athlete'],
			aspectTypes: ['update'],
			includeDeauthorizations: false,
			onlyConnectedAthlete: false,
		});
		await host.activate();
		// No GET /athlete at activation when the option is off.
		expect(calls('/athlete')).toEqual([]);

		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 9, owner_id: OTHER_ATHLETE });
		await pushEvent(t.sandbox, { object_type: 'athlete', aspect_type: 'update', object_id: OTHER_ATHLETE, owner_id: OTHER_ATHLETE, updates: { weight: '70' } });
		await pushEvent(t.sandbox, { object_type: 'athlete', aspect_type: 'update', object_id: OTHER_ATHLETE, owner_id: OTHER_ATHLETE, updates: { authorized: 'false' } });
		await host.waitForExecutions(1);
		// Every event was acknowledged; wait until each webhook() has returned (bounded), then count.
		await host.idle();
		expect(host.executions.map((run) => run.items[0].json.updates)).toEqual([{ weight: '70' }]);
	});

	test('deauthorizations are their own choice, independent of Objects and Aspects', async () => {
		const host = await startHost({
			objectTypes: ['activity'],
			aspectTypes: ['create', 'update', 'delete'],
			includeDeauthorizations: true,
			onlyConnectedAthlete: true,
		});
		await host.activate();

		await pushEvent(t.sandbox, { object_type: 'athlete', aspect_type: 'update', updates: { weight: '71' } });
		await pushEvent(t.sandbox, { object_type: 'athlete', aspect_type: 'update', updates: { authorized: 'false' }, owner_id: OTHER_ATHLETE, object_id: OTHER_ATHLETE });
		await pushEvent(t.sandbox, { object_type: 'athlete', aspect_type: 'update', updates: { authorized: 'false' } });
		await host.waitForExecutions(1);
		// Every event was acknowledged; wait until each webhook() has returned (bounded), then count.
		await host.idle();
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].items[0].json).toMatchObject({ object_type: 'athlete', owner_id: ATHLETE, updates: { authorized: 'false' } });
	});
});

describe('one subscription per application', () => {
	const FOREIGN_URL = 'https://other-n8n.example.com/webhook/abc/webhook';

	test('activation fails while another subscription exists, naming its callback URL and how to free it', async () => {
		const foreign = addForeignSubscription(t.sandbox, FOREIGN_URL);
		const host = await startHost();

		const error = await host.activate().then(
			() => undefined,
			(failure: Error & { description?: string }) => failure,
		);
		expect(error?.message).toContain(FOREIGN_URL);
		expect(error?.message).toContain(`ID ${foreign.id}`);
		expect(error?.description).toContain('one push subscription per application');
		expect(error?.description).toContain('Replace Existing Subscription');
		expect(JSON.stringify({ ...error, message: error?.message, description: error?.description })).not.toContain(t.sandbox.state.clientSecret);
		// Nothing was deleted or created.
		expect(calls()).toEqual(['GET /api/v3/push_subscriptions']);
		expect(currentSubscription(t.sandbox)?.id).toBe(foreign.id);
	});

	test('"Replace Existing Subscription" deletes exactly that subscription by id, then creates ours', async () => {
		const foreign = addForeignSubscription(t.sandbox, FOREIGN_URL);
		const host = await startHost({ options: { replaceExisting: true } });

		await expect(host.activate()).resolves.toEqual({ created: true });
		expect(calls('/push_subscriptions')).toEqual([
			'GET /api/v3/push_subscriptions',
			`DELETE /api/v3/push_subscriptions/${foreign.id}`,
			'POST /api/v3/push_subscriptions',
		]);
		const ours = currentSubscription(t.sandbox)!;
		expect(ours.id).not.toBe(foreign.id);
		expect(ours.callback_url).toBe(host.callbackUrl);
		expect([...webhookState(t.sandbox).subscriptions.keys()]).toEqual([ours.id]);
	});
});

describe('full activity under a slow API', () => {
	test('the acknowledgement comes at once although GET /activities/{id} takes 3 s; the activity arrives afterwards', async () => {
		addActivity(t.sandbox, 777, '2026-05-01T07:00:00Z', { name: 'Slow fetch ride' });
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/activities\/777$/, times: 1, delayMs: 3000 });

		const ack = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 777 });
		expect(ack.status).toBe(200);
		expect(ack.ms).toBeLessThan(2000);

		const [run] = await host.waitForExecutions(1, 15_000);
		expect(run.items[0].json).toMatchObject({ object_id: 777, activity: { id: 777, name: 'Slow fetch ride' } });
		expect(run.ms).toBeGreaterThanOrEqual(3000);
		console.log(
			`[webhook] acknowledgement under a slow API: ${ack.ms} ms (Strava's limit 2000 ms); GET /activities/777 delayed 3000 ms, execution started after ${run.ms} ms`,
		);
	});

	test('a failed fetch still delivers the event, with the reason; delete events are not fetched', async () => {
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		t.sandbox.clearLog();

		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'update', object_id: 424242 });
		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'delete', object_id: 777 });
		await host.waitForExecutions(2);
		const [updated, deleted] = host.executions.map((run) => run.items[0].json);
		expect(updated).toMatchObject({ object_id: 424242, activity: null });
		expect(String(updated.activity_error)).toMatch(/404|Not Found/i);
		expect(deleted).toMatchObject({ object_id: 777, aspect_type: 'delete' });
		expect(deleted.activity).toBeUndefined();
		expect(calls('/activities')).toEqual(['GET /api/v3/activities/424242']);
	});
});
