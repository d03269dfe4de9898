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
	/** Requests that do not count against the read limit (POST /uploads, POST /activities). */
	notRead?: boolean;
	handler: Handler;
}

export interface LoggedRequest {
	method: string;
	path: string;
	/** The API path without the `/api/v3` prefix (the new host has none), or undefined for OAuth and helpers. */
	apiPath?: string;
	/** Which listener it came in on: `legacy` (`{url}/api/v3`) or `new` (`{newApiUrl}`, Strava's new host layout). */
	host: 'legacy' | 'new';
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	contentType?: string;
	body: Record<string, unknown>;
	raw: Buffer;
	status: number;
	/** Sandbox clock when it arrived. */
	at: number;
}

export type Fault = {
	method?: string;
	path?: RegExp;
	times: number;
	/** Only requests with these query values (e.g. `{ page: '2' }`). */
	query?: Record<string, string>;
	/** Only requests this says yes to (e.g. those signed with one athlete's tokens). */
	match?: (entry: LoggedRequest) => boolean;
} & (
	/** `raw` sends these bytes instead of JSON (HTML, truncated JSON, an empty body); `headers` adds e.g. a Location. */
	| { status: number; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> }
	| { reset: true }
	| { delayMs: number }
	/**
	 * Answers `status` with the request echoed back (as a careless proxy or server error page does): its URL
	 * with the query, its Authorization header and its raw body, as Strava's JSON error (`json`) or plain text.
	 */
	| { status: number; echo: 'json' | 'text'; headers?: Record<string, string> }
	/** Sends the status line, headers and `truncate` (the start of a body) with a larger Content-Length, then drops the connection. */
	| { truncate: string; status?: number; headers?: Record<string, string> }
);

