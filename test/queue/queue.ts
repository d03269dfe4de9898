/**
 * Issue 14 at scale in a real n8n (2.41.1 on Node 24) in **queue mode**: a private Postgres and Redis, one
 * `n8n start` (main) and two `n8n worker` processes (concurrency 10), each with its own n8n user folder and
 * the packed package installed in it, all pointed at the Strava sandbox that runs in this process.
 *
 *   node -r ts-node/register/transpile-only test/queue/queue.ts
 *
 * Scenarios (each checked from Postgres and the sandbox's request log; a table of figures at the end; exit
 * code 1 on any failure): token expiry under load, a slow token endpoint, a rate limit across workers (Wait
 * and Fail), the polling trigger on main with executions on workers across a restart of main, and the
 * webhook trigger (validation, a burst of 50 events, a forged subscription id, 50 events each delivered three
 * times as Strava repeats them), manual executions on workers (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS), and last a
 * slow Strava: every answer after 11 s (QUEUE_SLOW_STRAVA_MS), past n8n-core's 10 s wait for another process's
 * token refresh.
 *
 * QUEUE_TARBALL=<file.tgz> installs that tarball instead of packing the working tree (to try a patched build).
 */
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

import { startSandbox, type StravaSandbox } from '../sandbox';
import { currentSubscription, pushEvent, webhookState, type PushEvent } from '../sandbox/routes/webhooks';
import { addAthlete, addAthleteActivity, athleteActivityIds } from '../sandbox/routes/athletes';
import { freePort, n8nCli, Report, root } from '../e2e/n8nRuntime';
import { ensurePackages, startPostgres, startRedis, type Postgres, type Redis } from './services';
import {
	chain,
	copyInstalled,
	installInto,
	N8nRest,
	parseExecutionData,
	queueEnv,
	spawned,
	startMain,
	startWorker,
	workerExecutions,
	workflowJson,
	type N8nProcess,
} from './n8nQueue';

type Data = Record<string, unknown>;

const dir = process.env.QUEUE_DIR ? path.resolve(process.env.QUEUE_DIR) : path.join(root, '.e2e/queue');
/** QUEUE_SCENARIOS=token,slow,rate,hook,poll,manual,slowall (default: all) runs a subset. */
const only = (process.env.QUEUE_SCENARIOS ?? '').split(',').map((name) => name.trim()).filter(Boolean);
const want = (name: string) => !only.length || only.includes(name);
const report = new Report();
const check = report.check.bind(report);
const figures: Array<Record<string, string | number>> = [];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string) => console.log(`[queue ${elapsed()}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TOKEN_ATHLETE = 134815; // the sandbox's default athlete
const POLL_ATHLETE = 7101;
const HOOK_ATHLETE = 7201;
const SCOPES = ['read', 'activity:read_all', 'profile:read_all'];
const QUARTER_MS = 15 * 60_000;
/** What docs/scale.md recommends on main for bursts of webhook calls (n8n 2.x). */
const TUNED_MAIN = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

const WF = {
	token: { id: 'qToken000000001', name: 'queue token', path: 'q-token' },
	rateWait: { id: 'qRateWait000001', name: 'queue rate wait', path: 'q-rate-wait' },
	rateFail: { id: 'qRateFail000001', name: 'queue rate fail', path: 'q-rate-fail' },
	poll: { id: 'qPoll0000000001', name: 'queue poll' },
	plain: { id: 'qPlain000000001', name: 'queue plain webhook', path: 'q-plain' },
	hook: { id: 'qHook0000000001', name: 'queue hook', webhookId: 'a3c0b8e4-5b1e-4f55-9a44-6f1d0c1e7a01' },
	/** The webhook trigger with Include Full Activity, published in place of `hook` for the repeated deliveries. */
	hookFull: { id: 'qHookFull000001', name: 'queue hook full activity', webhookId: 'a3c0b8e4-5b1e-4f55-9a44-6f1d0c1e7a02' },
	/** Run from the editor (manual executions), with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true on main. */
	manualList: { id: 'qManualList0001', name: 'queue manual get many' },
};

/** What n8n 3 always does in queue mode, and n8n 2.x does with this setting: manual executions run on workers. */
const OFFLOAD_MANUAL = { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' };

/**
 * Scenario 7 (slow Strava): every answer of Strava, API and token endpoint, takes this long. It must exceed
 * n8n-core's 10 s wait for another process's refresh lock; each extra second adds about 4 s to the scenario.
 * QUEUE_SLOW_STRAVA_MS overrides it.
 */
const SLOW_STRAVA_MS = Number(process.env.QUEUE_SLOW_STRAVA_MS ?? 11_000);
const SLOW_ATHLETE = 7301;
const SLOW_WF = { id: 'qSlowStrava0001', name: 'queue slow strava', path: 'q-slow-strava', webhookId: 'b1b1b1b1-0000-4000-8000-000000000005', credentialId: 'qCredSlow000001' };

/** Imports credentials and workflows with n8n's CLI while n8n runs, then publishes the workflows. */
async function importAndPublish(home: string, env: Record<string, string>, rest: N8nRest, credentials: unknown[], workflows: Data[], filesDir: string) {
	mkdirSync(filesDir, { recursive: true });
	writeFileSync(path.join(filesDir, 'credentials.json'), JSON.stringify(credentials));
	writeFileSync(path.join(filesDir, 'workflows.json'), JSON.stringify(workflows));
	for (const [command, file] of [['import:credentials', 'credentials.json'], ['import:workflow', 'workflows.json']]) {
		const result = await n8nCli(home, [command, `--input=${path.join(filesDir, file)}`], env);
		if (result.code !== 0) throw new Error(`n8n ${command}: ${(result.out + result.err).slice(-600)}`);
	}
	for (const workflow of workflows) await rest.activate(String(workflow.id));
}

/** Whether main serves a production webhook at this path (n8n names the right method once it is registered). */
async function webhookRegistered(main: N8nProcess, webhookPath: string): Promise<boolean> {
	const response = await fetch(`${main.url}/webhook/${webhookPath}`).catch(() => undefined);
	const text = (await response?.text()) ?? '';
	return /Did you mean to make a POST request/.test(text);
}

/** The webhook-trigger workflow that is published (the webhook scenario swaps `hook` for `hookFull`). */
let publishedHook: { webhookId: string } = WF.hook;

/** The events the webhook scenario delivered three times, delivered again by the manual scenario after main restarts. */
let repeatedAfterRestart: PushEvent[] | undefined;

const state: { sandbox?: StravaSandbox; pg?: Postgres; redis?: Redis; main?: N8nProcess; workers: N8nProcess[] } = { workers: [] };

async function cleanup() {
	await Promise.allSettled(spawned.map((proc) => proc.stop()));
	await Promise.allSettled([state.pg?.stop(), state.redis?.stop()]);
	await state.sandbox?.stop().catch(() => undefined);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (interrupted) return;
		interrupted = true;
		console.error(`\n${signal}: stopping n8n, Postgres and Redis`);
		void cleanup().finally(() => process.exit(130));
	});
}

/** Who each token belongs to, and every refresh grant the sandbox answered (by athlete). */
function instrument(sandbox: StravaSandbox) {
	const owners = new Map<string, number>();
	/** Every refresh token ever handed out, dead or alive, and its athlete. */
	const refreshOwners = new Map<string, number>();
	const refreshes: Array<{ athleteId?: number; at: number; ok: boolean }> = [];
	const issue = sandbox.state.issueToken.bind(sandbox.state);
	sandbox.state.issueToken = (athleteId, scopes, expires) => {
		const record = issue(athleteId, scopes, expires);
		owners.set(record.accessToken, athleteId);
		refreshOwners.set(record.refreshToken, athleteId);
		return record;
	};
	const refresh = sandbox.state.refresh.bind(sandbox.state);
	sandbox.state.refresh = (token) => {
		const athleteId = refreshOwners.get(token);
		const next = refresh(token);
		if (next) {
			owners.set(next.accessToken, next.athleteId);
			refreshOwners.set(next.refreshToken, next.athleteId);
		}
		refreshes.push({ athleteId, at: Date.now(), ok: next !== undefined });
		return next;
	};
	const ownerOf = (entry: { headers: Record<string, unknown> }) => owners.get(/^Bearer (.+)$/i.exec(String(entry.headers.authorization ?? ''))?.[1] ?? '');
	return { refreshes, ownerOf };
}

/**
 * n8n 2.41 says it is ready before it has registered the published workflows' triggers again (its
 * workflow publication service does that in the background and logs it at debug level only). Wait until
 * the webhook trigger's URL answers (403 to a validation with a wrong verify token, instead of 404), and
 * until the publication outbox has been processed for the polling workflow.
 */
async function waitRegistered(main: N8nProcess, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${main.url}/webhook/${publishedHook.webhookId}/webhook?hub.mode=subscribe&hub.challenge=probe&hub.verify_token=probe`).catch(() => undefined);
		await response?.text();
		const outbox = await state.pg!.query<{ n: string }>(
			`SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name = 'workflow_publication_outbox'`,
		);
		if (response && response.status !== 404 && outbox) return;
		if (Date.now() > deadline) throw new Error(`main did not register the published workflows within ${timeoutMs / 1000} s`);
		await sleep(500);
	}
}

