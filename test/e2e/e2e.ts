/**
 * End-to-end: the packed package inside a real n8n (2.41.1 on Node 24), headless.
 * Packs the package, installs the tarball where n8n loads community nodes, imports a credential that points
 * at a local Strava sandbox, imports workflows, runs them with `n8n execute` and checks what n8n returned
 * and what the sandbox received. Run with `npm run test:e2e` (installs n8n under .e2e/ the first time).
 */
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import path from 'path';

import { seedActivities, startSandbox, type StravaSandbox } from '../sandbox';
import { installPackage as installInto, n8nCli, Report, root } from './n8nRuntime';

const home = path.join(root, '.e2e/home');

const report = new Report();
const check = report.check.bind(report);

/** Runs an n8n CLI command (`n8n execute` prints its result through the logger at level info). */
const n8n = (args: string[]) => n8nCli(home, args, { N8N_LOG_LEVEL: 'info' });

const installPackage = () => installInto(home);

function workflow(id: string, parameters: Record<string, unknown>) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
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
				credentials: { stravaV3OAuth2Api: { id: 'stravaE2E', name: 'Strava e2e' } },
			},
		],
	};
}

async function execute(id: string) {
	const result = await n8n(['execute', `--id=${id}`, '--rawOutput']);
	writeFileSync(path.join(root, `.e2e/files/${id}.out`), `${result.out}\n--- stderr ---\n${result.err}`);
	// The result is the JSON object printed last, starting and ending on lines of their own; n8n may log a
	// line after it (e.g. "Registered runner …"), so the object ends at its last closing-brace line.
	const start = result.out.lastIndexOf('\n{\n') + 1;
	const end = result.out.lastIndexOf('\n}') + 2;
	let data: { data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message?: string } }>>; error?: { message?: string } } } } | undefined;
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
	};
}

async function main() {
	let sandbox: StravaSandbox | undefined;
	try {
		rmSync(home, { recursive: true, force: true });
		installPackage();
		sandbox = await startSandbox();
		seedActivities(sandbox, 450);
		// An expired token: the first call must go through n8n's refresh and persist the rotated token.
		const token = sandbox.issueToken({ scopes: ['read', 'activity:read_all', 'profile:read_all'], expiresInSeconds: -60 });

		const files = path.join(root, '.e2e/files');
		mkdirSync(files, { recursive: true });
		writeFileSync(
			path.join(files, 'credentials.json'),
			JSON.stringify([
				{
					id: 'stravaE2E',
					name: 'Strava e2e',
					type: 'stravaV3OAuth2Api',
					data: {
						server: sandbox.url,
						clientId: sandbox.state.clientId,
						clientSecret: sandbox.state.clientSecret,
						scopes: ['read', 'activity:read_all', 'profile:read_all'],
						oauthTokenData: token.tokenData,
					},
				},
			]),
		);
		writeFileSync(
			path.join(files, 'workflows.json'),
			JSON.stringify([
				workflow('stravaAll', { resource: 'request', operation: 'get', path: '/athlete/activities', returnAll: true }),
				workflow('stravaAthlete', { resource: 'request', operation: 'get', path: '/athlete' }),
				workflow('stravaBadPath', { resource: 'request', operation: 'get', path: 'https://evil.example.com/api/v3/athlete' }),
			]),
		);
		const importedCredentials = await n8n(['import:credentials', `--input=${path.join(files, 'credentials.json')}`]);
		check('n8n import:credentials', importedCredentials.code === 0, importedCredentials.err.slice(-400));
		const importedWorkflows = await n8n(['import:workflow', `--input=${path.join(files, 'workflows.json')}`]);
		check('n8n import:workflow', importedWorkflows.code === 0, importedWorkflows.err.slice(-400));
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

		const exported = await n8n(['export:credentials', '--all', '--decrypted']);
		const secretsInOutput = [all.out, athlete.out, bad.out].some((out) => out.includes(token.accessToken) || out.includes(sandbox!.state.clientSecret));
		check('no token or secret in n8n execute output', !secretsInOutput);
		check('the rotated refresh token is what n8n stored', exported.out.includes('"refresh_token"') && !exported.out.includes(token.refreshToken));
	} finally {
		await sandbox?.stop();
	}
	report.summary();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
