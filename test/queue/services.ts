/**
 * The services n8n's queue mode needs, private to one run: a Postgres cluster and a Redis server, each in its
 * own directory under .e2e/queue/ and on a free port of 127.0.0.1, started and stopped by PID.
 *
 * Postgres refuses to run as root: `initdb` and `postgres` run as the `postgres` user (`runuser -u postgres --`)
 * on a data directory chowned to it. Missing packages are installed with apt-get (non-interactive).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'fs';
import path from 'path';

import { freePort, runtime } from '../e2e/n8nRuntime';

const PG_BIN_CANDIDATES = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];

function which(command: string): string | undefined {
	const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

function pgBin(name: string): string | undefined {
	for (const dir of PG_BIN_CANDIDATES) if (existsSync(path.join(dir, name))) return path.join(dir, name);
	return which(name);
}

/** Installs postgresql and redis-server when they are missing (apt-get update first if the install fails). */
export function ensurePackages(log: (line: string) => void = console.log) {
	const missing: string[] = [];
	if (!pgBin('initdb') || !pgBin('postgres')) missing.push('postgresql');
	if (!which('redis-server')) missing.push('redis-server');
	if (!missing.length) return;
	log(`installing ${missing.join(', ')} with apt-get`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, stdio: 'ignore' });
	if (install().status !== 0) {
		execFileSync('apt-get', ['update'], { env, stdio: 'ignore' });
		if (install().status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
	}
}

async function waitFor(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number, died?: () => string | undefined) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const dead = died?.();
		if (dead) throw new Error(`${what} exited: ${dead}`);
		if (await probe()) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} not ready within ${timeoutMs / 1000} s`);
}

/** Stops a process we started: SIGTERM (or `signal`), then SIGKILL after `graceMs`. */
async function stopPid(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000) {
	if (!pid) return;
	const alive = () => {
		try {
			process.kill(pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	if (!alive()) return;
	try {
		process.kill(pid, signal);
	} catch {
		return;
	}
	const deadline = Date.now() + graceMs;
	while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
	if (alive()) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
}

export interface Postgres {
	port: number;
	user: string;
	database: string;
	/** The postmaster's PID (from postmaster.pid). */
	pid?: number;
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	stop(): Promise<void>;
}

type PgClient = { connect(): Promise<void>; query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>; end(): Promise<void> };
const pg = require(path.join(runtime, 'node_modules/pg')) as { Client: new (options: object) => PgClient };

/** initdb + postgres as the postgres user, on `dir` (recreated) and a free port; creates database `n8n`. */
export async function startPostgres(dir: string): Promise<Postgres> {
	const initdb = pgBin('initdb');
	const postgresBin = pgBin('postgres');
	if (!initdb || !postgresBin) throw new Error('postgres binaries not found');
	rmSync(dir, { recursive: true, force: true });
	const data = path.join(dir, 'data');
	const sockets = path.join(dir, 'run');
	mkdirSync(data, { recursive: true });
	mkdirSync(sockets, { recursive: true });
	execFileSync('chown', ['-R', 'postgres:postgres', dir]);
	execFileSync('chmod', ['700', data]);
	execFileSync('runuser', ['-u', 'postgres', '--', initdb, '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'], {
		stdio: 'ignore',
	});
	const port = await freePort(0);
	const child: ChildProcess = spawn(
		'runuser',
		['-u', 'postgres', '--', postgresBin, '-D', data, '-p', String(port), '-k', sockets, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	let exited: string | undefined;
	child.once('exit', (code) => (exited = `code ${code}: ${stderr.slice(-800)}`));

	const connect = async (database: string) => {
		const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'x', database });
		await client.connect();
		return client;
	};
	await waitFor(
		'postgres',
		async () => {
			try {
				const client = await connect('postgres');
				await client.end();
				return true;
			} catch {
				return false;
			}
		},
		30_000,
		() => exited,
	);
	const admin = await connect('postgres');
	await admin.query('CREATE DATABASE n8n');
	await admin.end();
	const pidFile = path.join(data, 'postmaster.pid');
	const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
	let client: PgClient | undefined;
	return {
		port,
		user: 'postgres',
		database: 'n8n',
		pid,
		async query<T>(sql: string, params: unknown[] = []) {
			client ??= await connect('n8n');
			return (await client.query(sql, params)).rows as T[];
		},
		async stop() {
			await client?.end().catch(() => undefined);
			client = undefined;
			// SIGINT is Postgres's "fast" shutdown; runuser's own process goes when its child does.
			await stopPid(pid, 'SIGINT', 15_000);
			await stopPid(child.pid, 'SIGTERM', 5_000);
		},
	};
}

export interface Redis {
	port: number;
	pid?: number;
	stop(): Promise<void>;
}

/** redis-server on 127.0.0.1, a free port, its own directory, no persistence. */
export async function startRedis(dir: string): Promise<Redis> {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const port = await freePort(0);
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	let exited: string | undefined;
	child.once('exit', (code) => (exited = `code ${code}: ${output.slice(-800)}`));
	await waitFor('redis', () => /Ready to accept connections/i.test(output), 15_000, () => exited);
	return {
		port,
		pid: child.pid,
		async stop() {
			await stopPid(child.pid, 'SIGTERM', 5_000);
		},
	};
}
