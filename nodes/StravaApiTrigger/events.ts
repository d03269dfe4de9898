import type { IDataObject } from 'n8n-workflow';

/** A Strava push event as it arrives (Strava does not sign it). */
export interface StravaEvent extends IDataObject {
	object_type?: string;
	object_id?: number;
	aspect_type?: string;
	updates?: IDataObject;
	owner_id?: number;
	subscription_id?: number;
	event_time?: number;
}

export interface EventFilter {
	objectTypes: string[];
	aspectTypes: string[];
	includeDeauthorizations: boolean;
	/** Keep only events whose owner_id is this athlete (undefined: keep all). */
	ownerId?: number | string;
}

export function isDeauthorization(event: StravaEvent): boolean {
	return event.object_type === 'athlete' && String(event.updates?.authorized) === 'false';
}

/** Whether the event comes from the subscription this node created (events are not signed). */
export function isOurSubscription(event: StravaEvent, subscriptionId: unknown): boolean {
	if (subscriptionId === undefined || subscriptionId === null || subscriptionId === '') return false;
	if (event.subscription_id === undefined || event.subscription_id === null) return false;
	return String(event.subscription_id) === String(subscriptionId);
}

export function passesFilter(event: StravaEvent, filter: EventFilter): boolean {
	if (filter.ownerId !== undefined && String(event.owner_id) !== String(filter.ownerId)) return false;
	if (isDeauthorization(event)) return filter.includeDeauthorizations;
	return (
		filter.objectTypes.includes(String(event.object_type)) && filter.aspectTypes.includes(String(event.aspect_type))
	);
}

/** Create and update events of activities are the ones a full activity can be added to. */
export function wantsActivity(event: StravaEvent): boolean {
	return event.object_type === 'activity' && (event.aspect_type === 'create' || event.aspect_type === 'update');
}
