/**
 * A demo without a Strava account: the embedded Strava sandbox, seeded with a realistic athlete (about 500
 * activities over two years, gear, clubs, routes, starred segments, streams), and a real n8n (2.41.1 on
 * Node 24, the same install the end-to-end run uses) with this package freshly built and installed, a
 * connected credential and the example workflows of examples/.
 *
 *   node -r ts-node/register/transpile-only scripts/demo.ts          sync headless, print what it synced, stop
 *   node -r ts-node/register/transpile-only scripts/demo.ts --ui     the same, then keep n8n open for the editor
 *
 * Options: --days N (how far back the sync's first run goes, default 60), --keep-home (reuse .e2e/demo-home).
 * The sync runs in a headless `n8n start` through n8n's REST API (what the editor's "Execute workflow"
 * does): n8n 2.41's `n8n execute` cannot use Data Tables, which the sync example stores its rows in.
 * Ctrl-C (SIGINT) or SIGTERM stops everything the demo started.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import readline from 'readline';

import { currentSubscription, pushEvent, startSandbox, type StravaSandbox } from '../test/sandbox';
import { addDemoActivity, seedDemoAthlete } from '../test/sandbox/demoSeed';
import {
	credentialsOverwrite,
	DEMO_OWNER,
	EXAMPLE_SCOPES,
	loadExamples,
	N8nRest,
	setParameter,
	setting,
	writeSandboxCredential,
} from '../test/e2e/exampleRuntime';
import { freePort, installPackage, n8nBin, n8nEnv, node24, root, runtime, startN8n, type N8nServer } from '../test/e2e/n8nRuntime';

type Data = Record<string, unknown>;

const args = process.argv.slice(2);
const ui = args.includes('--ui');
const daysArg = args.indexOf('--days');
const days = daysArg >= 0 ? Number(args[daysArg + 1]) : 60;
const keepHome = args.includes('--keep-home');

const home = path.join(root, '.e2e/demo-home');
const files = path.join(root, '.e2e/demo-files');
const TABLE = 'strava_activities';
const began = Date.now();
const since = () => `${((Date.now() - began) / 1000).toFixed(0)} s`;
const log = (text: string) => console.log(`[demo ${since().padStart(5)}] ${text}`);

// Everything the demo started, stopped on exit (child process groups, servers).
const children = new Set<ChildProcess>();
let n8n: N8nServer | undefined;
let sandbox: StravaSandbox | undefined;
let sink: http.Server | undefined;
let stopping = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// gone
		}
	}
}

/**
 * Process groups led by this process's own children: what `n8n start` runs while it is still starting
 * (startN8n hands its process over only once n8n is ready), plus anything else the demo spawned detached.
 */
function childGroups(): number[] {
	const ps = spawnSync('ps', ['-o', 'pid=,pgid=', '--ppid', String(process.pid)], { encoding: 'utf8' });
	return ps.stdout
		.split('\n')
		.map((line) => line.trim().split(/\s+/).map(Number))
		.filter(([pid, pgid]) => pid > 0 && pid === pgid && pid !== ps.pid)
		.map(([pid]) => pid);
}

function killGroups(groups: number[], signal: NodeJS.Signals) {
	for (const pgid of groups) {
		try {
			process.kill(-pgid, signal);
		} catch {
			// gone
		}
	}
}

async function stopAll() {
	if (stopping) return;
	stopping = true;
	const groups = childGroups();
	for (const child of children) killGroup(child, 'SIGTERM');
	await n8n?.stop();
	killGroups(groups, 'SIGTERM');
	await sandbox?.stop();
	await new Promise<void>((resolve) => (sink ? sink.close(() => resolve()) : resolve()));
	const deadline = Date.now() + 5000;
	while ([...children].some((child) => child.exitCode === null && child.signalCode === null) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	while (groups.some((pgid) => childGroups().includes(pgid)) && Date.now() < deadline + 10_000) {
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	for (const child of children) killGroup(child, 'SIGKILL');
	killGroups(childGroups(), 'SIGKILL');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		console.log(`\n[demo] ${signal}: stopping n8n and the sandbox…`);
		void stopAll().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	});
}

