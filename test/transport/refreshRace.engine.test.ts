/**
 * A refresh token another execution rotated a moment earlier (queue mode: n8n-core's 10 s wait for another
 * process's refresh lock ran out, so both processes refreshed with the same token). Strava refuses it with its
 * own error body, `{"message":"Bad Request","errors":[{"resource":"RefreshToken",…}]}`, which n8n-core does not
 * take for a dead grant. The run finds the token the other execution stored, waits for it when the refusal came
 * after the lock wait could have run out, and says it was a race (retry) when nothing was stored in time.
 */
import type { IDataObject } from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness/credentials';
import { nodeTypes } from '../harness/nodes';
import { credentialData } from '../harness/workflow';
import { useSandbox } from '../harness';
import { useLogRecorder } from '../harness/logs';

const t = useSandbox();
const logs = useLogRecorder();

const tokenCalls = () => t.sandbox.log.filter((entry) => entry.path === '/oauth/token');
const NOT_FOR_A_RACE = /Client ID|Client Secret|reconnect|connect it again/i;

/** The credential as stored while another execution refreshes it: unchanged until `storesAfterMs` past this run's refused refresh. */
class RaceCredentials extends TestCredentialsHelper {
	/** The token data the other execution stores. */
	fresh?: IDataObject;
	storesAfterMs = 0;
	/** When the store was read after this run's refresh was refused (Date.now()). */
	readonly readsAfterRefusal: number[] = [];
	private refusalSeenAt?: number;

	async getDecrypted() {
		const refused = t.sandbox.log.some((entry) => entry.path === '/oauth/token' && entry.status === 400);
		if (refused) {
			const now = Date.now();
			this.refusalSeenAt ??= now;
			this.readsAfterRefusal.push(now);
			if (this.fresh && now >= this.refusalSeenAt + this.storesAfterMs) this.stored = { ...this.stored, oauthTokenData: this.fresh };
		}
		return this.resolve();
	}
}

