/**
 * n8n in queue mode for the scale run: a main process and workers, each with its own n8n user folder
 * (the packed package installed into `<folder>/.n8n/nodes/node_modules`, which is how the package reaches a
 * worker), all on one Postgres and one Redis, all pointed at the Strava sandbox with CREDENTIALS_OVERWRITE_DATA.
 */
import { randomUUID } from 'crypto';
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { cpSync, mkdirSync, writeFileSync } from 'fs';
import path from 'path';

import { freePort, n8nBin, n8nEnv, node24, packPackage, runtime, stopGroup } from '../e2e/n8nRuntime';

type Data = Record<string, unknown>;

export interface QueueEnv {
	postgresPort: number;
	redisPort: number;
	sandboxUrl: string;
}

/** What every n8n process of the queue run shares (main, workers, CLI). */
export function queueEnv(env: QueueEnv): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(env.redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(env.postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: 'x',
		// The credential's hidden `server` → every Strava URL of the package points at the sandbox.
		CREDENTIALS_OVERWRITE_DATA: JSON.stringify({ stravaV3OAuth2Api: { server: env.sandboxUrl } }),
		N8N_LOG_LEVEL: 'info',
		N8N_METRICS: 'false',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	};
}

/**
 * Installs a package tarball (default: this package, packed) into `<home>/.n8n/nodes/node_modules`, the way
 * n8n's own installer does it: without peer dependencies. n8n puts its own node_modules on NODE_PATH, so the
 * package's `n8n-workflow` is n8n's; a second copy (what a plain `npm install` adds for the peer) breaks
 * `instanceof` between n8n-core's errors and the package's.
 */
export function installInto(home: string, tarball = process.env.QUEUE_TARBALL || packPackage()) {
	const nodesDir = path.join(home, '.n8n/nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync('npm', ['install', tarball, '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodesDir, stdio: 'ignore' });
}

/** The same installed package in another user folder (a copy of `<from>/.n8n/nodes`, as npm left it there). */
export function copyInstalled(from: string, to: string) {
	mkdirSync(path.join(to, '.n8n'), { recursive: true });
	cpSync(path.join(from, '.n8n/nodes'), path.join(to, '.n8n/nodes'), { recursive: true });
}

export interface N8nProcess {
	kind: 'main' | 'worker';
	name: string;
	url?: string;
	process: ChildProcess;
	output(): string;
	/** Resolves when the output matches (looks at everything printed since `from`). */
	waitForLine(pattern: RegExp, timeoutMs: number, from?: number): Promise<RegExpMatchArray>;
	stop(): Promise<void>;
}

/** Every n8n process this run started (stopped by PID at the end, also when startup failed half-way). */
export const spawned: N8nProcess[] = [];

