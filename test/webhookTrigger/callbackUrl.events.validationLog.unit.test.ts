// Cases found by mutation testing (npm run test:mutation, docs/testing.md): the webhook trigger's pure helpers.
import { createHmac } from 'crypto';
import type { IHookFunctions, INode } from 'n8n-workflow';

import { hookCallbackUrl, isThisNodesUrl, productionCallbackUrl, servedCallbackUrl, unreachableHint } from '../../nodes/StravaApiTrigger/callbackUrl';
import { recordValidation, takeValidation } from '../../nodes/StravaApiTrigger/validationLog';
import { checkVerifyToken, issueVerifyToken } from '../../nodes/StravaApiTrigger/verifyToken';
import { isDeauthorization, isOurSubscription, passesFilter, wantsActivity } from '../../nodes/StravaApiTrigger/events';

describe('unreachableHint', () => {
	test.each([
		'localhost',
		'0.0.0.0',
		'[::1]',
		'n8n.local',
		'n8n.internal',
		'n8n.localhost',
		'127.0.0.2',
		'10.1.2.3',
		'192.168.0.10',
		'172.16.0.1',
		'172.25.0.1',
		'172.31.255.1',
		'169.254.1.1',
		'n8n',
		'LOCALHOST',
	])('%s is private', (host) => {
		const name = host.replace(/^\[|\]$/g, '').toLowerCase();
		expect(unreachableHint(`https://${host}/webhook/x`)).toBe(
			`The URL cannot work as it is: ${name} is a private address that Strava's servers cannot reach.`,
		);
	});

	test.each(['n8n.example.com', '172.15.0.1', '172.32.0.1', '11.0.0.1', '192.169.0.1', '8.8.8.8', 'local.example.com', 'x10.example.com', 'x127.example.com', 'x192.168.example.com', 'x172.16.example.com', 'x169.254.example.com', '[2001:db8::1]'])(
		'%s is public',
		(host) => {
			expect(unreachableHint(`https://${host}/webhook/x`)).toBe('');
		},
	);

	test('http is named, alone or after the private address', () => {
		expect(unreachableHint('http://n8n.example.com/webhook/x')).toBe('The URL cannot work as it is: it is not https.');
		expect(unreachableHint('http://localhost:5678/webhook/x')).toBe(
			"The URL cannot work as it is: localhost is a private address that Strava's servers cannot reach, and it is not https.",
		);
	});

	test('a value that is no URL says so', () => {
		expect(unreachableHint('not a url')).toBe('"not a url" is not a valid URL.');
	});
});

describe('events', () => {
	const filter = { objectTypes: ['activity'], aspectTypes: ['create', 'update'], includeDeauthorizations: false };

	test('a deauthorization is an athlete update with authorized "false" (string or boolean)', () => {
		expect(isDeauthorization({ object_type: 'athlete', updates: { authorized: 'false' } })).toBe(true);
		expect(isDeauthorization({ object_type: 'athlete', updates: { authorized: false } })).toBe(true);
		expect(isDeauthorization({ object_type: 'athlete', updates: { authorized: 'true' } })).toBe(false);
		expect(isDeauthorization({ object_type: 'athlete' })).toBe(false);
		expect(isDeauthorization({ object_type: 'activity', updates: { authorized: 'false' } })).toBe(false);
	});

	test('only the subscription this node created is ours', () => {
		expect(isOurSubscription({ subscription_id: 7 }, 7)).toBe(true);
		expect(isOurSubscription({ subscription_id: 7 }, '7')).toBe(true);
		expect(isOurSubscription({ subscription_id: 8 }, 7)).toBe(false);
		expect(isOurSubscription({}, 7)).toBe(false);
		expect(isOurSubscription({ subscription_id: null as unknown as number }, 'null')).toBe(false);
		expect(isOurSubscription({ subscription_id: 7 }, undefined)).toBe(false);
		expect(isOurSubscription({ subscription_id: 7 }, null)).toBe(false);
		expect(isOurSubscription({ subscription_id: '' as unknown as number }, '')).toBe(false);
		// no subscription on either side is never a match, even where the strings would be equal
		expect(isOurSubscription({ subscription_id: 'undefined' as unknown as number }, undefined)).toBe(false);
		expect(isOurSubscription({ subscription_id: 'null' as unknown as number }, null)).toBe(false);
		expect(isOurSubscription({}, 'undefined')).toBe(false);
	});

	test('the filter: owner, then deauthorizations, then object and aspect', () => {
		const create = { object_type: 'activity', aspect_type: 'create', owner_id: 1 };
		expect(passesFilter(create, filter)).toBe(true);
		expect(passesFilter({ ...create, aspect_type: 'delete' }, filter)).toBe(false);
		expect(passesFilter({ ...create, object_type: 'athlete' }, filter)).toBe(false);
		expect(passesFilter(create, { ...filter, ownerId: '1' })).toBe(true);
		expect(passesFilter(create, { ...filter, ownerId: 2 })).toBe(false);
		const deauth = { object_type: 'athlete', aspect_type: 'update', owner_id: 1, updates: { authorized: 'false' } };
		expect(passesFilter(deauth, filter)).toBe(false);
		expect(passesFilter(deauth, { ...filter, includeDeauthorizations: true })).toBe(true);
		expect(passesFilter(deauth, { ...filter, objectTypes: ['athlete'], aspectTypes: ['update'] })).toBe(false);
		expect(passesFilter(deauth, { ...filter, includeDeauthorizations: true, ownerId: 2 })).toBe(false);
	});

	test('a full activity is fetched for activity creates and updates only', () => {
		expect(wantsActivity({ object_type: 'activity', aspect_type: 'create' })).toBe(true);
		expect(wantsActivity({ object_type: 'activity', aspect_type: 'update' })).toBe(true);
		expect(wantsActivity({ object_type: 'activity', aspect_type: 'delete' })).toBe(false);
		expect(wantsActivity({ object_type: 'athlete', aspect_type: 'update' })).toBe(false);
	});
});

