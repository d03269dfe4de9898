/**
 * End-to-end run of the example workflows in examples/: each is imported into a real n8n (2.41.1 on Node 24,
 * the packed package installed) against the Strava sandbox seeded with the demo athlete, run, and checked
 * by what it produced: rows of the Data Table, items, the messages a local HTTP sink received (in place of
 * Slack/Discord), GPX files on disk, uploads in the sandbox. External URLs and folders are parameters the
 * test overrides on import.
 *
 * The workflows run in `n8n start` (started through n8n's REST API as the editor's "Execute workflow" does;
 * the webhook example is published and receives the sandbox's push events): n8n 2.41's `n8n execute`
 * cannot use Data Tables (see exampleRuntime.ts).
 * Run: bash test/e2e/install-n8n.sh && node -r ts-node/register/transpile-only test/e2e/examples.ts
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import path from 'path';

import { currentSubscription, pushEvent, setUploadSettings, startSandbox, webhookState, type StravaSandbox } from '../sandbox';
import { addDemoActivity, seedDemoAthlete } from '../sandbox/demoSeed';
import {
	credentialsOverwrite,
	EXAMPLE_SCOPES,
	itemsOf,
	loadExamples,
	N8nRest,
	setParameter,
	setting,
	writeSandboxCredential,
	type Execution,
} from './exampleRuntime';
import { freePort, installPackage, n8nCli, Report, root, startN8n, type N8nServer } from './n8nRuntime';

type Data = Record<string, unknown>;

const home = path.join(root, '.e2e/examples-home');
/** Folders the file examples use: outside n8n's own folder, allowed by N8N_RESTRICT_FILE_ACCESS_TO. */
const files = path.join(root, '.e2e/examples-files');
const TABLE = 'strava_activities';
/** The sync example's retention setting, keepDays, as it ships. */
const KEEP_DAYS = 7;
const DAY_MS = 24 * 3600_000;

const report = new Report();
const check = report.check.bind(report);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

/** Polls an async condition until it holds or the time is up. */
async function waitUntilAsync(test: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await test()) return true;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	return false;
}

