/**
 * Behaviours a mutation audit found unchecked (issue 13): the token-freshness margin, retry pacing, a Limit
 * above one page, and pairedItem when an erroring item sits between items that return several.
 */
import type { IDataObject } from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness/credentials';
import { nodeTypes } from '../harness/nodes';
import { credentialData } from '../harness/workflow';
import { useSandbox } from '../harness';
import { useLogRecorder } from '../harness/logs';
import { seedActivities } from '../sandbox';

const t = useSandbox((sandbox) => seedActivities(sandbox, 300));

const logs = useLogRecorder();
const tokenCalls = () => t.sandbox.log.filter((entry) => entry.path === '/oauth/token');

function credentialsExpiringIn(seconds: number, scopes = ['read']) {
	const token = t.sandbox.issueToken({ scopes, expiresInSeconds: seconds });
	return new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData), nodeTypes);
}

describe('token freshness margin (60 s)', () => {
	// A missing scope answers 401. A token known to be fresh for another minute is not refreshed for it;
	// one that expires within the minute is (n8n-core refreshes on 401), then the scope error is reported.
	test('a token valid for 2 more minutes: the scope 401 costs no refresh', async () => {
		const result = await t.run({ resource: 'activity', operation: 'get', activityId: '1000' }, { credentials: credentialsExpiringIn(120) });
		expect(result.error?.message).toContain('"activity:read" permission');
		expect(tokenCalls()).toHaveLength(0);
		expect(t.sandbox.apiCalls()).toHaveLength(1);
	});

	test('a token valid for 30 more seconds: n8n refreshes once, then the scope error', async () => {
		const credentials = credentialsExpiringIn(30);
		const result = await t.run({ resource: 'activity', operation: 'get', activityId: '1000' }, { credentials });
		expect(result.error?.message).toContain('"activity:read" permission');
		expect(tokenCalls()).toHaveLength(1);
		expect(credentials.persisted).toHaveLength(1);
	});
});

describe('retry pacing', () => {
	test('three 500s are retried after about 0.4 s, 0.8 s and 1.6 s, then the answer comes through', async () => {
		t.sandbox.faults.push({ method: 'GET', path: /\/athlete$/, times: 3, status: 500 });
		const result = await t.run({ resource: 'athlete', operation: 'get' });
		expect(result.error).toBeUndefined();
		const times = t.sandbox.apiCalls('/athlete').map((call) => call.at);
		expect(times).toHaveLength(4);
		const gaps = times.slice(1).map((at, index) => at - times[index]);
		expect(gaps[0]).toBeGreaterThanOrEqual(380);
		expect(gaps[1]).toBeGreaterThanOrEqual(780);
		expect(gaps[2]).toBeGreaterThanOrEqual(1580);
		expect(gaps[2]).toBeLessThan(4000);
	});
});

describe('a Limit above one page', () => {
	test('Limit 250 over 300 activities: two pages of 200, the second trimmed to 50', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: false, limit: 250 });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => `${call.query.page}/${call.query.per_page}`)).toEqual(['1/200', '2/200']);
		expect(result.items).toHaveLength(250);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
	});

	test('Limit 450 over 300 activities: every activity once, ending at the empty page', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: false, limit: 450 });
		expect(result.items).toHaveLength(300);
		expect(t.sandbox.apiCalls().map((call) => call.query.page)).toEqual(['1', '2', '3']);
	});
});

