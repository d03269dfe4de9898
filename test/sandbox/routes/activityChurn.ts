import { notFound } from '../http';
import type { StravaSandbox } from '../server';
import { makeActivity } from '../seed';

type Data = Record<string, unknown>;

/**
 * Helpers that change the athlete's activities behind the node's back, as a watch sync, a deletion or an
 * edit on strava.com would: an activity can arrive with a `start_date` days in the past.
 */
export function addActivity(sandbox: StravaSandbox, id: number, startDate: Date | string, overrides: Data = {}): Data {
	const activity = makeActivity(id, startDate, overrides);
	sandbox.state.collection('activities').set(String(id), activity);
	return activity;
}

export function deleteActivity(sandbox: StravaSandbox, id: number): boolean {
	return sandbox.state.collection('activities').delete(String(id));
}

export function editActivity(sandbox: StravaSandbox, id: number, changes: Data): Data | undefined {
	const activities = sandbox.state.collection('activities');
	const activity = activities.get(String(id));
	if (!activity) return undefined;
	const edited = { ...activity, ...changes };
	activities.set(String(id), edited);
	return edited;
}

export function clearActivities(sandbox: StravaSandbox) {
	sandbox.state.collection('activities').clear();
}

/**
 * Makes sure `GET /activities/:id` answers (the activity resource's routes normally provide it; this adds
 * a minimal one only when no such route is registered).
 */
export function ensureActivityRoute(sandbox: StravaSandbox) {
	const routes = sandbox['routes'] as Array<{ method: string; compiled: { regex: RegExp } }>;
	if (routes.some((route) => route.method === 'GET' && route.compiled.regex.test('/activities/1'))) return;
	sandbox.route({
		method: 'GET',
		pattern: '/activities/:id',
		scopes: ['activity:read', 'activity:read_all'],
		scopeField: 'activity:read_permission',
		handler: (req) => {
			const activity = sandbox.state.collection('activities').get(req.params.id);
			return activity ? { body: { ...activity, resource_state: 3 } } : notFound('Activity');
		},
	});
}

/** What the application has used of Strava's limits so far (both windows, read and overall). */
export interface AppUsage {
	read15?: number;
	readDay?: number;
	overall15?: number;
	overallDay?: number;
}

/**
 * Sets the application's usage counters, as if other workflows of the same Strava application had spent
 * these requests (the headers of the next answers show them). Counters start from the current windows.
 */
export function setAppUsage(sandbox: StravaSandbox, usage: AppUsage) {
	sandbox.state.rateLimitHeaders(); // rolls the windows to the sandbox clock first
	const counters = sandbox.state.usage;
	if (usage.read15 !== undefined) counters.read15 = usage.read15;
	if (usage.readDay !== undefined) counters.readDay = usage.readDay;
	counters.overall15 = Math.max(usage.overall15 ?? counters.overall15, counters.read15);
	counters.overallDay = Math.max(usage.overallDay ?? counters.overallDay, counters.readDay);
}

/** Strava's answer when the application's owner has no subscription (since 2026-06-30). */
export const APPLICATION_INACTIVE = {
	message: 'Forbidden',
	errors: [{ resource: 'Application', field: 'Status', code: 'Inactive' }],
};