function echoReply(fault: { status: number; echo: 'json' | 'text'; headers?: Record<string, string> }, req: IncomingMessage, raw: Buffer): SandboxReply {
	const seen = `${req.method} ${req.url} Authorization: ${req.headers.authorization ?? '-'} body: ${raw.toString('utf8')}`;
	if (fault.echo === 'text') return { status: fault.status, raw: `Request failed: ${seen}`, headers: { 'Content-Type': 'text/plain', ...(fault.headers ?? {}) } };
	return {
		status: fault.status,
		headers: fault.headers,
		body: {
			message: `Request failed: ${seen}`,
			errors: [{ resource: 'Request', field: String(req.headers.authorization ?? req.url), code: raw.toString('utf8') || String(req.url) }],
			request: { url: req.url, headers: req.headers, credentials: String(req.headers.authorization ?? '').replace(/^\w+\s+/, ''), body: raw.toString('utf8') },
		},
	};
}

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

	private newHostServer?: http.Server;

	private readonly sockets = new Set<Socket>();

	private readonly routes: Array<Route & { compiled: ReturnType<typeof compile> }> = [];

	private readonly rawRoutes: Array<{ method: string; path: string; handler: Handler }> = [];

	faults: Fault[] = [];

	/** Runs as each request arrives (after it is logged), e.g. to move a faked clock while a poll pages. */
	onRequest?: (entry: LoggedRequest) => void;

	/** Added to every response, to mimic a distant server. */
	latencyMs = 0;

	url = '';

	/** The same API in the layout of Strava's new API host (no `/api/v3` prefix), on its own port. */
	newApiUrl = '';

	route(route: Route): this {
		this.routes.push({ ...route, compiled: compile(route.pattern) });
		return this;
	}

	/** A route outside /api/v3 (OAuth, webhook helpers), matched exactly. */
	rawRoute(method: string, path: string, handler: Handler): this {
		this.rawRoutes.push({ method, path, handler });
		return this;
	}

	private listen(host: 'legacy' | 'new'): Promise<http.Server> {
		const server = http.createServer((req, res) => {
			this.handle(req, res, host).catch((error: Error) => {
				if (!res.headersSent) send(res, stravaError(500, `sandbox error: ${error.message}`), {});
			});
		});
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
	}

	async start(): Promise<string> {
		this.server = await this.listen('legacy');
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		this.newHostServer = await this.listen('new');
		this.newApiUrl = `http://127.0.0.1:${(this.newHostServer.address() as AddressInfo).port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		for (const server of [this.server, this.newHostServer]) {
			await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
		}
	}

	/** API calls in the log (without OAuth), on either host, optionally filtered by API path prefix. */
	apiCalls(prefix = ''): LoggedRequest[] {
		return this.log.filter((entry) => entry.apiPath !== undefined && entry.apiPath.startsWith(prefix));
	}

	clearLog() {
		this.log.length = 0;
	}

	private takeFault(entry: LoggedRequest, query?: URLSearchParams): Fault | undefined {
		const { method, path } = entry;
		const index = this.faults.findIndex(
			(fault) =>
				fault.times > 0 &&
				(!fault.method || fault.method === method) &&
				(!fault.path || fault.path.test(path)) &&
				(!fault.query || Object.entries(fault.query).every(([key, value]) => query?.get(key) === value)) &&
				(!fault.match || fault.match(entry)),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		fault.times--;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** The API path of a request on a host, or undefined when it is not an API call there. */
	private static apiPathOf(pathname: string, host: 'legacy' | 'new'): string | undefined {
		if (host === 'new') return pathname.startsWith('/api/') || pathname.startsWith('/oauth/') ? undefined : pathname;
		return pathname.startsWith('/api/v3/') ? pathname.slice('/api/v3'.length) : undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse, host: 'legacy' | 'new') {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const apiPath = StravaSandbox.apiPathOf(url.pathname, host);
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
			apiPath,
			host,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			contentType: req.headers['content-type'],
			body,
			raw,
			status: 0,
			at: this.state.clock.now(),
		};
		this.log.push(entry);
		this.onRequest?.(entry);
		if (this.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

		const fault = this.takeFault(entry, url.searchParams);
		if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault && 'reset' in fault) {
			entry.status = -1;
			req.socket.destroy();
			return;
		}
		if (fault && 'truncate' in fault) {
			entry.status = -2;
			const partial = Buffer.from(fault.truncate);
			res.writeHead(fault.status ?? 200, {
				'Content-Type': 'application/json; charset=utf-8',
				...(fault.headers ?? {}),
				'Content-Length': String(partial.length + 64),
			});
			res.write(partial, () => setTimeout(() => req.socket.destroy(), 20));
			return;
		}
		const reply: SandboxReply =
			fault && 'echo' in fault
				? echoReply(fault, req, raw)
				: fault && 'status' in fault
				? fault.raw !== undefined
					? { status: fault.status, raw: fault.raw, headers: fault.headers }
					: { status: fault.status, body: fault.body ?? { message: 'Server Error', errors: [] }, headers: fault.headers }
				: await this.dispatch(request, host, apiPath);
		entry.status = reply.status ?? 200;
		const headers: Record<string, string> = { Date: new Date(this.state.clock.now()).toUTCString() };
		if (apiPath !== undefined && reply.headers?.['X-RateLimit-Limit'] === undefined) {
			Object.assign(headers, this.state.rateLimitHeaders());
		}
		send(res, reply, headers);
	}

	private async dispatch(request: SandboxRequest, host: 'legacy' | 'new', apiPath: string | undefined): Promise<SandboxReply> {
		const raw =
			host === 'legacy' && this.rawRoutes.find((route) => route.method === request.method && route.path === request.path);
		if (raw) return await raw.handler(request, this);
		if (apiPath === undefined) return { status: 404, body: { message: 'Not Found', errors: [] } };
		if (this.state.appInactive) {
			return stravaError(403, 'Forbidden', [{ resource: 'Application', field: 'Status', code: 'Inactive' }]);
		}
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
			const changed = this.platformAnswer(request.method, apiPath);
			if (changed) return changed;
			return await route.handler(request, this);
		}
		return stravaError(404, 'Resource Not Found', [{ resource: 'resource', field: 'path', code: 'invalid' }]);
	}

	/** What Strava answers since 2026-09-01 for the endpoints it retired or restricted (DESIGN.md §2). */
	private platformAnswer(method: string, apiPath: string): SandboxReply | undefined {
		if (this.state.platform !== '2026-09' || method !== 'GET') return undefined;
		if (/^\/clubs\/[^/]+\/(members|admins)$/.test(apiPath)) {
			return stravaError(401, 'Authorization Error', [{ resource: 'Application', field: 'internal', code: 'invalid' }]);
		}
		if (/^\/clubs\/[^/]+\/activities$/.test(apiPath)) {
			return stravaError(404, 'Resource Not Found', [{ resource: 'resource', field: 'path', code: 'invalid' }]);
		}
		if (apiPath === '/segments/explore') {
			return stravaError(403, 'Forbidden', [{ resource: 'Application', field: 'access', code: 'restricted' }]);
		}
		return undefined;
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
