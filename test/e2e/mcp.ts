/**
 * End-to-end run of examples/strava-mcp-server.json: the read operations of the Strava API node under n8n's
 * own MCP Server Trigger, in a real n8n (2.41.1 on Node 24, the packed package installed) against the Strava
 * sandbox seeded with the demo athlete. The workflow is imported and published, then an MCP client
 * (@modelcontextprotocol/sdk, Streamable HTTP) connects with the bearer token, lists the tools (the expected
 * read tools, no write tool) and calls some, checking the answers against the sandbox's data and the Strava
 * requests each call cost in the sandbox's log.
 * Run: bash test/e2e/install-n8n.sh && node -r ts-node/register/transpile-only test/e2e/mcp.ts
 */
import { readFileSync, rmSync, mkdirSync, writeFileSync } from 'fs';
import path from 'path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { startSandbox, type StravaSandbox } from '../sandbox';
import { seedDemoAthlete } from '../sandbox/demoSeed';
import { credentialsOverwrite, EXAMPLE_SCOPES, loadExamples, N8nRest, writeSandboxCredential } from './exampleRuntime';
import { freePort, installPackage, n8nCli, Report, root, startN8n, type N8nServer } from './n8nRuntime';

type Data = Record<string, unknown>;

const home = path.join(root, '.e2e/mcp-home');
const EXAMPLE = 'strava-mcp-server';
/** The bearer token the example's MCP Server Trigger asks for (its credential "Strava MCP token"). */
const TOKEN = 'mcp-e2e-token-0123456789abcdef0123456789abcdef';

/** The read tools the example serves, by name; nothing that writes to Strava. */
const EXPECTED_TOOLS = [
	'get_athlete',
	'get_athlete_stats',
	'get_athlete_zones',
	'list_activities',
	'get_activity',
	'get_activity_laps',
	'get_activity_zones',
	'get_activity_streams_summary',
	'list_starred_segments',
	'get_segment',
	'list_segment_efforts',
	'list_routes',
	'get_route',
	'list_clubs',
	'get_club',
	'get_gear',
];
/** Operations of the Strava API node that change data on Strava: none may be served as a tool. */
const WRITE_OPERATIONS = ['activity:create', 'activity:update', 'athlete:update', 'athlete:revokeAccess', 'segment:star', 'upload:create', 'request:post', 'request:put', 'request:delete'];

const report = new Report();
const check = report.check.bind(report);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

interface ToolAnswer {
	ms: number;
	requests: string[];
	isError: boolean;
	text: string;
	json: unknown;
}

/** The items a tool answered with (n8n sends the node's output items as one JSON text). */
function itemsOfAnswer(answer: ToolAnswer): Data[] {
	const value = answer.json;
	if (Array.isArray(value)) return value.map((entry) => ((entry as Data)?.json as Data | undefined) ?? (entry as Data));
	if (value && typeof value === 'object') return [value as Data];
	return [];
}

