/**
 * How the webhook trigger reads Strava's refusal of `POST /push_subscriptions` when this n8n saw no validation
 * request, and what it logs while it replaces, creates and fetches. Cases found by mutation testing
 * (docs/testing.md): each wording Strava uses for an unreachable callback on its own, a refusal that names none
 * of them, a 422, a refusal that is not a validation failure at all.
 */
import { addForeignSubscription, currentSubscription, ensureActivityRoute, pushEvent, webhookState } from '../sandbox';
import { useSandbox } from '../harness';
import { failureOf } from '../harness/failure';
import { useLogRecorder } from '../harness/logs';
import { useWebhookHosts } from '../harness/webhookHosts';

const t = useSandbox((sandbox) => ensureActivityRoute(sandbox));
const logs = useLogRecorder();
const startHost = useWebhookHosts(t);

/** Strava's refusal of the create, as its body. */
const refusal = (field: string, code: string, message = 'Bad Request') => ({ message, errors: [{ resource: 'PushSubscription', field, code }] });

async function activationRefused(status: number, body: object) {
	const host = await startHost();
	t.sandbox.faults.push({ method: 'POST', path: /push_subscriptions$/, times: 1, status, body });
	const error = await failureOf(host.activate());
	expect(currentSubscription(t.sandbox)).toBeUndefined();
	return { host, error: error as typeof error & { errorResponse?: Record<string, unknown> } };
}

describe('a refusal of the create that says the callback could not be reached', () => {
	test.each([
		['the field "callback url"', refusal('callback url', 'invalid')],
		['the field "callback_url"', refusal('callback_url', 'invalid')],
		['the field "callbackUrl"', refusal('callbackUrl', 'invalid')],
		['only "does not return 200"', refusal('', 'GET to callback does not return 200')],
	])('%s: "could not reach n8n", keeping Strava\'s answer and its HTTP code', async (_case, body) => {
		const { host, error } = await activationRefused(400, body);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe(`Strava could not reach n8n at ${host.callbackUrl}`);
		expect(error.description).toContain('WEBHOOK_URL');
		expect(error.httpCode).toBe('400');
		expect(error.errorResponse).toMatchObject({ httpCode: '400', strava: body });
	});

	test('a 422 is read the same way', async () => {
		const { host, error } = await activationRefused(422, refusal('callback url', 'invalid'));
		expect(error.message).toBe(`Strava could not reach n8n at ${host.callbackUrl}`);
		expect(error.httpCode).toBe('422');
	});
});

describe('a refusal the node does not rephrase', () => {
	test.each([
		['a 400 that names no callback problem', 400, refusal('verify_token', 'invalid')],
		['a 403 that mentions the callback url (not a validation answer)', 403, refusal('callback url', 'forbidden', 'Forbidden')],
	])('%s: Strava\'s own error, not "could not reach"', async (_case, status, body) => {
		const { error } = await activationRefused(status, body);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe(String(status));
		expect(error.message).not.toMatch(/could not (reach|verify)/);
		expect(error.message).toContain(body.message);
	});
});

describe('what the trigger logs', () => {
	test('replacing a foreign subscription names it; the Production URL is not logged as a Test URL', async () => {
		const foreign = addForeignSubscription(t.sandbox, 'https://other.example.com/hook');
		const host = await startHost({ options: { replaceExisting: true } });
		await host.activate();
		expect(logs.messages('warn')).toEqual([
			`Replacing Strava push subscription ${foreign.id} (was sending events to https://other.example.com/hook): "Replace Existing Subscription" is on, so that receiver gets no more events`,
		]);
		expect(logs.messages('info').filter((line) => line.includes('created for the Test URL'))).toEqual([]);
	});

	test('deleting its own subscription (its URL changed) is not logged as replacing another', async () => {
		const host = await startHost({ onlyConnectedAthlete: false });
		await host.activate();
		const before = currentSubscription(t.sandbox)!;
		host.setPublicUrl(host.baseUrl.replace('127.0.0.1', 'localhost'));
		await host.activate();
		expect(currentSubscription(t.sandbox)!.id).not.toBe(before.id);
		expect(logs.messages('warn').filter((line) => line.startsWith('Replacing Strava push subscription'))).toEqual([]);
	});

	test('listening for a test event logs the subscription made for the Test URL', async () => {
		const host = await startHost();
		const listening = await host.listenForTestEvent();
		const subscription = currentSubscription(t.sandbox)!;
		expect(logs.messages('info')).toContain(`Strava push subscription ${subscription.id} created for the Test URL ${host.testUrl}`);
		await listening.stop();
	});

	test('an activity it could not fetch is logged with the event and the reason', async () => {
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		t.sandbox.faults.push({ method: 'GET', path: /\/activities\/78$/, times: 5, status: 404, body: { message: 'Record Not Found', errors: [] } });
		await pushEvent(t.sandbox, { object_id: 78, aspect_type: 'create', object_type: 'activity' });
		const [run] = await host.waitForExecutions(1);
		expect(logs.messages('warn')).toContain(`Strava API Trigger could not fetch activity 78: ${String(run.items[0].json.activity_error)}`);
	});
});

