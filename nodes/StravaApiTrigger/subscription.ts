import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { stravaAppCredentials, stravaAppRequest, type StravaApp } from '../shared/transport';
import { isThisNodesUrl, unreachableHint } from './callbackUrl';
import { REFUSAL_TEXT, takeValidation, type RefusalReason } from './validationLog';

/** One entry of `GET /push_subscriptions`. */
export interface PushSubscription {
	id: number;
	application_id?: number;
	callback_url: string;
	created_at?: string;
	updated_at?: string;
}

/** What this node keeps in the workflow's static data ("node" scope). */
export interface TriggerState extends IDataObject {
	subscriptionId?: number;
	verifyToken?: string;
	callbackUrl?: string;
	ownerId?: number;
	/** Events received lately, to recognise Strava's repeated deliveries (see repeatedEvents.ts). */
	receivedEvents?: Record<string, number>;
}

export function triggerState(ctx: { getWorkflowStaticData(type: string): IDataObject }): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

export function clearTriggerState(state: TriggerState) {
	delete state.subscriptionId;
	delete state.verifyToken;
	delete state.callbackUrl;
	delete state.ownerId;
}

export async function listSubscriptions(ctx: IHookFunctions): Promise<PushSubscription[]> {
	const response = await stravaAppRequest.call(ctx, { method: 'GET', path: '/push_subscriptions' });
	return Array.isArray(response.body) ? (response.body as PushSubscription[]) : [];
}

/** Deletes one subscription by id; one Strava no longer knows (404) counts as deleted. */
export async function deleteSubscription(ctx: IHookFunctions, id: number | string): Promise<void> {
	let failure: unknown;
	try {
		await stravaAppRequest.call(ctx, { method: 'DELETE', path: `/push_subscriptions/${encodeURIComponent(String(id))}` });
		return;
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeApiError && failure.httpCode === '404') {
		ctx.logger.info(`Strava push subscription ${id} was already gone`);
		return;
	}
	// Already a NodeApiError from the transport's error mapper.
	throw failure;
}

/** Strava's `errors[].code` values this node tells apart (Strava's own wording, lower case). */
type CreateRefusal = 'already exists' | 'not verifiable' | 'no 200' | 'callback url';

function failureText(error: NodeApiError): string {
	let response = '';
	try {
		response = JSON.stringify(error.errorResponse ?? {});
	} catch {
		// circular: the message and description still say enough
	}
	return `${error.message} ${error.description ?? ''} ${response}`.toLowerCase();
}

function createRefusal(error: NodeApiError): CreateRefusal | undefined {
	if (error.httpCode !== '400' && error.httpCode !== '422') return undefined;
	const text = failureText(error);
	if (text.includes('already exists')) return 'already exists';
	if (text.includes('not verifiable')) return 'not verifiable';
	if (text.includes('does not return 200')) return 'no 200';
	if (/callback[ _]?url/.test(text)) return 'callback url';
	return undefined;
}

/** A new NodeApiError with this node's message, keeping Strava's answer (already free of the client secret). */
function rephrased(ctx: IHookFunctions, error: NodeApiError, message: string, description: string): NodeApiError {
	const strava = (error.errorResponse as IDataObject | undefined)?.strava;
	const errorResponse = { message: error.message, httpCode: error.httpCode ?? '', ...(strava ? { strava } : {}) };
	return new NodeApiError(ctx.getNode(), errorResponse as JsonObject, {
		message,
		description,
		httpCode: error.httpCode ?? undefined,
	});
}

function stravaSaid(error: NodeApiError): string {
	return `Strava answered: ${error.message}${error.description ? ` (${error.description})` : ''}.`;
}

