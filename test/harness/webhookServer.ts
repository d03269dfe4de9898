import http, { type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';
import { HookContext, WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	type IDataObject,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type Workflow,
} from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodes';
import { persistStaticData, triggerAdditionalData, triggerWorkflow } from './triggerWorkflow';
import { waitFor } from './waitFor';

export interface WebhookExecution {
	/** The items the trigger handed to the workflow (what n8n would start an execution with). */
	items: INodeExecutionData[];
	/** ms since the request arrived until webhook() returned. */
	ms: number;
	/** n8n's execution mode: `webhook` (published workflow) or `manual` (the editor's test event). */
	mode: 'webhook' | 'manual';
	/** webhook() threw: n8n answers 500 and still starts an execution, which fails at the trigger. */
	error?: Error;
}

export interface WebhookHostOptions {
	credentials: TestCredentialsHelper;
	parameters: INodeParameters;
	type?: string;
	nodeName?: string;
	webhookId?: string;
	/**
	 * n8n's public address (what WEBHOOK_URL says), from which n8n builds the Production URL
	 * (`{publicUrl}/webhook/…`) and the Test URL (`{publicUrl}/webhook-test/…`). Default: this host's address.
	 */
	publicUrl?: string;
}

/** One registered webhook: what n8n keeps per (method, path), with the static data it cached for it. */
interface Registration {
	hook: IWebhookData;
	/** Test webhooks only: static data n8n cached with the registration once create() was done. */
	staticData?: IDataObject;
	listening?: TestListening;
}

export type ListeningStatus = 'listening' | 'received' | 'stopped';

/**
 * One "Listen for test event" / "Execute step" session, as n8n's TestWebhooks runs it: the node's
 * webhooks are registered under the Test URL (`/webhook-test/…`, `isTest`), checkExists/create run in
 * `manual` mode on a workflow with empty static data, and listening ends (delete() runs) after the first
 * request whose webhook() hands data to the workflow, or when it is stopped (the editor's stop button or
 * n8n's timeout). Requests answered without workflow data (a validation GET, a filtered event) leave it listening.
 */
export class TestListening {
	readonly executions: WebhookExecution[] = [];

	status: ListeningStatus = 'listening';

	/** Errors thrown by delete() when listening ended. */
	readonly deleteErrors: Error[] = [];

	readonly registrations: Registration[] = [];

	private resolveEnded!: () => void;

	private readonly ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));

	constructor(
		private readonly host: WebhookHost,
		readonly testUrl: string,
	) {}

	/** The static data n8n cached for the `default` webhook after create() (what event requests see). */
	get staticData(): IDataObject | undefined {
		return this.registrations.find((entry) => entry.hook.webhookDescription.name === 'default')?.staticData;
	}

	/** Resolves when listening has ended (an event was delivered, or it was stopped). */
	async waitForEnd(timeoutMs = 10_000): Promise<ListeningStatus> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`test listening still ${this.status} after ${timeoutMs} ms`)), timeoutMs);
		});
		try {
			await Promise.race([this.ended, timeout]);
		} finally {
			clearTimeout(timer);
		}
		return this.status;
	}

	/** The user stops listening, or n8n's test-webhook timeout fires. */
	async stop(): Promise<void> {
		await this.host.endListening(this, 'stopped');
	}

	/** @internal */
	markEnded(status: ListeningStatus) {
		this.status = status;
		this.resolveEnded();
	}
}

/** An express-like request/response pair, as far as n8n's webhook contexts and nodes use them. */
type HostRequest = IncomingMessage & { body: IDataObject; query: IDataObject; params: IDataObject };
type HostResponse = ServerResponse & {
	status(code: number): HostResponse;
	json(body: unknown): HostResponse;
	send(body: unknown): HostResponse;
};

function expressLike(res: ServerResponse): HostResponse {
	const response = res as HostResponse;
	response.status = (code: number) => {
		response.statusCode = code;
		return response;
	};
	response.json = (body: unknown) => {
		if (!response.headersSent) response.setHeader('Content-Type', 'application/json; charset=utf-8');
		response.end(JSON.stringify(body));
		return response;
	};
	response.send = (body: unknown) => {
		response.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
		return response;
	};
	return response;
}