/** Polls `probe` every 0.5 s until it holds or `timeoutMs` has passed; whether it holds. */
async function settled(timeoutMs: number, probe: () => boolean | Promise<boolean>): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe())) {
		if (Date.now() > deadline) return false;
		await sleep(500);
	}
	return true;
}

async function until(what: string, timeoutMs: number, probe: () => boolean | Promise<boolean>) {
	if (!(await settled(timeoutMs, probe))) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

async function executions(pg: Postgres, workflowId: string) {
	return await pg.query<{ id: string; status: string; mode: string; startedAt: Date | null; stoppedAt: Date | null }>(
		'SELECT id::text AS id, status, mode, "startedAt", "stoppedAt" FROM execution_entity WHERE "workflowId" = $1 ORDER BY id',
		[workflowId],
	);
}

async function executionData(pg: Postgres, ids: string[]) {
	if (!ids.length) return new Map<string, ReturnType<typeof parseExecutionData>>();
	const rows = await pg.query<{ executionId: string; data: string }>(
		'SELECT "executionId"::text AS "executionId", data FROM execution_data WHERE "executionId" = ANY($1::int[])',
		[ids.map(Number)],
	);
	return new Map(rows.map((row) => [row.executionId, parseExecutionData(row.data)]));
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Waits until `count` executions of a workflow after `afterId` have finished; returns them. */
async function waitForExecutions(pg: Postgres, workflowId: string, count: number, afterId: number, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	let list: Awaited<ReturnType<typeof executions>> = [];
	while (Date.now() < deadline) {
		list = (await executions(pg, workflowId)).filter((row) => Number(row.id) > afterId);
		if (list.length >= count && list.every((row) => FINISHED.has(row.status))) return list;
		await sleep(300);
	}
	return list;
}

async function lastExecutionId(pg: Postgres): Promise<number> {
	const [row] = await pg.query<{ max: string | null }>('SELECT max(id)::text AS max FROM execution_entity');
	return Number(row?.max ?? 0);
}

/** POSTs to a production webhook of main `times` times at once; returns the HTTP statuses. */
async function fire(main: N8nProcess, webhookPath: string, times: number): Promise<number[]> {
	return await Promise.all(
		Array.from({ length: times }, async (_, index) => {
			const response = await fetch(`${main.url}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ index }),
			});
			await response.text();
			return response.status;
		}),
	);
}

const byWorker = (ids: string[]) =>
	state.workers.map((worker) => ids.filter((id) => workerExecutions(worker).has(id)).length);

const ms = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return { max: sorted[sorted.length - 1] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 };
};

async function main() {
	log('setting up: packages, Postgres, Redis, sandbox, n8n user folders');
	ensurePackages(log);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const [pg, redis, sandbox] = await Promise.all([startPostgres(path.join(dir, 'pg')), startRedis(path.join(dir, 'redis')), startSandbox()]);
	Object.assign(state, { pg, redis, sandbox });
	const probe = instrument(sandbox);
	log(`Postgres :${pg.port} (pid ${pg.pid}), Redis :${redis.port} (pid ${redis.pid}), sandbox ${sandbox.url}`);

	// The n8n user folders live outside the repository: inside it, the installed package would resolve the
	// repository's own devDependency n8n-workflow (node_modules up the tree) before n8n's (NODE_PATH), and
	// n8n-core's errors would not be instances of the package's NodeOperationError.
	const homeRoot = path.join(tmpdir(), 'n8n-strava-queue');
	rmSync(homeRoot, { recursive: true, force: true });
	const homes = { main: path.join(homeRoot, 'main'), worker1: path.join(homeRoot, 'worker1'), worker2: path.join(homeRoot, 'worker2') };
	installInto(homes.main);
	copyInstalled(homes.main, homes.worker1);
	copyInstalled(homes.main, homes.worker2);
	log('package installed into the user folders of main and both workers');
	const env = queueEnv({ postgresPort: pg.port, redisPort: redis.port, sandboxUrl: sandbox.url });

	// Athletes and their credentials. The token credential starts expired (on both clocks).
	addAthlete(sandbox, POLL_ATHLETE);
	addAthlete(sandbox, HOOK_ATHLETE);
	const nowMs = sandbox.state.clock.now();
	for (let i = 0; i < 10; i++) addAthleteActivity(sandbox, POLL_ATHLETE, 710_000 + i, new Date(nowMs - (2 + i * 2) * 86_400_000));
	const credential = (id: string, name: string, athleteId: number, expiresIn?: number) => ({
		id,
		name,
		type: 'stravaV3OAuth2Api',
		// No `server`: CREDENTIALS_OVERWRITE_DATA sets it on main and on the workers.
		data: {
			clientId: sandbox.state.clientId,
			clientSecret: sandbox.state.clientSecret,
			scopes: SCOPES,
			oauthTokenData: sandbox.state.issueToken(athleteId, SCOPES, expiresIn).tokenData,
		},
	});
	const tokenCred = credential('qCredToken00001', 'Strava queue token', TOKEN_ATHLETE, -60);
	const creds = [tokenCred, credential('qCredPoll000001', 'Strava queue poll', POLL_ATHLETE), credential('qCredHook000001', 'Strava queue hook', HOOK_ATHLETE)];
	const stravaNode = (credId: string, parameters: Data) => ({
		id: 'strava',
		name: 'Strava API',
		type: 'n8n-nodes-strava-api.stravaApi',
		typeVersion: 1,
		position: [220, 0],
		parameters,
		credentials: { stravaV3OAuth2Api: { id: credId, name: 'x' } },
	});
	const webhookNode = (webhookPath: string, webhookId: string) => ({
		id: 'hook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	});
	const noOp = { id: 'noop', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} };
	const workflows = [
		workflowJson(WF.token.id, WF.token.name, [webhookNode(WF.token.path, 'b1b1b1b1-0000-4000-8000-000000000001'), stravaNode(tokenCred.id, { resource: 'athlete', operation: 'get' })], chain('Webhook', 'Strava API')),
		workflowJson(WF.rateWait.id, WF.rateWait.name, [webhookNode(WF.rateWait.path, 'b1b1b1b1-0000-4000-8000-000000000002'), stravaNode(tokenCred.id, { resource: 'athlete', operation: 'get', rateLimit: { onLimit: 'wait', maxWaitSeconds: 120 } })], chain('Webhook', 'Strava API')),
		workflowJson(WF.rateFail.id, WF.rateFail.name, [webhookNode(WF.rateFail.path, 'b1b1b1b1-0000-4000-8000-000000000003'), stravaNode(tokenCred.id, { resource: 'athlete', operation: 'get', rateLimit: { onLimit: 'fail' } })], chain('Webhook', 'Strava API')),
		workflowJson(WF.plain.id, WF.plain.name, [webhookNode(WF.plain.path, 'b1b1b1b1-0000-4000-8000-000000000004'), noOp], chain('Webhook', 'Done')),
		workflowJson(
			WF.poll.id,
			WF.poll.name,
			[
				{
					id: 'poll',
					name: 'New Activity',
					type: 'n8n-nodes-strava-api.stravaApiNewActivityTrigger',
					typeVersion: 1,
					position: [0, 0],
					// The largest allowance (1,000 reads a day): a check every 2 minutes, so a few polls fit in this run.
					parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, lookBackDays: 7, dailyRequestBudget: 1000, options: {} },
					credentials: { stravaV3OAuth2Api: { id: creds[1].id, name: creds[1].name } },
				},
				noOp,
			],
			chain('New Activity', 'Done'),
		),
		workflowJson(
			WF.hook.id,
			WF.hook.name,
			[
				{
					id: 'trigger',
					name: 'Strava Events',
					type: 'n8n-nodes-strava-api.stravaApiTrigger',
					typeVersion: Number(process.env.QUEUE_HOOK_VERSION ?? 2),
					position: [0, 0],
					webhookId: WF.hook.webhookId,
					parameters: {},
					credentials: { stravaV3OAuth2Api: { id: creds[2].id, name: creds[2].name } },
				},
				noOp,
			],
			chain('Strava Events', 'Done'),
		),
		workflowJson(
			WF.manualList.id,
			WF.manualList.name,
			[
				{ id: 'manual', name: 'Run now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ ...stravaNode(creds[1].id, { resource: 'activity', operation: 'getAll', returnAll: true }), typeVersion: 2 },
			],
			chain('Run now', 'Strava API'),
		),
		workflowJson(
			WF.hookFull.id,
			WF.hookFull.name,
			[
				{
					id: 'trigger',
					name: 'Strava Events',
					type: 'n8n-nodes-strava-api.stravaApiTrigger',
					typeVersion: 2,
					position: [0, 0],
					webhookId: WF.hookFull.webhookId,
					parameters: { options: { includeActivity: true } },
					credentials: { stravaV3OAuth2Api: { id: creds[2].id, name: creds[2].name } },
				},
				noOp,
			],
			chain('Strava Events', 'Done'),
		),
	];
	const files = path.join(dir, 'files');
	mkdirSync(files, { recursive: true });
	writeFileSync(path.join(files, 'credentials.json'), JSON.stringify(creds));
	writeFileSync(path.join(files, 'workflows.json'), JSON.stringify(workflows));
	const imported = await n8nCli(homes.main, ['import:credentials', `--input=${path.join(files, 'credentials.json')}`], env);
	if (!check('n8n import:credentials into Postgres', imported.code === 0, imported.code ? (imported.out + imported.err).slice(-600) : '')) throw new Error('import failed');
	const importedWf = await n8nCli(homes.main, ['import:workflow', `--input=${path.join(files, 'workflows.json')}`], env);
	if (!check('n8n import:workflow into Postgres', importedWf.code === 0, importedWf.code ? (importedWf.out + importedWf.err).slice(-600) : '')) throw new Error('import failed');
	log('imported credentials and workflows');

	const port = await freePort(0);
	let mainEnv: Record<string, string> = { ...env, N8N_LOG_LEVEL: process.env.QUEUE_MAIN_LOG_LEVEL ?? 'info' };
	const [firstMain, ...workers] = await Promise.all([
		startMain(homes.main, port, mainEnv),
		startWorker('worker1', homes.worker1, 10, env),
		startWorker('worker2', homes.worker2, 10, env),
	]);
	let mainProcess = firstMain;
	state.main = mainProcess;
	state.workers = workers;
	log(`n8n main ${mainProcess.url} and two workers ready`);
	const rest = new N8nRest(mainProcess.url!);
	await rest.ownerLogin();
	for (const workflow of [WF.token, WF.rateWait, WF.rateFail, WF.plain, WF.hook, WF.poll]) await rest.activate(workflow.id);
	log('workflows published');

	// Publishing returns before n8n's publication service has activated the triggers: wait for the polling
	// trigger's first poll (its baseline, saved in the workflow's static data) and for the push subscription.
	await until('the polling trigger\'s first poll', 120_000, async () => {
		const [row] = await pg.query<{ staticData: Data | null }>('SELECT "staticData" FROM workflow_entity WHERE id = $1', [WF.poll.id]);
		const node = (row?.staticData?.['node:New Activity'] ?? {}) as { budget?: { lastSweepAt?: number } };
		return node.budget?.lastSweepAt !== undefined;
	});
	await until('the push subscription', 60_000, () => currentSubscription(sandbox) !== undefined);
	log('polling trigger activated (baseline saved), push subscription created');

	// The poll scenario runs in the background of the others: its first activities.
	const pollStart = Date.now();
	const pollActivities = { history: [...Array(10).keys()].map((i) => 710_000 + i), first: [711_001, 711_002], second: [711_003, 711_004] };
	const addPollActivities = ([fresh, late]: number[]) => {
		const now = sandbox.state.clock.now();
		addAthleteActivity(sandbox, POLL_ATHLETE, fresh, new Date(now - 25 * 60_000)); // a ride synced when it ended
		addAthleteActivity(sandbox, POLL_ATHLETE, late, new Date(now - 3 * 86_400_000)); // a watch synced 3 days late
	};
	addPollActivities(pollActivities.first);

	// ── 1. Token expiry under load ────────────────────────────────────────────────────────────────────
	if (want('token')) {
		log('scenario 1: 20 executions at once with an expired token');
		const after = await lastExecutionId(pg);
		sandbox.latencyMs = 150; // executions overlap on both workers
		const refreshesBefore = probe.refreshes.length;
		const logFrom = sandbox.log.length;
		const statuses = await fire(mainProcess, WF.token.path, 20);
		const runs = await waitForExecutions(pg, WF.token.id, 20, after, 90_000);
		sandbox.latencyMs = 0;
		const calls = sandbox.log.slice(logFrom).filter((entry) => entry.apiPath === '/athlete' && probe.ownerOf(entry) !== HOOK_ATHLETE);
		const tokenCalls = probe.refreshes.slice(refreshesBefore).filter((entry) => entry.athleteId === TOKEN_ATHLETE);
		const unauthorized = sandbox.log.slice(logFrom).filter((entry) => entry.apiPath === '/athlete' && entry.status === 401).length;
		const ok = runs.filter((run) => run.status === 'success').length;
		const perWorker = byWorker(runs.map((run) => run.id));
		check('token expiry: 20 webhook calls accepted by main', statuses.every((status) => status === 200), statuses.join(','));
		check('token expiry: 20 executions, 0 failed', runs.length === 20 && ok === 20, `${ok} ok of ${runs.length}: ${runs.filter((run) => run.status !== 'success').map((run) => run.status).join(',')}`);
		check('token expiry: executions ran on both workers', perWorker.every((count) => count > 0), perWorker.join(' + '));
		check('token expiry: exactly 1 token-endpoint call', tokenCalls.length === 1, `${tokenCalls.length} (${tokenCalls.map((call) => (call.ok ? 'ok' : 'refused')).join(',')})`);
		check('token expiry: no more 401s than executions', unauthorized <= 20, `${unauthorized} 401s`);

		// Six sandbox-hours later the access token is dead: the next run must refresh with what Postgres holds.
		sandbox.state.clock.advance(6 * 3600_000);
		const afterLater = await lastExecutionId(pg);
		const laterRefreshes = probe.refreshes.length;
		await fire(mainProcess, WF.token.path, 1);
		const [later] = await waitForExecutions(pg, WF.token.id, 1, afterLater, 60_000);
		const laterCalls = probe.refreshes.slice(laterRefreshes).filter((entry) => entry.athleteId === TOKEN_ATHLETE);
		sandbox.state.clock.advance(-6 * 3600_000);
		check('token expiry: a run six sandbox-hours later succeeds (refresh token in Postgres was the rotated one)', later?.status === 'success' && laterCalls.length === 1 && laterCalls[0].ok, `${later?.status}, ${laterCalls.length} refresh(es) ${laterCalls.map((call) => (call.ok ? 'ok' : 'refused')).join(',')}`);
		figures.push({ scenario: 'token expiry, 20 at once', executions: runs.length, ok, failed: runs.length - ok, workers: perWorker.join('+'), tokenCalls: tokenCalls.length, '401s': unauthorized, '429s': 0, requests: calls.length });
	}

	// ── 2. Slow token endpoint (every token answer after 11 s) ───────────────────────────────────────
	if (want('slow')) {
		log('scenario 2: 20 executions, expired token, token endpoint answers after 11 s');
		for (const record of sandbox.state.accessTokens.values()) if (record.athleteId === TOKEN_ATHLETE) record.expiresAt = sandbox.state.clock.nowSeconds() - 1;
		const after = await lastExecutionId(pg);
		sandbox.faults.push({ path: /^\/oauth\/token$/, delayMs: 11_000, times: 1000 });
		sandbox.latencyMs = 150;
		const refreshesBefore = probe.refreshes.length;
		const logFrom = sandbox.log.length;
		await fire(mainProcess, WF.token.path, 20);
		const runs = await waitForExecutions(pg, WF.token.id, 20, after, 120_000);
		sandbox.latencyMs = 0;
		sandbox.faults = sandbox.faults.filter((fault) => !('delayMs' in fault && fault.delayMs === 11_000));
		const tokenCalls = probe.refreshes.slice(refreshesBefore).filter((entry) => entry.athleteId === TOKEN_ATHLETE);
		const unauthorized = sandbox.log.slice(logFrom).filter((entry) => entry.apiPath === '/athlete' && entry.status === 401).length;
		const ok = runs.filter((run) => run.status === 'success').length;
		const failedIds = runs.filter((run) => run.status !== 'success').map((run) => run.id);
		const data = await executionData(pg, failedIds);
		const messages = [...new Set([...data.values()].map((run) => run.error ?? '?'))];
		const perWorker = byWorker(runs.map((run) => run.id));
		const failedPerWorker = byWorker(failedIds);
		const leaseWarnings = [...mainProcess.output().matchAll(/Could not acquire refresh lock/g)].length + state.workers.reduce((sum, worker) => sum + [...worker.output().matchAll(/Could not acquire refresh lock/g)].length, 0);
		check(
			'slow token endpoint: 20 executions, 0 failed',
			runs.length === 20 && ok === 20,
			`${ok} ok, ${runs.length - ok} failed (per worker ${failedPerWorker.join(' + ')}); token calls ${tokenCalls.map((call) => (call.ok ? 'ok' : 'refused')).join(',')}; "Could not acquire refresh lock" ×${leaseWarnings}; errors: ${messages.join(' | ').slice(0, 400)}`,
		);
		figures.push({ scenario: 'slow token endpoint (11 s)', executions: runs.length, ok, failed: runs.length - ok, workers: perWorker.join('+'), tokenCalls: `${tokenCalls.length} (${tokenCalls.filter((call) => !call.ok).length} refused)`, '401s': unauthorized, '429s': 0, requests: '' });
		// Whatever happened, make the credential usable again for the next scenarios: the token that rotated last.
		if (ok < 20) {
			const live = [...sandbox.state.refreshTokens.values()].find((record) => record.athleteId === TOKEN_ATHLETE);
			if (live) log(`(the sandbox's live refresh token for the token credential rotated at ${new Date(live.expiresAt * 1000 - 21600_000).toISOString()})`);
		}
	}

	// ── 3. Rate limit across workers ────────────────────────────────────────────────────────────────
	for (const policy of (['wait', 'fail'] as const).filter(() => want('rate'))) {
		const wf = policy === 'wait' ? WF.rateWait : WF.rateFail;
		const left = policy === 'wait' ? 5 : 0;
		const lead = policy === 'wait' ? 12_000 : 60_000;
		log(`scenario 3 (${policy}): 20 executions against a 15-minute window with ${left} reads left, resetting in ${lead / 1000} s`);
		// Strava's clock just before a window boundary: the window resets in seconds, not 15 minutes.
		const boundary = Math.floor(sandbox.state.clock.now() / QUARTER_MS) * QUARTER_MS + QUARTER_MS;
		sandbox.state.clock.set(boundary - lead);
		sandbox.state.useUpReadBudget(left);
		const resetLocal = Date.now() + lead;
		const after = await lastExecutionId(pg);
		const logFrom = sandbox.log.length;
		sandbox.latencyMs = 100;
		await fire(mainProcess, wf.path, 20);
		const runs = await waitForExecutions(pg, wf.id, 20, after, 120_000);
		sandbox.latencyMs = 0;
		const entries = sandbox.log.slice(logFrom).filter((entry) => entry.apiPath === '/athlete' && probe.ownerOf(entry) === TOKEN_ATHLETE);
		const limited = entries.filter((entry) => entry.status === 429).length;
		const ok = runs.filter((run) => run.status === 'success').length;
		const perWorker = byWorker(runs.map((run) => run.id));
		if (policy === 'wait') {
			const afterReset = runs.filter((run) => run.stoppedAt && new Date(run.stoppedAt).getTime() >= resetLocal).length;
			check('rate limit (Wait): all 20 executions succeed', runs.length === 20 && ok === 20, `${ok} ok of ${runs.length}`);
			check('rate limit (Wait): the refused ones finished after the window reset', afterReset >= 20 - left, `${afterReset} finished after the reset`);
			check('rate limit (Wait): at most one 429 per execution (no retry storm)', limited <= 20, `${limited} 429s for ${entries.length} requests`);
			figures.push({ scenario: `rate limit, Wait (${left} left)`, executions: runs.length, ok, failed: runs.length - ok, workers: perWorker.join('+'), tokenCalls: 0, '401s': entries.filter((entry) => entry.status === 401).length, '429s': limited, requests: entries.length });
		} else {
			const data = await executionData(pg, runs.map((run) => run.id));
			const named = [...data.values()].filter((run) => /Strava rate limit reached: read requests per 15 minutes/.test(run.error ?? '')).length;
			const sample = [...data.values()].find((run) => run.error)?.error ?? '';
			check('rate limit (Fail): all 20 executions fail', runs.length === 20 && ok === 0, `${runs.length - ok} failed of ${runs.length}`);
			check('rate limit (Fail): each names the limit and its reset', named === 20, `${named} of 20; e.g. "${sample}"`);
			figures.push({ scenario: `rate limit, Fail (${left} left)`, executions: runs.length, ok, failed: runs.length - ok, workers: perWorker.join('+'), tokenCalls: 0, '401s': entries.filter((entry) => entry.status === 401).length, '429s': limited, requests: entries.length });
		}
	}

	// ── 5. Webhook trigger ──────────────────────────────────────────────────────────────────────────
	if (want('hook')) {
		log('scenario 5: webhook trigger, validation, a burst of 50 events, a forged subscription id');
		const subscription = currentSubscription(sandbox);
		const validations = webhookState(sandbox).validations;
		check(
			"webhook: activation subscribed main's production URL, Strava's validation answered",
			Boolean(subscription?.callback_url.startsWith(`${mainProcess.url}/webhook/${WF.hook.webhookId}`)) && validations.some((entry) => entry.status === 200),
			`${subscription?.callback_url}; validation ${validations.map((entry) => `${entry.status} in ${entry.ms} ms`).join(', ')}`,
		);
		// The same burst at n8n's own Webhook node (→ No Op): what main's queue-mode webhook path costs by itself,
		// measured before and after the Strava burst (the first burst at a path meets colder caches).
		const plainBurst = async (when: string) => {
			const afterPlain = await lastExecutionId(pg);
			const plainAcks = await Promise.all(
				Array.from({ length: 50 }, async (_, index) => {
					const t0 = performance.now();
					const response = await fetch(`${mainProcess.url}/webhook/${WF.plain.path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ index }) });
					await response.text();
					return { status: response.status, ms: Math.round(performance.now() - t0) };
				}),
			);
			const plainMs = ms(plainAcks.map((ack) => ack.ms));
			const plainRuns = await waitForExecutions(pg, WF.plain.id, 50, afterPlain, 90_000);
			figures.push({ scenario: `baseline: n8n's Webhook node, 50 at once (${when})`, executions: plainRuns.length, ok: plainRuns.filter((run) => run.status === 'success').length, failed: plainRuns.filter((run) => run.status !== 'success').length, workers: byWorker(plainRuns.map((run) => run.id)).join('+'), tokenCalls: 0, '401s': 0, '429s': 0, requests: `ack max ${plainMs.max} ms, median ${plainMs.median} ms` });
			return plainMs;
		};
		await plainBurst('before');

		/**
		 * 50 simultaneous events from "Strava". Checked (strict): each acknowledged with 200 and each starting
		 * exactly one execution on a worker. Otherwise only measured: events whose acknowledgement the sender
		 * gave up on (Strava would send them again) may or may not have started one.
		 */
		const stravaBurst = async (label: string, firstId: number, strict: boolean) => {
			const after = await lastExecutionId(pg);
			const hookLogFrom = sandbox.log.length;
			const acks = await Promise.all(
				Array.from({ length: 50 }, (_, index) =>
					pushEvent(sandbox, { object_type: 'activity', aspect_type: 'create', object_id: firstId + index, owner_id: HOOK_ATHLETE }),
				),
			);
			const ackMs = ms(acks.map((ack) => ack.ms));
			const acked = acks.filter((ack) => ack.status === 200).length;
			const hookReads = sandbox.log.slice(hookLogFrom).filter((entry) => entry.apiPath !== undefined && probe.ownerOf(entry) === HOOK_ATHLETE).length;
			const runs = await waitForExecutions(pg, WF.hook.id, strict ? 50 : acked, after, 90_000);
			if (!strict) await sleep(3000); // executions of events whose sender gave up
			const settled = strict ? runs : await executions(pg, WF.hook.id).then((all) => all.filter((run) => Number(run.id) > after));
			const ok = settled.filter((run) => run.status === 'success').length;
			const perWorker = byWorker(settled.map((run) => run.id));
			const data = await executionData(pg, settled.map((run) => run.id));
			const ids = [...data.values()].flatMap((run) => (run.items['Strava Events'] ?? []).map((item) => Number(item.object_id)));
			if (strict) {
				check(`webhook (${label}): 50 events acknowledged with 200`, acked === 50, `statuses ${[...new Set(acks.map((ack) => ack.status))].join(',')}`);
				check(`webhook (${label}): 50 executions on the workers, each event once`, ok === 50 && new Set(ids).size === 50 && ids.length === 50 && perWorker.reduce((a, b) => a + b, 0) === 50, `${ok} ok, ${ids.length} events (${new Set(ids).size} distinct), workers ${perWorker.join(' + ')}`);
			}
			const late = acks.filter((ack) => ack.ms >= 2000).length;
			figures.push({ scenario: `webhook burst, 50 events (${label})`, executions: settled.length, ok, failed: settled.length - ok, workers: perWorker.join('+'), tokenCalls: 0, '401s': 0, '429s': 0, requests: `ack max ${ackMs.max} ms, median ${ackMs.median} ms; ${late} over 2 s, ${50 - acked} unanswered in 10 s; ${hookReads} Strava requests` });
			return { acks, ackMs, after };
		};

		// n8n 2.x's default expression engine ("vm") gives every webhook call to a node other than its own
		// Webhook node a fresh isolate before the node runs: measured here as it is, then with the setting the
		// scale guide recommends for main, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (an isolate only when an
		// expression needs one; the trigger's version 2 needs none to be received).
		const onDefaults = await stravaBurst("n8n's default expression engine", 870_000, false);
		log(`burst on n8n's defaults: ack max ${onDefaults.ackMs.max} ms, median ${onDefaults.ackMs.median} ms; restarting main with ${JSON.stringify(TUNED_MAIN)}`);
		await mainProcess.stop();
		writeFileSync(path.join(dir, 'main-defaults.log'), mainProcess.output());
		mainEnv = { ...mainEnv, ...TUNED_MAIN };
		mainProcess = await startMain(homes.main, port, mainEnv);
		state.main = mainProcess;
		await waitRegistered(mainProcess, 120_000);
		const tuned = await stravaBurst('N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true on main', 880_000, true);
		check('webhook: with the recommended main setting, 50 simultaneous events each acknowledged within 2 s', tuned.acks.every((ack) => ack.status === 200 && ack.ms < 2000), `max ${tuned.ackMs.max} ms, median ${tuned.ackMs.median} ms (n8n defaults: max ${onDefaults.ackMs.max} ms, median ${onDefaults.ackMs.median} ms)`);

		const forged = await pushEvent(sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 889_999, owner_id: HOOK_ATHLETE, subscription_id: 999_999 });
		await sleep(3000);
		const afterForged = (await executions(pg, WF.hook.id)).filter((run) => Number(run.id) > tuned.after).length;
		check('webhook: a forged subscription id is refused and starts nothing', forged.status === 403 && afterForged === 50, `status ${forged.status}, executions ${afterForged}`);
		await plainBurst('after');
		figures.push({ scenario: 'webhook, forged subscription id', executions: afterForged - 50, ok: 0, failed: 0, workers: '–', tokenCalls: 0, '401s': 0, '429s': 0, requests: `answered ${forged.status}` });

		// Strava repeats an event whose 200 came late (up to three attempts). The workflow with Include Full
		// Activity takes the slot; 50 events are delivered once, then 50 others three times each, all at once
		// and shuffled (the hardest case: repeats arrive while the first delivery is still being handled).
		await rest.request('POST', `/workflows/${WF.hook.id}/deactivate`);
		// n8n 2.41 publishes and unpublishes through an outbox: wait until the slot is free before taking it.
		await settled(60_000, () => !currentSubscription(sandbox));
		await rest.activate(WF.hookFull.id);
		publishedHook = WF.hookFull;
		// Main registers a published workflow's webhooks (and the node creates its subscription) after answering.
		await settled(60_000, () => Boolean(currentSubscription(sandbox)?.callback_url.includes(WF.hookFull.webhookId)));
		const fullSubscription = currentSubscription(sandbox);
		check('webhook (repeats): the Include Full Activity workflow holds the subscription', Boolean(fullSubscription?.callback_url.includes(WF.hookFull.webhookId)), String(fullSubscription?.callback_url));
		const deliveredBurst = async (label: string, firstId: number, times: number) => {
			for (let index = 0; index < 50; index++) addAthleteActivity(sandbox, HOOK_ATHLETE, firstId + index, '2026-12-01T06:00:00Z', { name: `Repeat ride ${index}` });
			// A fresh 15-minute window, so that the reads measured here are never refused.
			Object.assign(sandbox.state.usage, { overall15: 0, read15: 0 });
			const after = await lastExecutionId(pg);
			const logFrom = sandbox.log.length;
			const eventTime = sandbox.state.clock.nowSeconds();
			const events = Array.from({ length: 50 }, (_, index) => ({
				object_type: 'activity' as const,
				aspect_type: 'create' as const,
				object_id: firstId + index,
				owner_id: HOOK_ATHLETE,
				subscription_id: fullSubscription?.id ?? 0,
				event_time: eventTime,
				updates: {},
			}));
			const deliveries: PushEvent[] = events.flatMap((event) => Array.from({ length: times }, () => event));
			for (let index = deliveries.length - 1; index > 0; index--) {
				const other = Math.floor(Math.random() * (index + 1));
				[deliveries[index], deliveries[other]] = [deliveries[other], deliveries[index]];
			}
			const acks = await Promise.all(deliveries.map((event) => pushEvent(sandbox, event)));
			await waitForExecutions(pg, WF.hookFull.id, 50, after, 90_000);
			await sleep(5000); // a duplicate execution would have been started by now
			const settled = (await executions(pg, WF.hookFull.id)).filter((run) => Number(run.id) > after);
			const data = await executionData(pg, settled.map((run) => run.id));
			const ids = [...data.values()].flatMap((run) => (run.items['Strava Events'] ?? []).map((item) => Number(item.object_id)));
			const withActivity = [...data.values()].flatMap((run) => run.items['Strava Events'] ?? []).filter((item) => (item.activity as Data | null)?.id !== undefined).length;
			const distinct = new Set(ids).size;
			const reads = sandbox.log.slice(logFrom).filter((entry) => entry.apiPath !== undefined && /^\/activities\/\d+$/.test(entry.apiPath)).length;
			const acked = acks.filter((ack) => ack.status === 200).length;
			const ok = settled.filter((run) => run.status === 'success').length;
			const ackMs = ms(acks.map((ack) => ack.ms));
			check(
				`webhook (${label}): ${deliveries.length} deliveries acknowledged with 200, 50 executions, each event once, 50 activity reads`,
				acked === deliveries.length && settled.length === 50 && ok === 50 && ids.length === 50 && distinct === 50 && reads === 50 && withActivity === 50,
				`${acked}/${deliveries.length} acknowledged, ${settled.length} executions (${ok} ok), ${ids.length} events (${distinct} distinct), ${reads} reads, ${withActivity} with the activity`,
			);
			figures.push({
				scenario: `webhook, 50 events × ${times} deliveries, Include Full Activity`,
				executions: settled.length,
				ok,
				failed: settled.length - ok,
				workers: byWorker(settled.map((run) => run.id)).join('+'),
				tokenCalls: 0,
				'401s': 0,
				'429s': 0,
				requests: `${deliveries.length} deliveries, ${acked} answered 200 (ack max ${ackMs.max} ms, median ${ackMs.median} ms); ${ids.length - distinct} duplicates, ${50 - distinct} missed; ${reads} activity reads`,
			});
			return events;
		};
		await deliveredBurst('once', 890_000, 1);
		repeatedAfterRestart = await deliveredBurst('three times', 891_000, 3);
	}

	// ── 4. Polling trigger on main, executions on workers, across a restart of main ────────────────
	if (want('poll')) {
		log('scenario 4: polling trigger (first activities emitted, then main restarts)');
		const emittedIds = async () => {
			const runs = await executions(pg, WF.poll.id);
			const data = await executionData(pg, runs.map((run) => run.id));
			return { runs, ids: [...data.values()].flatMap((run) => (run.items['New Activity'] ?? []).map((item) => Number(item.id))) };
		};
		const waitEmitted = async (wanted: number[], timeoutMs: number) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const result = await emittedIds();
				if (wanted.every((id) => result.ids.includes(id)) || Date.now() > deadline) return result;
				await sleep(1000);
			}
		};
		const first = await waitEmitted(pollActivities.first, 4 * 60_000);
		check('poll: a new and a late activity emitted after activation', pollActivities.first.every((id) => first.ids.includes(id)), `emitted ${first.ids.join(',')} after ${((Date.now() - pollStart) / 1000).toFixed(0)} s`);

		log('restarting n8n main');
		await mainProcess.stop();
		writeFileSync(path.join(dir, 'main-before-restart.log'), mainProcess.output());
		const restarted = await startMain(homes.main, port, mainEnv);
		state.main = restarted;
		await waitRegistered(restarted, 120_000);
		log('main restarted, published workflows activated again');
		addPollActivities(pollActivities.second);
		const second = await waitEmitted(pollActivities.second, 5 * 60_000);
		// One more due poll after that: nothing is emitted twice.
		const pollCalls = () => sandbox.log.filter((entry) => entry.apiPath === '/athlete/activities' && probe.ownerOf(entry) === POLL_ATHLETE);
		const callsNow = pollCalls().length;
		const deadline = Date.now() + 3 * 60_000;
		while (pollCalls().length === callsNow && Date.now() < deadline) await sleep(1000);
		await sleep(3000);
		const final = await emittedIds();
		const counts = new Map<number, number>();
		for (const id of final.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
		const duplicates = [...counts.values()].filter((count) => count > 1).length;
		const historyEmitted = pollActivities.history.filter((id) => counts.has(id)).length;
		const expected = [...pollActivities.first, ...pollActivities.second];
		const perWorker = byWorker(final.runs.map((run) => run.id));
		check('poll: after the restart, the next new and late activities emitted', pollActivities.second.every((id) => second.ids.includes(id)), `emitted ${second.ids.join(',')}`);
		check('poll: each activity exactly once across polls and the restart, no history', expected.every((id) => counts.get(id) === 1) && duplicates === 0 && historyEmitted === 0, `counts ${JSON.stringify(Object.fromEntries(counts))}`);
		check('poll: the trigger ran on main, its executions on the workers', final.runs.length > 0 && perWorker.reduce((a, b) => a + b, 0) === final.runs.length, `${final.runs.length} executions, workers ${perWorker.join(' + ')}`);
		// Requests per due poll: calls closer than 5 s apart belong to one poll.
		const calls = pollCalls();
		const polls: number[][] = [];
		for (const call of calls) {
			const last = polls[polls.length - 1];
			if (last && call.at - last[last.length - 1] < 5000) last.push(call.at);
			else polls.push([call.at]);
		}
		const sizes = polls.map((poll) => poll.length);
		const minutes = (Date.now() - pollStart) / 60_000;
		figures.push({
			scenario: 'polling trigger across a restart',
			executions: final.runs.length,
			ok: final.runs.filter((run) => run.status === 'success').length,
			failed: final.runs.filter((run) => run.status !== 'success').length,
			workers: perWorker.join('+'),
			tokenCalls: probe.refreshes.filter((entry) => entry.athleteId === POLL_ATHLETE).length,
			'401s': calls.filter((call) => call.status === 401).length,
			'429s': calls.filter((call) => call.status === 429).length,
			requests: `${calls.length} in ${minutes.toFixed(1)} min, ${polls.length} due polls (requests per poll: ${sizes.join(',')}), ~${Math.round(minutes)} n8n polls`,
		});
	}

	// ── 6. Manual executions on workers (n8n 3's only queue-mode behaviour) ─────────────────────────
	if (want('manual')) {
		log(`scenario 6: manual executions with ${JSON.stringify(OFFLOAD_MANUAL)} on main`);
		await state.main!.stop();
		writeFileSync(path.join(dir, 'main-before-offload.log'), state.main!.output());
		mainEnv = { ...mainEnv, ...OFFLOAD_MANUAL };
		state.main = await startMain(homes.main, port, mainEnv);

		// The webhook scenario's events, delivered again after main restarted: n8n saved the trigger's static data.
		if (repeatedAfterRestart) {
			const hookFullUrl = `${state.main.url}/webhook/${WF.hookFull.webhookId}/webhook`;
			await until('the Include Full Activity trigger registered again', 120_000, async () => {
				const response = await fetch(`${hookFullUrl}?hub.mode=subscribe&hub.challenge=probe&hub.verify_token=probe`).catch(() => undefined);
				await response?.text();
				return Boolean(response && response.status !== 404);
			});
			const afterRestart = await lastExecutionId(pg);
			const logFrom = sandbox.log.length;
			const again = await Promise.all(repeatedAfterRestart.map((event) => pushEvent(sandbox, event)));
			await sleep(5000);
			const rerun = (await executions(pg, WF.hookFull.id)).filter((run) => Number(run.id) > afterRestart).length;
			const reads = sandbox.log.slice(logFrom).filter((entry) => entry.apiPath !== undefined && /^\/activities\/\d+$/.test(entry.apiPath)).length;
			check(
				'webhook (repeats): 50 repeats delivered after main restarted are acknowledged and start nothing',
				again.every((answer) => answer.status === 200) && rerun === 0 && reads === 0,
				`${again.filter((answer) => answer.status === 200).length}/50 answered 200, ${rerun} executions, ${reads} activity reads`,
			);
			figures.push({ scenario: 'webhook, the 50 events again after main restarted', executions: rerun, ok: 0, failed: 0, workers: '–', tokenCalls: 0, '401s': 0, '429s': 0, requests: `${again.length} deliveries, ${again.filter((answer) => answer.status === 200).length} answered 200; ${reads} activity reads` });
		}
		const ranOn = (id: string) => state.workers.filter((worker) => workerExecutions(worker).has(id)).map((worker) => worker.name);

		// Activity → Get Many (Return All), run from the editor.
		const listed = athleteActivityIds(sandbox, POLL_ATHLETE).length;
		const listFrom = sandbox.log.length;
		const started = await rest.request<{ executionId?: string }>('POST', `/workflows/${WF.manualList.id}/run`, { triggerToStartFrom: { name: 'Run now' } });
		const [listRun] = started.executionId ? await waitForExecutions(pg, WF.manualList.id, 1, Number(started.executionId) - 1, 120_000) : [];
		const listData = listRun ? (await executionData(pg, [listRun.id])).get(listRun.id) : undefined;
		const listItems = listData?.items['Strava API']?.length ?? 0;
		const listRequests = sandbox.log.slice(listFrom).filter((entry) => entry.apiPath === '/athlete/activities').length;
		check(
			'manual (offloaded): Activity → Get Many (Return All) ran on a worker and returned every activity',
			Boolean(listRun) && listRun.status === 'success' && ranOn(listRun.id).length === 1 && listItems === listed,
			`execution ${started.executionId} ${listRun?.status} on ${ranOn(listRun?.id ?? '').join(',') || 'main'}; ${listItems} of ${listed} activities; ${listRequests} list requests`,
		);
		figures.push({ scenario: 'manual Get Many (Return All), offloaded', executions: listRun ? 1 : 0, ok: listRun?.status === 'success' ? 1 : 0, failed: listRun?.status === 'success' ? 0 : 1, workers: ranOn(listRun?.id ?? '').join(',') || 'main', tokenCalls: 0, '401s': 0, '429s': 0, requests: `${listRequests} list requests for ${listItems} activities` });

		// The Strava API Trigger's test event: "Listen for test event" in the editor, then a push from Strava.
		for (const workflow of [WF.hook, WF.hookFull]) await rest.request('POST', `/workflows/${workflow.id}/deactivate`).catch(() => undefined);
		await settled(60_000, () => !currentSubscription(sandbox));
		const afterHook = await lastExecutionId(pg);
		const listening = await rest.request<{ waitingForWebhook?: boolean }>('POST', `/workflows/${WF.hook.id}/run`, { triggerToStartFrom: { name: 'Strava Events' } });
		await settled(60_000, () => Boolean(currentSubscription(sandbox)?.callback_url.includes('/webhook-test/')));
		const testSubscription = currentSubscription(sandbox);
		const sent = await pushEvent(sandbox, { object_type: 'activity', aspect_type: 'create', object_id: 895_001, owner_id: HOOK_ATHLETE });
		const [hookRun] = await waitForExecutions(pg, WF.hook.id, 1, afterHook, 120_000).catch(() => []);
		const hookData = hookRun ? (await executionData(pg, [hookRun.id])).get(hookRun.id) : undefined;
		const eventItem = hookData?.items['Strava Events']?.[0];
		await settled(30_000, () => !currentSubscription(sandbox));
		check(
			'manual (offloaded): the Strava API Trigger\'s test event ran on a worker; the test subscription is gone afterwards',
			listening.waitingForWebhook === true && sent.status === 200 && Boolean(hookRun) && hookRun.status === 'success' && ranOn(hookRun.id).length === 1 && Number(eventItem?.object_id) === 895_001 && !currentSubscription(sandbox),
			`listening ${listening.waitingForWebhook}; test subscription ${testSubscription?.callback_url}; event answered ${sent.status}; execution ${hookRun?.id} ${hookRun?.status} on ${ranOn(hookRun?.id ?? '').join(',') || 'main'}; object_id ${eventItem?.object_id}; subscription left ${currentSubscription(sandbox)?.callback_url ?? 'none'}`,
		);
		figures.push({ scenario: 'manual test event (listening in the editor), offloaded', executions: hookRun ? 1 : 0, ok: hookRun?.status === 'success' ? 1 : 0, failed: hookRun?.status === 'success' ? 0 : 1, workers: ranOn(hookRun?.id ?? '').join(',') || 'main', tokenCalls: 0, '401s': 0, '429s': 0, requests: `event acknowledged ${sent.status} in ${sent.ms} ms` });
	}

	// ── 7. Slow Strava: every answer (API and token endpoint) after 11 s, past n8n-core's 10 s lock wait ──
	// (Last, so the other scenarios keep their timing against the polling trigger that runs in the background.)
	if (want('slowall')) {
		const delayMs = SLOW_STRAVA_MS;
		const n8nMain = state.main!; // the poll scenario may have restarted it
		log(`scenario 7: 20 executions, a token that expired 3 s after it was minted, every Strava answer after ${delayMs / 1000} s`);
		// Its own athlete, credential and workflow (imported and published here), so the figures are this burst's alone.
		addAthlete(sandbox, SLOW_ATHLETE);
		// A token that expires 3 s after it is minted, by n8n's clock as well: the rate-limit scenarios move the
		// sandbox's clock ahead of this machine's, and a stored expiry that n8n's clock takes for fresh would make
		// every execution send its first call without a refresh (one more 401 each).
		const aheadSeconds = Math.max(0, Math.ceil(sandbox.state.clock.offsetMs / 1000));
		const slowCred = credential(SLOW_WF.credentialId, 'Strava queue slow Strava', SLOW_ATHLETE, 3 - aheadSeconds);
		const mintedRefreshToken = slowCred.data.oauthTokenData.refresh_token as string;
		const slowWorkflow = workflowJson(SLOW_WF.id, SLOW_WF.name, [webhookNode(SLOW_WF.path, SLOW_WF.webhookId), stravaNode(slowCred.id, { resource: 'athlete', operation: 'get' })], chain('Webhook', 'Strava API'));
		await importAndPublish(homes.main, env, rest, [slowCred], [slowWorkflow], path.join(files, 'slow-strava'));
		await until('the slow-Strava webhook registered', 120_000, async () => webhookRegistered(n8nMain, SLOW_WF.path));
		const expiresAt = Number(slowCred.data.oauthTokenData.expires_at);
		await until('the slow-Strava token expired', 10_000, () => sandbox.state.clock.nowSeconds() > expiresAt && Date.now() / 1000 > expiresAt);

		const after = await lastExecutionId(pg);
		const refreshesBefore = probe.refreshes.length;
		const logFrom = sandbox.log.length;
		const workerLogFrom = state.workers.map((worker) => worker.output().length);
		const slow = { match: (entry: { path: string; headers: Record<string, unknown> }) => entry.path === '/oauth/token' || probe.ownerOf(entry) === SLOW_ATHLETE, delayMs, times: 10_000 };
		sandbox.faults.push(slow);
		// A rotated refresh token is refused with Strava's own error body (no OAuth `error` field), as Strava does.
		sandbox.state.deadRefreshTokenAnswer = 'strava';
		const burstStart = Date.now();
		const statuses = await fire(n8nMain, SLOW_WF.path, 20);
		const runs = await waitForExecutions(pg, SLOW_WF.id, 20, after, 10 * delayMs + 60_000);
		const burstSeconds = (Date.now() - burstStart) / 1000;
		sandbox.faults = sandbox.faults.filter((fault) => fault !== slow);
		sandbox.state.deadRefreshTokenAnswer = 'oauth';

		const tokenCalls = probe.refreshes.slice(refreshesBefore).filter((entry) => entry.athleteId === SLOW_ATHLETE);
		const apiCalls = sandbox.log.slice(logFrom).filter((entry) => entry.apiPath === '/athlete' && probe.ownerOf(entry) === SLOW_ATHLETE);
		const unauthorized = apiCalls.filter((entry) => entry.status === 401).length;
		const mintedAccessToken = String(slowCred.data.oauthTokenData.access_token);
		const withMinted = apiCalls.filter((entry) => String(entry.headers.authorization) === `Bearer ${mintedAccessToken}`);
		const callGroups = new Map<string, number>();
		for (const entry of apiCalls) {
			const signedWith = String(entry.headers.authorization) === `Bearer ${mintedAccessToken}` ? 'the expired token' : 'a refreshed token';
			const key = `${entry.status} with ${signedWith} at ${Math.round((entry.at - apiCalls[0].at) / 1000)} s`;
			callGroups.set(key, (callGroups.get(key) ?? 0) + 1);
		}
		log(`slow Strava: API calls: ${[...callGroups].map(([key, count]) => `${count}× ${key}`).join('; ')}`);
		const ok = runs.filter((run) => run.status === 'success').length;
		const failedIds = runs.filter((run) => run.status !== 'success').map((run) => run.id);
		const failures = [...(await executionData(pg, failedIds)).values()];
		const messages = [...new Set(failures.map((run) => run.error ?? '?'))];
		const advice = [...new Set(failures.map((run) => `${run.error} ${run.description ?? ''}`))];
		const perWorker = byWorker(runs.map((run) => run.id));
		const failedPerWorker = byWorker(failedIds);
		const workerLines = (pattern: RegExp) => state.workers.map((worker, index) => [...worker.output().slice(workerLogFrom[index]).matchAll(pattern)].length);
		const lockTimeouts = workerLines(/Could not acquire refresh lock/g);
		const recovered = workerLines(/Strava token was refreshed by another execution/g);
		const raceLost = workerLines(/another execution refreshed it at the same time and had not saved/g);
		const recoveryPath = `lock wait ran out ${lockTimeouts.join('+')}×; used the stored token ${recovered.join('+')}×; race not recovered ${raceLost.join('+')}×`;

		const exported = await n8nCli(homes.main, ['export:credentials', `--id=${slowCred.id}`, '--decrypted'], env);
		const stored = /"refresh_token":\s*"([^"]+)"/.exec(exported.out)?.[1];
		const live = [...sandbox.state.refreshTokens.values()].filter((record) => record.athleteId === SLOW_ATHLETE).map((record) => record.refreshToken);

		check('slow Strava: 20 webhook calls accepted by main', statuses.every((status) => status === 200), statuses.join(','));
		check(
			'slow Strava: 20 executions, 0 failed',
			runs.length === 20 && ok === 20,
			`${ok} ok, ${runs.length - ok} failed (per worker ${failedPerWorker.join(' + ')}) in ${burstSeconds.toFixed(0)} s; token calls ${tokenCalls.map((call) => (call.ok ? 'ok' : 'refused')).join(',')}; ${recoveryPath}; errors: ${messages.join(' | ').slice(0, 600)}`,
		);
		check('slow Strava: at most 2 token-endpoint calls', tokenCalls.length <= 2, `${tokenCalls.length} (${tokenCalls.map((call) => (call.ok ? 'ok' : 'refused')).join(',')})`);
		check(
			'slow Strava: Postgres holds the live (rotated) refresh token',
			stored !== undefined && live.includes(stored) && stored !== mintedRefreshToken,
			`stored ${stored?.slice(0, 12)}…, live ${live.map((token) => token.slice(0, 12)).join(',')}…`,
		);
		check('slow Strava: no failure sends the user to the Client ID/Secret or to reconnect', advice.every((text) => !/Client ID|Client Secret|reconnect/i.test(text)), advice.join(' | ').slice(0, 800));
		figures.push({
			scenario: `slow Strava (every answer ${delayMs / 1000} s)`,
			executions: runs.length,
			ok,
			failed: runs.length - ok,
			workers: perWorker.join('+'),
			tokenCalls: `${tokenCalls.length} (${tokenCalls.filter((call) => !call.ok).length} refused)`,
			'401s': unauthorized,
			'429s': 0,
			requests: `${apiCalls.length} API calls (${withMinted.length} with the expired token) in ${burstSeconds.toFixed(0)} s; ${recoveryPath}`,
		});
	}

	// What Postgres holds: the credential's refresh token is the sandbox's live one.
	if (want('token')) {
		const exported = await n8nCli(homes.main, ['export:credentials', `--id=${tokenCred.id}`, '--decrypted'], env);
		const live = [...sandbox.state.refreshTokens.values()].filter((record) => record.athleteId === TOKEN_ATHLETE).map((record) => record.refreshToken);
		const stored = /"refresh_token":\s*"([^"]+)"/.exec(exported.out)?.[1];
		check('Postgres holds the rotated (live) refresh token of the token credential', stored !== undefined && live.includes(stored) && stored !== tokenCred.data.oauthTokenData.refresh_token, `stored ${stored?.slice(0, 12)}…, live ${live.map((token) => token.slice(0, 12)).join(',')}…`);
	}
}

function printFigures() {
	if (!figures.length) return;
	const columns = ['scenario', 'executions', 'ok', 'failed', 'workers', 'tokenCalls', '401s', '429s', 'requests'];
	const widths = columns.map((column) => Math.max(column.length, ...figures.map((row) => String(row[column] ?? '').length)));
	const line = (values: string[]) => values.map((value, index) => value.padEnd(widths[index])).join(' | ');
	console.log(`\n${line(columns)}\n${widths.map((width) => '-'.repeat(width)).join('-|-')}`);
	for (const row of figures) console.log(line(columns.map((column) => String(row[column] ?? ''))));
	console.log('');
}

main()
	.catch((error) => {
		report.check('queue run completed', false, String((error as Error)?.stack ?? error).slice(0, 3000));
	})
	.finally(async () => {
		for (const proc of [state.main, ...state.workers]) {
			if (proc) writeFileSync(path.join(dir, `${proc.name}.log`), proc.output());
		}
		await cleanup();
		printFigures();
		log(`done (logs in ${path.relative(root, dir)}/)`);
		report.summary();
		process.exit(process.exitCode ?? 0);
	});
