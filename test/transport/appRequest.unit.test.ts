// The application-authenticated side of the transport (push subscriptions, revoke): reading the app's
// identity from the credential, and removing its secrets from a failure before it can reach an error.
import { NodeApiError, NodeOperationError, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { appSecrets, stravaAppCredentials, stravaAppRequest } from '../../nodes/shared/transport/appRequest';
import { redactFailure } from '../../nodes/shared/transport/redact';
import type { StravaContext } from '../../nodes/shared/transport/types';

const node = { name: 'Strava API Trigger', type: 'stravaApiTrigger', typeVersion: 2, position: [0, 0], parameters: {} } as unknown as INode;

function contextWith(credentials: Record<string, unknown>): StravaContext {
	return { getCredentials: async () => credentials, getNode: () => node } as unknown as StravaContext;
}

describe("the application's identity", () => {
	test('client id and secret are read trimmed (a pasted value often ends in a space or newline)', async () => {
		const app = await stravaAppCredentials(contextWith({ clientId: ' 4242\n', clientSecret: '\tsecret-value ', server: 'https://www.strava.com' }));
		expect(app).toMatchObject({ clientId: '4242', clientSecret: 'secret-value' });
		expect(app.baseUrl).toMatch(/^https:\/\//);
	});

	test.each([
		['no Client ID', { clientSecret: 'secret-value' }],
		['no Client Secret', { clientId: '4242' }],
		['a Client Secret of spaces', { clientId: '4242', clientSecret: '   ' }],
		['neither', {}],
	])('%s: an error naming both fields and where to find them', async (_case, fields) => {
		const failure = await stravaAppCredentials(contextWith({ ...fields, server: 'https://www.strava.com' })).catch((error: Error) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).message).toBe('The Strava credential has no Client ID or Client Secret');
		expect((failure as NodeOperationError).description).toContain('strava.com/settings/api');
	});
});

describe('redactFailure', () => {
	const secret = 'client secret+/=';
	const app = { clientId: '4242', clientSecret: secret, baseUrl: 'https://www.strava.com/api/v3' };
	const secrets = appSecrets(app);
	const basic = Buffer.from(`4242:${secret}`).toString('base64');
	const forms = [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')];

	test('the secret, its URL-encoded and form-encoded spellings and the Basic credentials are gone from message, URL, headers and body', () => {
		expect(new Set(forms).size).toBe(3);
		const mention = (form: string) => `x=${form};`;
		const all = [...forms, basic].map(mention).join(' ');
		const clean = redactFailure(
			{
				message: `failed: ${all}`,
				url: `https://www.strava.com/api/v3/push_subscriptions?client_secret=${forms[1]}&z=${forms[2]}`,
				headers: { location: `https://proxy.example/${forms[1]}`, [`x-${forms[0]}`]: 'key with the secret' },
				data: { echo: [all, { nested: forms[2], count: 3, none: null, flag: true }], raw: Buffer.from(`body ${forms[0]}`) },
				status: 500,
			},
			secrets,
		);
		const text = JSON.stringify(clean);
		for (const form of [...forms, basic]) expect(text).not.toContain(form);
		expect(clean.message).toBe(`failed: ${'x=***; '.repeat(4).trim()}`);
		expect(clean.url).toBe('https://www.strava.com/api/v3/push_subscriptions?client_secret=***&z=***');
		expect(clean.headers).toEqual({ location: 'https://proxy.example/***', 'x-***': 'key with the secret' });
		expect(clean.data).toEqual({ echo: ['x=***; x=***; x=***; x=***;', { nested: '***', count: 3, none: null, flag: true }], raw: 'body ***' });
		expect(clean.status).toBe(500);
	});

	test('a secret that contains another one is removed whole, not around the shorter one', () => {
		const clean = redactFailure({ message: 'a longsecret-extended b' }, ['longsecret', 'longsecret-extended']);
		expect(clean.message).toBe('a *** b');
	});

	test('an empty secret (a credential field left blank) removes nothing', () => {
		expect(redactFailure({ message: 'plain text' }, ['', 'other-secret']).message).toBe('plain text');
	});

	test('no URL or headers in the failure: none are added', () => {
		const clean = redactFailure({ message: 'm' }, secrets);
		expect(Object.keys(clean)).toEqual(['message', 'data']);
	});

	test('a body nested 20 levels deep is cleaned at every level; deeper objects, or a body that refers to itself, are left as they are', () => {
		const nest = (levels: number) => {
			let value: Record<string, unknown> = { text: secret };
			for (let i = 1; i < levels; i++) value = { inner: value };
			return value;
		};
		const innermost = (value: unknown) => {
			let current = value as Record<string, unknown>;
			while (current.inner) current = current.inner as Record<string, unknown>;
			return current;
		};
		// The body is level 0: an object at level 20 still has its strings cleaned, one at level 21 is kept as it is.
		expect(innermost(redactFailure({ message: '', data: nest(21) }, secrets).data)).toEqual({ text: '***' });
		expect(innermost(redactFailure({ message: '', data: nest(22) }, secrets).data)).toEqual({ text: secret });

		// Lists count as levels too.
		const nestList = (levels: number) => {
			let value: unknown[] = [secret];
			for (let i = 1; i < levels; i++) value = [value];
			return value;
		};
		const innermostList = (value: unknown) => {
			let current = value as unknown[];
			while (Array.isArray(current[0])) current = current[0] as unknown[];
			return current;
		};
		expect(innermostList(redactFailure({ message: '', data: nestList(21) }, secrets).data)).toEqual(['***']);
		expect(innermostList(redactFailure({ message: '', data: nestList(22) }, secrets).data)).toEqual([secret]);

		const cyclic: Record<string, unknown> = { text: secret };
		cyclic.self = cyclic;
		const clean = redactFailure({ message: '', data: cyclic }, secrets).data as Record<string, unknown>;
		expect(clean.text).toBe('***');
	});
});

describe('what an application-authenticated request sends', () => {
	const credentials = { clientId: '4242', clientSecret: 'app-secret', server: 'https://www.strava.com' };
	function sending(answer: (options: IHttpRequestOptions) => unknown) {
		const sent: IHttpRequestOptions[] = [];
		const ctx = {
			getCredentials: async () => credentials,
			getNode: () => node,
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					sent.push(options);
					return answer(options);
				},
			},
		} as unknown as StravaContext;
		return { ctx, sent };
	}
	const ok = () => ({ statusCode: 200, headers: {}, body: [] });

	test('GET and DELETE: JSON, no redirects, the identity in the query and no body', async () => {
		for (const method of ['GET', 'DELETE'] as const) {
			const { ctx, sent } = sending(ok);
			await stravaAppRequest.call(ctx, { method, path: '/push_subscriptions' });
			expect(sent).toEqual([
				{
					method,
					url: 'https://www.strava.com/api/v3/push_subscriptions',
					returnFullResponse: true,
					json: true,
					disableFollowRedirect: true,
					headers: { Accept: 'application/json' },
					qs: { client_id: '4242', client_secret: 'app-secret' },
				},
			]);
		}
	});

	test('POST: the identity and the form fields in a form body, nothing in the query', async () => {
		const { ctx, sent } = sending(() => ({ statusCode: 201, headers: {}, body: { id: 7 } }));
		const response = await stravaAppRequest.call(ctx, { method: 'POST', path: '/push_subscriptions', form: { callback_url: 'https://n8n.example/webhook', verify_token: 'v' } });
		expect(response).toMatchObject({ statusCode: 201, body: { id: 7 } });
		expect(sent).toHaveLength(1);
		const { body, ...rest } = sent[0];
		expect(rest).toEqual({
			method: 'POST',
			url: 'https://www.strava.com/api/v3/push_subscriptions',
			returnFullResponse: true,
			json: true,
			disableFollowRedirect: true,
			headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(String(body)).toBe('client_id=4242&client_secret=app-secret&callback_url=https%3A%2F%2Fn8n.example%2Fwebhook&verify_token=v');
	});

	test("n8n's own errors pass through as they are; an HTTP failure becomes a NodeApiError without the secret", async () => {
		const own = new NodeOperationError(node, 'n8n refused the request');
		const passing = sending(() => {
			throw own;
		});
		await expect(stravaAppRequest.call(passing.ctx, { method: 'GET', path: '/push_subscriptions' })).rejects.toBe(own);

		const failing = sending(() => {
			throw Object.assign(new Error('Request failed: client_secret=app-secret'), { response: { status: 403, headers: {}, data: { message: 'Forbidden', errors: [] } } });
		});
		const error = await stravaAppRequest.call(failing.ctx, { method: 'GET', path: '/push_subscriptions' }).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect(JSON.stringify(error)).not.toContain('app-secret');
		expect(`${(error as NodeApiError).message} ${(error as NodeApiError).description}`).not.toContain('app-secret');
	});
});
