import { randomBytes } from 'crypto';

import { stravaError, type SandboxReply, type SandboxRequest } from '../http';
import type { StravaSandbox } from '../server';

type Data = Record<string, unknown>;

/** Strava's limit for the validation answer and for acknowledging events. */
export const CALLBACK_DEADLINE_MS = 2000;

export interface StoredSubscription {
	id: number;
	application_id: number;
	callback_url: string;
	created_at: string;
	updated_at: string;
	verify_token: string;
}

export interface CallbackResult {
	status: number;
	/** Time until the answer (headers and body) arrived, ms. */
	ms: number;
	body: unknown;
	/** The request did not get an answer within the deadline. */
	timedOut?: boolean;
}

interface WebhookState {
	nextId: number;
	subscriptions: Map<number, StoredSubscription>;
	/** Every validation GET the sandbox sent, with what came back. */
	validations: Array<CallbackResult & { url: string; challenge: string }>;
	/** Runs once at the start of the next `POST /push_subscriptions` (e.g. another receiver takes the slot first). */
	beforeNextCreate?: () => void;
	/** Sends this verify token in the next validation GET instead of the one given at create (a tampered request). */
	nextValidationToken?: string;
	/** Sends this `hub.mode` in the next validation GET instead of `subscribe` (a proxy rewriting the query). */
	nextValidationMode?: string;
}

const states = new WeakMap<StravaSandbox, WebhookState>();

export function webhookState(sandbox: StravaSandbox): WebhookState {
	let state = states.get(sandbox);
	if (!state) {
		state = { nextId: 120475, subscriptions: new Map(), validations: [] };
		states.set(sandbox, state);
	}
	return state;
}

/** Sends one request to a callback and measures how long the answer takes (gives up at `timeoutMs`). */
export async function callCallback(
	url: string,
	init: { method: 'GET' | 'POST'; body?: unknown },
	timeoutMs = 10_000,
): Promise<CallbackResult> {
	const started = performance.now();
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	try {
		const response = await fetch(url, {
			method: init.method,
			headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
			signal: controller.signal,
		});
		const text = await response.text();
		const ms = Math.round(performance.now() - started);
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, ms, body };
	} catch {
		return { status: 0, ms: Math.round(performance.now() - started), body: undefined, timedOut: true };
	} finally {
		clearTimeout(timer);
	}
}

/** Strava's validation GET: `hub.mode=subscribe` (or `mode`), a random `hub.challenge`, the given verify token. */
export async function sendValidation(url: string, verifyToken: string, challenge = randomBytes(8).toString('hex'), mode = 'subscribe') {
	const target = new URL(url);
	target.searchParams.set('hub.mode', mode);
	target.searchParams.set('hub.challenge', challenge);
	target.searchParams.set('hub.verify_token', verifyToken);
	const result = await callCallback(target.toString(), { method: 'GET' }, CALLBACK_DEADLINE_MS);
	return { ...result, challenge };
}

function appError(field: string): SandboxReply {
	return stravaError(401, 'Authorization Error', [{ resource: 'Application', field, code: 'invalid' }]);
}

function checkApp(sandbox: StravaSandbox, values: { client_id?: unknown; client_secret?: unknown }): SandboxReply | undefined {
	if (String(values.client_id ?? '') !== sandbox.state.clientId) return appError('client_id');
	if (String(values.client_secret ?? '') !== sandbox.state.clientSecret) return appError('client_secret');
	return undefined;
}

function publicView(subscription: StoredSubscription): Data {
	const { verify_token: _hidden, ...rest } = subscription;
	return { ...rest, resource_state: 2 };
}

function fromQuery(req: SandboxRequest) {
	return { client_id: req.query.get('client_id'), client_secret: req.query.get('client_secret') };
}

