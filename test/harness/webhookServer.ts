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
} from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodes';
import { persistStaticData, triggerAdditionalData, triggerWorkflow } from './triggerWorkflow';

export interface WebhookExecution {
	/** The items the trigger handed to the workflow (what n8n would start an execution with). */
	items: INodeExecutionData[];
	/** ms since the request arrived until webhook() returned. */
	ms: number;
}

export interface WebhookHostOptions {
	credentials: TestCredentialsHelper;
	parameters: INodeParameters;
	type?: string;
	nodeName?: string;
	webhookId?: string;
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
 * A stand-in for n8n's webhook server and ActiveWorkflowManager, for one webhook trigger node:
 * - `activate()` registers the node's webhooks, then runs checkExists/create through n8n-core's
 *   HookContext, and saves static data only afterwards (n8n does the same: a request arriving during
 *   create() sees the previously saved static data);
 * - each request builds the workflow from the saved static data (as n8n loads it from its database),
 *   runs the node's webhook() in n8n-core's WebhookContext with the real request and response, and
 *   answers the way n8n's webhook helpers do (noWebhookResponse, default response, start execution);
 * - `deactivate()` runs delete.
 */
export class WebhookHost {
	readonly executions: WebhookExecution[] = [];

	/** Errors thrown by webhook(). */
	readonly errors: Error[] = [];

	/** Static data as "saved in the database". */
	staticData: IDataObject = {};

	baseUrl = '';

	private server?: http.Server;

	private readonly sockets = new Set<Socket>();

	private readonly registered = new Map<string, IWebhookData>();

	private readonly type: string;

	private readonly nodeName: string;

	private readonly webhookId: string;

	private waiters: Array<() => void> = [];

	constructor(private readonly options: WebhookHostOptions) {
		this.type = options.type ?? 'n8n-nodes-strava-api.stravaApiTrigger';
		this.nodeName = options.nodeName ?? 'Strava API Trigger';
		this.webhookId = options.webhookId ?? '6f1c0c34-5d0b-4f8e-9a51-7e2b1d0c9a11';
	}

	get nodeType(): INodeType {
		return nodeTypes.getByNameAndVersion(this.type, 1) as INodeType;
	}

	private build() {
		const additionalData = triggerAdditionalData(this.options.credentials, `${this.baseUrl}/webhook`);
		const { workflow, node } = triggerWorkflow({
			type: this.type,
			nodeName: this.nodeName,
			parameters: this.options.parameters,
			staticData: this.staticData,
			webhookId: this.webhookId,
		});
		return { additionalData, workflow, node };
	}

	private webhooks(): IWebhookData[] {
		const { additionalData, workflow, node } = this.build();
		return (this.nodeType.description.webhooks ?? []).map((description: IWebhookDescription) => ({
			httpMethod: description.httpMethod as IHttpRequestMethods,
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(workflow.id, node, description.path),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		}));
	}

	/** The production URL of the node's `default` webhook. */
	get callbackUrl(): string {
		return `${this.baseUrl}/webhook/${this.defaultHook().path}`;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			this.handle(req, expressLike(res)).catch((error: Error) => {
				this.errors.push(error);
				if (!res.headersSent) res.writeHead(500).end(JSON.stringify({ message: error.message }));
			});
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

	private defaultHook(): IWebhookData {
		return this.webhooks().find((entry) => entry.webhookDescription.name === 'default')!;
	}

	/** Activation as n8n does it: register webhooks, checkExists → create, then save static data. */
	async activate(): Promise<{ created: boolean }> {
		for (const hook of this.webhooks()) this.registered.set(`${hook.httpMethod} /webhook/${hook.path}`, hook);
		const methods = this.nodeType.webhookMethods!.default!;
		const { additionalData, workflow, node } = this.build();
		const context = () => new HookContext(workflow, node, additionalData, 'trigger', 'activate', this.defaultHook());
		try {
			const exists = await methods.checkExists.call(context());
			if (!exists) await methods.create.call(context());
			// Only a successful activation saves static data (n8n throws before saving otherwise).
			this.staticData = persistStaticData(workflow);
			return { created: !exists };
		} catch (error) {
			this.registered.clear();
			throw error;
		}
	}

	/** Deactivation: delete, save static data, unregister. */
	async deactivate(): Promise<void> {
		const { additionalData, workflow, node } = this.build();
		const context = new HookContext(workflow, node, additionalData, 'trigger', 'update', this.defaultHook());
		await this.nodeType.webhookMethods!.default!.delete.call(context);
		this.staticData = persistStaticData(workflow);
		this.registered.clear();
	}

	/** Resolves once at least `count` executions were started (or rejects after `timeoutMs`). */
	async waitForExecutions(count: number, timeoutMs = 10_000): Promise<WebhookExecution[]> {
		const deadline = Date.now() + timeoutMs;
		while (this.executions.length < count) {
			if (Date.now() > deadline) throw new Error(`expected ${count} executions, got ${this.executions.length}`);
			await new Promise<void>((resolve) => {
				this.waiters.push(resolve);
				setTimeout(resolve, 50);
			});
		}
		return this.executions;
	}

	private async handle(req: IncomingMessage, res: HostResponse) {
		const url = new URL(req.url ?? '/', 'http://host');
		const hook = this.registered.get(`${req.method} ${url.pathname}`);
		if (!hook) {
			res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'webhook not registered' }));
			return;
		}
		const started = performance.now();
		const request = req as HostRequest;
		request.body = req.method === 'POST' ? await readJson(req) : {};
		request.query = Object.fromEntries(url.searchParams);
		request.params = {};

		const { additionalData, workflow, node } = this.build();
		const webhookAdditionalData = { ...additionalData, httpRequest: request, httpResponse: res } as typeof additionalData;
		const context = new WebhookContext(workflow, node, webhookAdditionalData, 'webhook', { ...hook, workflowExecuteAdditionalData: webhookAdditionalData }, [], null);
		const result: IWebhookResponseData = await this.nodeType.webhook!.call(context);
		// n8n saves static data a webhook call changed.
		this.staticData = persistStaticData(workflow);

		if (result.noWebhookResponse !== true && !res.headersSent) {
			const message = result.workflowData ? 'Workflow was started' : 'Webhook call received';
			res.status(200).json(result.webhookResponse ?? { message });
		}
		if (result.workflowData) {
			this.executions.push({ items: result.workflowData[0] ?? [], ms: Math.round(performance.now() - started) });
			for (const wake of this.waiters.splice(0)) wake();
		}
	}
}
