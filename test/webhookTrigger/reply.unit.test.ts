// The webhook trigger's answers as HTTP: the JSON content type Strava reads, and the "never throws" promise of
// the validation answer when n8n's context itself fails (an execution started by a thrown error would end a
// test listening in the editor, see StravaApiTrigger.node.ts).
import type { IWebhookFunctions } from 'n8n-workflow';

import { StravaApiTrigger } from '../../nodes/StravaApiTrigger/StravaApiTrigger.node';
import { takeValidation } from '../../nodes/StravaApiTrigger/validationLog';

interface Written {
	status?: number;
	headers?: Record<string, string>;
	body?: string;
}

function fakeContext(options: { headersSent?: boolean; query: () => unknown }) {
	const written: Written = {};
	const warnings: string[] = [];
	const res = {
		headersSent: options.headersSent ?? false,
		writeHead(status: number, headers: Record<string, string>) {
			if (this.headersSent) throw new Error('ERR_HTTP_HEADERS_SENT');
			written.status = status;
			written.headers = headers;
			return this;
		},
		end(body?: string) {
			written.body = body;
		},
	};
	const ctx = {
		getWebhookName: () => 'setup',
		getQueryData: options.query,
		getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/abc-123/webhook',
		getResponseObject: () => res,
		logger: { warn: (message: string) => warnings.push(message), debug: () => undefined, info: () => undefined, error: () => undefined },
	} as unknown as IWebhookFunctions;
	return { ctx, written, warnings };
}

const webhook = (ctx: IWebhookFunctions) => new StravaApiTrigger().webhook.call(ctx);

test('a validation request refused before any lookup is answered 403 as JSON, starting nothing', async () => {
	const { ctx, written, warnings } = fakeContext({ query: () => ({ 'hub.mode': 'unsubscribe', 'hub.challenge': 'c', 'hub.verify_token': 't' }) });
	expect(await webhook(ctx)).toEqual({ noWebhookResponse: true });
	expect(warnings).toEqual(['Strava API Trigger refused a validation request at https://n8n.example.com/webhook/abc-123/webhook: hub.mode was not "subscribe"']);
	expect(written.status).toBe(403);
	expect(written.headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8' });
	expect(JSON.parse(written.body!)).toEqual({ message: expect.stringMatching(/^Validation refused: /) });
});

test('when n8n cannot even give the query, the answer is a 500 with a message and a warning, not a thrown error', async () => {
	const { ctx, written, warnings } = fakeContext({
		query: () => {
			throw new Error('request body stream ended');
		},
	});
	expect(await webhook(ctx)).toEqual({ noWebhookResponse: true });
	expect(written.status).toBe(500);
	expect(written.headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8' });
	expect(JSON.parse(written.body!)).toEqual({ message: 'Validation request could not be answered' });
	expect(warnings).toEqual(['Strava API Trigger could not answer a validation request: request body stream ended']);
});

test('an answer already sent is not sent twice', async () => {
	const { ctx, written } = fakeContext({ headersSent: true, query: () => ({ 'hub.mode': 'unsubscribe' }) });
	expect(await webhook(ctx)).toEqual({ noWebhookResponse: true });
	expect(written).toEqual({});
});

test.each([
	['missing', {}],
	['empty', { 'hub.challenge': '' }],
	['given twice (a list)', { 'hub.challenge': ['a', 'b'] }],
])('a hub.challenge that is %s is refused as such, before the credential is read', async (_case, challenge) => {
	let credentialRead = false;
	const { ctx, written } = fakeContext({ query: () => ({ 'hub.mode': 'subscribe', 'hub.verify_token': 't', ...challenge }) });
	(ctx as unknown as { getCredentials: () => Promise<never> }).getCredentials = async () => {
		credentialRead = true;
		throw new Error('not expected');
	};
	expect(await webhook(ctx)).toEqual({ noWebhookResponse: true });
	expect(written.status).toBe(403);
	expect(JSON.parse(written.body!)).toEqual({ message: 'Validation refused: hub.challenge was missing' });
	expect(credentialRead).toBe(false);
});

test('each validation is logged under its verify token: a later request to the same URL does not hide it', async () => {
	const url = 'https://n8n.example.com/webhook/abc-123/webhook';
	await webhook(fakeContext({ query: () => ({ 'hub.mode': 'unsubscribe', 'hub.challenge': 'c', 'hub.verify_token': 'strava-token' }) }).ctx);
	await webhook(fakeContext({ query: () => ({ 'hub.mode': 'subscribe', 'hub.verify_token': 'someone-else' }) }).ctx);
	expect(takeValidation('strava-token', url, 0)).toEqual({ answered: false, callbackUrl: url, reason: 'mode' });
});

describe('events', () => {
	function eventContext(event: Record<string, unknown>, parameters: Record<string, unknown> = {}) {
		const { ctx, written } = fakeContext({ query: () => ({}) });
		const values: Record<string, unknown> = { objectTypes: ['activity'], aspectTypes: ['create'], includeDeauthorizations: false, onlyConnectedAthlete: false, options: {}, ...parameters };
		Object.assign(ctx, {
			getWebhookName: () => 'default',
			getBodyData: () => event,
			getWorkflowStaticData: () => ({ subscriptionId: 5, ownerId: 134815 }),
			getWorkflow: () => ({ id: 'wf-reply', name: 'reply', active: true }),
			getNode: () => ({ id: 'node-reply', name: 'Strava API Trigger' }),
			getNodeParameter: (name: string, fallback: unknown) => (name in values ? values[name] : fallback),
		});
		return { ctx, written };
	}
	const activity = { object_type: 'activity', aspect_type: 'create', object_id: 9, owner_id: 134815, subscription_id: 5, event_time: 1 };

	test('one not from our subscription: 403 "Unknown subscription", no execution and no second answer', async () => {
		const { ctx, written } = eventContext({ ...activity, subscription_id: 6 });
		expect(await webhook(ctx)).toEqual({ noWebhookResponse: true });
		expect(written.status).toBe(403);
		expect(JSON.parse(written.body!)).toEqual({ message: 'Unknown subscription' });
	});

	test('ours: acknowledged with {"received": true} first; filtered out, it starts nothing and answers nothing more', async () => {
		const passing = eventContext(activity);
		expect(await webhook(passing.ctx)).toEqual({ noWebhookResponse: true, workflowData: [[{ json: activity }]] });
		expect(passing.written.status).toBe(200);
		expect(JSON.parse(passing.written.body!)).toEqual({ received: true });

		const filtered = eventContext({ ...activity, aspect_type: 'delete' });
		expect(await webhook(filtered.ctx)).toEqual({ noWebhookResponse: true });
		expect(JSON.parse(filtered.written.body!)).toEqual({ received: true });
	});
});
