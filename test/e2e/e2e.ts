/**
 * End-to-end: the packed package inside a real n8n (2.41.1 on Node 24, or the version named by
 * E2E_N8N_VERSION, installed by `bash test/e2e/install-n8n.sh <version>`), headless.
 * Packs the package, installs the tarball where n8n loads community nodes, imports credentials that point
 * at a local Strava sandbox, imports workflows, runs them with `n8n execute` and checks what n8n returned
 * and what the sandbox received; then publishes a Strava API Trigger workflow, starts n8n and pushes a Strava
 * event to it. Run with `npm run test:e2e` (installs n8n under .e2e/ the first time).
 */
import { randomUUID } from 'crypto';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import path from 'path';

import { currentSubscription, pushEvent, seedActivities, startSandbox, type StravaSandbox } from '../sandbox';
import { addDemoActivity } from '../sandbox/demoSeed';
import { N8nRest } from './exampleRuntime';
import { installPackage as installInto, n8nCli, n8nVersion, Report, root, startN8n, type N8nServer } from './n8nRuntime';

const home = path.join(root, '.e2e/home');

const report = new Report();
const check = report.check.bind(report);

/** Runs an n8n CLI command (`n8n execute` prints its result through the logger at level info). */
const n8n = (args: string[]) => n8nCli(home, args, { N8N_LOG_LEVEL: 'info' });

const installPackage = () => installInto(home);

function workflow(id: string, parameters: Record<string, unknown>, credential = 'stravaE2E') {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		// (n8n 2.0.0's import:workflow needs it: its column is NOT NULL and the import does not fill it)
		versionId: randomUUID(),
		settings: { executionOrder: 'v1' },
		connections: { Start: { main: [[{ node: 'Strava API', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'n1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n2',
				name: 'Strava API',
				type: 'n8n-nodes-strava-api.stravaApi',
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { stravaV3OAuth2Api: { id: credential, name: credential } },
			},
		],
	};
}

/** Strava API Trigger (activity created) → Strava API Activity → Get of the event's activity. */
function triggerWorkflow(id: string) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		versionId: randomUUID(),
		settings: { executionOrder: 'v1' },
		connections: { 'Strava API Trigger': { main: [[{ node: 'Strava API', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 't1',
				name: 'Strava API Trigger',
				type: 'n8n-nodes-strava-api.stravaApiTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { objectTypes: ['activity'], aspectTypes: ['create'], includeDeauthorizations: false, onlyConnectedAthlete: true, options: {} },
				credentials: { stravaV3OAuth2Api: { id: 'stravaE2E', name: 'stravaE2E' } },
				webhookId: '5e2e7a1c-0d4b-4f8e-9a61-2b3c4d5e6f70',
			},
			{
				id: 't2',
				name: 'Strava API',
				type: 'n8n-nodes-strava-api.stravaApi',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'activity', operation: 'get', activityId: { __rl: true, mode: 'id', value: '={{ $json.object_id }}' }, options: {} },
				credentials: { stravaV3OAuth2Api: { id: 'stravaE2E', name: 'stravaE2E' } },
			},
		],
	};
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (condition()) return true;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return condition();
}

async function execute(id: string) {
	const result = await n8n(['execute', `--id=${id}`, '--rawOutput']);
	writeFileSync(path.join(root, `.e2e/files/${id}.out`), `${result.out}\n--- stderr ---\n${result.err}`);
	// The result is the JSON object printed last, starting and ending on lines of their own; n8n may log a
	// line after it (e.g. "Registered runner …"), so the object ends at its last closing-brace line.
	const start = result.out.lastIndexOf('\n{\n') + 1;
	const end = result.out.lastIndexOf('\n}') + 2;
	let data: { data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message?: string; description?: string } }>>; error?: { message?: string; description?: string } } } } | undefined;
	try {
		data = JSON.parse(result.out.slice(start, end > start ? end : undefined));
	} catch {
		data = undefined;
	}
	const task = data?.data?.resultData?.runData?.['Strava API']?.[0];
	return {
		...result,
		items: task?.data?.main?.[0] ?? [],
		error: task?.error?.message ?? data?.data?.resultData?.error?.message,
		description: task?.error?.description ?? data?.data?.resultData?.error?.description,
	};
}