/** A local stand-in for Slack/Discord: keeps every POST it receives. */
async function startSink() {
	const received: Array<{ path: string; body: Data }> = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => {
			let body: Data = {};
			try {
				body = JSON.parse(raw);
			} catch {
				body = { raw };
			}
			received.push({ path: req.url ?? '', body });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const waitUntil = async (test: () => boolean, timeoutMs: number) => {
	const deadline = Date.now() + timeoutMs;
	while (!test() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
	return test();
};

const startOf = (activity: Data) => Date.parse(String(activity.start_date));

function failure(execution: Execution): string {
	const failed = Object.entries(execution.runData).find(([, runs]) => runs.some((run) => run.error));
	return execution.error ?? (failed ? `${failed[0]}: ${failed[1].find((run) => run.error)?.error?.message}` : execution.status);
}

function gpxFile(name: string, startMs: number, points: number): string {
	const trkpts = Array.from({ length: points }, (_, i) => {
		const time = new Date(startMs + i * 5000).toISOString();
		return `<trkpt lat="${(40.015 + i * 0.0001).toFixed(6)}" lon="${(-105.27 - i * 0.0001).toFixed(6)}"><ele>${1650 + (i % 20)}</ele><time>${time}</time></trkpt>`;
	}).join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="examples-e2e" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>${name}</name><trkseg>\n${trkpts}\n</trkseg></trk></gpx>\n`;
}

async function main() {
	let sandbox: StravaSandbox | undefined;
	let n8n: N8nServer | undefined;
	let sink: Awaited<ReturnType<typeof startSink>> | undefined;
	try {
		rmSync(home, { recursive: true, force: true });
		rmSync(files, { recursive: true, force: true });
		mkdirSync(home, { recursive: true });
		mkdirSync(path.join(files, 'uploads'), { recursive: true });
		// n8n's Write File writes into an existing folder only (the example's note says so).
		mkdirSync(path.join(files, 'routes'), { recursive: true });
		installPackage(home);
		console.log(`(${elapsed()}) package built, packed and installed`);

		sandbox = await startSandbox();
		const seed = seedDemoAthlete(sandbox);
		setUploadSettings(sandbox, { pollsUntilReady: 2 });
		sink = await startSink();
		const activities = () => [...sandbox!.state.collection('activities').values()];
		/**
		 * Each example starts in a fresh 15-minute window, as if it ran at its own time: together they spend
		 * more than Strava's 100 reads per window, and the nodes' Rate Limit option would wait for the reset.
		 */
		const freshWindow = () => {
			sandbox!.state.rateLimitHeaders();
			Object.assign(sandbox!.state.usage, { overall15: 0, read15: 0 });
		};

		// The examples, with the external parts pointed at the test's sink and folders.
		const examples = loadExamples();
		setParameter(examples['new-activity-message'], 'Send message', 'url', `${sink.url}/message`);
		setParameter(examples['weekly-digest'], 'Send digest', 'url', `${sink.url}/digest`);
		setting(examples['backup-routes-gpx'], 'folder', path.join(files, 'routes'));
		setting(examples['bulk-upload-files'], 'folder', path.join(files, 'uploads'));
		const ids = Object.fromEntries(Object.entries(examples).map(([file, workflow]) => [file, workflow.id]));

		writeFileSync(path.join(home, 'workflows.json'), JSON.stringify(Object.values(examples)));
		writeSandboxCredential(path.join(home, 'credentials.json'), sandbox, EXAMPLE_SCOPES);
		const brokerPort = String(await freePort(0));
		const cli = (args: string[]) => n8nCli(home, args, { N8N_RUNNERS_BROKER_PORT: brokerPort });
		const importedCredentials = await cli(['import:credentials', `--input=${path.join(home, 'credentials.json')}`]);
		check('n8n import:credentials', importedCredentials.code === 0, importedCredentials.err.slice(-300));
		const importedWorkflows = await cli(['import:workflow', `--input=${path.join(home, 'workflows.json')}`]);
		check(`n8n import:workflow (${Object.keys(examples).length} examples)`, importedWorkflows.code === 0, importedWorkflows.err.slice(-300));
		if (report.failures) throw new Error('n8n could not import the examples');

		n8n = await startN8n(home, {
			CREDENTIALS_OVERWRITE_DATA: credentialsOverwrite(sandbox),
			N8N_RESTRICT_FILE_ACCESS_TO: files,
			N8N_RUNNERS_BROKER_PORT: String(await freePort(0)),
			N8N_LOG_LEVEL: 'warn',
		});
		console.log(`(${elapsed()}) imported and n8n started at ${n8n.url}`);
		const rest = new N8nRest(n8n.url);
		await rest.ownerLogin();

		// 1. Sync: the last 7 days (keepDays, the retention setting, bounds firstSyncDays' 30), then nothing, then
		// exactly a late upload and a new activity.
		const syncWindow = Date.now() - KEEP_DAYS * DAY_MS;
		const expectedFirst = activities().filter((activity) => startOf(activity) > syncWindow);
		sandbox.clearLog();
		freshWindow();
		let execution = await rest.run(ids['sync-new-activities']);
		let rows = (await rest.dataTableRows(TABLE)) ?? [];
		const rowIds = () => rows.map((row) => Number(row.activity_id));
		check(
			`sync: first run saves the last ${KEEP_DAYS} days (${expectedFirst.length} activities) with details and the athlete's id`,
			execution.status === 'success' &&
				rows.length === expectedFirst.length &&
				rows.every((row) => Number(row.athlete_id) === Number(sandbox!.state.athlete.id)) &&
				expectedFirst.every((activity) => rowIds().includes(Number(activity.id))) &&
				rows.every((row) => typeof row.calories === 'number' && typeof row.distance_km === 'number' && String(row.url).startsWith('https://www.strava.com/activities/')),
			`${execution.status === 'success' ? '' : failure(execution)} ${rows.length} rows`,
		);
		const detailCalls = () => sandbox!.apiCalls('/activities/').length;
		check(
			'sync: two list requests (a page and Strava\'s empty last page) and one detail request per new activity',
			sandbox.apiCalls('/athlete/activities').length === 2 && detailCalls() === expectedFirst.length,
			`${sandbox.apiCalls('/athlete/activities').length} list, ${detailCalls()} detail`,
		);
		const sample = expectedFirst.find((activity) => activity.gear_id);
		const sampleRow = rows.find((row) => Number(row.activity_id) === Number(sample?.id));
		check(
			'sync: a row holds the activity (name, sport, km, start, gear name)',
			Boolean(sample && sampleRow) &&
				sampleRow!.name === sample!.name &&
				sampleRow!.sport_type === sample!.sport_type &&
				Math.abs(Number(sampleRow!.distance_km) - Number(sample!.distance) / 1000) < 0.01 &&
				Date.parse(String(sampleRow!.start_date)) === startOf(sample!) &&
				sampleRow!.gear === (sample!.gear as Data).name,
			JSON.stringify(sampleRow).slice(0, 300),
		);

		sandbox.clearLog();
		freshWindow();
		execution = await rest.run(ids['sync-new-activities']);
		rows = (await rest.dataTableRows(TABLE)) ?? [];
		check('sync: a second run adds nothing and fetches no details', execution.status === 'success' && rows.length === expectedFirst.length && detailCalls() === 0, `${rows.length} rows, ${detailCalls()} detail requests`);

		const late = addDemoActivity(sandbox, 'Ride', Date.now() - 3 * DAY_MS, 'Late watch sync: gravel loop');
		const fresh = addDemoActivity(sandbox, 'Run', Date.now() - 3600_000, 'Fresh run');
		sandbox.clearLog();
		freshWindow();
		execution = await rest.run(ids['sync-new-activities']);
		rows = (await rest.dataTableRows(TABLE)) ?? [];
		check(
			'sync: a late upload (3 days old) and a new activity are added once each',
			execution.status === 'success' &&
				rows.length === expectedFirst.length + 2 &&
				rowIds().includes(Number(late.id)) &&
				rowIds().includes(Number(fresh.id)) &&
				new Set(rowIds()).size === rows.length &&
				detailCalls() === 2,
			`${rows.length} rows, ${detailCalls()} detail requests`,
		);

		// 2. Backfill: 25 older activities a run, contiguous, resuming from the table.
		for (const run of [1, 2]) {
			const before = rows;
			const oldest = Math.min(...before.map((row) => Date.parse(String(row.start_date))));
			const expected = activities()
				.filter((activity) => startOf(activity) < oldest)
				.sort((a, b) => startOf(b) - startOf(a))
				.slice(0, 25);
			sandbox.clearLog();
			freshWindow();
		execution = await rest.run(ids['backfill-history']);
			rows = (await rest.dataTableRows(TABLE)) ?? [];
			const added = rows.filter((row) => !before.some((old) => old.activity_id === row.activity_id)).map((row) => Number(row.activity_id));
			check(
				`backfill run ${run}: the next 25 activities older than the oldest row, 26 read requests`,
				execution.status === 'success' &&
					added.length === 25 &&
					expected.every((activity) => added.includes(Number(activity.id))) &&
					new Set(rowIds()).size === rows.length &&
					sandbox.apiCalls().length === 26,
				`${execution.status === 'success' ? '' : failure(execution)} ${added.length} added, ${sandbox.apiCalls().length} requests`,
			);
		}

		// 2b. Retention: the next sync deletes every row of an activity that started more than keepDays ago (the
		// backfilled ones) and keeps the newer ones.
		{
			const cutoff = Date.now() - KEEP_DAYS * DAY_MS;
			const before = rows;
			const older = before.filter((row) => Date.parse(String(row.start_date)) < cutoff);
			const newer = before.filter((row) => Date.parse(String(row.start_date)) >= cutoff);
			sandbox.clearLog();
			freshWindow();
			execution = await rest.run(ids['sync-new-activities']);
			rows = (await rest.dataTableRows(TABLE)) ?? [];
			check(
				`retention: a sync run deletes the ${older.length} rows older than ${KEEP_DAYS} days and keeps the ${newer.length} newer ones`,
				execution.status === 'success' &&
					older.length >= 50 &&
					newer.length > 0 &&
					rows.length === newer.length &&
					newer.every((row) => rowIds().includes(Number(row.activity_id))) &&
					rows.every((row) => Date.parse(String(row.start_date)) >= cutoff),
				`${execution.status === 'success' ? '' : failure(execution)} ${before.length} rows before, ${rows.length} after`,
			);
		}

		// 3. Weekly digest.
		freshWindow();
		sandbox.clearLog();
		execution = await rest.run(ids['weekly-digest']);
		const digestRequests = sandbox.apiCalls().length;
		const [digest] = itemsOf(execution, 'Sum per sport');
		const since = Date.parse(String(digest?.since));
		const week = activities().filter((activity) => startOf(activity) > since);
		const perSport: Record<string, number> = {};
		for (const activity of week) perSport[String(activity.sport_type)] = (perSport[String(activity.sport_type)] ?? 0) + 1;
		const digestSports = (digest?.sports ?? []) as Array<{ sport: string; count: number; km: number }>;
		const km = Math.round(week.reduce((sum, activity) => sum + Number(activity.distance), 0) / 100) / 10;
		check(
			`digest: the week's ${week.length} activities summed per sport (${Object.keys(perSport).length} sports, ${km} km), 4 read requests`,
			execution.status === 'success' &&
				digestRequests === 4 &&
				(digest?.total as Data | undefined)?.count === week.length &&
				digestSports.length === Object.keys(perSport).length &&
				digestSports.every((entry) => perSport[entry.sport] === entry.count) &&
				Math.abs(Number((digest?.total as Data).km) - km) <= 0.1 * digestSports.length,
			execution.status === 'success' ? `${digestRequests} requests; ${JSON.stringify(digest).slice(0, 400)}` : failure(execution),
		);
		const digestMessage = sink.received.find((entry) => entry.path === '/digest');
		check('digest: the message reached the chat URL with the text', Boolean(digestMessage && String(digestMessage.body.text).startsWith('Your week on Strava:') && digestMessage.body.text === digest?.text), JSON.stringify(digestMessage?.body ?? {}).slice(0, 200));

		// 4. Routes → GPX files.
		freshWindow();
		sandbox.clearLog();
		execution = await rest.run(ids['backup-routes-gpx']);
		const routeRequests = sandbox.apiCalls().length;
		const routeFiles = existsSync(path.join(files, 'routes')) ? readdirSync(path.join(files, 'routes')).filter((file) => file.endsWith('.gpx')) : [];
		const validGpx = routeFiles.filter((file) => {
			const text = readFileSync(path.join(files, 'routes', file), 'utf8');
			return text.startsWith('<?xml') && text.includes('<gpx') && text.includes('<trkpt');
		});
		check(
			`routes: one GPX file per route (${seed.routes.length}, the private one included), 3 + ${seed.routes.length} read requests`,
			execution.status === 'success' &&
				routeRequests === 3 + seed.routes.length && routeFiles.length === seed.routes.length && validGpx.length === routeFiles.length && routeFiles.includes(`Flagstaff-Mountain-climb-${String(seed.routes[0].id_str)}.gpx`),
			execution.status === 'success' ? `${routeRequests} requests; ${routeFiles.join(', ')}` : failure(execution),
		);

		// 5. Bulk upload: three files and a copy of one of them (a duplicate).
		const now = Date.now();
		const uploads = ['Morning-ride.gpx', 'Track-session.gpx', 'Hike-Bear-Peak.gpx'];
		uploads.forEach((file, index) => writeFileSync(path.join(files, 'uploads', file), gpxFile(file, now - (index + 1) * DAY_MS, 50 + index * 10)));
		writeFileSync(path.join(files, 'uploads', 'Morning-ride-copy.gpx'), readFileSync(path.join(files, 'uploads', uploads[0])));
		const before = activities().length;
		freshWindow();
		execution = await rest.run(ids['bulk-upload-files']);
		const uploaded = itemsOf(execution, 'Upload');
		const created = uploaded.filter((item) => item.activity_id);
		const duplicates = uploaded.filter((item) => /duplicate/i.test(String(item.error ?? '')));
		check(
			'upload: 3 files became activities, the copy is reported as a duplicate and the run goes on',
			execution.status === 'success' && uploaded.length === 4 && created.length === 3 && duplicates.length === 1 && activities().length === before + 3,
			execution.status === 'success' ? JSON.stringify(uploaded.map((item) => item.activity_id ?? item.error)).slice(0, 400) : failure(execution),
		);

		// 6. Webhook → message: published, Strava validates the callback, a push event becomes a message.
		sandbox.clearLog();
		const activated = await rest.activate(ids['new-activity-message']);
		await waitUntil(() => currentSubscription(sandbox!) !== undefined, 10_000);
		const subscription = currentSubscription(sandbox);
		const subscribeCalls = sandbox.log.filter((entry) => entry.apiPath?.startsWith('/push_subscriptions')).map((entry) => `${entry.method} ${entry.status}`);
		check(
			'message: publishing subscribes n8n\'s production URL at Strava',
			Boolean(subscription?.callback_url.startsWith(`${n8n.url}/webhook/`)),
			subscription?.callback_url ?? `no subscription; Strava saw ${subscribeCalls.join(', ') || 'no request'}; validations ${JSON.stringify(webhookState(sandbox).validations)}; n8n answered ${JSON.stringify(activated).slice(0, 300)}`,
		);
		if (!subscription) throw new Error('the webhook example did not subscribe');
		// n8n saves the trigger's static data (the subscription id it checks events against) once activation ends.
		const saved = async () => JSON.stringify((await rest.request<Data>('GET', `/workflows/${ids['new-activity-message']}`)).staticData ?? {}).includes(String(subscription.id));
		for (let tries = 0; tries < 50 && !(await saved()); tries++) await new Promise((resolve) => setTimeout(resolve, 200));
		const pushed = addDemoActivity(sandbox, 'TrailRun', Date.now() - 1800_000, 'Sunset on Mt. Sanitas');
		const ack = await pushEvent(sandbox, { object_type: 'activity', aspect_type: 'create', object_id: Number(pushed.id) });
		const gotMessage = await waitUntil(() => sink!.received.some((entry) => entry.path === '/message'), 30_000);
		const messages = () => sink!.received.filter((entry) => entry.path === '/message');
		const text = String(messages()[0]?.body.text ?? '');
		check(
			'message: a new activity event posts one message with its name, distance and link',
			ack.status === 200 && gotMessage && text.includes('Sunset on Mt. Sanitas') && text.includes(`${(Number(pushed.distance) / 1000).toFixed(1)} km`) && text.includes(`/activities/${String(pushed.id)}`),
			`ack ${ack.status} in ${ack.ms} ms; ${text || 'no message'}`,
		);
		// Strava repeats an event whose 200 came late: the same body twice more.
		const repeats = [await pushEvent(sandbox, ack.event), await pushEvent(sandbox, ack.event)];
		await pushEvent(sandbox, { object_type: 'activity', aspect_type: 'update', object_id: Number(pushed.id) });
		await new Promise((resolve) => setTimeout(resolve, 3000));
		check(
			'message: two repeats of the create event (acknowledged) and an update event (create only) send nothing more',
			repeats.every((repeat) => repeat.status === 200) && messages().length === 1,
			`repeats answered ${repeats.map((repeat) => repeat.status).join(',')}; ${messages().length} messages`,
		);
		await rest.deactivate(ids['new-activity-message']);
		check('message: unpublishing deletes the subscription', await waitUntil(() => currentSubscription(sandbox!) === undefined, 15_000));

		// 7. Revocation: an activity deleted on Strava loses its row; an athlete who disconnects loses all of theirs.
		rows = (await rest.dataTableRows(TABLE)) ?? [];
		const athleteRows = () => rows.filter((row) => Number(row.athlete_id) === Number(sandbox!.state.athlete.id));
		await rest.activate(ids['delete-on-deauthorization']);
		await waitUntil(() => currentSubscription(sandbox!) !== undefined, 10_000);
		const deauthSubscription = currentSubscription(sandbox);
		check('revocation: publishing subscribes the deletion workflow', Boolean(deauthSubscription?.callback_url.startsWith(`${n8n.url}/webhook/`)), deauthSubscription?.callback_url ?? 'no subscription');
		if (!deauthSubscription) throw new Error('the deletion example did not subscribe');
		const savedDeauth = async () => JSON.stringify((await rest.request<Data>('GET', `/workflows/${ids['delete-on-deauthorization']}`)).staticData ?? {}).includes(String(deauthSubscription.id));
		for (let tries = 0; tries < 50 && !(await savedDeauth()); tries++) await new Promise((resolve) => setTimeout(resolve, 200));
		const rowsBefore = rows.length;
		const gone = Number(rows[0]?.activity_id);
		const deleteAck = await pushEvent(sandbox, { object_type: 'activity', aspect_type: 'delete', object_id: gone });
		const rowGone = await waitUntilAsync(async () => {
			rows = (await rest.dataTableRows(TABLE)) ?? [];
			return !rowIds().includes(gone);
		}, 30_000);
		check(
			'revocation: an activity delete event removes that activity\'s row and no other',
			deleteAck.status === 200 && rowGone && rows.length === rowsBefore - 1 && rowsBefore > 1,
			`ack ${deleteAck.status}; ${rowsBefore} rows before, ${rows.length} after`,
		);
		const deauthAck = await pushEvent(sandbox, { object_type: 'athlete', aspect_type: 'update', updates: { authorized: 'false' } });
		const allGone = await waitUntilAsync(async () => {
			rows = (await rest.dataTableRows(TABLE)) ?? [];
			return athleteRows().length === 0;
		}, 30_000);
		check(
			'revocation: the athlete\'s deauthorization event deletes every row of that athlete',
			deauthAck.status === 200 && allGone && rowsBefore > 1,
			`ack ${deauthAck.status}; ${athleteRows().length} of the athlete's rows left`,
		);
		await rest.deactivate(ids['delete-on-deauthorization']);
		check('revocation: unpublishing deletes the subscription', await waitUntil(() => currentSubscription(sandbox!) === undefined, 15_000));
	} catch (error) {
		check('examples run', false, (error as Error).stack?.split('\n').slice(0, 4).join(' | ') ?? String(error));
		if (n8n) console.log(n8n.output().slice(-2000));
	} finally {
		await n8n?.stop();
		await sandbox?.stop();
		await sink?.stop();
	}
	console.log(`examples: ${elapsed()} in all`);
	report.summary();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