/** Another execution's refresh: Strava rotates the refresh token for it. */
async function rotateElsewhere(refreshToken: string): Promise<IDataObject> {
	const answer = await fetch(`${t.sandbox.url}/oauth/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: t.sandbox.state.clientId, client_secret: t.sandbox.state.clientSecret }),
	});
	return (await answer.json()) as IDataObject;
}

/** An expired token whose refresh token another execution has just rotated; what it stores is `fresh`. */
async function raced() {
	const token = t.sandbox.issueToken({ expiresInSeconds: -60 });
	const credentials = new RaceCredentials(credentialData(t.sandbox, token.tokenData), nodeTypes);
	const rotated = await rotateElsewhere(token.refreshToken);
	t.sandbox.clearLog();
	return { token, credentials, rotated };
}

/** Strava's token endpoint answers after this long: the refusal comes after n8n-core's 10 s lock wait could have run out. */
const slowTokenEndpoint = (delayMs: number) => t.sandbox.faults.push({ path: /^\/oauth\/token$/, delayMs, times: 10 });

beforeEach(() => (t.sandbox.state.deadRefreshTokenAnswer = 'strava'));
afterEach(() => {
	t.sandbox.state.deadRefreshTokenAnswer = 'oauth';
	t.sandbox.faults = [];
});

describe("Strava's own refusal of a rotated refresh token (no OAuth error field)", () => {
	test('the token another execution stored is used: one refused refresh, then the call signed with the stored token', async () => {
		const { credentials, rotated } = await raced();
		credentials.fresh = rotated;
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(t.sandbox.state.athlete.id);
		expect(tokenCalls().map((entry) => entry.status)).toEqual([400]);
		expect(t.sandbox.apiCalls('/athlete').map((call) => call.status)).toEqual([401, 200]);
		expect(String(t.sandbox.apiCalls('/athlete')[1].headers.authorization)).toBe(`Bearer ${String(rotated.access_token)}`);
		expect(logs.messages('info')).toContain('Strava token was refreshed by another execution; using the token it stored.');
	});

	test('a refresh token that is simply dead (answered at once, nothing stored): reconnect, never the Client ID and Secret', async () => {
		const { credentials } = await raced();
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error?.message).toBe('Strava no longer accepts this connection: reconnect the Strava credential');
		expect(result.error?.description).not.toMatch(/Client ID|Client Secret/);
		expect(tokenCalls()).toHaveLength(1);
		// The refusal came well within n8n-core's lock wait: five reads of the store, a second apart, then done.
		expect(credentials.readsAfterRefusal).toHaveLength(5);
	});

	test('two executions at once share the one refresh n8n-core sends and one watch of the store', async () => {
		const { credentials } = await raced();
		// Both 401s reach n8n-core while the refresh is on its way, so they share it (and its refusal).
		slowTokenEndpoint(500);
		const results = await Promise.all([1, 2].map(async () => await t.run({ resource: 'athlete', operation: 'get' }, { credentials })));
		for (const result of results) expect(result.error?.message).toBe('Strava no longer accepts this connection: reconnect the Strava credential');
		expect(tokenCalls()).toHaveLength(1);
		expect(t.sandbox.apiCalls('/athlete').map((call) => call.status)).toEqual([401, 401]);
		expect(credentials.readsAfterRefusal).toHaveLength(5);
	});
});

describe('a refusal after n8n-core could have stopped waiting for another process (slow Strava)', () => {
	test('the other execution stores its token 5 s after the refusal: the run waits for it and succeeds', async () => {
		const { credentials, rotated } = await raced();
		credentials.fresh = rotated;
		credentials.storesAfterMs = 5000;
		slowTokenEndpoint(10_000);
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error).toBeUndefined();
		expect(tokenCalls().map((entry) => entry.status)).toEqual([400]);
		expect(t.sandbox.apiCalls('/athlete').map((call) => call.status)).toEqual([401, 200]);
		expect(String(t.sandbox.apiCalls('/athlete')[1].headers.authorization)).toBe(`Bearer ${String(rotated.access_token)}`);
		const reads = credentials.readsAfterRefusal;
		expect(reads[reads.length - 1] - reads[0]).toBeGreaterThanOrEqual(4900);
	}, 40_000);

	test('nothing stored within 20 s: a race, retry; neither the Client ID and Secret nor reconnecting', async () => {
		const { credentials } = await raced();
		slowTokenEndpoint(10_000);
		const result = await t.run({ resource: 'athlete', operation: 'get' }, { credentials });
		expect(result.error?.message).toBe('Strava refused the refresh token: another execution refreshed it at the same time');
		const description = String(result.error?.description);
		expect(description).toMatch(/^The access token had expired, and another execution using this Strava credential .* n8n waits 10 s for such a refresh \(this request had been running for 1\d s\)/);
		expect(description).toMatch(/refused the old one at POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token \(HTTP 400\)\. The other execution had not saved its new token after (19|20) s more\./);
		expect(description).toMatch(/Nothing is wrong with the credential: run the workflow again/);
		expect(`${result.error?.message} ${description}`).not.toMatch(NOT_FOR_A_RACE);
		// One refresh only: the refused token is never sent again.
		expect(tokenCalls()).toHaveLength(1);
		expect(t.sandbox.apiCalls('/athlete').map((call) => call.status)).toEqual([401]);
		const reads = credentials.readsAfterRefusal;
		expect(reads.length).toBeGreaterThanOrEqual(18);
		expect(reads[reads.length - 1] - reads[0]).toBeLessThanOrEqual(20_500);
		for (let i = 1; i < reads.length; i++) expect(reads[i] - reads[i - 1]).toBeGreaterThanOrEqual(950);
		expect(logs.messages('warn')).toEqual([expect.stringMatching(/^Strava refused the refresh token: another execution refreshed it at the same time and had not saved its new token after (19|20) s\.$/)]);
	}, 50_000);
});