async function main() {
	let sandbox: StravaSandbox | undefined;
	let n8nServer: N8nServer | undefined;
	console.log(`n8n ${n8nVersion}`);
	try {
		rmSync(home, { recursive: true, force: true });
		installPackage();
		sandbox = await startSandbox();
		seedActivities(sandbox, 450);
		// An expired token: the first call must go through n8n's refresh and persist the rotated token.
		const token = sandbox.issueToken({ scopes: ['read', 'activity:read_all', 'profile:read_all'], expiresInSeconds: -60 });
		// Connections without the activity permission: one with a fresh token, one with an expired token.
		const narrow = sandbox.issueToken({ scopes: ['read'] });
		const narrowExpired = sandbox.issueToken({ scopes: ['read'], expiresInSeconds: -60 });
		const credential = (id: string, scopes: string[], tokenData: unknown) => ({
			id,
			name: id,
			type: 'stravaV3OAuth2Api',
			data: { server: sandbox!.url, clientId: sandbox!.state.clientId, clientSecret: sandbox!.state.clientSecret, scopes, oauthTokenData: tokenData },
		});

		const files = path.join(root, '.e2e/files');
		mkdirSync(files, { recursive: true });
		writeFileSync(
			path.join(files, 'credentials.json'),
			JSON.stringify([
				credential('stravaE2E', ['read', 'activity:read_all', 'profile:read_all'], token.tokenData),
				credential('stravaNarrow', ['read'], narrow.tokenData),
				credential('stravaNarrowExpired', ['read'], narrowExpired.tokenData),
			]),
		);
		writeFileSync(
			path.join(files, 'workflows.json'),
			JSON.stringify([
				workflow('stravaAll', { resource: 'request', operation: 'get', path: '/athlete/activities', returnAll: true }),
				workflow('stravaAthlete', { resource: 'request', operation: 'get', path: '/athlete' }),
				workflow('stravaBadPath', { resource: 'request', operation: 'get', path: 'https://evil.example.com/api/v3/athlete' }),
				workflow('stravaNoScope', { resource: 'request', operation: 'get', path: '/athlete/activities' }, 'stravaNarrow'),
				workflow('stravaNoScopeExpired', { resource: 'request', operation: 'get', path: '/athlete/activities' }, 'stravaNarrowExpired'),
				triggerWorkflow('stravaTrigger'),
			]),
		);
		const importedCredentials = await n8n(['import:credentials', `--input=${path.join(files, 'credentials.json')}`]);
		check('n8n import:credentials', importedCredentials.code === 0, importedCredentials.code === 0 ? '' : (importedCredentials.err || importedCredentials.out).slice(-400));
		const importedWorkflows = await n8n(['import:workflow', `--input=${path.join(files, 'workflows.json')}`]);
		check('n8n import:workflow', importedWorkflows.code === 0, importedWorkflows.code === 0 ? '' : (importedWorkflows.err || importedWorkflows.out).slice(-400));
		if (report.failures) throw new Error(`n8n could not import the test data:\n${importedCredentials.out.slice(-1500)}`);

		sandbox.clearLog();
		const all = await execute('stravaAll');
		check('Return All over 450 activities returns 450 items', all.items.length === 450, all.error ?? `${all.items.length} items; ${all.err.slice(-300)}`);
		const apiCalls = sandbox.apiCalls('/athlete/activities');
		const tokenCalls = sandbox.log.filter((entry) => entry.path === '/oauth/token');
		check(
			'expired token: one refresh, then ceil(450/200)+1 = 4 list requests (plus the one 401)',
			tokenCalls.length === 1 && apiCalls.length === 5 && apiCalls[0].status === 401,
			sandbox.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).join(', '),
		);

		sandbox.clearLog();
		const athlete = await execute('stravaAthlete');
		check('second execution uses the token n8n persisted (no refresh)', athlete.items[0]?.json.id === sandbox.state.athlete.id && !sandbox.log.some((e) => e.path === '/oauth/token'), athlete.error ?? '');

		sandbox.clearLog();
		const bad = await execute('stravaBadPath');
		const refusal = /The path "[^"]*" is not allowed: [^\n]*/.exec(bad.error ?? bad.out)?.[0];
		check('a path to another host fails and sends nothing', refusal !== undefined && sandbox.log.length === 0, refusal ?? bad.out.slice(-300));

		// A call the connection lacks the permission for: named as such, no network advice, no refresh
		// while the token is fresh (n8n 1.x refreshes on any 401 unless the answer comes back as an answer).
		const noAdvice = (text: string) => !/network|could not reach|got no answer/i.test(text);
		sandbox.clearLog();
		const noScope = await execute('stravaNoScope');
		const noScopeText = `${noScope.error ?? ''} — ${noScope.description ?? ''}`;
		check(
			'missing permission (fresh token): names activity:read, no network advice, no token refresh, one request',
			/lacks the "activity:read/.test(noScope.error ?? '') && noAdvice(noScopeText) &&
				!sandbox.log.some((entry) => entry.path === '/oauth/token') && sandbox.apiCalls('/athlete/activities').length === 1,
			`${noScopeText}; Strava saw ${sandbox.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).join(', ')}`,
		);
		sandbox.clearLog();
		const noScopeExpired = await execute('stravaNoScopeExpired');
		const noScopeExpiredText = `${noScopeExpired.error ?? ''} — ${noScopeExpired.description ?? ''}`;
		check(
			'missing permission (expired token): one refresh, then the message names activity:read, no network advice',
			/lacks the "activity:read/.test(noScopeExpired.error ?? '') && noAdvice(noScopeExpiredText) &&
				sandbox.log.filter((entry) => entry.path === '/oauth/token').length === 1,
			`${noScopeExpiredText}; Strava saw ${sandbox.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).join(', ')}`,
		);

		const exported = await n8n(['export:credentials', '--all', '--decrypted']);
		const secretsInOutput = [all.out, athlete.out, bad.out, noScope.out, noScopeExpired.out].some(
			(out) => out.includes(token.accessToken) || out.includes(narrow.accessToken) || out.includes(sandbox!.state.clientSecret),
		);
		check('no token or secret in n8n execute output', !secretsInOutput);
		check('the rotated refresh token is what n8n stored', exported.out.includes('"refresh_token"') && !exported.out.includes(token.refreshToken));

		// The push trigger: published (from the CLI when the version can: 2.x publish:workflow, 1.x update:workflow
		// --active; else the editor's way, over n8n's REST API), n8n started, the subscription made at Strava, then
		// a Strava event runs the workflow.
		try {
			let how = 'CLI publish:workflow';
			let published = await n8n(['publish:workflow', '--id=stravaTrigger']);
			if (published.code !== 0) {
				how = 'CLI update:workflow --active';
				published = await n8n(['update:workflow', '--id=stravaTrigger', '--active=true']);
			}
			sandbox.clearLog();
			n8nServer = await startN8n(home);
			if (published.code !== 0) {
				// n8n 2.0.0: an imported workflow has no version history, which its CLI publish needs; saving it
				// as the editor does writes one, then it is published.
				how = 'REST save + activate';
				const rest = new N8nRest(n8nServer.url);
				await rest.ownerLogin();
				const stored = await rest.request<Record<string, unknown>>('GET', '/workflows/stravaTrigger');
				// (n8n writes a new version when the nodes change: the trigger moves 20 px)
				const nodes = (stored.nodes as Array<{ position: number[] }>).map((entry, index) =>
					index === 0 ? { ...entry, position: [entry.position[0] + 20, entry.position[1]] } : entry,
				);
				await rest.request('PATCH', '/workflows/stravaTrigger', {
					name: stored.name,
					nodes,
					connections: stored.connections,
					settings: stored.settings,
					versionId: stored.versionId,
				});
				await rest.activate('stravaTrigger');
			}
			const subscribed = await waitUntil(() => currentSubscription(sandbox!) !== undefined, 30_000);
			check(
				`trigger: publishing (${how}) subscribes n8n's webhook URL at Strava`,
				subscribed && Boolean(currentSubscription(sandbox)?.callback_url.startsWith(`${n8nServer.url}/webhook/`)),
				currentSubscription(sandbox)?.callback_url ?? n8nServer.output().slice(-500),
			);
			// n8n saves the subscription id (the trigger checks events against it) once activation ends.
			await new Promise((resolve) => setTimeout(resolve, 2000));
			const pushed = addDemoActivity(sandbox, 'Ride', Date.now() - 3600_000, 'Compatibility ride');
			const ack = subscribed ? await pushEvent(sandbox, { object_type: 'activity', aspect_type: 'create', object_id: Number(pushed.id) }) : { status: 0 };
			const fetched = await waitUntil(() => sandbox!.apiCalls(`/activities/${String(pushed.id)}`).some((call) => call.status === 200), 30_000);
			check(
				'trigger: a Strava event runs the workflow (its Get reads the new activity)',
				ack.status === 200 && fetched,
				`ack ${ack.status}; ${sandbox.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).join(', ')}`,
			);
		} catch (error) {
			check('trigger: published, subscribed and run by an event', false, (error as Error).message.slice(0, 500));
		}
	} finally {
		await n8nServer?.stop();
		await sandbox?.stop();
	}
	report.summary();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