describe('pairedItem when item counts differ', () => {
	test('laps of [activity, bad id, activity] under Continue On Fail: 3 laps → 0, error → 1, 3 laps → 2', async () => {
		const result = await t.run(
			{ resource: 'activity', operation: 'getLaps', activityId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ input: [{ id: '1000' }, { id: 'nope' }, { id: '1001' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 0, 1, 2, 2, 2]);
		expect(result.items[3].json.error).toContain('"nope" is not a valid activity ID');
		expect(result.items[4].json.activity).toMatchObject({ id: 1001 });
	});
});

describe('a refresh token another execution just rotated (queue mode, n8n-core\'s lock wait timed out)', () => {
	/** Stored data as another worker leaves it: stale until this run's own refresh was refused, then the rotated token. */
	class RaceCredentials extends TestCredentialsHelper {
		fresh?: Record<string, unknown>;
		/** When the stored data was read after this run's refresh was refused (Date.now()). */
		readonly readsAfterRefusal: number[] = [];

		async getDecrypted() {
			const refused = t.sandbox.log.some((entry) => entry.path === '/oauth/token' && entry.status === 400);
			if (refused) this.readsAfterRefusal.push(Date.now());
			if (refused && this.fresh) this.stored = { ...this.stored, oauthTokenData: this.fresh as IDataObject };
			return this.resolve();
		}
	}

	/** When the sandbox saw each refused refresh (Date.now()). */
	const refusals: number[] = [];
	beforeEach(() => {
		refusals.length = 0;
		t.sandbox.onRequest = (entry) => {
			if (entry.path === '/oauth/token') refusals.push(Date.now());
		};
	});
	afterEach(() => (t.sandbox.onRequest = undefined));

	async function rotateElsewhere(refreshToken: string) {
		const answer = await fetch(`${t.sandbox.url}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: refreshToken,
				client_id: t.sandbox.state.clientId,
				client_secret: t.sandbox.state.clientSecret,
			}),
		});
		return (await answer.json()) as Record<string, unknown>;
	}

	test('the run uses the token the other execution stored instead of failing', async () => {
		const token = t.sandbox.issueToken({ expiresInSeconds: -60 });
		const credentials = new RaceCredentials(credentialData(t.sandbox, token.tokenData), nodeTypes);
		credentials.fresh = await rotateElsewhere(token.refreshToken);
		t.sandbox.clearLog();

		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(t.sandbox.state.athlete.id);
		// One refused refresh (the rotated token), then the call signed with the stored one.
		expect(t.sandbox.log.filter((entry) => entry.path === '/oauth/token').map((entry) => entry.status)).toEqual([400]);
		expect(t.sandbox.apiCalls('/athlete').map((call) => call.status)).toEqual([401, 200]);
		expect(String(t.sandbox.apiCalls('/athlete')[1].headers.authorization)).toBe(`Bearer ${String(credentials.fresh.access_token)}`);
		expect(logs.messages('info')).toContain('Strava token was refreshed by another execution; using the token it stored.');
	});

	test('a stored token known fresh is not refreshed again: a 401 for a missing scope then costs nothing more', async () => {
		const token = t.sandbox.issueToken({ scopes: ['read'], expiresInSeconds: -60 });
		const credentials = new RaceCredentials(credentialData(t.sandbox, token.tokenData), nodeTypes);
		credentials.fresh = await rotateElsewhere(token.refreshToken);
		t.sandbox.clearLog();

		const result = await t.run({ resource: 'activity', operation: 'get', activityId: '1000' }, { credentials });
		expect(result.error?.message).toContain('"activity:read" permission');
		expect(tokenCalls().map((entry) => entry.status)).toEqual([400]);
		expect(t.sandbox.apiCalls().map((call) => call.status)).toEqual([401, 401]);
	});

	test('the stored token is refused as well: reconnect after its one refresh, without asking the store again', async () => {
		const token = t.sandbox.issueToken({ expiresInSeconds: -60 });
		const credentials = new RaceCredentials(credentialData(t.sandbox, token.tokenData), nodeTypes);
		const rotated = await rotateElsewhere(token.refreshToken);
		// The other execution stored an access token Strava no longer takes and a refresh token rotated once more.
		await rotateElsewhere(String(rotated.refresh_token));
		credentials.fresh = { ...rotated, access_token: 'acc_revoked', expires_at: Math.floor(Date.now() / 1000) - 60 };
		t.sandbox.clearLog();

		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error?.message).toMatch(/reconnect/i);
		expect(tokenCalls().map((entry) => entry.status)).toEqual([400, 400]);
		expect(String(tokenCalls()[1].body.refresh_token)).toBe(String(rotated.refresh_token));
	});

	test('stored data without a refresh token is not taken for another execution\'s refresh', async () => {
		const token = t.sandbox.issueToken({ expiresInSeconds: -60 });
		const credentials = new RaceCredentials(credentialData(t.sandbox, token.tokenData), nodeTypes);
		const { refresh_token: _dropped, ...withoutRefreshToken } = await rotateElsewhere(token.refreshToken);
		credentials.fresh = withoutRefreshToken;
		t.sandbox.clearLog();

		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error?.message).toMatch(/reconnect/i);
		expect(t.sandbox.apiCalls('/athlete').map((call) => call.status)).toEqual([401]);
	});

	test('when nobody stored a newer token, the refusal still asks to reconnect', async () => {
		const token = t.sandbox.issueToken({ expiresInSeconds: -60 });
		await rotateElsewhere(token.refreshToken);
		const credentials = new RaceCredentials(credentialData(t.sandbox, token.tokenData), nodeTypes);
		t.sandbox.clearLog();
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error?.message).toMatch(/reconnect/i);
		expect(t.sandbox.log.filter((entry) => entry.path === '/oauth/token')).toHaveLength(1);
		// The store is read five times, at once and then a second apart, for the other execution to finish saving.
		const reads = credentials.readsAfterRefusal;
		expect(reads).toHaveLength(5);
		expect(reads[0] - refusals[0]).toBeLessThan(900);
		for (let i = 1; i < reads.length; i++) expect(reads[i] - reads[i - 1]).toBeGreaterThanOrEqual(950);
	});
});