async function connect(url: string, token?: string): Promise<Client> {
	const client = new Client({ name: 'strava-mcp-e2e', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(new URL(url), {
		requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : undefined,
	});
	await client.connect(transport);
	return client;
}

async function main() {
	let sandbox: StravaSandbox | undefined;
	let n8n: N8nServer | undefined;
	let client: Client | undefined;
	try {
		rmSync(home, { recursive: true, force: true });
		mkdirSync(home, { recursive: true });
		installPackage(home);
		console.log(`(${elapsed()}) package built, packed and installed`);

		sandbox = await startSandbox();
		const seed = seedDemoAthlete(sandbox);
		const example = loadExamples()[EXAMPLE];
		if (!example) throw new Error(`examples/${EXAMPLE}.json is missing`);

		// The example's own checks: read operations only, each tool described and given $fromAI() inputs.
		const toolNodes = example.nodes.filter((node) => node.type === 'n8n-nodes-strava-api.stravaApiTool');
		const served = toolNodes.map((node) => `${String(node.parameters.resource)}:${String(node.parameters.operation)}`);
		check(
			`example: ${toolNodes.length} Strava API tools, none of them a write operation`,
			toolNodes.length > 0 && served.every((operation) => !WRITE_OPERATIONS.includes(operation)),
			served.join(', '),
		);
		check(
			'example: every tool has its own description for the model',
			toolNodes.every((node) => node.parameters.descriptionType === 'manual' && String(node.parameters.toolDescription ?? '').length > 40),
		);

		writeFileSync(path.join(home, 'workflows.json'), JSON.stringify([example]));
		const credentialsFile = path.join(home, 'credentials.json');
		writeSandboxCredential(credentialsFile, sandbox, EXAMPLE_SCOPES);
		const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Data[];
		credentials.push({ id: 'stravaMcpToken', name: 'Strava MCP token', type: 'httpBearerAuth', data: { token: TOKEN } });
		writeFileSync(credentialsFile, JSON.stringify(credentials));
		const brokerPort = String(await freePort(0));
		const cli = (args: string[]) => n8nCli(home, args, { N8N_RUNNERS_BROKER_PORT: brokerPort });
		const importedCredentials = await cli(['import:credentials', `--input=${credentialsFile}`]);
		check('n8n import:credentials (Strava, bearer token)', importedCredentials.code === 0, importedCredentials.err.slice(-300));
		const importedWorkflow = await cli(['import:workflow', `--input=${path.join(home, 'workflows.json')}`]);
		check('n8n import:workflow (the MCP example)', importedWorkflow.code === 0, importedWorkflow.err.slice(-300));
		if (report.failures) throw new Error('n8n could not import the example');

		n8n = await startN8n(home, {
			CREDENTIALS_OVERWRITE_DATA: credentialsOverwrite(sandbox),
			N8N_RUNNERS_BROKER_PORT: String(await freePort(0)),
			N8N_LOG_LEVEL: 'warn',
		});
		console.log(`(${elapsed()}) n8n started at ${n8n.url}`);
		const rest = new N8nRest(n8n.url);
		await rest.ownerLogin();
		await rest.activate(example.id);
		const url = `${n8n.url}/mcp/strava`;
		// n8n 2.41 registers a published workflow's webhooks a moment after answering (a publication outbox).
		const initialize = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'probe', version: '1' } } };
		let probe = 404;
		for (let tries = 0; tries < 100 && probe === 404; tries++) {
			if (tries) await new Promise((resolve) => setTimeout(resolve, 300));
			const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }, body: JSON.stringify(initialize) });
			probe = response.status;
			await response.text();
		}
		console.log(`(${elapsed()}) published; MCP server at ${url}`);

		// Without the bearer token the server refuses the client.
		check('published: the MCP URL answers, and refuses a request without the bearer token (403)', probe === 401 || probe === 403, `HTTP ${probe}`);
		const refused = await connect(url).then(
			async (unexpected) => {
				await unexpected.close();
				return 'connected';
			},
			(error: Error) => error.message,
		);
		check('an MCP client without the bearer token is refused', refused !== 'connected' && /40[13]|Authorization/i.test(refused), refused.slice(0, 120));

		const connectStarted = Date.now();
		client = await connect(url, TOKEN);
		const connectMs = Date.now() - connectStarted;
		const server = client.getServerVersion();
		check('an MCP client connects over Streamable HTTP with the token', Boolean(server), `${JSON.stringify(server)} in ${connectMs} ms; instructions: ${(client.getInstructions() ?? '').slice(0, 60)}…`);

		// The tools.
		const listStarted = Date.now();
		const { tools } = await client.listTools();
		const listMs = Date.now() - listStarted;
		const names = tools.map((tool) => tool.name);
		console.log(`tools (${tools.length}, listed in ${listMs} ms): ${names.join(', ')}`);
		check(
			`tools/list: the ${EXPECTED_TOOLS.length} read tools`,
			EXPECTED_TOOLS.every((name) => names.includes(name)) && names.length === EXPECTED_TOOLS.length,
			`missing ${EXPECTED_TOOLS.filter((name) => !names.includes(name)).join(', ') || 'none'}; extra ${names.filter((name) => !EXPECTED_TOOLS.includes(name)).join(', ') || 'none'}`,
		);
		check(
			'tools/list: no write tool (no update, upload, star, revoke, raw request)',
			names.every((name) => !/update|upload|create|star_|revoke|request|post|put|delete/i.test(name)) &&
				tools.every((tool) => /read-only/i.test(tool.description ?? '')),
		);
		const schemaOf = (name: string) => Object.keys((tools.find((tool) => tool.name === name)?.inputSchema.properties ?? {}) as Data);
		check(
			'tools/list: IDs and limits are the model\'s inputs ($fromAI)',
			schemaOf('get_activity').includes('activityId') &&
				schemaOf('list_activities').includes('limit') &&
				schemaOf('list_activities').includes('after') &&
				schemaOf('get_gear').includes('gearId') &&
				schemaOf('get_activity_streams_summary').includes('activityId') &&
				schemaOf('get_athlete').length === 0,
			`list_activities(${schemaOf('list_activities').join(', ')}), get_activity(${schemaOf('get_activity').join(', ')})`,
		);

		const call = async (name: string, args: Data): Promise<ToolAnswer> => {
			sandbox!.clearLog();
			const callStarted = Date.now();
			const result = await client!.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
			const ms = Date.now() - callStarted;
			const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
			const text = content.filter((part) => part.type === 'text').map((part) => part.text ?? '').join('');
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			const requests = sandbox!.apiCalls().map((entry) => `${entry.method} ${entry.apiPath}`);
			console.log(`call ${name}(${JSON.stringify(args)}): ${ms} ms, ${requests.length} Strava request(s) [${requests.join(', ')}], ${text.length} characters`);
			return { ms, requests, isError: Boolean(result.isError), text, json };
		};

		// list_activities: the 5 newest, as the sandbox has them.
		const newest = [...seed.activities].sort((a, b) => Date.parse(String(b.start_date)) - Date.parse(String(a.start_date))).slice(0, 5);
		const listed = await call('list_activities', { limit: 5, after: '' });
		const items = itemsOfAnswer(listed);
		check(
			'list_activities(limit 5): the 5 newest activities of the sandbox (ids and names), newest first',
			!listed.isError &&
				items.length === 5 &&
				items.every((item, index) => String(item.id) === String(newest[index].id) && item.name === newest[index].name),
			listed.isError ? listed.text.slice(0, 300) : items.map((item) => `${String(item.id)} ${String(item.name)}`).join('; '),
		);
		check(
			'list_activities: simplified for the model (km, h:mm:ss, local start with offset) and one Strava request',
			items.length > 0 &&
				items[0].distance_unit === 'km' &&
				Math.abs(Number(items[0].distance) - Number(newest[0].distance) / 1000) < 0.01 &&
				/^\d+:\d{2}:\d{2}$/.test(String(items[0].moving_time)) &&
				/[+-]\d{2}:\d{2}$/.test(String(items[0].start_date_local)) &&
				!('map' in items[0]) &&
				listed.requests.length === 1 &&
				listed.requests[0] === 'GET /athlete/activities',
			`${JSON.stringify(items[0] ?? {}).slice(0, 300)}; requests ${listed.requests.join(', ')}`,
		);

		// list_activities with a lower bound: only what started after it.
		const after = new Date(Date.parse(String(newest[2].start_date)) - 1000).toISOString();
		const since = await call('list_activities', { limit: 50, after });
		const sinceIds = itemsOfAnswer(since).map((item) => String(item.id));
		const expectedSince = seed.activities.filter((activity) => Date.parse(String(activity.start_date)) > Date.parse(after)).map((activity) => String(activity.id));
		check(
			`list_activities(after ${after}): the ${expectedSince.length} activities since`,
			!since.isError && sinceIds.length === expectedSince.length && expectedSince.every((id) => sinceIds.includes(id)),
			since.isError ? since.text.slice(0, 300) : `${sinceIds.length} items, ${since.requests.length} requests`,
		);

		// get_activity: the detail of the newest.
		const withGear = newest.find((activity) => activity.gear_id) ?? newest[0];
		const detail = await call('get_activity', { activityId: String(withGear.id) });
		const [activity] = itemsOfAnswer(detail);
		check(
			`get_activity(${String(withGear.id)}): name, calories and gear name, one Strava request`,
			!detail.isError &&
				activity?.name === withGear.name &&
				typeof activity?.calories === 'number' &&
				(!withGear.gear_id || activity?.gear_name === (withGear.gear as Data | undefined)?.name) &&
				detail.requests.length === 1 &&
				detail.requests[0] === `GET /activities/${String(withGear.id)}`,
			detail.isError ? detail.text.slice(0, 300) : JSON.stringify(activity).slice(0, 300),
		);

		// get_activity_streams_summary: bounded whatever the number of points.
		const streamed = await call('get_activity_streams_summary', { activityId: String(withGear.id) });
		const [summary] = itemsOfAnswer(streamed);
		const expectedPoints = Math.max(60, Math.min(5000, Math.round(Number(withGear.moving_time) / 2)));
		const heartrate = ((summary?.streams as Data | undefined)?.heartrate ?? {}) as Data;
		check(
			`get_activity_streams_summary: ${expectedPoints} points summarised into ${streamed.text.length} characters (20 samples), one Strava request`,
			!streamed.isError &&
				summary?.points === expectedPoints &&
				Array.isArray(summary?.samples) &&
				(summary.samples as unknown[]).length === 20 &&
				streamed.text.length < 10_000 &&
				streamed.requests.length === 1 &&
				streamed.requests[0] === `GET /activities/${String(withGear.id)}/streams`,
			streamed.isError ? streamed.text.slice(0, 300) : `heart rate ${JSON.stringify(heartrate)}; streams ${Object.keys((summary?.streams ?? {}) as Data).join(', ')}`,
		);

		// get_athlete: the connected athlete.
		const me = await call('get_athlete', {});
		const [athlete] = itemsOfAnswer(me);
		check(
			'get_athlete: the connected athlete, one Strava request',
			!me.isError && String(athlete?.id) === String(seed.athlete.id) && athlete?.firstname === seed.athlete.firstname && me.requests.length === 1,
			me.isError ? me.text.slice(0, 300) : `${String(athlete?.id)} ${String(athlete?.firstname)} ${String(athlete?.lastname)}`,
		);

		// list_routes: the athlete's routes (the private one included with read_all).
		const routes = await call('list_routes', { limit: 20 });
		const routeNames = itemsOfAnswer(routes).map((route) => route.name);
		check(
			`list_routes: the ${seed.routes.length} routes`,
			!routes.isError && routeNames.length === seed.routes.length && seed.routes.every((route) => routeNames.includes(route.name)),
			routes.isError ? routes.text.slice(0, 300) : `${routeNames.length} routes, ${routes.requests.length} requests`,
		);

		// A bad ID: the model gets Strava's answer as a tool error, not a hung call.
		const missing = await call('get_activity', { activityId: '999' });
		check('get_activity(999): a tool error naming the missing activity', missing.isError || /not found|404/i.test(missing.text), missing.text.slice(0, 200));

		console.log(
			`figures: ${tools.length} tools listed in ${listMs} ms; list_activities ${listed.ms} ms / ${listed.requests.length} request, get_activity ${detail.ms} ms / ${detail.requests.length}, streams summary ${streamed.ms} ms / ${streamed.requests.length}, get_athlete ${me.ms} ms / ${me.requests.length}, list_routes ${routes.ms} ms / ${routes.requests.length}`,
		);
		// Seven calls, one execution each (the call with a bad ID ends in a tool error: n8n may save it as success).
		// n8n may still be finishing the last execution when the answer has arrived: wait for it (bounded).
		let executions = await rest.executions(example.id);
		for (const deadline = Date.now() + 30_000; Date.now() < deadline && (executions.length < 7 || executions.some((execution) => execution.status === 'running' || execution.status === 'new')); ) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			executions = await rest.executions(example.id);
		}
		const succeeded = executions.filter((execution) => execution.status === 'success').length;
		check(`every tool call ran as one execution of the workflow (${executions.length} for 7 calls)`, executions.length === 7 && succeeded >= 6, executions.map((execution) => execution.status).join(', '));
		await client.close();
		client = undefined;
		await rest.deactivate(example.id);
	} catch (error) {
		check('MCP run', false, (error as Error).stack?.split('\n').slice(0, 4).join(' | ') ?? String(error));
		if (n8n) console.log(n8n.output().slice(-3000));
	} finally {
		await client?.close().catch(() => undefined);
		await n8n?.stop();
		await sandbox?.stop();
	}
	console.log(`mcp: ${elapsed()} in all`);
	report.summary();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