/** Strava's push subscription API: one subscription per application, validated by a GET to its callback. */
export function registerWebhooks(sandbox: StravaSandbox) {
	const state = webhookState(sandbox);

	sandbox.route({
		method: 'POST',
		pattern: '/push_subscriptions',
		handler: async (req) => {
			const body = req.body as Record<string, string>;
			const denied = checkApp(sandbox, body);
			if (denied) return denied;
			const callbackUrl = String(body.callback_url ?? '');
			if (!/^https?:\/\//.test(callbackUrl)) {
				return stravaError(400, 'Bad Request', [{ resource: 'PushSubscription', field: 'callback url', code: 'invalid' }]);
			}
			const hook = state.beforeNextCreate;
			state.beforeNextCreate = undefined;
			hook?.();
			if (state.subscriptions.size > 0) {
				return stravaError(400, 'Bad Request', [{ resource: 'PushSubscription', field: '', code: 'already exists' }]);
			}
			const sentToken = state.nextValidationToken ?? String(body.verify_token ?? '');
			state.nextValidationToken = undefined;
			const mode = state.nextValidationMode ?? 'subscribe';
			state.nextValidationMode = undefined;
			const validation = await sendValidation(callbackUrl, sentToken, undefined, mode);
			state.validations.push({ ...validation, url: callbackUrl });
			// Strava's two answers: no 200 at all (unreachable, refused, too slow), or a 200 without the challenge.
			if (validation.timedOut || validation.status !== 200) {
				return stravaError(400, 'Bad Request', [
					{ resource: 'PushSubscription', field: 'callback url', code: 'GET to callback URL does not return 200' },
				]);
			}
			const echoed = (validation.body as Data | undefined)?.['hub.challenge'];
			if (echoed !== validation.challenge) {
				return stravaError(400, 'Bad Request', [{ resource: 'PushSubscription', field: 'callback url', code: 'not verifiable' }]);
			}
			const now = new Date(sandbox.state.clock.now()).toISOString();
			const subscription: StoredSubscription = {
				id: state.nextId++,
				application_id: Number(sandbox.state.clientId),
				callback_url: callbackUrl,
				created_at: now,
				updated_at: now,
				verify_token: String(body.verify_token ?? ''),
			};
			state.subscriptions.set(subscription.id, subscription);
			return { status: 201, body: { id: subscription.id } };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/push_subscriptions',
		handler: (req) => checkApp(sandbox, fromQuery(req)) ?? { body: [...state.subscriptions.values()].map(publicView) },
	});

	sandbox.route({
		method: 'DELETE',
		pattern: '/push_subscriptions/:id',
		handler: (req) => {
			const denied = checkApp(sandbox, fromQuery(req));
			if (denied) return denied;
			if (!state.subscriptions.delete(Number(req.params.id))) {
				return stravaError(404, 'Record Not Found', [{ resource: 'PushSubscription', field: 'id', code: 'invalid' }]);
			}
			return { status: 204 };
		},
	});
}

/** The application's current subscription (tests assume at most one). */
export function currentSubscription(sandbox: StravaSandbox): StoredSubscription | undefined {
	return [...webhookState(sandbox).subscriptions.values()][0];
}

/** Adds a subscription held by "someone else" (another receiver of the same application). */
export function addForeignSubscription(sandbox: StravaSandbox, callbackUrl: string): StoredSubscription {
	const state = webhookState(sandbox);
	const now = new Date(sandbox.state.clock.now()).toISOString();
	const subscription: StoredSubscription = {
		id: state.nextId++,
		application_id: Number(sandbox.state.clientId),
		callback_url: callbackUrl,
		created_at: now,
		updated_at: now,
		verify_token: 'someone-elses-token',
	};
	state.subscriptions.set(subscription.id, subscription);
	return subscription;
}

export interface PushEvent {
	object_type: 'activity' | 'athlete';
	object_id: number;
	aspect_type: 'create' | 'update' | 'delete';
	updates?: Record<string, string>;
	owner_id: number;
	subscription_id: number;
	event_time: number;
}

/**
 * POSTs an event the way Strava does, to the current subscription's callback (or `url`), and measures
 * the time to the acknowledgement. `subscription_id` defaults to the current subscription's.
 */
export async function pushEvent(
	sandbox: StravaSandbox,
	event: Partial<PushEvent> & Pick<PushEvent, 'object_type' | 'aspect_type'>,
	url?: string,
): Promise<CallbackResult & { event: PushEvent }> {
	const subscription = currentSubscription(sandbox);
	const target = url ?? subscription?.callback_url;
	if (!target) throw new Error('pushEvent: no subscription and no url');
	const full: PushEvent = {
		object_id: event.object_type === 'athlete' ? (sandbox.state.athlete.id as number) : 1,
		owner_id: sandbox.state.athlete.id as number,
		subscription_id: subscription?.id ?? 0,
		event_time: sandbox.state.clock.nowSeconds(),
		updates: {},
		...event,
	};
	return { ...(await callCallback(target, { method: 'POST', body: full })), event: full };
}
