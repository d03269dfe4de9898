import { randomBytes } from 'crypto';
import http, { type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import { parseBody, readBody, send, stravaError, type SandboxReply, type SandboxRequest } from './http';
import { SandboxState } from './state';

export type Handler = (req: SandboxRequest, sandbox: StravaSandbox) => SandboxReply | Promise<SandboxReply>;

export interface Route {
	method: string;
	/** Path under /api/v3 with `:param` placeholders, e.g. `/activities/:id`. */
	pattern: string;
	/** Scopes of which the token needs at least one (Strava answers 401 naming the first). */
	scopes?: string[];
	/** Strava's error `field` when a scope is missing, e.g. `activity:read_permission`. */
	scopeField?: string;
	/** Requests that do not count against the read limit (uploads). */
	notRead?: boolean;
	handler: Handler;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	contentType?: string;
	body: Record<string, unknown>;
	raw: Buffer;
	status: number;
	/** Sandbox clock when it arrived. */
	at: number;
}

export type Fault = { method?: string; path?: RegExp; times: number } & (
	| { status: number; body?: unknown }
	| { reset: true }
	| { delayMs: number }
);

function compile(pattern: string): { regex: RegExp; names: string[] } {
	const names: string[] = [];
	const source = pattern.replace(/:([a-zA-Z_]+)/g, (_match, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	return { regex: new RegExp(`^${source}$`), names };
}

/**
 * A local Strava: OAuth (authorize, token exchange, refresh with rotation), the API under /api/v3 with
 * scope checks, per-application rate limits with Strava's headers and 429s, a controllable clock, fault
 * injection and a request log. Routes live in ./routes and are registered by `registerAll`.
 */
export class StravaSandbox {
	readonly state = new SandboxState();

	readonly log: LoggedRequest[] = [];

	private server?: http.Server;

	private readonly sockets = new Set<Socket>();

	private readonly routes: Array<Route & { compiled: ReturnType<typeof compile> }> = [];

	private readonly rawRoutes: Array<{ method: string; path: string; handler: Handler }> = [];

	faults: Fault[] = [];

	/** Added to every response, to mimic a distant server. */
	latencyMs = 0;

	url = '';

	route(route: Route): this {
		this.routes.push({ ...route, compiled: compile(route.pattern) });
		return this;
	}

	/** A route outside /api/v3 (OAuth, webhook helpers), matched exactly. */
	rawRoute(method: string, path: string, handler: Handler): this {
		this.rawRoutes.push({ method, path, handler });
		return this;
	}

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) send(res, stravaError(500, `sandbox error: ${error.message}`), {});
			});
		});
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.url = `http://127.0.0.1:${port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** API calls in the log (without OAuth), optionally filtered by path prefix. */
	apiCalls(prefix = ''): LoggedRequest[] {
		return this.log.filter((entry) => entry.path.startsWith(`/api/v3${prefix}`));
	}

	clearLog() {
		this.log.length = 0;
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) => fault.times > 0 && (!fault.method || fault.method === method) && (!fault.path || fault.path.test(path)),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		fault.times--;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const raw = await readBody(req);
		const { body, parts } = parseBody(req, raw);
		const request: SandboxRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			raw,
			body,
			parts,
			params: {},
		};
		const entry: LoggedRequest = {
			method: request.method,
			path: request.path,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			contentType: req.headers['content-type'],
			body,
			raw,
			status: 0,
			at: this.state.clock.now(),
		};
		this.log.push(entry);
		if (this.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

		const fault = this.takeFault(request.method, request.path);
		if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault && 'reset' in fault) {
			entry.status = -1;
			req.socket.destroy();
			return;
		}
		const reply = fault && 'status' in fault ? { status: fault.status, body: fault.body ?? { message: 'Server Error', errors: [] } } : await this.dispatch(request);
		entry.status = reply.status ?? 200;
		const headers: Record<string, string> = { Date: new Date(this.state.clock.now()).toUTCString() };
		if (request.path.startsWith('/api/v3') && reply.headers?.['X-RateLimit-Limit'] === undefined) {
			Object.assign(headers, this.state.rateLimitHeaders());
		}
		send(res, reply, headers);
	}

	private async dispatch(request: SandboxRequest): Promise<SandboxReply> {
		const raw = this.rawRoutes.find((route) => route.method === request.method && route.path === request.path);
		if (raw) return await raw.handler(request, this);
		if (!request.path.startsWith('/api/v3/')) return { status: 404, body: { message: 'Not Found', errors: [] } };
		const apiPath = request.path.slice('/api/v3'.length);
		for (const route of this.routes) {
			if (route.method !== request.method) continue;
			const match = route.compiled.regex.exec(apiPath);
			if (!match) continue;
			route.compiled.names.forEach((name, index) => (request.params[name] = decodeURIComponent(match[index + 1])));
			if (!route.pattern.startsWith('/push_subscriptions')) {
				const auth = this.state.authenticate(String(request.headers.authorization ?? ''));
				if ('reply' in auth) return auth.reply;
				request.auth = auth;
				const limited = this.state.countRequest(!route.notRead);
				if (limited) return limited;
				if (route.scopes && !route.scopes.some((scope) => auth.scopes.includes(scope))) {
					return stravaError(401, 'Authorization Error', [
						{ resource: 'AccessToken', field: route.scopeField ?? `${route.scopes[0]}_permission`, code: 'missing' },
					]);
				}
			}
			return await route.handler(request, this);
		}
		return stravaError(404, 'Resource Not Found', [{ resource: 'resource', field: 'path', code: 'invalid' }]);
	}

	/** A fresh token for tests, as n8n stores it after the OAuth dance. */
	issueToken(options: { scopes?: string[]; expiresInSeconds?: number; athleteId?: number } = {}) {
		return this.state.issueToken(
			options.athleteId ?? this.state.athlete.id as number,
			options.scopes ?? ['read', 'activity:read_all', 'profile:read_all'],
			options.expiresInSeconds,
		);
	}

	static randomSecret(): string {
		return randomBytes(16).toString('hex');
	}
}