function readJson(req: IncomingMessage): Promise<IDataObject> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			try {
				resolve(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as IDataObject) : {});
			} catch {
				resolve({});
			}
		});
	});
}

/**
 * A stand-in for n8n's webhook server, ActiveWorkflowManager and TestWebhooks, for one webhook trigger node.
 *
 * Production (a published workflow), as n8n's ActiveWorkflowManager does it:
 * - `activate()` registers the node's webhooks (`/webhook/…`), then runs checkExists/create through
 *   n8n-core's HookContext, and saves static data only afterwards (a request arriving during create()
 *   sees the previously saved static data). When create() throws, n8n discards the in-memory static data
 *   and clears the workflow's webhooks: delete() runs on the static data *saved before*, and what it leaves
 *   is saved (`failedActivation` keeps what create() had left in memory, for inspection);
 * - `deactivate()` runs delete() on the saved static data and saves the result.
 *
 * Test (the editor's "Listen for test event"), as n8n's TestWebhooks does it: see `listenForTestEvent()`.
 *
 * Each request builds the workflow from the static data n8n would use (saved in the database for
 * production, cached with the test registration in test mode), runs the node's webhook() in n8n-core's
 * WebhookContext with the real request and response, and answers the way n8n's webhook helpers do
 * (noWebhookResponse, default response, start an execution; a throwing webhook() answers 500 and still
 * starts an execution, which fails).
 */
export class WebhookHost {
	readonly executions: WebhookExecution[] = [];

	/** Errors thrown by webhook(). */
	readonly errors: Error[] = [];

	/** Static data as "saved in the database". */
	staticData: IDataObject = {};

	/** After a failed activation: the static data create() had left in memory (n8n does not save it). */
	failedActivation?: { staticData: IDataObject; error: Error };

	baseUrl = '';

	private server?: http.Server;

	private readonly sockets = new Set<Socket>();

	private readonly registered = new Map<string, Registration>();

	private readonly testRegistered = new Map<string, Registration>();

	private readonly type: string;

	private readonly nodeName: string;

	private readonly webhookId: string;

	/** Requests being handled right now (their webhook() has not returned yet). */
	inFlight = 0;

	/** Called for every execution n8n would start (production and test), as n8n's run hook would be. */
	onExecution?: (execution: WebhookExecution) => void;

	/** Every execution started, production and test (what `onExecution` saw). */
	readonly started: WebhookExecution[] = [];

	constructor(private readonly options: WebhookHostOptions) {
		this.type = options.type ?? 'n8n-nodes-strava-api.stravaApiTrigger';
		this.nodeName = options.nodeName ?? 'Strava API Trigger';
		this.webhookId = options.webhookId ?? '6f1c0c34-5d0b-4f8e-9a51-7e2b1d0c9a11';
	}

	get nodeType(): INodeType {
		return nodeTypes.getByNameAndVersion(this.type, 1) as INodeType;
	}

	/** n8n's public address (WEBHOOK_URL). */
	get publicUrl(): string {
		return this.options.publicUrl ?? this.baseUrl;
	}

	/** Points n8n's public address elsewhere (as if WEBHOOK_URL changed and n8n restarted). */
	setPublicUrl(url: string | undefined) {
		this.options.publicUrl = url;
	}

	private build(staticData: IDataObject = this.staticData, active = true) {
		const additionalData = triggerAdditionalData(this.options.credentials, `${this.publicUrl}/webhook`);
		const { workflow, node } = triggerWorkflow({
			type: this.type,
			nodeName: this.nodeName,
			parameters: this.options.parameters,
			staticData,
			webhookId: this.webhookId,
			active,
		});
		return { additionalData, workflow, node };
	}

	/** The node's webhooks in description order (n8n registers and creates them in this order). */
	private webhooks(isTest = false): IWebhookData[] {
		const { additionalData, workflow, node } = this.build();
		return (this.nodeType.description.webhooks ?? []).map((description: IWebhookDescription) => ({
			httpMethod: description.httpMethod as IHttpRequestMethods,
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(workflow.id, node, description.path),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			...(isTest ? { isTest: true } : {}),
		}));
	}