describe('isThisNodesUrl', () => {
	const node = (extra: Partial<INode>): INode => ({
		id: 'n1',
		name: 'Strava API Trigger',
		type: 'n8n-nodes-strava-api.stravaApiTrigger',
		typeVersion: 2,
		position: [0, 0],
		parameters: {},
		...extra,
	});
	const ctx = (n: INode, workflowId: string | undefined) =>
		({ getNode: () => n, getWorkflow: () => ({ id: workflowId }) }) as unknown as IHookFunctions;

	test('its Test URL and Production URL match at any base address; another node\'s URL does not', () => {
		const hook = ctx(node({ webhookId: 'abc-123' }), 'wf1');
		expect(isThisNodesUrl(hook, 'https://n8n.example.com/webhook/abc-123/webhook')).toBe(true);
		expect(isThisNodesUrl(hook, 'https://old.example.com:8443/base/webhook-test/abc-123/webhook')).toBe(true);
		expect(isThisNodesUrl(hook, 'https://n8n.example.com/webhook/xyz-999/webhook')).toBe(false);
		expect(isThisNodesUrl(hook, 'https://n8n.example.com/webhook/abc-123/webhook/extra')).toBe(false);
		expect(isThisNodesUrl(hook, 'https://n8n.example.com/webhook/xabc-123/webhook')).toBe(false);
	});

	test('a node without a webhook id is known by its workflow id and name', () => {
		const hook = ctx(node({}), 'wf1');
		expect(isThisNodesUrl(hook, 'https://n8n.example.com/webhook/wf1/strava%20api%20trigger/webhook')).toBe(true);
		expect(isThisNodesUrl(hook, 'https://n8n.example.com/webhook/wf2/strava%20api%20trigger/webhook')).toBe(false);
		// An unsaved workflow has no id yet.
		expect(isThisNodesUrl(ctx(node({}), undefined), 'https://n8n.example.com/webhook/strava%20api%20trigger/webhook')).toBe(false);
		expect(isThisNodesUrl(ctx(node({}), undefined), 'https://n8n.example.com/webhook//strava%20api%20trigger/webhook')).toBe(true);
	});

	test('a value that is no URL is not this node\'s', () => {
		expect(isThisNodesUrl(ctx(node({ webhookId: 'abc-123' }), 'wf1'), 'abc-123/webhook')).toBe(false);
	});
});

describe('the validation log', () => {
	test('keeps the 64 latest entries: the oldest go first, a token recorded again counts as new', () => {
		// No callback URL: one entry per token (a URL adds a second one).
		const outcome = { answered: true, callbackUrl: '' } as const;
		for (let i = 0; i < 70; i++) recordValidation(`token-${i}`, outcome, 1000 + i);
		recordValidation('token-7', outcome, 2000); // seen again: now the latest
		for (let i = 70; i < 75; i++) recordValidation(`token-${i}`, outcome, 3000 + i);
		// 76 tokens recorded, 64 kept: token-0 … token-11 are gone except token-7, which moved to the end.
		const kept = (i: number) => takeValidation(`token-${i}`, 'https://n8n.example.com/none', 0) !== undefined;
		expect([0, 6, 8, 11].map(kept)).toEqual([false, false, false, false]);
		expect([7, 12, 13, 69, 74].map(kept)).toEqual([true, true, true, true, true]);
	});
});

