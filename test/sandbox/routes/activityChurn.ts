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
