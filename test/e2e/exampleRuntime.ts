/**
 * What the demo (scripts/demo.ts) and the examples' end-to-end run (test/e2e/examples.ts) share on top of
 * n8nRuntime.ts: the example workflows with parameters overridden on import, the credential file that
 * points at the sandbox, and a small client of n8n's REST API (owner setup, login, manual runs of a
 * stored workflow, activation, Data Table rows).
 *
 * Why REST and not `n8n execute`: n8n 2.41's `execute` command does not initialise n8n's backend modules,
 * so the Data Table node fails there with "Attempted to use Data table node but the module is disabled".
 * Workflows that use Data Tables run in `n8n start` (scheduled, published or started by hand); this client
 * starts them the way the editor's "Execute workflow" button does.
 */
import { randomUUID } from 'crypto';
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';

import type { StravaSandbox } from '../sandbox';
import { root, runtime } from './n8nRuntime';

type Data = Record<string, unknown>;

export const examplesDir = path.join(root, 'examples');

/** The credential the examples name (`credentials.stravaV3OAuth2Api` in every Strava node). */
export const EXAMPLE_CREDENTIAL = { id: 'stravaDemo', name: 'Strava account' };

/** The demo's n8n login. */
export const DEMO_OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Athlete', password: 'Strava-Demo-2026' };

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<Data & { name: string; type: string; parameters: Data }>;
	connections: Data;
	[key: string]: unknown;
}

/** Every example workflow, by file name (without .json). */
export function loadExamples(): Record<string, ExampleWorkflow> {
	const examples: Record<string, ExampleWorkflow> = {};
	for (const file of readdirSync(examplesDir).filter((name) => name.endsWith('.json')).sort()) {
		examples[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8'));
	}
	return examples;
}

/**
 * Sets a parameter of a node (by node name; `key` may be a dotted path such as `assignments.assignments`)
 * or, for a Set node called "Settings", one of its fields (`setting(workflow, 'folder', '/tmp/x')`).
 */
export function setParameter(workflow: ExampleWorkflow, nodeName: string, key: string, value: unknown) {
	const node = workflow.nodes.find((entry) => entry.name === nodeName);
	if (!node) throw new Error(`${workflow.name}: no node "${nodeName}"`);
	const keys = key.split('.');
	let target = node.parameters as Data;
	for (const part of keys.slice(0, -1)) target = (target[part] ??= {}) as Data;
	target[keys[keys.length - 1]] = value;
}

export function setting(workflow: ExampleWorkflow, name: string, value: unknown) {
	const node = workflow.nodes.find((entry) => entry.name === 'Settings');
	const assignments = ((node?.parameters.assignments as Data | undefined)?.assignments ?? []) as Data[];
	const field = assignments.find((entry) => entry.name === name);
	if (!field) throw new Error(`${workflow.name}: no setting "${name}"`);
	field.value = value;
}

/** n8n's credential export format for a credential connected to the sandbox (for `n8n import:credentials`). */
export function writeSandboxCredential(file: string, sandbox: StravaSandbox, scopes: string[]) {
	const token = sandbox.issueToken({ scopes });
	writeFileSync(
		file,
		JSON.stringify([
			{
				...EXAMPLE_CREDENTIAL,
				type: 'stravaV3OAuth2Api',
				data: {
					server: sandbox.url,
					clientId: sandbox.state.clientId,
					clientSecret: sandbox.state.clientSecret,
					scopes,
					oauthTokenData: token.tokenData,
				},
			},
		]),
	);
	return token;
}

/** The scopes the examples need together (uploads need activity:write, private routes read_all). */
export const EXAMPLE_SCOPES = ['read', 'read_all', 'profile:read_all', 'profile:write', 'activity:read_all', 'activity:write'];

/** CREDENTIALS_OVERWRITE_DATA for `n8n start`: credentials made in the editor talk to the sandbox. */
export function credentialsOverwrite(sandbox: StravaSandbox): string {
	return JSON.stringify({
		stravaV3OAuth2Api: { server: sandbox.url, clientId: sandbox.state.clientId, clientSecret: sandbox.state.clientSecret },
	});
}

/** n8n's execution data format (flatted), from the n8n install: loaded on first use, after install-n8n.sh ran. */
function parseFlatted(text: string): unknown {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(path.join(runtime, 'node_modules/flatted')) as { parse: (value: string) => unknown }).parse(text);
}

