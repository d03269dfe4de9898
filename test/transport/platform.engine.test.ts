/**
 * Strava as of late 2026 (DESIGN.md §2): retired club endpoints, Segments Explore for Extended Access apps
 * only, inactive apps (no owner subscription), and the API's move to a new host. Every row runs through the
 * node's operation and through the raw request, with and without Continue On Fail, against a sandbox that
 * answers as Strava does since 2026-09.
 */
import { TestCredentialsHelper } from '../harness/credentials';
import { useLogRecorder } from '../harness/logs';
import { nodeTypes } from '../harness/nodes';
import { credentialData } from '../harness/workflow';
import { useSandbox, type TestContext } from '../harness';
import { seedActivities, seedClubMembers } from '../sandbox';

const t: TestContext = useSandbox((sandbox) => {
	seedClubMembers(sandbox, 231407, 3);
	seedActivities(sandbox, 5);
});

beforeEach(() => {
	t.sandbox.state.platform = '2026-09';
	t.sandbox.state.appInactive = false;
});

/** A credential whose token expires within n8n's margin, so any 401 would normally cost a refresh. */
function expiringCredentials(extra = {}) {
	const token = t.sandbox.issueToken({ expiresInSeconds: 30 });
	return new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData, extra), nodeTypes);
}

const logs = useLogRecorder();

const refreshes = () => t.sandbox.log.filter((entry) => entry.path === '/oauth/token').length;
const club = (value: string) => ({ __rl: true, mode: 'id', value });
const raw = (path: string) => ({ resource: 'request', operation: 'get', path });

const RETIRED_CLUB = /Strava removed Club Activities, Club Members and Club Admins from its API on 2026-09-01/;

