// The request loop (transport/request.ts stravaApiRequest) against a stand-in for n8n's request helper: what it
// passes through untouched and what a plain failure costs. Cases found by mutation testing (docs/testing.md).
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { stravaApiRequest } from '../../nodes/shared/transport/request';
import type { StravaContext } from '../../nodes/shared/transport/types';

const node: INode = { id: 'n', name: 'Strava API', type: 'n8n-nodes-strava-api.stravaApi', typeVersion: 1, position: [0, 0], parameters: {} };

function contextThrowing(thrown: unknown) {
	const calls = { credentials: 0, requests: 0 };
	const ctx = {
		getNode: () => node,
		getCredentials: async () => {
			calls.credentials++;
			return {
				server: 'https://www.strava.com',
				apiHost: 'current',
				accessTokenUrl: 'https://www.strava.com/oauth/token',
				oauthTokenData: { access_token: 'access-1234', refresh_token: 'refresh-5678', expires_at: Math.floor(Date.now() / 1000) + 3600 },
			};
		},
		helpers: {
			httpRequestWithAuthentication: async () => {
				calls.requests++;
				throw thrown;
			},
		},
	} as unknown as StravaContext;
	return { ctx, calls };
}

test("n8n-core's own error (a credential it cannot use) reaches the user as it is, after one attempt", async () => {
	const own = new NodeOperationError(node, 'Strava API credentials are not connected');
	const { ctx, calls } = contextThrowing(own);
	const error = await stravaApiRequest.call(ctx, { method: 'GET', path: '/athlete' }).catch((thrown: unknown) => thrown);
	expect(error).toBe(own);
	expect(calls.requests).toBe(1);
});

test('a plain 404 costs one request and one read of the credential (no look for a token another run stored)', async () => {
	const notFound = Object.assign(new Error('Request failed with status code 404'), {
		config: { url: 'https://www.strava.com/api/v3/activities/1' },
		response: { status: 404, headers: {}, data: { message: 'Record Not Found', errors: [{ resource: 'Activity', field: 'id', code: 'invalid' }] } },
	});
	const { ctx, calls } = contextThrowing(notFound);
	const error = await stravaApiRequest.call(ctx, { method: 'GET', path: '/activities/1' }).catch((thrown: unknown) => thrown);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).httpCode).toBe('404');
	expect(calls).toEqual({ credentials: 1, requests: 1 });
});
