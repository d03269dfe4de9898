import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { FAIL_FAST_RATE_LIMIT, stravaApiRequest, stravaAppCredentials } from '../shared/transport';
import { triggerProperties, type TriggerOptions } from './description';
import { isOurSubscription, passesFilter, wantsActivity, type EventFilter, type StravaEvent } from './events';
import { hookCallbackUrl, isTestListening, isThisNodesUrl, productionCallbackUrl, servedCallbackUrl } from './callbackUrl';
import {
	clearTriggerState,
	createSubscription,
	deleteSubscription,
	listSubscriptions,
	productionHoldsSlotError,
	subscriptionTakenError,
	triggerState,
	type PushSubscription,
} from './subscription';
import { checkDelivery, storedEvents } from './repeatedEvents';
import { recordValidation, REFUSAL_TEXT, type RefusalReason } from './validationLog';
import { checkVerifyToken, issueVerifyToken } from './verifyToken';


/** The part of n8n's (express) response object this node uses. */
interface Reply {
	headersSent?: boolean;
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body?: string): unknown;
}

function reply(ctx: IWebhookFunctions, status: number, body: IDataObject) {
	const res = ctx.getResponseObject() as unknown as Reply;
	if (res.headersSent) return;
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/** Why a validation request is refused, or undefined when it is ours and may be answered. */
async function refusalOf(ctx: IWebhookFunctions, query: IDataObject, callbackUrl: string): Promise<{ reason: RefusalReason; detail?: string } | undefined> {
	if (query['hub.mode'] !== 'subscribe') return { reason: 'mode' };
	if (typeof query['hub.challenge'] !== 'string' || !query['hub.challenge']) return { reason: 'challenge' };
	let clientSecret: string;
	try {
		({ clientSecret } = await stravaAppCredentials(ctx));
	} catch (error) {
		return { reason: 'error', detail: (error as Error).message };
	}
	const verdict = checkVerifyToken(query['hub.verify_token'], {
		stored: triggerState(ctx).verifyToken,
		secret: clientSecret,
		callbackUrl,
		otherUrls: [productionCallbackUrl(ctx)],
	});
	if (verdict.ok) return undefined;
	if (verdict.reason === 'other-url') return { reason: 'other-url', detail: `it was signed for ${verdict.signedFor}, the request arrived on ${callbackUrl}` };
	return { reason: verdict.reason };
}

/**
 * Answers Strava's validation GET, echoing hub.challenge only for our verify token, checked against the
 * URL the request arrived on (the Test URL while the editor listens). It never starts an execution and
 * never throws: in test mode n8n ends listening at the first request that starts one (a thrown error
 * starts a failed one), and Strava's event would then have nowhere to go.
 */
async function answerValidation(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		const query = ctx.getQueryData() as IDataObject;
		const callbackUrl = servedCallbackUrl(ctx);
		const refusal = await refusalOf(ctx, query, callbackUrl);
		recordValidation(
			query['hub.verify_token'],
			refusal ? { answered: false, callbackUrl, ...refusal } : { answered: true, callbackUrl },
		);
		if (refusal) {
			ctx.logger.warn(`Strava API Trigger refused a validation request at ${callbackUrl}: ${REFUSAL_TEXT[refusal.reason]}`);
			reply(ctx, 403, { message: `Validation refused: ${REFUSAL_TEXT[refusal.reason]}` });
		} else {
			reply(ctx, 200, { 'hub.challenge': query['hub.challenge'] as string });
		}
	} catch (error) {
		ctx.logger.warn(`Strava API Trigger could not answer a validation request: ${(error as Error).message}`);
		reply(ctx, 500, { message: 'Validation request could not be answered' });
	}
	return { noWebhookResponse: true };
}

/** The connected athlete's id, learnt at activation (looked up now if the state predates the option). */
async function connectedAthleteId(ctx: IWebhookFunctions): Promise<number | undefined> {
	const state = triggerState(ctx);
	if (state.ownerId !== undefined) return state.ownerId;
	const athlete = await stravaApiRequest.call(ctx, {
		method: 'GET',
		path: '/athlete',
		rateLimit: FAIL_FAST_RATE_LIMIT,
		expect: 'object',
	});
	state.ownerId = Number((athlete.body as IDataObject).id);
	return state.ownerId;
}