describe('retired club endpoints', () => {
	test.each([
		['getMembers', 'Strava retired the Club Members endpoint on 2026-09-01'],
		['getAdmins', 'Strava retired the Club Admins endpoint on 2026-09-01'],
		['getActivities', 'Strava retired the Club Activities endpoint on 2026-09-01'],
	])('Club → %s fails before any request, naming the change and its date', async (operation, message) => {
		const credentials = expiringCredentials();
		const result = await t.run({ resource: 'club', operation, clubId: club('231407'), returnAll: true }, { credentials });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(RETIRED_CLUB);
		expect(result.error?.description).toContain('made no request');
		expect(t.sandbox.log).toHaveLength(0);
		expect(credentials.persisted).toHaveLength(0);
	});

	test('under Continue On Fail: one error item per input item, linked to it, still no request', async () => {
		const result = await t.run(
			{ resource: 'club', operation: 'getMembers', clubId: club('={{ $json.club }}'), returnAll: true },
			{ input: [{ club: '231407' }, { club: '1' }, { club: '2' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of result.items) {
			expect(item.json.error).toBe('Strava retired the Club Members endpoint on 2026-09-01');
			expect(String(item.json.errorDescription)).toMatch(RETIRED_CLUB);
		}
		expect(t.sandbox.log).toHaveLength(0);
	});

	test.each([
		['/clubs/231407/members', '401', 'Strava retired the Club Members endpoint on 2026-09-01'],
		['/clubs/231407/admins', '401', 'Strava retired the Club Admins endpoint on 2026-09-01'],
		['/clubs/231407/activities?per_page=5', '404', 'Strava retired the Club Activities endpoint on 2026-09-01'],
	])('the raw request to %s maps Strava\'s %s to the same message, with one request and no refresh', async (path, status, message) => {
		const credentials = expiringCredentials();
		const result = await t.run(raw(path), { credentials });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(status);
		expect(result.error?.description).toMatch(RETIRED_CLUB);
		expect(result.error?.description).not.toMatch(/expired|lacks the|tick |Check the ID/i);
		expect(t.sandbox.apiCalls()).toHaveLength(1);
		expect(refreshes()).toBe(0);
		expect(credentials.persisted).toHaveLength(0);
	});

	test('the raw request under Continue On Fail gives an error item with the same message', async () => {
		const result = await t.run(raw('/clubs/231407/admins'), { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ error: 'Strava retired the Club Admins endpoint on 2026-09-01', httpCode: '401' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Club → Get and Get Many still call Strava', async () => {
		const result = await t.run({ resource: 'club', operation: 'get', clubId: club('231407') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(231407);
	});

	test('an Application 401 elsewhere is never described as an expired token or a missing scope, and costs no refresh', async () => {
		t.sandbox.faults.push({
			path: /\/athlete$/,
			times: 5,
			status: 401,
			body: { message: 'Authorization Error', errors: [{ resource: 'Application', field: 'internal', code: 'invalid' }] },
		});
		const credentials = t.credentials();
		const result = await t.run(raw('/athlete'), { credentials });
		t.sandbox.faults.length = 0;
		expect(result.error?.message).toBe('Strava refused this Strava API application: Authorization Error');
		expect(result.error?.description).toContain('not an expired token or a missing permission');
		expect(result.error?.description).toContain('reconnecting the credential will not help');
		expect(t.sandbox.apiCalls()).toHaveLength(1);
		expect(refreshes()).toBe(0);
	});
});

describe('Segment Explore, for Extended Access apps only since 2026-09-01', () => {
	const explore = { resource: 'segment', operation: 'explore', bounds: '37.80,-122.47,37.81,-122.45' };

	test('the operation says so in its error, after the one request Strava refused', async () => {
		const credentials = expiringCredentials();
		const result = await t.run(explore, { credentials });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toBe('Strava limits Segment Explore to Extended Access apps since 2026-09-01');
		expect(result.error?.description).toContain('Extended Access');
		expect(t.sandbox.apiCalls()).toHaveLength(1);
		expect(refreshes()).toBe(0);
	});

	test('the raw request gets the same message; Continue On Fail turns it into an item', async () => {
		const plain = await t.run(raw('/segments/explore?bounds=37.80,-122.47,37.81,-122.45'));
		expect(plain.error?.message).toBe('Strava limits Segment Explore to Extended Access apps since 2026-09-01');
		const item = await t.run(explore, { continueOnFail: true });
		expect(item.items[0].json).toMatchObject({
			error: 'Strava limits Segment Explore to Extended Access apps since 2026-09-01',
			httpCode: '403',
		});
	});

	test('the node describes the restriction', async () => {
		const { StravaApi } = await import('../../nodes/StravaApi/StravaApi.node');
		const operation = new StravaApi().description.properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes('segment'),
		);
		const option = (operation?.options as Array<{ value: string; name: string; description: string }>).find((o) => o.value === 'explore');
		expect(option?.name).toContain('Extended Access');
		expect(option?.description).toContain('2026-09-01');
	});
});

describe('an inactive app (its owner has no Strava subscription, since 2026-06-30)', () => {
	const INACTIVE = 'Your Strava API application is inactive: its owner needs a Strava subscription';

	test.each([
		['Activity → Get', { resource: 'activity', operation: 'get', activityId: '1' }],
		['Athlete → Get', { resource: 'athlete', operation: 'get' }],
		['Raw request', raw('/athlete/activities')],
		['Club → Get Many', { resource: 'club', operation: 'getAll', returnAll: true }],
	])('%s names the cause and the fix, with one request and no refresh', async (_name, parameters) => {
		t.sandbox.state.appInactive = true;
		const credentials = expiringCredentials();
		const result = await t.run(parameters, { credentials });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toBe(INACTIVE);
		expect(result.error?.description).toContain('strava.com/settings/api');
		expect(result.error?.description).toContain('Reconnecting or refreshing this credential will not help');
		expect(result.error?.description).toContain('2026-06-30');
		expect(t.sandbox.apiCalls()).toHaveLength(1);
		expect(refreshes()).toBe(0);
	});

	test('under Continue On Fail every item carries the same message', async () => {
		t.sandbox.state.appInactive = true;
		const result = await t.run(
			{ resource: 'activity', operation: 'get', activityId: '={{ $json.id }}' },
			{ input: [{ id: '1' }, { id: '2' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[INACTIVE, { item: 0 }],
			[INACTIVE, { item: 1 }],
		]);
	});
});

describe("Strava's API move (new host required from 2027-06-01)", () => {
	test('"New API host": every call goes to the new host without the /api/v3 prefix, the token only in the Authorization header', async () => {
		const credentials = t.credentials(undefined, { apiHost: 'new', newApiBase: t.sandbox.newApiUrl });
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true }, { credentials });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		const calls = t.sandbox.apiCalls();
		expect(calls.map((call) => `${call.host} ${call.path}`)).toEqual(['new /athlete/activities', 'new /athlete/activities']);
		for (const call of calls) {
			expect(String(call.headers.authorization)).toMatch(/^Bearer acc_/);
			expect(JSON.stringify(call.query)).not.toMatch(/acc_|token/);
		}
	});

	test('the raw request accepts full URLs under the credential\'s bases and sends them to the base in use; others are refused', async () => {
		const credentials = t.credentials(undefined, { apiHost: 'new', newApiBase: t.sandbox.newApiUrl });
		const onNew = await t.run(raw(`${t.sandbox.newApiUrl}/athlete`), { credentials });
		expect(onNew.error).toBeUndefined();
		const onOld = await t.run(raw(`${t.sandbox.url}/api/v3/athlete`), { credentials });
		expect(onOld.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => `${call.host} ${call.path}`)).toEqual(['new /athlete', 'new /athlete']);

		t.sandbox.clearLog();
		for (const path of [`${t.sandbox.url}/athlete`, `${t.sandbox.newApiUrl}/api/v3/athlete`, 'http://127.0.0.1:9/athlete', `${t.sandbox.url}/oauth/token`]) {
			const refused = await t.run(raw(path), { credentials });
			expect(refused.error?.name).toBe('NodeOperationError');
			expect(refused.error?.message).toContain('is not allowed');
		}
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('"Automatic" uses {server}/api/v3 before the move date', async () => {
		const credentials = t.credentials(undefined, { newApiBase: t.sandbox.newApiUrl });
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => `${call.host} ${call.path}`)).toEqual(['legacy /api/v3/athlete']);
	});

	test('"Automatic" uses the new host from the move date', async () => {
		const credentials = t.credentials(undefined, { newApiBase: t.sandbox.newApiUrl, apiMoveDate: '2026-01-01T00:00:00Z' });
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => `${call.host} ${call.path}`)).toEqual(['new /athlete']);
	});

	test('"Automatic" falls back to {server}/api/v3 when the new host does not answer at all', async () => {
		const credentials = t.credentials(undefined, { newApiBase: 'http://127.0.0.1:1', apiMoveDate: '2026-01-01T00:00:00Z' });
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(t.sandbox.state.athlete.id);
		expect(t.sandbox.apiCalls().map((call) => `${call.host} ${call.path}`)).toEqual(['legacy /api/v3/athlete']);
		expect(logs.messages('warn')).toContain('Strava API host did not answer (ECONNREFUSED); trying the next API base.');
	});

	test('an HTTP error from the new host is reported, not hidden by a fallback', async () => {
		const credentials = t.credentials(undefined, { newApiBase: t.sandbox.newApiUrl, apiMoveDate: '2026-01-01T00:00:00Z' });
		const result = await t.run({ resource: 'activity', operation: 'get', activityId: '999999' }, { credentials });
		expect(result.error?.httpCode).toBe('404');
		expect(t.sandbox.apiCalls().map((call) => call.host)).toEqual(['new']);
		expect(logs.messages('warn')).toEqual([]);
	});
});

describe('Athlete → Revoke Access (POST /oauth/revoke replaces /oauth/deauthorize)', () => {
	test('revokes the grant with HTTP Basic app auth and the refresh token; the credential then needs reconnecting', async () => {
		const credentials = t.credentials();
		const { refresh_token: refreshToken, access_token: accessToken } = credentials.stored.oauthTokenData as Record<string, string>;
		const result = await t.run({ resource: 'athlete', operation: 'revokeAccess' }, { credentials });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ revoked: true, revokedToken: 'refresh_token' });
		const call = t.sandbox.log.find((entry) => entry.path === '/oauth/revoke')!;
		expect(call.method).toBe('POST');
		expect(call.headers.accept).toBe('application/json');
		expect(call.contentType).toBe('application/x-www-form-urlencoded');
		const basic = Buffer.from(String(call.headers.authorization).replace(/^Basic /, ''), 'base64').toString();
		expect(basic).toBe(`${t.sandbox.state.clientId}:${t.sandbox.state.clientSecret}`);
		expect(call.body).toEqual({ token: refreshToken, token_type_hint: 'refresh_token' });
		expect(t.sandbox.log.map((entry) => entry.path)).toEqual(['/oauth/revoke']);
		expect(result.serialized).not.toContain(refreshToken);
		expect(result.serialized).not.toContain(accessToken);
		expect(result.serialized).not.toContain(t.sandbox.state.clientSecret);

		t.sandbox.clearLog();
		const after = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(after.error?.message).toMatch(/reconnect/i);
		expect(t.sandbox.log.some((entry) => entry.path.includes('deauthorize'))).toBe(false);
	});

	test('a connection that has no refresh token: its access token is revoked', async () => {
		const credentials = t.credentials();
		const { refresh_token: _refresh, ...tokens } = credentials.stored.oauthTokenData as Record<string, string>;
		credentials.stored = { ...credentials.stored, oauthTokenData: tokens };
		const result = await t.run({ resource: 'athlete', operation: 'revokeAccess' }, { credentials });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ revoked: true, revokedToken: 'access_token' });
		expect(t.sandbox.log.find((entry) => entry.path === '/oauth/revoke')?.body).toEqual({ token: tokens.access_token, token_type_hint: 'access_token' });
	});

	test('a credential without any token: says there is nothing to revoke, sends nothing', async () => {
		const credentials = t.credentials();
		credentials.stored = { ...credentials.stored, oauthTokenData: {} };
		const result = await t.run({ resource: 'athlete', operation: 'revokeAccess' }, { credentials });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The Strava credential is not connected, so there is nothing to revoke');
		expect(result.error?.description).toContain('it has no token');
		expect(t.sandbox.log).toEqual([]);
	});

	test('a dropped revoke names the call it sent: POST /oauth/revoke', async () => {
		t.sandbox.faults.push({ path: /^\/oauth\/revoke$/, times: 5, reset: true });
		try {
			const result = await t.run({ resource: 'athlete', operation: 'revokeAccess' }, { credentials: t.credentials() });
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.description).toMatch(/^POST \/oauth\/revoke got no answer/);
			expect(t.sandbox.log.filter((entry) => entry.path === '/oauth/revoke')).toHaveLength(1);
		} finally {
			t.sandbox.faults = [];
		}
	});

	test('a refusal is a NodeApiError without the secret or the token', async () => {
		const credentials = t.credentials(undefined, { clientSecret: 'wrong-secret-123' });
		const result = await t.run({ resource: 'athlete', operation: 'revokeAccess' }, { credentials });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('401');
		expect(result.serialized).not.toContain('wrong-secret-123');
		expect(result.serialized).not.toContain((credentials.stored.oauthTokenData as Record<string, string>).refresh_token);
	});

	test('no code of the package calls /oauth/deauthorize', async () => {
		const { readdirSync, readFileSync, statSync } = await import('fs');
		const { join } = await import('path');
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const full = join(dir, name);
				if (statSync(full).isDirectory()) walk(full);
				else if (full.endsWith('.ts')) files.push(full);
			}
		};
		walk(join(__dirname, '../../nodes'));
		walk(join(__dirname, '../../credentials'));
		expect(files.length).toBeGreaterThan(50);
		expect(files.filter((file) => /oauth\/deauthorize/.test(readFileSync(file, 'utf8')))).toEqual([]);
	});
});