const REFUSAL_FIXES: Record<RefusalReason, string> = {
	'other-url':
		'The request arrived on another of this node\'s URLs than the one the subscription was requested for (Test URL and Production URL are different addresses). A reverse proxy that rewrites /webhook-test/ to /webhook/ (or the other way round) causes this: make it pass the path on unchanged.',
	mode: 'Something between Strava and n8n changed the request\'s query string: make sure proxies pass it on unchanged.',
	challenge: 'Something between Strava and n8n changed the request\'s query string: make sure proxies pass it on unchanged.',
	missing: 'Something between Strava and n8n removed the request\'s query string: make sure proxies pass it on unchanged.',
	expired: 'The verify token had expired: try again, and check that the n8n server\'s clock is right.',
	unknown:
		'The request carried a verify token this node did not issue. Make sure the address reaches this n8n instance (not another n8n, or another copy of this workflow, at the same address).',
	error: 'Check the Strava credential of this node (Client ID and Client Secret).',
};

/**
 * Turns Strava's refusal of `POST /push_subscriptions` into its cause. Strava validates the callback
 * (a GET that this node's "setup" webhook answers) before it answers the create call, and answers 400
 * whatever went wrong; what this n8n instance saw of the validation request tells the causes apart.
 */
async function explainCreateFailure(
	ctx: IHookFunctions,
	error: NodeApiError,
	callbackUrl: string,
	verifyToken: string,
	sinceMs: number,
): Promise<Error> {
	const refusal = createRefusal(error);
	const seen = takeValidation(verifyToken, callbackUrl, sinceMs);
	if (!refusal) return error;
	const said = stravaSaid(error);

	if (refusal === 'already exists') {
		// Another receiver took the application's one slot between our check and our create.
		const app = await stravaAppCredentials(ctx);
		const holder = (await listSubscriptions(ctx)).find((entry) => entry.callback_url !== callbackUrl);
		if (holder) return subscriptionTakenError(ctx, holder, app);
		return rephrased(
			ctx,
			error,
			`Strava application ${app.clientId} already has a push subscription`,
			`${said} Strava allows one push subscription per application. List it with curl "${app.baseUrl}/push_subscriptions?client_id=${app.clientId}&client_secret=<your client secret>" and delete it (curl -X DELETE "${app.baseUrl}/push_subscriptions/<ID>?client_id=${app.clientId}&client_secret=<your client secret>"), or turn on "Options → Replace Existing Subscription".`,
		);
	}

	if (seen && !seen.answered) {
		return rephrased(
			ctx,
			error,
			`Strava could not verify ${callbackUrl}: this node refused Strava's validation request (${REFUSAL_TEXT[seen.reason]})`,
			`${said} Strava's validation GET reached n8n at ${seen.callbackUrl}, but the node did not echo hub.challenge because ${REFUSAL_TEXT[seen.reason]}${seen.detail ? ` (${seen.detail})` : ''}. ${REFUSAL_FIXES[seen.reason]}`,
		);
	}
	if (seen && seen.answered) {
		return rephrased(
			ctx,
			error,
			`Strava did not accept the node's answer to its validation request at ${callbackUrl}`,
			`${said} n8n received Strava's validation GET and echoed hub.challenge, but Strava still refused. Strava needs the answer unchanged and within 2 seconds: check that no proxy between Strava and n8n delays the request or rewrites the response body.`,
		);
	}
	if (refusal === 'not verifiable') {
		return rephrased(
			ctx,
			error,
			`Strava could not verify ${callbackUrl}: the answer at that address did not echo hub.challenge`,
			`${said} Strava reached the address and got an answer, but not from this node: this n8n did not receive Strava's validation request. Something else answers at ${hostOf(callbackUrl)} (a proxy, a login or maintenance page, another server): make it forward the request to n8n unchanged.`,
		);
	}
	const hint = unreachableHint(callbackUrl);
	return rephrased(
		ctx,
		error,
		`Strava could not reach n8n at ${callbackUrl}`,
		`${said} When a subscription is created, Strava sends a GET to the callback URL and needs a 200 answer within 2 seconds; this n8n did not receive it. ${hint ? hint + ' ' : ''}n8n's webhook URLs must be public https addresses that Strava can reach from the internet: set n8n's WEBHOOK_URL environment variable to n8n's public address (for example https://n8n.example.com/) and restart n8n, and make sure a tunnel or reverse proxy in front of n8n forwards both /webhook/ and /webhook-test/ to it.`,
	);
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/**
 * Creates the push subscription. Strava validates `callbackUrl` before it answers (a GET that this
 * node's "setup" webhook must answer within 2 s); a refusal is explained by `explainCreateFailure`.
 */
export async function createSubscription(
	ctx: IHookFunctions,
	callbackUrl: string,
	verifyToken: string,
): Promise<PushSubscription> {
	let failure: unknown;
	const startedMs = Date.now();
	try {
		const response = await stravaAppRequest.call(ctx, {
			method: 'POST',
			path: '/push_subscriptions',
			form: { callback_url: callbackUrl, verify_token: verifyToken },
		});
		const body = response.body as PushSubscription;
		if (body && body.id !== undefined) return body;
	} catch (error) {
		failure = error;
	}
	if (failure === undefined) {
		throw new NodeOperationError(ctx.getNode(), 'Strava did not return the id of the new push subscription', {
			description: 'Strava accepted the request but its answer had no subscription ID. Try again; if it persists, check the credential\'s API host setting.',
		});
	}
	if (failure instanceof NodeApiError) throw await explainCreateFailure(ctx, failure, callbackUrl, verifyToken, startedMs);
	throw failure;
}

function deleteCommand(app: StravaApp, id: number | string): string {
	return `curl -X DELETE "${app.baseUrl}/push_subscriptions/${id}?client_id=${app.clientId}&client_secret=<your client secret>"`;
}

/** The error shown when another subscription holds the application's single slot. */
export function subscriptionTakenError(
	ctx: IHookFunctions,
	existing: PushSubscription,
	app: StravaApp,
): NodeOperationError {
	const { clientId } = app;
	const sameNode = isThisNodesUrl(ctx, existing.callback_url);
	const owner = sameNode
		? `That URL belongs to this same trigger node: either its Test URL while the editor listens for a test event (stop listening, or wait until listening times out, then try again), or an earlier public address of n8n. If neither is still in use, the subscription is left over. `
		: `Deactivate the workflow that owns ${existing.callback_url} if it is another n8n workflow, `;
	return new NodeOperationError(
		ctx.getNode(),
		`Strava application ${clientId} already has a push subscription (ID ${existing.id}) sending events to ${existing.callback_url}`,
		{
			description:
				'Strava allows one push subscription per application. To free it: ' +
				owner +
				`${sameNode ? 'Delete it' : 'or delete it'} yourself (${deleteCommand(app, existing.id)}), ` +
				'or turn on "Options → Replace Existing Subscription" in this node to delete it when this workflow activates (its receiver then stops getting events). ' +
				'A second Strava API application (with its own credential) avoids the conflict altogether.',
		},
	);
}

/**
 * The error shown when the editor listens for a test event while this node's published workflow holds
 * the application's single slot: test listening would have to delete the production subscription.
 */
export function productionHoldsSlotError(
	ctx: IHookFunctions,
	existing: PushSubscription,
	app: StravaApp,
	testUrl: string,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`Cannot listen for a test event: this trigger's Production URL holds Strava application ${app.clientId}'s only push subscription (ID ${existing.id}, ${existing.callback_url})`,
		{
			description:
				`Strava allows one push subscription per application, and a test event needs one for the Test URL (${testUrl}). ` +
				'If this workflow is published (active), its events arrive in the Executions list: unpublish (deactivate) it to test in the editor, and publish it again afterwards. ' +
				`If it is not published, the subscription is left over from an earlier activation: delete it (${deleteCommand(app, existing.id)}), then listen again. ` +
				'Listening for a test event never deletes this node\'s production subscription, even with "Replace Existing Subscription" on.',
		},
	);
}
