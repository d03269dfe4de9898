// The transport's error mapper on failures the integration tests do not produce: what each kind of failure
// says (message and description), and what is dug out of the errors n8n-core and its OAuth client throw.
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { failureDetails, isApplicationRefusal, isInactiveApp, missingScope, stravaApiError, type FailureDetails } from '../../nodes/shared/transport/errors';

const node = { name: 'Strava API', type: 'stravaApi', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

const mapped = (failure: FailureDetails, path?: string, context = {}) => {
	const error = stravaApiError(node, failure, 0, path, context);
	expect(error).toBeInstanceOf(NodeApiError);
	return { message: error.message, description: error.description, httpCode: error.httpCode };
};

describe('failureDetails', () => {
	test("n8n 1.x's NodeApiError without its cause: the status and Strava's body it kept name the missing permission", () => {
		// What n8n 1.123's OAuth2 client throws after retrying a 401 with a refreshed token: its NodeApiError
		// drops the HTTP client's error (its `cause`), keeping httpCode and the JSON body in context.data.
		const body = { message: 'Authorization Error', errors: [{ resource: 'AccessToken', field: 'activity:read_permission', code: 'missing' }] };
		const thrown = { message: 'Authorization failed - please check your credentials', httpCode: '401', context: { data: body } };
		const failure = failureDetails(thrown);
		expect(failure).toEqual({ status: 401, data: body, code: undefined, message: 'Authorization failed - please check your credentials', url: undefined });
		const { message, description } = mapped(failure, '/athlete/activities');
		expect(message).toBe('Strava refused this call: the connection lacks the "activity:read" permission');
		expect(description).not.toMatch(/network/i);
		// Without a status it stays a failure without an answer.
		expect(failureDetails({ message: 'socket hang up', httpCode: null, context: {} }).status).toBeUndefined();
	});

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

	test("Strava's own refusal of a refresh token (no OAuth error field) is refused for good; the application's is not", () => {
		const stravaBody = { message: 'Bad Request', errors: [{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }] };
		expect(failureDetails({ code: 'ESTATUS', status: 400, body: JSON.stringify(stravaBody), message: 'HTTP status 400' })).toEqual({
			stage: 'refresh',
			reconnect: true,
			status: 400,
			data: stravaBody,
			message: 'HTTP status 400',
		});
		expect(failureDetails({ code: 'ESTATUS', status: 400, body: { errors: [{ resource: 'refresh_token', code: 'invalid' }] } }).reconnect).toBe(true);
		const application = { message: 'Authorization Error', errors: [{ resource: 'Application', field: 'client_id', code: 'invalid' }] };
		expect(failureDetails({ code: 'ESTATUS', status: 401, body: application }).reconnect).toBe(false);
		// A field named refresh_token on another resource is not the refresh token refused.
		expect(failureDetails({ code: 'ESTATUS', status: 400, body: { errors: [{ resource: 'Application', field: 'refresh_token', code: 'missing' }] } }).reconnect).toBe(false);
		expect(failureDetails({ code: 'ESTATUS', status: 400, body: { errors: 'RefreshToken' } }).reconnect).toBe(false);
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

		test('refused after a race with another execution: retry, never the Client ID and Secret or reconnecting', () => {
			const race = refresh(
				{ reconnect: true, status: 400, data: { message: 'Bad Request', errors: [{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }] } },
				{ tokenUrl: 'https://www.strava.com/oauth/token', refreshRace: { waitedSeconds: 20, elapsedSeconds: 32 } },
			);
			expect(race.message).toBe('Strava refused the refresh token: another execution refreshed it at the same time');
			expect(race.description).toBe(
				'The access token had expired, and another execution using this Strava credential (on another n8n worker) was refreshing it at the same moment. n8n waits 10 s for such a refresh (this request had been running for 32 s), then refreshed too; Strava had just replaced the refresh token for the other execution and refused the old one at POST https://www.strava.com/oauth/token (HTTP 400). The other execution had not saved its new token after 20 s more. Nothing is wrong with the credential: run the workflow again; the next run uses the token the other execution saved.',
			);
			expect(race.httpCode).toBe('400');
			expect(refresh({ reconnect: true }, { refreshRace: { waitedSeconds: 20, elapsedSeconds: 12 } }).description).toContain('refused the old one at POST {server}/oauth/token. The other');
			// Without the race evidence the same refusal asks to reconnect; a refusal that is not for good ignores it.
			expect(refresh({ reconnect: true, status: 400 }).message).toBe('Strava no longer accepts this connection: reconnect the Strava credential');
			expect(refresh({ status: 401, data: { message: 'Authorization Error' } }, { refreshRace: { waitedSeconds: 20, elapsedSeconds: 12 } }).message).toBe(
				'Strava refused to refresh the access token: Authorization Error (HTTP 401)',
			);
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

// From the mutation run of errors.ts: each case pins a branch or a word that a changed line would alter.
describe('errors.ts, branch by branch', () => {
	test('a cause chain that loops back on itself ends (the innermost message found before the loop)', () => {
		const looping: Record<string, unknown> = { message: 'outer', cause: { message: 'inner' } };
		(looping.cause as Record<string, unknown>).cause = looping;
		expect(failureDetails(looping).message).toBe('inner');
	});

	test("n8n-core's own verdict on a refresh keeps its description as the data", () => {
		const verdict = new NodeOperationError(node, 'The credential needs to be reconnected', { description: 'Reconnect it.' });
		expect(failureDetails({ message: 'wrapper', cause: verdict })).toEqual({
			stage: 'refresh',
			reconnect: true,
			message: 'The credential needs to be reconnected',
			data: 'Reconnect it.',
		});
		// The thrown error itself being n8n's verdict is not read as a refresh failure.
		expect(failureDetails(verdict).stage).toBeUndefined();
	});

	test('an answer is cut off when it is a 2xx, when the client says aborted, or when the connection broke mid-body', () => {
		const answer = (status: number, message = 'failed', code?: string) =>
			failureDetails({ message, code, response: { status, headers: {}, data: '' } }).cutOff;
		expect(answer(200)).toBe(true);
		expect(answer(299)).toBe(true);
		expect(answer(199)).toBeUndefined();
		expect(answer(300)).toBeUndefined();
		expect(answer(404)).toBeUndefined();
		expect(answer(404, 'Request aborted')).toBe(true);
		expect(answer(404, 'failed', 'ECONNRESET')).toBe(true);
		expect(answer(404, 'failed', 'ETIMEDOUT')).toBeUndefined();
		// The token endpoint's cut-off answer is a refresh failure, not a cut-off API answer.
		const token = failureDetails({ message: 'x', config: { url: 'https://www.strava.com/oauth/token' }, response: { status: 200, data: '' } });
		expect(token).toMatchObject({ stage: 'refresh', status: 200 });
		expect(token.cutOff).toBeUndefined();
	});

	test("the token endpoint is known by its path, with or without a query, not by a longer path", () => {
		const at = (url: string) => failureDetails({ message: 'x', config: { url }, response: { status: 502, data: '' } }).stage;
		expect(at('https://www.strava.com/oauth/token')).toBe('refresh');
		expect(at('https://www.strava.com/oauth/token?grant_type=refresh_token')).toBe('refresh');
		expect(at('https://www.strava.com/oauth/token#x')).toBe('refresh');
		expect(at('https://www.strava.com/oauth/tokens')).toBeUndefined();
		expect(at('https://www.strava.com/api/v3/athlete')).toBeUndefined();
	});

	test('missingScope reads past an empty entry and only a field that ends in _permission', () => {
		expect(missingScope({ errors: [null, { resource: 'AccessToken', field: 'read_permission', code: 'invalid' }] })).toBe('read');
		expect(missingScope({ errors: [{ field: 'read_permissions', code: 'invalid' }] })).toBeUndefined();
		// Only the trailing "_permission" goes.
		expect(missingScope({ errors: [{ field: 'a_permissionb_permission', code: 'invalid' }] })).toBe('a_permissionb');
	});

	test('isInactiveApp and isApplicationRefusal match the whole resource and code, past an empty entry', () => {
		expect(isInactiveApp(403, { errors: [null, { resource: 'Application', code: 'inactive' }] })).toBe(true);
		expect(isInactiveApp(403, { errors: [{ resource: 'NotApplication', code: 'inactive' }] })).toBe(false);
		expect(isInactiveApp(403, { errors: [{ resource: 'Applications', code: 'inactive' }] })).toBe(false);
		expect(isInactiveApp(403, { errors: [{ resource: 'Application', code: 'notinactive' }] })).toBe(false);
		expect(isInactiveApp(403, { errors: [{ resource: 'Application', code: 'inactive_since' }] })).toBe(false);
		expect(isApplicationRefusal({ errors: [null, { resource: 'Application' }] })).toBe(true);
		expect(isApplicationRefusal({ errors: [{ resource: 'NotApplication' }, { resource: 'Applications' }] })).toBe(false);
	});

	test('a network message loses its code and the spaces around what is left', () => {
		expect(mapped({ code: 'EWHAT', message: ' connect EWHAT ' }).message).toBe('Could not reach Strava: connect');
	});

	test('only a 404 gets words of its own; another status keeps Strava\'s detail as the description', () => {
		expect(mapped({ status: 500, data: { message: 'Oops', errors: [{ resource: 'Activity', code: 'broken' }] }, message: '' }, '/athlete').description).toBe('Activity broken');
		expect(mapped({ status: 500, data: {}, message: '' }, '/athlete').description).toBeNull();
	});

	test('a network message that is only its code says "no answer"', () => {
		expect(mapped({ code: 'EWHAT', message: 'EWHAT: ' }).message).toBe('Could not reach Strava: no answer');
	});

	describe('refresh failures', () => {
		const refresh = (failure: Partial<FailureDetails>) => mapped({ stage: 'refresh', message: '', ...failure } as FailureDetails, '/athlete');

		test("Strava's answer is quoted only when there was one", () => {
			const tail = " This is on Strava's side and usually passes: run the workflow again in a few minutes. The stored connection is unchanged; there is no need to reconnect.";
			expect(refresh({ status: 502 }).description).toBe(`The access token had expired; n8n asked POST {server}/oauth/token for a new one.${tail}`);
			expect(refresh({ status: 502, data: '' }).description).toBe(`The access token had expired; n8n asked POST {server}/oauth/token for a new one.${tail}`);
			expect(refresh({ status: 502, data: 'Bad gateway' }).description).toBe(
				`The access token had expired; n8n asked POST {server}/oauth/token for a new one. Strava's answer: "Bad gateway".${tail}`,
			);
		});

		test('a 2xx without a token, and text that only contains JSON later, are not refusals', () => {
			expect(refresh({ status: 200, data: {} }).message).toBe(
				"Could not refresh the Strava access token: Strava's token endpoint answered HTTP 200 without a token",
			);
			expect(refresh({ status: 403, data: 'denied {"error":"x"}' }).message).toBe(
				"Could not refresh the Strava access token: Strava's token endpoint answered HTTP 403 without a token",
			);
		});

		test('a refusal without errors[] detail', () => {
			expect(refresh({ status: 400, data: { error: 'invalid_client' } }).description).toBe(
				'The access token had expired; POST {server}/oauth/token answered 400. Strava\'s answer: "{"error":"invalid_client"}". Check the credential\'s Client ID and Client Secret against strava.com/settings/api, then reconnect the credential. Retrying will not help.',
			);
		});
	});

	test('a cut-off answer names the status and the code, and "the Strava API" when the path is not known', () => {
		expect(mapped({ cutOff: true, status: 200, code: 'ECONNRESET', message: '' })).toEqual({
			message: "Strava's answer to the Strava API was cut off before it was complete",
			description:
				'Strava started answering (HTTP 200), then the connection closed in the middle of the body, so the node has only part of it and output nothing. (ECONNRESET) This is a network or server fault: run it again.',
			httpCode: '200',
		});
	});

	describe('redirects the node did not follow', () => {
		const url = 'https://www.strava.com/api/v3/athlete';
		test('to another host: named in the message and the description', () => {
			expect(mapped({ status: 302, headers: { location: 'https://evil.example/x' }, url, message: '' }, '/athlete')).toEqual({
				message: 'Strava redirected GET /athlete to another host (evil.example); the node does not follow it',
				description:
					"Strava's API answers in place; a redirect to evil.example usually means a proxy, a captive portal or a wrong server / API host in the credential. Nothing was sent there: the access token and any request body stay with Strava.",
				httpCode: '302',
			});
		});
		test('on the same host, more often than followed: the last target is named', () => {
			expect(mapped({ status: 301, headers: { location: '/api/v3/elsewhere' }, url, message: '' }, '/athlete').description).toBe(
				"The node follows a redirect on Strava's own host up to 3 times; this one went on (last to /api/v3/elsewhere). Run it again later; if it persists, check the credential's server and API host.",
			);
		});
		test('to a Location that is no URL: quoted as sent', () => {
			expect(mapped({ status: 302, headers: { location: 'no url' }, message: '' }, '/athlete')).toEqual({
				message: 'Strava redirected GET /athlete to "no url"; the node does not follow it',
				description:
					"Strava's API answers in place; a redirect usually means a proxy, a captive portal or a wrong server / API host in the credential. Nothing was sent there: the access token and any request body stay with Strava.",
				httpCode: '302',
			});
		});
		test('without a Location: not taken for a same-host loop', () => {
			const error = mapped({ status: 302, headers: {}, url, message: '' }, '/athlete');
			expect(error.message).toBe('Strava answered GET /athlete with HTTP 302 (a redirect) without saying where to');
			expect(error.description).toMatch(/^Strava's API answers in place; a redirect usually means/);
		});
	});

	test("Strava's words before a platform change's explanation, also when it said nothing", () => {
		expect(mapped({ status: 403, data: {}, message: '' }, '/segments/explore').description).toMatch(/^Strava answered 403\. Strava refused to explore segments/);
		expect(mapped({ status: 403, data: { message: 'Forbidden', errors: [{ resource: 'Segment', code: 'forbidden' }] }, message: '' }, '/segments/explore').description).toMatch(
			/^Strava answered 403 "Forbidden" \(Segment forbidden\)\. Strava refused/,
		);
	});

	test("a 401 on a retired club endpoint is the retirement only when Strava refuses the application", () => {
		const athlete = { message: 'Authorization Error', errors: [{ resource: 'Athlete', code: 'invalid' }] };
		expect(mapped({ status: 401, data: athlete, message: '' }, '/clubs/1/members').message).toBe('Strava rejected the credential: Authorization Error');
		const app = { message: 'Authorization Error', errors: [{ resource: 'Application', code: 'invalid' }] };
		expect(mapped({ status: 401, data: app, message: '' }, '/clubs/1/members').message).toBe('Strava retired the Club Members endpoint on 2026-09-01');
	});

	test('each refusal carries its HTTP code', () => {
		expect(mapped({ status: 403, data: { errors: [{ resource: 'Application', code: 'inactive' }] }, message: '' }).httpCode).toBe('403');
		expect(mapped({ status: 401, data: { errors: [{ resource: 'Application', code: 'invalid' }] }, message: '' }).httpCode).toBe('401');
		expect(mapped({ status: 401, data: { errors: [{ field: 'read_permission', code: 'missing' }] }, message: '' }).httpCode).toBe('401');
		expect(mapped({ status: 401, data: {}, message: '' }).httpCode).toBe('401');
	});

	test('a missing scope is named with its hint, or as Strava named it', () => {
		const scope = (field: string) => mapped({ status: 401, data: { errors: [{ field, code: 'missing' }] }, message: '' }).description;
		expect(scope('activity:read_permission')).toContain('tick activity:read (or activity:read_all for private activities) under');
		expect(scope('club:read_permission')).toContain('tick club:read under');
	});

	test('404s and other statuses without a message from Strava', () => {
		expect(mapped({ status: 500, data: {}, message: '' }).message).toBe('Strava answered HTTP 500');
		expect(mapped({ status: 404, data: {}, message: '' }, '/activities/1', { subject: 'activity ID 1' }).description).toBe(
			'Check the activity ID 1: it does not exist or is not visible to the connected athlete.',
		);
		expect(mapped({ status: 404, data: {}, message: '' }, '/athlete/activities', { page: 12 }).description).toBe(
			'Strava answered 404 for page 12 of GET /athlete/activities after earlier pages had answered. The list may have changed while it was read: run it again.',
		);
	});
});