/** Adds the full activity; a failure is reported on the item instead of dropping the event. */
async function withActivity(ctx: IWebhookFunctions, event: StravaEvent): Promise<IDataObject> {
	try {
		const response = await stravaApiRequest.call(ctx, {
			method: 'GET',
			path: `/activities/${encodeURIComponent(String(event.object_id))}`,
			rateLimit: FAIL_FAST_RATE_LIMIT,
			// An answer that is not an activity (HTML, an empty body) becomes activity_error on the item.
			expect: 'object',
		});
		return { ...event, activity: response.body as IDataObject };
	} catch (error) {
		const message = (error as Error).message;
		ctx.logger.warn(`Strava API Trigger could not fetch activity ${event.object_id}: ${message}`);
		return { ...event, activity: null, activity_error: message };
	}
}

async function receiveEvent(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const event = ctx.getBodyData() as StravaEvent;
	const state = triggerState(ctx);
	if (!isOurSubscription(event, state.subscriptionId)) {
		// Strava does not sign events: anything not carrying our subscription id is not from it.
		reply(ctx, 403, { message: 'Unknown subscription' });
		return { noWebhookResponse: true };
	}
	// Acknowledge first: Strava wants its 200 within 2 seconds, whatever happens next.
	reply(ctx, 200, { received: true });

	// Strava repeats an event whose 200 came late: a repeat starts nothing and costs no request.
	const scope = `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}`;
	const delivery = checkDelivery(scope, event, state.receivedEvents, Date.now());
	if (delivery.repeatOf !== undefined) {
		ctx.logger.debug(
			`Strava API Trigger ignored a repeated delivery of event ${delivery.key} (first received ${new Date(delivery.repeatOf).toISOString()})`,
		);
		return { noWebhookResponse: true };
	}
	// Saved with the workflow by n8n after this call, so a repeat is recognised after a restart too.
	state.receivedEvents = delivery.stored;

	const filter: EventFilter = {
		objectTypes: ctx.getNodeParameter('objectTypes', []) as string[],
		aspectTypes: ctx.getNodeParameter('aspectTypes', []) as string[],
		includeDeauthorizations: ctx.getNodeParameter('includeDeauthorizations', true) as boolean,
	};
	if (ctx.getNodeParameter('onlyConnectedAthlete', true) as boolean) {
		filter.ownerId = await connectedAthleteId(ctx);
	}
	if (!passesFilter(event, filter)) return { noWebhookResponse: true };

	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const json = options.includeActivity && wantsActivity(event) ? await withActivity(ctx, event) : { ...event };
	// Again now: events this process received meanwhile go into the copy n8n saves after this call.
	state.receivedEvents = storedEvents(scope, state.receivedEvents, Date.now());
	return { noWebhookResponse: true, workflowData: [[{ json }]] };
}

