// What "Athlete → Revoke Connection" sends (test/transport/platform.engine.test.ts covers Strava's answers): one POST to the OAuth host,
// the app in HTTP Basic, the token in a form body, JSON accepted, redirects never followed.
import { NodeApiError, NodeOperationError, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { stravaRevokeConnection } from '../../nodes/shared/transport/revoke';
import type { StravaContext } from '../../nodes/shared/transport/types';

const node = { name: 'Strava API', type: 'stravaApi', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

function revoking(tokens: Record<string, string>, answer: (options: IHttpRequestOptions) => Promise<unknown> = async () => ({})) {
	const sent: IHttpRequestOptions[] = [];
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({ clientId: '4242', clientSecret: 'the-client-secret', server: 'https://www.strava.com/', oauthTokenData: tokens }),
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent.push(options);
				return await answer(options);
			},
		},
	} as unknown as StravaContext;
	return { sent, run: async (itemIndex?: number) => await stravaRevokeConnection.call(ctx, itemIndex) };
}

test('the refresh token is revoked when there is one: the exact request', async () => {
	const { sent, run } = revoking({ access_token: 'access-1', refresh_token: 'refresh-1' });
	expect(await run()).toEqual({ tokenTypeHint: 'refresh_token' });
	expect(sent.map((options) => ({ ...options, body: String(options.body) }))).toEqual([
		{
			method: 'POST',
			url: 'https://www.strava.com/oauth/revoke',
			auth: { username: '4242', password: 'the-client-secret' },
			body: 'token=refresh-1&token_type_hint=refresh_token',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			disableFollowRedirect: true,
		},
	]);
});

test('without a refresh token, the access token', async () => {
	const { sent, run } = revoking({ access_token: 'access-1' });
	expect(await run()).toEqual({ tokenTypeHint: 'access_token' });
	expect(String(sent[0].body)).toBe('token=access-1&token_type_hint=access_token');
});

test('no token at all: nothing is sent, the error names the item', async () => {
	const { sent, run } = revoking({});
	const error = await run(2).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toBe('The Strava credential is not connected, so there is nothing to revoke');
	expect((error as NodeOperationError).context.itemIndex).toBe(2);
	expect(sent).toHaveLength(0);
});

test("a refusal names POST /oauth/revoke and carries neither token nor the app's secret", async () => {
	const { run } = revoking({ access_token: 'access-1' }, async () => {
		throw Object.assign(new Error('Request failed with status code 400 for access-1'), {
			response: { status: 400, headers: {}, data: { message: 'Bad Request access-1 the-client-secret', errors: [] } },
			config: { url: 'https://www.strava.com/oauth/revoke' },
		});
	});
	const error = (await run(1).catch((e: unknown) => e)) as NodeApiError;
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.httpCode).toBe('400');
	expect(error.message).toBe('Strava error 400: Bad Request *** ***');
	expect(error.context.itemIndex).toBe(1);
	expect(JSON.stringify({ message: error.message, description: error.description, response: error.errorResponse })).not.toMatch(/access-1|the-client-secret/);
});
