// The transport's error mapper on failures the integration tests do not produce: what each kind of failure
// says (message and description), and what is dug out of the errors n8n-core and its OAuth client throw.
import { NodeApiError, type INode } from 'n8n-workflow';

import { failureDetails, isApplicationRefusal, isInactiveApp, missingScope, stravaApiError, type FailureDetails } from '../../nodes/StravaApi/transport/errors';

const node = { name: 'Strava API', type: 'stravaApi', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

const mapped = (failure: FailureDetails, path?: string, context = {}) => {
	const error = stravaApiError(node, failure, 0, path, context);
	expect(error).toBeInstanceOf(NodeApiError);
	return { message: error.message, description: error.description, httpCode: error.httpCode };
};

describe('failureDetails', () => {
	test("the OAuth client's AuthError (EAUTH) and ResponseError (ESTATUS) are refresh failures; invalid_grant means reconnect", () => {
		expect(failureDetails({ code: 'EAUTH', body: { error: 'invalid_grant' }, message: 'invalid_grant' })).toEqual({
			stage: 'refresh',
			reconnect: true,
			status: undefined,
			data: { error: 'invalid_grant' },
			message: 'invalid_grant',
		});
		expect(failureDetails({ code: 'ESTATUS', status: 502, body: '<html>bad gateway</html>' })).toEqual({
			stage: 'refresh',
			reconnect: false,
			status: 502,
			data: '<html>bad gateway</html>',
			message: '',
		});
		// Another code with a body is not the OAuth client's.
		expect(failureDetails({ code: 'EOTHER', body: {}, message: 'm' }).stage).toBeUndefined();
	});

	test('an HTTP answer without a message keeps the status and an empty message', () => {
		expect(failureDetails({ response: { status: 503, headers: {}, data: '{"message":"busy"}' } })).toMatchObject({
			status: 503,
			data: { message: 'busy' },
			message: '',
		});
	});

	test('a thrown string, or an object without a message, still gives a message', () => {
		expect(failureDetails('socket hang up')).toEqual({ code: undefined, url: undefined, message: 'socket hang up' });
		expect(failureDetails({ cause: 'inner text' }).message).toBe('[object Object]');
		expect(failureDetails({ message: 'outer', cause: { message: 'inner' } }).message).toBe('inner');
	});
});

describe("Strava's error bodies", () => {
	test('missingScope: a "<scope>_permission" field, or a "missing" code on a scope-like field', () => {
		expect(missingScope({ errors: [{ resource: 'AccessToken', field: 'activity:read_permission', code: 'missing' }] })).toBe('activity:read');
		expect(missingScope({ errors: [{ resource: 'AccessToken', field: 'profile:write', code: 'missing' }] })).toBe('profile:write');
		expect(missingScope({ errors: [{ resource: 'AccessToken', field: 'access_token', code: 'missing' }] })).toBeUndefined();
		expect(missingScope({ errors: [{ code: 'missing' }, { resource: 'Athlete', field: 'read:permission', code: 'invalid' }] })).toBeUndefined();
		expect(missingScope({ message: 'no errors' })).toBeUndefined();
	});

	test('isInactiveApp: 403 only; by errors[] (resource Application, code inactive) or by the text', () => {
		expect(isInactiveApp(403, { errors: [{ resource: 'Application', code: 'inactive' }] })).toBe(true);
		expect(isInactiveApp(403, 'Application Status Inactive')).toBe(true);
		expect(isInactiveApp(403, { message: 'Application Status Inactive' })).toBe(true);
		expect(isInactiveApp(403, { errors: [{ resource: 'Application' }, { code: 'inactive' }] })).toBe(false);
		expect(isInactiveApp(403, {})).toBe(false);
		expect(isInactiveApp(401, { errors: [{ resource: 'Application', code: 'inactive' }] })).toBe(false);
	});

	test('isApplicationRefusal: an errors[] entry about the Application', () => {
		expect(isApplicationRefusal({ errors: [{ field: 'x' }, { resource: 'application', code: 'invalid' }] })).toBe(true);
		expect(isApplicationRefusal({ errors: [{ field: 'x' }] })).toBe(false);
	});
});

describe('what each failure says', () => {
	test('no answer, for a code the node has no words for: the message without the code, or "no answer"', () => {
		const base = { url: 'https://www.strava.com/api/v3/athlete' };
		expect(mapped({ ...base, code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH 10.1.2.3:443' }, '/athlete')).toEqual({
			message: 'Could not reach Strava at www.strava.com: connect 10.1.2.3:443',
			description:
				"GET /athlete got no answer (EHOSTUNREACH). Check the network and the credential's server address (https://www.strava.com unless you point it at a Strava sandbox), then run it again.",
			httpCode: null,
		});
		expect(mapped({ ...base, code: 'ENETUNREACH', message: 'ENETUNREACH' }).message).toBe('Could not reach Strava at www.strava.com: no answer');
		expect(mapped({ message: 'write ERR_SOCKET_CLOSED_BEFORE_CONNECTION: closed' })).toEqual({
			message: 'Could not reach Strava: write closed',
			description:
				"The request got no answer. Check the network and the credential's server address (https://www.strava.com unless you point it at a Strava sandbox), then run it again.",
			httpCode: null,
		});
	});

	test('an answer cut off before any status was known', () => {
		expect(mapped({ cutOff: true, message: 'aborted' }, '/athlete').description).toBe(
			'Strava started answering, then the connection closed in the middle of the body, so the node has only part of it and output nothing. This is a network or server fault: run it again.',
		);
	});

	test('401s without a message from Strava', () => {
		expect(mapped({ status: 401, data: { errors: [{ resource: 'Application', code: 'invalid' }] }, message: '' }).message).toBe(
			'Strava refused this Strava API application: Authorization Error',
		);
		const scope = mapped({ status: 401, data: { errors: [{ resource: 'AccessToken', field: 'read_all_permission', code: 'missing' }] }, message: '' });
		expect(scope.message).toBe('Strava refused this call: the connection lacks the "read_all" permission');
		expect(scope.description).toMatch(/^Strava answered "Authorization Error" \(AccessToken read_all_permission missing\)\. This is not an expired token: open the Strava credential, tick read_all under/);
		expect(mapped({ status: 401, data: { errors: [{ resource: 'Athlete', code: 'invalid' }] }, message: '' })).toEqual({
			message: 'Strava rejected the credential: Authorization Error',
			description: 'Athlete invalid. The token could not be refreshed or was revoked; open the Strava credential and reconnect it.',
			httpCode: '401',
		});
		expect(mapped({ status: 401, data: {}, message: '' }).description).toBe(
			'The token could not be refreshed or was revoked; open the Strava credential and reconnect it.',
		);
	});

	describe('refresh failures', () => {
		const refresh = (failure: Partial<FailureDetails>, context = {}) =>
			mapped({ stage: 'refresh', message: '', ...failure } as FailureDetails, '/athlete', context);

		test('the endpoint is the token URL, else the failing URL, else a placeholder', () => {
			expect(refresh({ status: 500 }, { tokenUrl: 'https://www.strava.com/oauth/token' }).description).toContain('POST https://www.strava.com/oauth/token');
			expect(refresh({ status: 500, url: 'http://127.0.0.1:9/oauth/token' }).description).toContain('POST http://127.0.0.1:9/oauth/token');
			expect(refresh({ status: 500 }).description).toContain('POST {server}/oauth/token');
		});

		test('refused for good: the OAuth error is quoted', () => {
			expect(refresh({ reconnect: true, status: 400, data: { error: 'invalid_grant' } }).description).toMatch(
				/^The access token had expired and refreshing it at POST \{server\}\/oauth\/token was refused for good \("invalid_grant"\): /,
			);
			expect(refresh({ reconnect: true }).description).toMatch(/^The access token had expired and refreshing it at POST \{server\}\/oauth\/token was refused for good: /);
		});

		test('unreachable: the code is named', () => {
			const failure = refresh({ code: 'ECONNRESET', message: 'socket hang up' });
			expect(failure.message).toBe("Could not refresh the Strava access token: Strava's token endpoint could not be reached (the connection was dropped)");
			expect(failure.description).toMatch(/^The access token had expired; n8n tried POST \{server\}\/oauth\/token for a new one and failed with ECONNRESET\. /);
			expect(refresh({ message: 'gone' }).description).toMatch(/^The access token had expired; n8n tried POST \{server\}\/oauth\/token for a new one\. /);
		});

		test('a 4xx that is not JSON is Strava\'s side; one that is JSON is a refusal', () => {
			expect(refresh({ status: 403, data: '  <html>denied</html>' }).message).toBe(
				"Could not refresh the Strava access token: Strava's token endpoint answered HTTP 403 without a token",
			);
			// JSON that arrived as text (a proxy's content type) is read as JSON.
			expect(refresh({ status: 400, data: '  {"error":"invalid_client"}' }).message).toBe('Strava refused to refresh the access token: invalid_client (HTTP 400)');
			expect(refresh({ status: 400, data: '[1]', message: 'Bad Request' }).message).toBe('Strava refused to refresh the access token: Bad Request (HTTP 400)');
			expect(refresh({ status: 400, data: {} }).message).toBe('Strava refused to refresh the access token: no reason given (HTTP 400)');
		});

		test("a refusal names Strava's words: message, else error_description, else error, else the client's message", () => {
			expect(refresh({ status: 400, data: { error: 'invalid_client', error_description: 'Client secret is wrong' } }).message).toBe(
				'Strava refused to refresh the access token: Client secret is wrong (HTTP 400)',
			);
			const detailed = refresh({ status: 401, data: { message: 'Authorization Error', errors: [{ resource: 'Application', field: 'client_id', code: 'invalid' }] } });
			expect(detailed.message).toBe('Strava refused to refresh the access token: Authorization Error (HTTP 401)');
			expect(detailed.description).toMatch(/^The access token had expired; POST \{server\}\/oauth\/token answered 401 \(Application client_id invalid\)\. Strava's answer: /);
		});
	});
});