function spawnN8n(kind: 'main' | 'worker', name: string, home: string, args: string[], env: Record<string, string>): N8nProcess {
	const child = spawn(node24, [n8nBin, ...args], { env: n8nEnv(home, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	let dead = false;
	const exited = new Promise<void>((resolve) => child.once('exit', () => ((dead = true), resolve())));
	const proc: N8nProcess = {
		kind,
		name,
		process: child,
		output: () => output,
		async waitForLine(pattern, timeoutMs, from = 0) {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				const match = output.slice(from).match(pattern);
				if (match) return match;
				if (dead) throw new Error(`${name} exited:\n${output.slice(-3000)}`);
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
			throw new Error(`${name}: no line matching ${pattern} within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
		},
		async stop() {
			if (!dead) await stopGroup(child, exited, 20_000); // n8n and anything it started
		},
	};
	spawned.push(proc);
	return proc;
}

/** `n8n start` (queue mode main) on a given port; resolves when the REST API answers. */
export async function startMain(home: string, port: number, env: Record<string, string>, timeoutMs = 180_000): Promise<N8nProcess> {
	const url = `http://127.0.0.1:${port}`;
	const main = spawnN8n('main', 'main', home, ['start'], {
		...env,
		N8N_RUNNERS_BROKER_PORT: String(await freePort(0)),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		WEBHOOK_URL: `${url}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		// QUEUE_MAIN_NODE_OPTIONS=--cpu-prof … profiles main (e.g. its webhook path under a burst).
		...(process.env.QUEUE_MAIN_NODE_OPTIONS ? { NODE_OPTIONS: process.env.QUEUE_MAIN_NODE_OPTIONS } : {}),
		// QUEUE_MAIN_ENV='{"N8N_…":"…"}' adds settings to main only (to compare n8n settings).
		...(JSON.parse(process.env.QUEUE_MAIN_ENV || '{}') as Record<string, string>),
	});
	main.url = url;
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (main.process.exitCode !== null) throw new Error(`n8n main exited:\n${main.output().slice(-3000)}`);
		try {
			const ready = await fetch(`${url}/healthz/readiness`);
			const settings = ready.ok ? await fetch(`${url}/rest/settings`) : undefined;
			if (settings?.ok) return main;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	await main.stop();
	throw new Error(`n8n main not ready within ${timeoutMs / 1000} s:\n${main.output().slice(-3000)}`);
}

/** `n8n worker --concurrency=N`; resolves when it says it is ready. */
export async function startWorker(name: string, home: string, concurrency: number, env: Record<string, string>): Promise<N8nProcess> {
	const worker = spawnN8n('worker', name, home, ['worker', `--concurrency=${concurrency}`], {
		...env,
		// A worker may open a server (health, metrics); keep it off n8n's usual port.
		QUEUE_HEALTH_CHECK_PORT: String(await freePort(0)),
		N8N_PORT: String(await freePort(0)),
		N8N_RUNNERS_BROKER_PORT: String(await freePort(0)),
	});
	try {
		await worker.waitForLine(/n8n worker is now ready/, 180_000);
	} catch (error) {
		await worker.stop();
		throw error;
	}
	return worker;
}

/** Execution ids a worker says it started. */
export function workerExecutions(worker: N8nProcess): Set<string> {
	return new Set([...worker.output().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]));
}

/** A small client of n8n's REST API: owner setup and publishing workflows. */
export class N8nRest {
	private cookie = '';

	private readonly browserId = randomUUID();

	constructor(public url: string) {}

	async request<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { 'Content-Type': 'application/json', 'browser-id': this.browserId, ...(this.cookie ? { Cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = (response.headers.getSetCookie?.() ?? []).find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${route} answered ${response.status}: ${text.slice(0, 500)}`);
		const parsed = text ? JSON.parse(text) : {};
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	async ownerLogin() {
		const owner = { email: 'queue@example.com', firstName: 'Queue', lastName: 'Run', password: 'Strava-Queue-2026' };
		const settings = await this.request<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		if (settings.userManagement?.showSetupOnFirstLoad !== false) await this.request('POST', '/owner/setup', owner);
		else await this.request('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	async activate(workflowId: string) {
		const workflow = await this.request<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		await this.request('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	}
}

const flatted = require(path.join(runtime, 'node_modules/flatted')) as { parse: (text: string) => unknown };

export interface RunSummary {
	error?: string;
	/** The error's description (what the message tells the user to do). */
	description?: string;
	/** JSON items per node (first output, last run). */
	items: Record<string, Data[]>;
}

/** n8n's stored execution data (flatted JSON) → the node outputs and the error. */
export function parseExecutionData(text: string): RunSummary {
	const data = flatted.parse(text) as {
		resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Data }> | null> }; error?: { message?: string; description?: string } }>>; error?: { message?: string; description?: string } };
	};
	const items: Record<string, Data[]> = {};
	let error = data.resultData?.error?.message;
	let description = data.resultData?.error?.description;
	for (const [node, runs] of Object.entries(data.resultData?.runData ?? {})) {
		const last = runs[runs.length - 1];
		items[node] = (last?.data?.main?.[0] ?? []).map((item) => item.json);
		error ??= last?.error?.message;
		description ??= last?.error?.description;
	}
	return { error, description, items };
}

/** Workflow JSON for `n8n import:workflow`. */
export function workflowJson(id: string, name: string, nodes: Data[], connections: Data): Data {
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections, pinData: {} };
}

export function chain(...names: string[]): Data {
	const connections: Data = {};
	for (let i = 0; i < names.length - 1; i++) connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
}