describe('callback URLs when n8n has none to give', () => {
	test('each is the empty string, not undefined', () => {
		const none = { getNodeWebhookUrl: () => undefined } as unknown as IHookFunctions;
		expect(hookCallbackUrl(none)).toBe('');
		expect(productionCallbackUrl(none as never)).toBe('');
		expect(servedCallbackUrl(none as never)).toBe('');
		expect(servedCallbackUrl({ ...none, getWebhookResourceUrl: () => undefined } as never)).toBe('');
		expect(servedCallbackUrl({ getNodeWebhookUrl: () => 'https://a/webhook/x/webhook', getWebhookResourceUrl: () => 'https://a/webhook-test/x/webhook' } as never)).toBe('https://a/webhook-test/x/webhook');
		expect(servedCallbackUrl({ getNodeWebhookUrl: () => 'https://a/webhook/x/webhook' } as never)).toBe('https://a/webhook/x/webhook');
	});
});

describe('the validation log: which entry a create call takes', () => {
	const url = 'https://n8n.example.com/webhook/abc/webhook';
	const outcome = { answered: true, callbackUrl: url } as const;

	test('nothing recorded: nothing taken', () => {
		expect(takeValidation('never-sent', 'https://n8n.example.com/webhook/nothing/webhook', 0)).toBeUndefined();
	});

	test("another token's entry for the same URL counts from the moment the create call started, not before", () => {
		recordValidation('other-token', outcome, 5000);
		expect(takeValidation('sent-token', url, 5001)).toBeUndefined(); // recorded before this create call
		recordValidation('other-token', outcome, 6000);
		expect(takeValidation('sent-token', url, 6000)).toEqual(outcome); // at the very moment it started
		expect(takeValidation('sent-token', url, 0)).toBeUndefined(); // taken once
	});
});

describe('verify tokens', () => {
	const secret = 'client-secret';
	const url = 'https://n8n.example.com/webhook/abc/webhook';
	const now = Date.parse('2026-06-01T12:00:00Z');
	/** A token in the documented scheme, built here from its parts (so a malformed one can carry a valid signature). */
	const tokenOf = (issuedAt: string, nonce: string, forUrl = url) =>
		`${issuedAt}.${nonce}.${createHmac('sha256', secret).update(`strava-push-verify:${issuedAt}:${nonce}:${forUrl}`).digest('hex').slice(0, 32)}`;
	const seconds = (ms: number) => Math.floor(ms / 1000).toString(36);
	const check = (token: string) => checkVerifyToken(token, { stored: undefined, secret, callbackUrl: url, nowMs: now });

	test('an issued token is <issued, base 36 seconds>.<32 hex nonce>.<32 hex signature> and is accepted for its URL only', () => {
		const token = issueVerifyToken(secret, url, now);
		expect(token).toMatch(/^[0-9a-z]+\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
		expect(token.split('.')[0]).toBe(seconds(now));
		expect(token).toBe(tokenOf(token.split('.')[0], token.split('.')[1]));
		expect(check(token)).toEqual({ ok: true });
		expect(checkVerifyToken(token, { stored: undefined, secret, callbackUrl: `${url}x`, nowMs: now })).toEqual({ ok: false, reason: 'unknown' });
	});

	test('a signed token without its issue time or its nonce is refused', () => {
		expect(check(tokenOf('', 'ab'.repeat(16)))).toEqual({ ok: false, reason: 'unknown' });
		expect(check(tokenOf(seconds(now), ''))).toEqual({ ok: false, reason: 'unknown' });
	});

	test('a signed token whose issue time is not a number is refused', () => {
		expect(check(tokenOf('!', 'ab'.repeat(16)))).toEqual({ ok: false, reason: 'expired' });
	});

	test('accepted from 60 s in the future (clocks differ) to 600 s old; refused outside', () => {
		const nonce = 'cd'.repeat(16);
		expect(check(tokenOf(seconds(now + 60_000), nonce))).toEqual({ ok: true });
		expect(check(tokenOf(seconds(now + 62_000), nonce))).toEqual({ ok: false, reason: 'expired' });
		expect(check(tokenOf(seconds(now - 600_000), nonce))).toEqual({ ok: true });
		expect(check(tokenOf(seconds(now - 601_000), nonce))).toEqual({ ok: false, reason: 'expired' });
	});
});