/** Runs a command in its own process group (so that stopAll can end it and everything it started). */
function run(command: string, commandArgs: string[], options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): Promise<{ code: number | null; out: string }> {
	const child = spawn(command, commandArgs, { cwd: root, env: options.env ?? process.env, detached: true, stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'] });
	children.add(child);
	let out = '';
	child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	return new Promise((resolve) =>
		child.on('close', (code) => {
			children.delete(child);
			resolve({ code, out });
		}),
	);
}

function diskUse(dir: string): string {
	const du = spawnSync('du', ['-sh', dir], { encoding: 'utf8' });
	return du.stdout.split('\t')[0] || '?';
}

/** install-n8n.sh (cached): a progress line every 15 s while npm downloads n8n the first time. */
async function installN8n() {
	const cached = existsSync(node24) && existsSync(n8nBin);
	log(cached ? `n8n runtime cached in .e2e/runtime (${diskUse(runtime)})` : 'installing n8n 2.41.1 and Node 24 from the npm registry into .e2e/runtime (first time only: about 6 minutes, 3 GB)…');
	const ticker = cached ? undefined : setInterval(() => log(`  still installing n8n… ${diskUse(runtime)} in .e2e/runtime so far`), 15_000);
	const started = Date.now();
	const result = await run('bash', [path.join(root, 'test/e2e/install-n8n.sh')]);
	if (ticker) clearInterval(ticker);
	if (result.code !== 0) throw new Error(`test/e2e/install-n8n.sh failed (exit ${result.code})`);
	if (!cached) log(`n8n installed in ${((Date.now() - started) / 1000).toFixed(0)} s (${diskUse(runtime)})`);
}

/** n8n's CLI in its own process group. */
async function n8nCli(cliArgs: string[], extra: Record<string, string> = {}) {
	const result = await run(node24, [n8nBin, ...cliArgs], { env: n8nEnv(home, extra), quiet: true });
	if (result.code !== 0) throw new Error(`n8n ${cliArgs[0]} failed:\n${result.out.slice(-1500)}`);
}

/** Where the examples' chat messages go in the demo: printed here instead of Slack/Discord. */
async function startChatSink(): Promise<string> {
	sink = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => {
			let text = raw;
			try {
				text = String((JSON.parse(raw) as Data).text ?? raw);
			} catch {
				// not JSON: print as it came
			}
			console.log(`\n[chat ${req.url}] ${text.replace(/\n/g, '\n             ')}\n`);
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => sink!.listen(0, '127.0.0.1', () => resolve()));
	return `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
}

function sampleGpx(name: string, startMs: number): string {
	const points = Array.from({ length: 120 }, (_, i) => `<trkpt lat="${(40.0150 + i * 0.0002).toFixed(6)}" lon="${(-105.2705 + i * 0.00015).toFixed(6)}"><ele>${1655 + Math.round(8 * Math.sin(i / 10))}</ele><time>${new Date(startMs + i * 10_000).toISOString()}</time></trkpt>`);
	return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="n8n-nodes-strava-api demo" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>${name}</name><trkseg>\n${points.join('\n')}\n</trkseg></trk></gpx>\n`;
}

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

function printSynced(rows: Data[]) {
	const bySport = new Map<string, { count: number; km: number; hours: number }>();
	for (const row of rows) {
		const entry = bySport.get(String(row.sport_type)) ?? { count: 0, km: 0, hours: 0 };
		entry.count++;
		entry.km += Number(row.distance_km ?? 0);
		entry.hours += Number(row.moving_time_min ?? 0) / 60;
		bySport.set(String(row.sport_type), entry);
	}
	const totalKm = rows.reduce((sum, row) => sum + Number(row.distance_km ?? 0), 0);
	console.log(`\nSynced ${rows.length} activities (${totalKm.toFixed(1)} km) into the Data Table "${TABLE}":`);
	for (const [sport, entry] of [...bySport].sort((a, b) => b[1].count - a[1].count)) {
		console.log(`  ${pad(sport, 16)} ${String(entry.count).padStart(4)} × ${entry.km.toFixed(1).padStart(7)} km  ${entry.hours.toFixed(1).padStart(5)} h`);
	}
	console.log('Newest 5:');
	for (const row of [...rows].sort((a, b) => Date.parse(String(b.start_date)) - Date.parse(String(a.start_date))).slice(0, 5)) {
		const local = String(row.start_date_local ?? row.start_date).slice(0, 16).replace('T', ' ');
		console.log(`  ${local}  ${pad(String(row.name), 30)} ${pad(String(row.sport_type), 14)} ${Number(row.distance_km).toFixed(1).padStart(6)} km  ${pad(String(row.gear || '-'), 24)} ${row.url}`);
	}
	console.log('');
}

async function main() {
	if (!Number.isFinite(days) || days <= 0) throw new Error('--days needs a positive number');
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
	log(`${pkg.name} ${pkg.version}: a Strava sandbox and a real n8n${ui ? ' with the editor' : ', headless'}`);
	await installN8n();

	sandbox = await startSandbox();
	const seed = seedDemoAthlete(sandbox);
	log(`Strava sandbox at ${sandbox.url}: ${seed.athlete.firstname} ${seed.athlete.lastname} with ${seed.activities.length} activities over 2 years, ${seed.routes.length} routes, ${seed.starredSegments.length} starred segments, ${(seed.athlete.bikes as Data[]).length} bikes, ${(seed.athlete.shoes as Data[]).length} pairs of shoes`);
	const chatUrl = await startChatSink();

	if (!keepHome) rmSync(home, { recursive: true, force: true });
	mkdirSync(home, { recursive: true });
	mkdirSync(path.join(files, 'routes'), { recursive: true });
	mkdirSync(path.join(files, 'uploads'), { recursive: true });
	for (const [index, name] of ['Demo-lunch-run.gpx', 'Demo-evening-ride.gpx'].entries()) {
		writeFileSync(path.join(files, 'uploads', name), sampleGpx(name.replace('.gpx', ''), Date.now() - (index + 1) * 86_400_000));
	}

	log('building, packing and installing the package into the demo n8n…');
	installPackage(home);

	const examples = loadExamples();
	setting(examples['sync-new-activities'], 'firstSyncDays', days);
	// The sync keeps keepDays (7 as it ships) and asks for nothing older: the demo's made-up athlete keeps `days`.
	setting(examples['sync-new-activities'], 'keepDays', days);
	setParameter(examples['new-activity-message'], 'Send message', 'url', `${chatUrl}/message`);
	setParameter(examples['weekly-digest'], 'Send digest', 'url', `${chatUrl}/digest`);
	setting(examples['backup-routes-gpx'], 'folder', path.join(files, 'routes'));
	setting(examples['bulk-upload-files'], 'folder', path.join(files, 'uploads'));
	writeFileSync(path.join(home, 'workflows.json'), JSON.stringify(Object.values(examples)));
	writeSandboxCredential(path.join(home, 'credentials.json'), sandbox, EXAMPLE_SCOPES);
	const broker = { N8N_RUNNERS_BROKER_PORT: String(await freePort(0)) };
	await n8nCli(['import:credentials', `--input=${path.join(home, 'credentials.json')}`], broker);
	await n8nCli(['import:workflow', `--input=${path.join(home, 'workflows.json')}`], broker);
	log(`imported the credential "Strava account" and ${Object.keys(examples).length} example workflows`);

	n8n = await startN8n(home, {
		CREDENTIALS_OVERWRITE_DATA: credentialsOverwrite(sandbox),
		N8N_RESTRICT_FILE_ACCESS_TO: files,
		N8N_RUNNERS_BROKER_PORT: String(await freePort(0)),
		N8N_LOG_LEVEL: 'warn',
	});
	const rest = new N8nRest(n8n.url);
	await rest.ownerLogin(DEMO_OWNER);
	log(`n8n ${ui ? '' : '(headless) '}running at ${n8n.url}`);

	log(`running "${examples['sync-new-activities'].name}" (first run: the last ${days} days)…`);
	sandbox.clearLog();
	const execution = await rest.run(examples['sync-new-activities'].id);
	if (execution.status !== 'success') throw new Error(`the sync failed: ${execution.error ?? execution.status}`);
	const rows = (await rest.dataTableRows(TABLE)) ?? [];
	const usage = sandbox.state.usage;
	log(`sync done: ${sandbox.apiCalls().length} Strava API requests (the app's read usage now ${usage.read15}/100 this 15 min, ${usage.readDay}/1000 today)`);
	printSynced(rows);

	if (!ui) {
		log(`done in ${since()}. Run with --ui to open the editor on this data.`);
		await stopAll();
		return;
	}

	const workflowsUrl = `${n8n.url}/home/workflows`;
	console.log(`n8n editor:   ${workflowsUrl}
  email:      ${DEMO_OWNER.email}
  password:   ${DEMO_OWNER.password}

In the editor (everything talks to the local Strava sandbox, nothing leaves this machine):
  - open any example workflow and click "Execute workflow"; the Strava nodes use the credential "Strava account";
  - a new credential "Strava (Community) OAuth2 API" needs no Client ID or Secret here: "Connect my account"
    opens the sandbox's authorize page;
  - publish "${examples['new-activity-message'].name}", then type "new" + Enter here:
    a new activity and Strava's push event for it, and its chat message prints below;
  - the GPX backup writes to ${path.join(files, 'routes')}, the bulk upload reads ${path.join(files, 'uploads')}.
Ready in ${since()}. Ctrl-C stops n8n and the sandbox.
`);
	const input = readline.createInterface({ input: process.stdin });
	input.on('line', (line) => {
		if (line.trim() !== 'new' || !sandbox) return;
		const activity = addDemoActivity(sandbox, 'Run', Date.now() - 20 * 60_000, 'Demo: after-work run');
		if (!currentSubscription(sandbox)) {
			console.log(`[demo] added activity ${String(activity.id)}; no push subscription yet: publish the message example to receive its event`);
			return;
		}
		void pushEvent(sandbox, { object_type: 'activity', aspect_type: 'create', object_id: Number(activity.id) }).then((ack) =>
			console.log(`[demo] added activity ${String(activity.id)} and pushed its create event: n8n answered ${ack.status} in ${ack.ms} ms`),
		);
	});
	input.on('close', () => undefined);
	await new Promise(() => undefined);
}

main().catch(async (error) => {
	console.error(`[demo] ${(error as Error).message}`);
	if (n8n) console.error(n8n.output().slice(-1500));
	await stopAll();
	process.exit(1);
});
