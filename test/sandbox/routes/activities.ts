import { notFound, stravaError, type SandboxReply, type SandboxRequest } from '../http';
import type { StravaSandbox } from '../server';
import { makeActivity, specExample } from '../seed';
import { pageOf } from './core';
import { KNOWN, streamsReply, type Track } from './geoStreams';

type Data = Record<string, unknown>;

const READ = { scopes: ['activity:read', 'activity:read_all'], scopeField: 'activity:read_permission' };
const WRITE = { scopes: ['activity:write'], scopeField: 'activity:write_permission' };

/** Per-activity sandbox settings that are not part of the activity itself. */
export interface ActivityExtras {
	/** Sample points in each stream (default 1,000). */
	streamPoints?: number;
	/** Stream types the recording has (default: all but temp; the types of `streams` when given). */
	streamTypes?: string[];
	/** Recorded samples per stream type, served instead of the synthetic track's. */
	streams?: Record<string, unknown[]>;
	comments?: number;
	kudoers?: number;
}

const extras = new WeakMap<StravaSandbox, Map<string, ActivityExtras>>();

/** Sets how many stream points, comments or kudoers an activity has. */
export function setActivityExtras(sandbox: StravaSandbox, id: number | string, settings: ActivityExtras) {
	let map = extras.get(sandbox);
	if (!map) extras.set(sandbox, (map = new Map()));
	map.set(String(id), { ...(map.get(String(id)) ?? {}), ...settings });
}

function extrasOf(sandbox: StravaSandbox, id: string): ActivityExtras {
	return extras.get(sandbox)?.get(id) ?? {};
}

let nextActivityId = 9_000_000_001;

/** Adds a new activity (manual or from an upload) and returns it. */
export function createActivity(sandbox: StravaSandbox, fields: Data): Data {
	const id = nextActivityId++;
	const local = typeof fields.start_date_local === 'string' ? Date.parse(fields.start_date_local) : NaN;
	const start = Number.isFinite(local) ? new Date(local) : new Date(sandbox.state.clock.now());
	// Strava gives a new activity its average speed over the moving time, in m/s to 3 decimals.
	const metres = Number(fields.distance ?? 0);
	const time = Number(fields.moving_time ?? 0);
	const averageSpeed = metres >= 0 && time > 0 ? Math.round((metres / time) * 1000) / 1000 : 0;
	const activity = makeActivity(id, start, { manual: true, average_speed: averageSpeed, max_speed: averageSpeed, ...fields });
	sandbox.state.collection('activities').set(String(id), activity);
	return activity;
}

/** The detailed representation: the spec's DetailedActivity example overlaid with the stored activity. */
function detailed(activity: Data): Data {
	const template = specExample('GET', '/activities/{id}') as Data;
	return { ...template, ...activity, resource_state: 3 };
}

function find(sandbox: StravaSandbox, req: SandboxRequest): Data | undefined {
	return /^\d+$/.test(req.params.id) ? sandbox.state.collection('activities').get(req.params.id) : undefined;
}

const NOT_FOUND: SandboxReply = notFound('Activity');

function comments(activityId: number, count: number): Data[] {
	const [template] = specExample('GET', '/activities/{id}/comments') as Data[];
	return Array.from({ length: count }, (_, index) => ({
		...template,
		id: activityId * 1000 + index,
		activity_id: activityId,
		text: `Comment ${index + 1}`,
		created_at: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString().replace('.000Z', 'Z'),
		cursor: `cur_${index + 1}`,
	}));
}

function kudoers(count: number): Data[] {
	return Array.from({ length: count }, (_, index) => ({ resource_state: 2, firstname: `Athlete${index + 1}`, lastname: 'K.' }));
}

function laps(activity: Data): Data[] {
	const [template] = specExample('GET', '/activities/{id}/laps') as Data[];
	return [1, 2, 3].map((lap) => ({
		...template,
		id: Number(activity.id) * 10 + lap,
		name: `Lap ${lap}`,
		activity: { id: activity.id, resource_state: 1 },
		athlete: activity.athlete,
		lap_index: lap,
		split: lap,
	}));
}

function zones(): Data[] {
	const buckets = (edges: number[]) =>
		edges.map((min, index) => ({ min, max: edges[index + 1] ?? -1, time: 300 + index * 120 }));
	return [
		{ score: 54, type: 'heartrate', sensor_based: true, points: 2, custom_zones: false, distribution_buckets: buckets([0, 120, 150, 165, 180]) },
		{ score: 210, type: 'power', sensor_based: true, points: 0, custom_zones: false, max: 406, distribution_buckets: buckets([0, 100, 150, 200, 250, 300, 350, 400]) },
	];
}