export interface NodeRun {
	data?: { main?: Array<Array<{ json: Data; binary?: Data }> | null> };
	error?: { message?: string; description?: string };
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	runData: Record<string, NodeRun[]>;
	error?: string;
}

/** The JSON items a node put out on its first output in its last run. */
export function itemsOf(execution: Execution, node: string): Data[] {
	const runs = execution.runData[node] ?? [];
	return (runs[runs.length - 1]?.data?.main?.[0] ?? []).map((item) => item.json);
}

export class N8nRest {
	private cookie = '';

	private readonly browserId = randomUUID();

	constructor(readonly url: string) {}

	async request<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { Cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${route} answered ${response.status}: ${text.slice(0, 500)}`);
		const parsed = text ? JSON.parse(text) : {};
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	/** Creates the owner account (first start), or logs in when it exists. */
	async ownerLogin(owner = DEMO_OWNER) {
		const settings = await this.request<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		if (settings.userManagement?.showSetupOnFirstLoad !== false) {
			await this.request('POST', '/owner/setup', owner);
		} else {
			await this.request('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		}
	}

	/** Runs a stored workflow from a trigger node, as the editor's "Execute workflow" does; waits for the end. */
	async run(workflowId: string, trigger = 'Run now', timeoutMs = 240_000): Promise<Execution> {
		const started = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: trigger },
		});
		if (!started.executionId) throw new Error(`n8n did not start ${workflowId}: ${JSON.stringify(started)}`);
		return await this.waitFor(started.executionId, timeoutMs);
	}

	async execution(id: string): Promise<Execution | undefined> {
		const raw = await this.request<{ id: string; status: string; finished: boolean; mode: string; data?: string }>('GET', `/executions/${id}`);
		if (!raw.data || ['new', 'running', 'waiting'].includes(raw.status)) return undefined;
		const data = parseFlatted(raw.data) as { resultData?: { runData?: Record<string, NodeRun[]>; error?: { message?: string } } };
		return {
			id: raw.id,
			status: raw.status,
			finished: raw.finished,
			mode: raw.mode,
			runData: data.resultData?.runData ?? {},
			error: data.resultData?.error?.message,
		};
	}

	async waitFor(executionId: string, timeoutMs = 240_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const execution = await this.execution(executionId).catch(() => undefined);
			if (execution) return execution;
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		throw new Error(`execution ${executionId} did not finish within ${timeoutMs / 1000} s`);
	}

	/** Executions of a workflow, newest first (ids and status only). */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string; mode: string }>> {
		const list = await this.request<{ results: Array<{ id: string; status: string; mode: string }> }>(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		return list.results;
	}

	/** Publishes (activates) a stored workflow: its triggers start listening. */
	async activate(workflowId: string) {
		const workflow = await this.request<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		return await this.request<Data>('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	}

	async deactivate(workflowId: string) {
		await this.request('POST', `/workflows/${workflowId}/deactivate`, {});
	}

	/** Every row of the Data Table called `name` (undefined when there is no such table). */
	async dataTableRows(name: string): Promise<Data[] | undefined> {
		const tables = await this.request<{ data: Array<{ id: string; name: string; projectId: string }> }>('GET', '/data-tables-global?take=100');
		const table = tables.data.find((entry) => entry.name === name);
		if (!table) return undefined;
		const rows: Data[] = [];
		for (let skip = 0; ; skip += 500) {
			const page = await this.request<{ count: number; data: Data[] }>('GET', `/projects/${table.projectId}/data-tables/${table.id}/rows?skip=${skip}&take=500`);
			rows.push(...page.data);
			if (rows.length >= page.count || page.data.length === 0) return rows;
		}
	}
}