describe('the slot errors, word for word (each sentence is part of the fix)', () => {
	const deleteCommand = (base: string, id: number) =>
		`curl -X DELETE "${base}/push_subscriptions/${id}?client_id=${t.sandbox.state.clientId}&client_secret=<your client secret>"`;
	const baseIn = (text: string | undefined) => /curl -X DELETE "(\S+)\/push_subscriptions\//.exec(text ?? '')?.[1] ?? 'no command';

	test("another receiver's subscription: deactivate its workflow or delete it, or replace it, or use a second app", async () => {
		const foreign = addForeignSubscription(t.sandbox, 'https://other.example.com/hook');
		const host = await startHost();
		const error = await failureOf(host.activate());
		expect(error.description).toBe(
			'Strava allows one push subscription per application. To free it: ' +
				'Deactivate the workflow that owns https://other.example.com/hook if it is another n8n workflow, ' +
				`or delete it yourself (${deleteCommand(baseIn(error.description), foreign.id)}), ` +
				'or turn on "Options → Replace Existing Subscription" in this node to delete it when this workflow activates (its receiver then stops getting events). ' +
				'A second Strava API application (with its own credential) avoids the conflict altogether.',
		);
		expect(baseIn(error.description)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
	});

	test("listening for a test event while this node's Production URL holds the slot: unpublish, or delete a leftover", async () => {
		const host = await startHost();
		await host.activate();
		const production = currentSubscription(t.sandbox)!;
		const error = await failureOf(host.listenForTestEvent());
		expect(error.description).toBe(
			`Strava allows one push subscription per application, and a test event needs one for the Test URL (${host.testUrl}). ` +
				'If this workflow is published (active), its events arrive in the Executions list: unpublish (deactivate) it to test in the editor, and publish it again afterwards. ' +
				`If it is not published, the subscription is left over from an earlier activation: delete it (${deleteCommand(baseIn(error.description), production.id)}), then listen again. ` +
				'Listening for a test event never deletes this node\'s production subscription, even with "Replace Existing Subscription" on.',
		);
		expect(currentSubscription(t.sandbox)!.id).toBe(production.id);
	});
});

describe('two workflows with "Replace Existing Subscription" on, for one Strava application', () => {
	test('the one activated last holds the slot; each activation is one swap, never a loop', async () => {
		const a = await startHost({ options: { replaceExisting: true } }, { webhookId: '3f0a9c1e-0000-4aaa-8000-00000000000a' });
		const b = await startHost({ options: { replaceExisting: true } }, { webhookId: '3f0a9c1e-0000-4aaa-8000-00000000000b' });
		await a.activate();
		const first = currentSubscription(t.sandbox)!;
		expect(first.callback_url).toBe(a.callbackUrl);

		t.sandbox.clearLog();
		await b.activate();
		expect(currentSubscription(t.sandbox)!.callback_url).toBe(b.callbackUrl);
		expect(logs.messages('warn')).toEqual([expect.stringContaining(`Replacing Strava push subscription ${first.id} (was sending events to ${a.callbackUrl})`)]);
		const swap = ['GET /api/v3/push_subscriptions', expect.stringMatching(/^DELETE \/api\/v3\/push_subscriptions\/\d+$/), 'POST /api/v3/push_subscriptions'];
		expect(t.sandbox.apiCalls('/push_subscriptions').map((call) => `${call.method} ${call.path}`)).toEqual(swap);

		// Events go to B only; A is still "active" in n8n but Strava no longer calls it.
		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 61 });
		await b.idle();
		expect(b.executions).toHaveLength(1);
		expect(a.executions).toHaveLength(0);

		// n8n restarts and activates both again, A then B: A takes the slot back, then B does. Nothing else happens.
		t.sandbox.clearLog();
		await a.activate();
		await b.activate();
		expect(currentSubscription(t.sandbox)!.callback_url).toBe(b.callbackUrl);
		const checkThenSwap = ['GET /api/v3/push_subscriptions', ...swap];
		expect(t.sandbox.apiCalls('/push_subscriptions').map((call) => `${call.method} ${call.path}`)).toEqual([...checkThenSwap, ...checkThenSwap]);
		t.sandbox.clearLog();
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(t.sandbox.apiCalls('/push_subscriptions')).toEqual([]);
		expect(webhookState(t.sandbox).subscriptions.size).toBe(1);
	});
});