export class StravaApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Strava API Trigger',
		name: 'stravaApiTrigger',
		icon: { light: 'file:strava.svg', dark: 'file:strava.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves exactly like 1. n8n (2.x) evaluates an expression through its isolate to parse the
		// body of every webhook call to a version-1 node; from version 2 it parses JSON directly, which keeps
		// bursts of Strava events inside Strava's 2-second acknowledgement window (docs/scale.md).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"On " + ($parameter["objectTypes"] || []).join(" and ") + " " + ($parameter["aspectTypes"] || []).join(", ")}}',
		description:
			'Community trigger (not n8n\'s built-in Strava Trigger): starts the workflow when Strava pushes an event (activity created, updated or deleted, an athlete deauthorizing the app), checked against this app\'s subscription. Needs a public URL; testable from the editor.',
		defaults: { name: 'Strava API Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stravaV3OAuth2Api', required: true }],
		webhooks: [
			// Strava's validation GET and its event POSTs share one callback URL.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			/**
			 * True when the subscription this node created still exists and still points at this node's URL.
			 * While the editor listens for a test event, n8n starts from empty static data: always false.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = triggerState(this);
				if (state.subscriptionId === undefined) return false;
				const subscriptions = await listSubscriptions(this);
				const ours = subscriptions.find((entry) => String(entry.id) === String(state.subscriptionId));
				if (!ours) {
					this.logger.info(`Strava push subscription ${state.subscriptionId} no longer exists; creating a new one`);
					clearTriggerState(state);
					return false;
				}
				const callbackUrl = hookCallbackUrl(this);
				if (ours.callback_url !== callbackUrl) {
					// Still ours but pointing elsewhere (n8n's public URL changed): create() replaces it.
					this.logger.info(
						`Strava push subscription ${ours.id} sends events to ${ours.callback_url}, not to ${callbackUrl}; replacing it`,
					);
					return false;
				}
				return true;
			},

			/**
			 * Creates the application's push subscription for the URL Strava will call: the Production URL
			 * on activation, the Test URL while the editor listens for a test event.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				const state = triggerState(this);
				const callbackUrl = hookCallbackUrl(this);
				const testing = isTestListening(this);
				const options = this.getNodeParameter('options', {}) as TriggerOptions;
				const app = await stravaAppCredentials(this);

				const existing = await listSubscriptions(this);
				const isOurs = (entry: PushSubscription) =>
					entry.callback_url === callbackUrl || String(entry.id) === String(state.subscriptionId);
				if (testing) {
					// Test listening never takes the slot from this node's own production subscription.
					const production = existing.find((entry) => !isOurs(entry) && isThisNodesUrl(this, entry.callback_url));
					if (production) throw productionHoldsSlotError(this, production, app, callbackUrl);
				}
				const foreign = existing.find((entry) => !isOurs(entry));
				if (foreign && !options.replaceExisting) {
					throw subscriptionTakenError(this, foreign, app);
				}
				for (const entry of existing) {
					if (!isOurs(entry)) {
						this.logger.warn(
							`Replacing Strava push subscription ${entry.id} (was sending events to ${entry.callback_url}): "Replace Existing Subscription" is on, so that receiver gets no more events`,
						);
					}
					await deleteSubscription(this, entry.id);
				}
				clearTriggerState(state);

				let created = false;
				try {
					if (this.getNodeParameter('onlyConnectedAthlete', true) as boolean) {
						const athlete = await stravaApiRequest.call(this, { method: 'GET', path: '/athlete', expect: 'object' });
						state.ownerId = Number((athlete.body as IDataObject).id);
					}
					const verifyToken = issueVerifyToken(app.clientSecret, callbackUrl);
					state.verifyToken = verifyToken;
					const subscription = await createSubscription(this, callbackUrl, verifyToken);
					state.subscriptionId = subscription.id;
					state.callbackUrl = callbackUrl;
					created = true;
				} finally {
					// A failed create leaves nothing behind that a later delete() could act on.
					if (!created) clearTriggerState(state);
				}
				if (testing) this.logger.info(`Strava push subscription ${state.subscriptionId} created for the Test URL ${callbackUrl}`);
				return true;
			},

			/**
			 * Deletes exactly the subscription this node created (never another one). n8n calls it on
			 * deactivation, and when test listening ends (an event arrived, or listening was stopped or timed out).
			 */
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = triggerState(this);
				if (state.subscriptionId === undefined) {
					clearTriggerState(state);
					return true;
				}
				try {
					// A subscription that is already gone (404) counts as deleted.
					await deleteSubscription(this, state.subscriptionId);
				} catch (error) {
					// Keep the state, so that the next activation finds the subscription and reuses or replaces it.
					this.logger.warn(
						`Strava API Trigger could not delete push subscription ${state.subscriptionId}: ${(error as Error).message}`,
					);
					return false;
				}
				clearTriggerState(state);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getWebhookName() === 'setup') return await answerValidation(this);
		return await receiveEvent(this);
	}
}
