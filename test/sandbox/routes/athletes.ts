import type { SandboxRequest } from '../http';
import type { Route, StravaSandbox } from '../server';
import { makeActivity, seedAthlete } from '../seed';
import { pageOf, shortActivityPages } from './core';

type Data = Record<string, unknown>;

/**
 * Several athletes of one Strava application. The sandbox's rate-limit windows already belong to the
 * application (one `state.usage` for every token); tokens carry their athlete (`issueToken(athleteId, …)`).
 * What the base sandbox lacks is per-athlete data: `state.athlete` is one athlete and `GET /athlete/activities`
 * lists the whole `activities` collection. This room adds, without touching the base routes:
 *
 * - an `athletes` collection (id → athlete);
 * - activities that belong to an athlete (`activity.athlete.id`, added with addAthleteActivity), kept in the
 *   same `activities` collection so `GET /activities/:id` and the churn helpers (edit, delete) keep working;
 * - `GET /athlete` and `GET /athlete/activities` answered for the token's athlete, registered in front of the
 *   base routes (first match wins). A token of an athlete not in `athletes` gets the base behaviour.
 */

const READ_PROFILE = { scopes: ['read', 'read_all', 'profile:read_all'], scopeField: 'read_permission' };
const READ_ACTIVITIES = { scopes: ['activity:read', 'activity:read_all'], scopeField: 'activity:read_permission' };

const registered = new WeakSet<StravaSandbox>();

function epoch(value: string | null): number | undefined {
	if (value === null || value === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}

function athletesOf(sandbox: StravaSandbox): Map<string, Data> {
	return sandbox.state.collection('athletes');
}

function ownerOf(activity: Data): number | undefined {
	const athlete = activity.athlete as Data | undefined;
	return athlete ? Number(athlete.id) : undefined;
}

/** Puts a route in front of the ones registered before it (the base routes answer for one athlete). */
function prependRoute(sandbox: StravaSandbox, route: Route) {
	sandbox.route(route);
	const routes = sandbox['routes'] as unknown[];
	routes.unshift(routes.pop());
}

/** Activity ids per athlete (added through addAthleteActivity), so a list does not scan every athlete's activities. */
const owned = new WeakMap<StravaSandbox, Map<number, Set<string>>>();

function ownedBy(sandbox: StravaSandbox, athleteId: number): Set<string> {
	let byAthlete = owned.get(sandbox);
	if (!byAthlete) owned.set(sandbox, (byAthlete = new Map()));
	let ids = byAthlete.get(athleteId);
	if (!ids) byAthlete.set(athleteId, (ids = new Set()));
	return ids;
}

/** Start times, parsed once per stored activity object (an edit stores a new object). */
const startMs = new WeakMap<Data, number>();
function startOf(activity: Data): number {
	let value = startMs.get(activity);
	if (value === undefined) startMs.set(activity, (value = Date.parse(String(activity.start_date))));
	return value;
}

/** The athlete's activities as Strava lists them: newest first, oldest first when only `after` is given. */
export function listAthleteActivities(sandbox: StravaSandbox, athleteId: number, query: URLSearchParams): Data[] {
	const before = epoch(query.get('before'));
	const after = epoch(query.get('after'));
	const activities = sandbox.state.collection('activities');
	const ids = ownedBy(sandbox, athleteId);
	const list: Data[] = [];
	for (const id of ids) {
		const activity = activities.get(id);
		if (!activity || ownerOf(activity) !== athleteId) {
			ids.delete(id); // deleted (or given to someone else) behind our back
			continue;
		}
		const start = startOf(activity) / 1000;
		if ((before === undefined || start < before) && (after === undefined || start > after)) list.push(activity);
	}
	const ascending = after !== undefined && before === undefined;
	list.sort((a, b) => (ascending ? startOf(a) - startOf(b) : startOf(b) - startOf(a)));
	return list;
}

/** Registers the per-athlete routes (once per sandbox), in front of the base ones. */
export function registerAthletes(sandbox: StravaSandbox) {
	if (registered.has(sandbox)) return;
	registered.add(sandbox);
	const routes = sandbox['routes'] as Route[];
	const known = (req: SandboxRequest) => (req.auth ? athletesOf(sandbox).get(String(req.auth.athleteId)) : undefined);
	/** The base route's answer, for tokens of athletes this room does not know. */
	const base = (ours: Route, req: SandboxRequest) => {
		const route = routes.find((candidate) => candidate.handler !== ours.handler && candidate.method === ours.method && candidate.pattern === ours.pattern);
		return route ? route.handler(req, sandbox) : { status: 404, body: { message: 'Not Found', errors: [] } };
	};

	const list: Route = {
		method: 'GET',
		pattern: '/athlete/activities',
		...READ_ACTIVITIES,
		handler: (req) =>
			known(req)
				? { body: pageOf(listAthleteActivities(sandbox, req.auth!.athleteId, req.query), req.query, shortActivityPages.get(sandbox)) }
				: base(list, req),
	};
	const profile: Route = {
		method: 'GET',
		pattern: '/athlete',
		...READ_PROFILE,
		handler: (req) => {
			const athlete = known(req);
			return athlete ? { body: athlete } : base(profile, req);
		},
	};
	prependRoute(sandbox, list);
	prependRoute(sandbox, profile);
}

/** Adds an athlete of the application (id, name), registering the per-athlete routes if needed. */
export function addAthlete(sandbox: StravaSandbox, id: number, fields: Data = {}): Data {
	registerAthletes(sandbox);
	const athlete = { ...seedAthlete(), id, username: `athlete${id}`, firstname: `Athlete`, lastname: String(id), ...fields };
	athletesOf(sandbox).set(String(id), athlete);
	return athlete;
}

/** A token for one of the athletes (as n8n stores it after that athlete clicked "Connect"). */
export function athleteToken(sandbox: StravaSandbox, athleteId: number, scopes = ['read', 'activity:read_all', 'profile:read_all'], expiresInSeconds?: number) {
	return sandbox.state.issueToken(athleteId, scopes, expiresInSeconds);
}

/** Adds an activity that belongs to `athleteId` (a watch sync: its start may be days in the past). */
export function addAthleteActivity(sandbox: StravaSandbox, athleteId: number, id: number, startDate: Date | string, overrides: Data = {}): Data {
	const activity = makeActivity(id, startDate, { athlete: { id: athleteId, resource_state: 1 }, ...overrides });
	sandbox.state.collection('activities').set(String(id), activity);
	ownedBy(sandbox, athleteId).add(String(id));
	return activity;
}

/** The ids of an athlete's activities that exist now, newest first. */
export function athleteActivityIds(sandbox: StravaSandbox, athleteId: number): number[] {
	return listAthleteActivities(sandbox, athleteId, new URLSearchParams()).map((activity) => Number(activity.id));
}
