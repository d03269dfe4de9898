import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { stravaAppRequest, type StravaApp } from '../StravaApi/transport';

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

/** Deletes one subscription by id. Returns false when Strava no longer knows it (404). */
export async function deleteSubscription(ctx: IHookFunctions, id: number | string): Promise<boolean> {
	let failure: unknown;
	try {
		await stravaAppRequest.call(ctx, { method: 'DELETE', path: `/push_subscriptions/${encodeURIComponent(String(id))}` });
		return true;
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeApiError && failure.httpCode === '404') {
		ctx.logger.info(`Strava push subscription ${id} was already gone`);
		return false;
	}
	// Already a NodeApiError from the transport's error mapper.
	throw failure;
}

/**
 * Creates the push subscription. Strava validates `callbackUrl` before it answers (a GET that this
 * node's "setup" webhook must answer within 2 s), so a failure here usually means Strava cannot reach n8n.
 */
export async function createSubscription(
	ctx: IHookFunctions,
	callbackUrl: string,
	verifyToken: string,
): Promise<PushSubscription> {
	let failure: unknown;
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
		throw new NodeOperationError(ctx.getNode(), 'Strava did not return the id of the new push subscription');
	}
	if (failure instanceof NodeApiError && (failure.httpCode === '400' || failure.httpCode === '422')) {
		failure.description = `${failure.description ? failure.description + '. ' : ''}Strava must reach ${callbackUrl} from the internet and get an answer within 2 seconds. Make sure n8n's public address (the WEBHOOK_URL environment variable) is an https URL Strava can reach, and that no other subscription exists for this application.`;
	}
	// Already a NodeApiError from the transport's error mapper.
	throw failure;
}

/** The error shown when another subscription holds the application's single slot. */
export function subscriptionTakenError(
	ctx: IHookFunctions,
	existing: PushSubscription,
	app: StravaApp,
): NodeOperationError {
	const { clientId } = app;
	const deleteUrl = `${app.baseUrl}/push_subscriptions/${existing.id}?client_id=${clientId}&client_secret=<your client secret>`;
	return new NodeOperationError(
		ctx.getNode(),
		`Strava application ${clientId} already has a push subscription (ID ${existing.id}) sending events to ${existing.callback_url}`,
		{
			description:
				`Strava allows one push subscription per application. To free it: deactivate the workflow that owns ${existing.callback_url} if it is another n8n workflow, ` +
				`or delete it yourself (curl -X DELETE "${deleteUrl}"), ` +
				'or turn on "Options → Replace Existing Subscription" in this node to delete it when this workflow activates (its receiver then stops getting events). ' +
				'A second Strava API application (with its own credential) avoids the conflict altogether.',
		},
	);
}
