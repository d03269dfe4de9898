// A fresh token's error answer on an n8n whose OAuth2 helper refreshes on every 401 (n8n 1.x, early 2.x): the
// transport asks for every status as an answer (./refusedAnswer), so a missing permission costs no refresh and
// is named from Strava's body. The stand-in below behaves as n8n 1.123's httpRequestWithAuthentication does.
import { NodeApiError, type INode } from 'n8n-workflow';

import { refusedAnswer } from '../../nodes/shared/transport/refusedAnswer';
import { stravaApiRequest } from '../../nodes/shared/transport/request';
import type { StravaContext } from '../../nodes/shared/transport/types';

const node: INode = { id: 'n', name: 'Strava API', type: 'n8n-nodes-strava-api.stravaApi', typeVersion: 1, position: [0, 0], parameters: {} };
const scopeBody = { message: 'Authorization Error', errors: [{ resource: 'AccessToken', field: 'activity:read_permission', code: 'missing' }] };

/** n8n 1.x: a 401 thrown by the HTTP client is retried after a token refresh, then n8n throws its own error without the cause. */
function n8nOneContext() {
	const calls = { requests: 0, refreshes: 0 };
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({
			server: 'https://www.strava.com',
			apiHost: 'current',
			accessTokenUrl: 'https://www.strava.com/oauth/token',
			oauthTokenData: { access_token: 'access-1234', refresh_token: 'refresh-5678', expires_at: Math.floor(Date.now() / 1000) + 3600 },
		}),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { ignoreHttpStatusErrors?: boolean }) => {
				calls.requests++;
				if (options.ignoreHttpStatusErrors) return { statusCode: 401, headers: {}, body: scopeBody };
				calls.refreshes++;
				calls.requests++;
				throw { message: 'Authorization failed - please check your credentials', httpCode: null, context: {} };
			},
		},
	} as unknown as StravaContext;
	return { ctx, calls };
}

test('a missing permission with a fresh token: one request, no refresh, the permission named', async () => {
	const { ctx, calls } = n8nOneContext();
	const error = await stravaApiRequest.call(ctx, { method: 'GET', path: '/athlete/activities' }).catch((thrown: unknown) => thrown);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).message).toBe('Strava refused this call: the connection lacks the "activity:read" permission');
	expect(calls).toEqual({ requests: 1, refreshes: 0 });
});

test('refusedAnswer: a 2xx is no failure; 3xx to 5xx are, with status, headers, parsed body and URL', () => {
	expect(refusedAnswer({ statusCode: 200, body: [] }, 'https://x/api/v3/a')).toBeUndefined();
	expect(refusedAnswer({ body: [] }, 'https://x/api/v3/a')).toBeUndefined();
	expect(refusedAnswer({ statusCode: 404, headers: { a: '1' }, body: Buffer.from('{"message":"Record Not Found"}') }, 'https://x/api/v3/a')).toEqual({
		status: 404,
		headers: { a: '1' },
		data: { message: 'Record Not Found' },
		code: undefined,
		message: 'Request failed with status code 404',
		url: 'https://x/api/v3/a',
	});
	expect(refusedAnswer({ statusCode: 302, headers: { location: '/b' } }, 'https://x/api/v3/a')?.headers).toEqual({ location: '/b' });
});