	private static key(hook: IWebhookData, isTest: boolean): string {
		return `${hook.httpMethod} /${isTest ? 'webhook-test' : 'webhook'}/${hook.path}`;
	}

	private defaultPath(): string {
		return this.webhooks().find((entry) => entry.webhookDescription.name === 'default')!.path;
	}

	/** The Production URL of the node's `default` webhook. */
	get callbackUrl(): string {
		return `${this.publicUrl}/webhook/${this.defaultPath()}`;
	}

	/** The Test URL of the node's `default` webhook. */
	get testUrl(): string {
		return `${this.publicUrl}/webhook-test/${this.defaultPath()}`;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			this.inFlight++;
			this.handle(req, expressLike(res))
				.catch((error: Error) => {
					this.errors.push(error);
					if (!res.headersSent) res.writeHead(500).end(JSON.stringify({ message: error.message }));
				})
				.finally(() => this.inFlight--);
		});
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private methodsOf(hook: IWebhookData) {
		return this.nodeType.webhookMethods?.[hook.webhookDescription.name];
	}

	/** Activation as n8n does it: register webhooks, checkExists → create, then save static data. */
	async activate(): Promise<{ created: boolean }> {
		const hooks = this.webhooks();
		for (const hook of hooks) this.registered.set(WebhookHost.key(hook, false), { hook });
		const { additionalData, workflow, node } = this.build();
		let created = false;
		try {
			for (const hook of hooks) {
				const methods = this.methodsOf(hook);
				if (!methods) continue;
				const context = () => new HookContext(workflow, node, additionalData, 'trigger', 'activate', hook);
				const exists = await methods.checkExists.call(context());
				if (!exists) {
					await methods.create.call(context());
					created = true;
				}
			}
		} catch (error) {
			this.failedActivation = { staticData: persistStaticData(workflow), error: error as Error };
			await this.clearWebhooks();
			throw error;
		}
		this.failedActivation = undefined;
		this.staticData = persistStaticData(workflow);
		return { created };
	}

	/** n8n's clearWebhooks: delete() on the saved static data, save what it leaves, unregister. */
	private async clearWebhooks(): Promise<void> {
		const { additionalData, workflow, node } = this.build();
		for (const { hook } of this.registered.values()) {
			const methods = this.methodsOf(hook);
			if (methods) await methods.delete.call(new HookContext(workflow, node, additionalData, 'internal', 'update', hook));
		}
		this.staticData = persistStaticData(workflow);
		this.registered.clear();
	}

	/** Deactivation (unpublishing): delete, save static data, unregister. */
	async deactivate(): Promise<void> {
		if (this.registered.size === 0) for (const hook of this.webhooks()) this.registered.set(WebhookHost.key(hook, false), { hook });
		await this.clearWebhooks();
	}

	/**
	 * "Listen for test event" / "Execute step", as n8n's TestWebhooks.needsWebhook does it: the workflow
	 * gets empty static data (`active: false`); each webhook is registered under the Test URL *before* its
	 * checkExists/create run (mode `manual`), so a confirmation request sent during create() is served; the
	 * static data create() left is then cached with the registration. If create() throws, listening ends
	 * at once (delete() runs on the same in-memory workflow) and the error goes to the editor.
	 */
	async listenForTestEvent(): Promise<TestListening> {
		const { additionalData, workflow, node } = this.build({}, false);
		const listening = new TestListening(this, this.testUrl);
		for (const hook of this.webhooks(true)) {
			const registration: Registration = { hook, listening };
			listening.registrations.push(registration);
			this.testRegistered.set(WebhookHost.key(hook, true), registration);
			try {
				const methods = this.methodsOf(hook);
				if (methods) {
					const context = () => new HookContext(workflow, node, additionalData, 'manual', 'manual', hook);
					if (!(await methods.checkExists.call(context()))) await methods.create.call(context());
				}
				registration.staticData = persistStaticData(workflow);
			} catch (error) {
				await this.endListening(listening, 'stopped', workflow);
				throw error;
			}
		}
		return listening;
	}

	/**
	 * n8n's TestWebhooks.deactivateWebhooks: for each registration, the workflow takes the static data
	 * cached with it (when there is some) and delete() runs (mode `internal`, activation `update`).
	 */
	async endListening(listening: TestListening, status: ListeningStatus, inMemory?: Workflow): Promise<void> {
		if (listening.status !== 'listening') return;
		listening.status = status;
		const { additionalData, workflow, node } = inMemory ? { ...this.build({}, false), workflow: inMemory } : this.build({}, false);
		const testNode = workflow.getNode(node.name)!;
		for (const registration of listening.registrations) {
			if (registration.staticData) workflow.staticData = JSON.parse(JSON.stringify(registration.staticData)) as IDataObject;
			const methods = this.methodsOf(registration.hook);
			try {
				if (methods) await methods.delete.call(new HookContext(workflow, testNode, additionalData, 'internal', 'update', registration.hook));
			} catch (error) {
				listening.deleteErrors.push(error as Error);
			}
			this.testRegistered.delete(WebhookHost.key(registration.hook, true));
		}
		listening.markEnded(status);
	}

	/** Resolves once no request is being handled any more (every webhook() has returned), within `timeoutMs`. */
	async idle(timeoutMs = 5_000): Promise<void> {
		await waitFor(() => this.inFlight === 0, timeoutMs, 'every webhook request handled');
	}

	/** Resolves once at least `count` executions were started (or rejects after `timeoutMs`). */
	async waitForExecutions(count: number, timeoutMs = 10_000): Promise<WebhookExecution[]> {
		await waitFor(() => this.executions.length >= count, timeoutMs, `${count} executions`);
		return this.executions;
	}

	private async handle(req: IncomingMessage, res: HostResponse) {
		const url = new URL(req.url ?? '/', 'http://host');
		const key = `${req.method} ${url.pathname}`;
		const isTest = url.pathname.startsWith('/webhook-test/');
		const registration = isTest ? this.testRegistered.get(key) : this.registered.get(key);
		if (!registration) {
			// n8n: 404 "The requested webhook ... is not registered."
			res
				.writeHead(404, { 'Content-Type': 'application/json' })
				.end(JSON.stringify({ code: 404, message: `The requested webhook "${req.method} ${url.pathname}" is not registered.` }));
			return;
		}
		const started = performance.now();
		const request = req as HostRequest;
		request.body = req.method === 'POST' ? await readJson(req) : {};
		request.query = Object.fromEntries(url.searchParams);
		request.params = {};

		// Production: the static data saved in the database. Test: what n8n cached with the registration
		// (nothing yet while create() is still running).
		const { additionalData, workflow, node } = isTest ? this.build(registration.staticData ?? {}, false) : this.build();
		const webhookAdditionalData = { ...additionalData, httpRequest: request, httpResponse: res } as typeof additionalData;
		const mode = isTest ? 'manual' : 'webhook';
		const context = new WebhookContext(workflow, node, webhookAdditionalData, mode, { ...registration.hook, workflowExecuteAdditionalData: webhookAdditionalData }, [], null);
		let result: IWebhookResponseData;
		let failure: Error | undefined;
		try {
			result = await this.nodeType.webhook!.call(context);
		} catch (error) {
			// n8n answers 500 and starts an execution that fails at the trigger.
			failure = error as Error;
			this.errors.push(failure);
			if (!res.headersSent) res.status(500).json({ message: 'Error in workflow' });
			result = { noWebhookResponse: true, workflowData: [[{ json: {} }]] };
		}
		// n8n saves static data a production webhook call changed; a manual (test) run saves nothing.
		if (!isTest) this.staticData = persistStaticData(workflow);

		if (result.noWebhookResponse !== true && !res.headersSent) {
			const message = result.workflowData ? 'Workflow was started' : 'Webhook call received';
			res.status(200).json(result.webhookResponse ?? { message });
		}
		if (!result.workflowData) return;
		const execution: WebhookExecution = {
			items: result.workflowData[0] ?? [],
			ms: Math.round(performance.now() - started),
			mode,
			...(failure ? { error: failure } : {}),
		};
		this.started.push(execution);
		this.onExecution?.(execution);
		if (isTest && registration.listening) {
			registration.listening.executions.push(execution);
			// The first request that starts an execution ends test listening.
			await this.endListening(registration.listening, 'received');
			return;
		}
		this.executions.push(execution);
	}
}