/** Strava's cursor paging for comments: `page_size` + `after_cursor` (the deprecated page/per_page too). */
function cursorPage(list: Data[], query: URLSearchParams): Data[] {
	if (!query.has('page_size') && query.has('page')) return pageOf(list, query);
	const size = Math.min(200, Math.max(1, Number(query.get('page_size') ?? 30)));
	const after = query.get('after_cursor');
	const start = after ? list.findIndex((entry) => entry.cursor === after) + 1 : 0;
	return start === 0 && after ? [] : list.slice(start, start + size);
}

const MISSING = (field: string) => stravaError(400, 'Bad Request', [{ resource: 'Activity', field, code: 'missing' }]);
const INVALID = (field: string) => stravaError(400, 'Bad Request', [{ resource: 'Activity', field, code: 'invalid' }]);

/** Every /activities endpoint: get, create (form), update (JSON), comments, kudos, laps, zones, streams. */
export function registerActivities(sandbox: StravaSandbox) {
	sandbox.route({
		method: 'GET',
		pattern: '/activities/:id',
		...READ,
		handler: (req) => {
			const activity = find(sandbox, req);
			return !activity ? NOT_FOUND : { body: detailed(activity) };
		},
	});

	sandbox.route({
		method: 'POST',
		pattern: '/activities',
		...WRITE,
		// Strava's rate-limit page: creating an activity is outside the "non-upload" (read) limit, like uploads.
		notRead: true,
		handler: (req) => {
			if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return INVALID('content-type');
			const body = req.body as Record<string, string>;
			for (const field of ['name', 'sport_type', 'start_date_local', 'elapsed_time']) if (!body[field]) return MISSING(field);
			if (!/^\d+$/.test(body.elapsed_time)) return INVALID('elapsed_time');
			if (!Number.isFinite(Date.parse(body.start_date_local))) return INVALID('start_date_local');
			for (const flag of ['trainer', 'commute']) if (body[flag] !== undefined && !['0', '1'].includes(body[flag])) return INVALID(flag);
			const activity = createActivity(sandbox, {
				name: body.name,
				sport_type: body.sport_type,
				type: body.type ?? body.sport_type,
				start_date_local: body.start_date_local,
				elapsed_time: Number(body.elapsed_time),
				moving_time: Number(body.elapsed_time),
				distance: body.distance === undefined ? 0 : Number(body.distance),
				description: body.description ?? null,
				trainer: body.trainer === '1',
				commute: body.commute === '1',
				external_id: null,
				upload_id: null,
			});
			return { status: 201, body: detailed(activity) };
		},
	});

	sandbox.route({
		method: 'PUT',
		pattern: '/activities/:id',
		...WRITE,
		handler: (req) => {
			if (!String(req.headers['content-type'] ?? '').includes('application/json')) return INVALID('content-type');
			const activity = find(sandbox, req);
			if (!activity) return NOT_FOUND;
			const body = req.body as Data;
			for (const flag of ['commute', 'trainer', 'hide_from_home']) {
				if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return INVALID(flag);
			}
			for (const key of ['name', 'description', 'sport_type', 'type', 'commute', 'trainer', 'hide_from_home']) {
				if (body[key] !== undefined) activity[key] = body[key];
			}
			if (body.gear_id !== undefined) {
				activity.gear_id = body.gear_id === 'none' ? null : body.gear_id;
				activity.gear = body.gear_id === 'none' ? null : { id: body.gear_id, resource_state: 2 };
			}
			return { body: detailed(activity) };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/activities/:id/comments',
		...READ,
		handler: (req) => {
			const activity = find(sandbox, req);
			if (!activity) return NOT_FOUND;
			const count = extrasOf(sandbox, req.params.id).comments ?? Number(activity.comment_count ?? 0);
			return { body: cursorPage(comments(Number(activity.id), count), req.query) };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/activities/:id/kudos',
		...READ,
		handler: (req) => {
			const activity = find(sandbox, req);
			if (!activity) return NOT_FOUND;
			const count = extrasOf(sandbox, req.params.id).kudoers ?? Number(activity.kudos_count ?? 0);
			return { body: pageOf(kudoers(count), req.query) };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/activities/:id/laps',
		...READ,
		handler: (req) => {
			const activity = find(sandbox, req);
			return !activity ? NOT_FOUND : { body: laps(activity) };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/activities/:id/zones',
		...READ,
		handler: (req) => {
			const activity = find(sandbox, req);
			return !activity ? NOT_FOUND : { body: zones() };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/activities/:id/streams',
		...READ,
		handler: (req) => {
			const activity = find(sandbox, req);
			if (!activity) return NOT_FOUND;
			// Strava has no streams for a manual activity: it answers 404 Record Not Found.
			if (activity.manual === true) return NOT_FOUND;
			const settings = extrasOf(sandbox, req.params.id);
			const track: Track = { start: [37.833112, -122.483436], points: settings.streamPoints ?? 1000 };
			const available = settings.streamTypes ?? (settings.streams ? Object.keys(settings.streams) : KNOWN.filter((type) => type !== 'temp'));
			return streamsReply(req, track, available, settings.streams);
		},
	});
}
