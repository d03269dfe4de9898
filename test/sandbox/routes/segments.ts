import { notFound, stravaError, type SandboxReply, type SandboxRequest } from '../http';
import type { StravaSandbox } from '../server';
import { specExample } from '../seed';
import { pageOf } from './core';
import { streamsReply } from './geoStreams';

type Data = Record<string, unknown>;

const READ = { scopes: ['read', 'read_all'], scopeField: 'read_permission' };

/** Points in a segment's streams. */
export const SEGMENT_POINTS = 500;

/** The segment IDs the athlete starred, in starring order. */
const starredIds = new WeakMap<StravaSandbox, string[]>();

export function starredOf(sandbox: StravaSandbox): string[] {
	let ids = starredIds.get(sandbox);
	if (!ids) starredIds.set(sandbox, (ids = []));
	return ids;
}

/** A DetailedSegment shaped like the spec's example (Hawk Hill), moved and renamed. */
export function makeSegment(id: number, overrides: Data = {}): Data {
	const template = specExample('GET', '/segments/{id}') as Data;
	return { ...template, id, name: `Segment ${id}`, map: { ...(template.map as Data), id: `s${id}` }, ...overrides };
}

/**
 * The seeded segments: Hawk Hill (229781, the spec's own) plus a ride and a run near it, a categorised
 * climb in the Alps, and a private one; the athlete starred 229781 and 229782.
 */
export function seedSegments(sandbox: StravaSandbox) {
	const segments = sandbox.state.collection('segments');
	const add = (segment: Data) => segments.set(String(segment.id), segment);
	add(makeSegment(229781, { name: 'Hawk Hill' }));
	add(makeSegment(229782, { name: 'Conzelman Climb', start_latlng: [37.8321, -122.4851], end_latlng: [37.8298, -122.4992], climb_category: 2 }));
	add(makeSegment(229783, { name: 'Crissy Field Run', activity_type: 'Run', start_latlng: [37.8039, -122.4645], end_latlng: [37.8047, -122.4518], climb_category: 0 }));
	add(makeSegment(788127, { name: "Alpe d'Huez", start_latlng: [45.0574, 6.0306], end_latlng: [45.0922, 6.0700], climb_category: 5, city: 'Huez', state: 'Isère', country: 'France' }));
	add(makeSegment(229784, { name: 'Secret Climb', private: true, start_latlng: [37.8301, -122.4901] }));
	starredOf(sandbox).splice(0, Infinity, '229781', '229782');
}

/** Adds `count` starred segments (IDs from 900001, around Cape Town), for pagination tests. */
export function seedStarredSegments(sandbox: StravaSandbox, count: number) {
	const segments = sandbox.state.collection('segments');
	const ids = starredOf(sandbox);
	for (let i = 1; i <= count; i++) {
		const id = 900_000 + i;
		segments.set(String(id), makeSegment(id, { name: `Starred ${i}`, start_latlng: [-33.9 + i / 1000, 18.4], end_latlng: [-33.9 + i / 1000, 18.41] }));
		if (!ids.includes(String(id))) ids.push(String(id));
	}
}

function withStar(sandbox: StravaSandbox, segment: Data): Data {
	return { ...segment, starred: starredOf(sandbox).includes(String(segment.id)) };
}

function summary(sandbox: StravaSandbox, segment: Data): Data {
	const { effort_count: _e, athlete_count: _a, star_count: _s, map: _m, created_at: _c, updated_at: _u, total_elevation_gain: _t, ...rest } = withStar(sandbox, segment);
	return { ...rest, resource_state: 2 };
}

/** A segment the token may see: private ones need read_all. */
function visibleSegment(sandbox: StravaSandbox, req: SandboxRequest): Data | SandboxReply {
	const segment = sandbox.state.collection('segments').get(req.params.id);
	if (!segment) return notFound('Segment');
	if (segment.private && !req.auth?.scopes.includes('read_all')) {
		return stravaError(401, 'Authorization Error', [{ resource: 'AccessToken', field: 'read_all_permission', code: 'missing' }]);
	}
	return segment;
}

const isReply = (value: Data | SandboxReply): value is SandboxReply => 'status' in value;

const badRequest = (field: string) => stravaError(400, 'Bad Request', [{ resource: 'Segment', field, code: 'invalid' }]);

/** GET /segments/explore: Strava's checks on `bounds`, `activity_type`, `min_cat`, `max_cat`; the top 10. */
function explore(sandbox: StravaSandbox, req: SandboxRequest): SandboxReply {
	const bounds = (req.query.get('bounds') ?? '').split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
	if (bounds.length !== 4 || bounds.some((value) => !Number.isFinite(value))) return badRequest('bounds');
	const [swLat, swLng, neLat, neLng] = bounds;
	if ([swLat, neLat].some((lat) => Math.abs(lat) > 90) || [swLng, neLng].some((lng) => Math.abs(lng) > 180)) return badRequest('bounds');
	const activityType = req.query.get('activity_type');
	if (activityType !== null && !['running', 'riding'].includes(activityType)) return badRequest('activity_type');
	const category = (name: string) => {
		const raw = req.query.get(name);
		if (raw === null) return undefined;
		const value = Number(raw);
		return Number.isInteger(value) && value >= 0 && value <= 5 ? value : NaN;
	};
	const minCat = category('min_cat');
	const maxCat = category('max_cat');
	if (Number.isNaN(minCat)) return badRequest('min_cat');
	if (Number.isNaN(maxCat)) return badRequest('max_cat');
	const found = [...sandbox.state.collection('segments').values()].filter((segment) => {
		const [lat, lng] = segment.start_latlng as number[];
		const category = Number(segment.climb_category);
		return (
			!segment.private &&
			lat >= swLat && lat <= neLat && lng >= swLng && lng <= neLng &&
			(activityType === null || segment.activity_type === (activityType === 'running' ? 'Run' : 'Ride')) &&
			(minCat === undefined || category >= minCat) &&
			(maxCat === undefined || category <= maxCat)
		);
	});
	const [template] = (specExample('GET', '/segments/explore') as { segments: Data[] }).segments;
	const segments = found.slice(0, 10).map((segment) => ({
		...template,
		id: segment.id,
		name: segment.name,
		climb_category: segment.climb_category,
		climb_category_desc: ['NC', '4', '3', '2', '1', 'HC'][Number(segment.climb_category)] ?? 'NC',
		avg_grade: segment.average_grade,
		start_latlng: segment.start_latlng,
		end_latlng: segment.end_latlng,
		elev_difference: Number((Number(segment.elevation_high) - Number(segment.elevation_low)).toFixed(1)),
		distance: segment.distance,
		starred: starredOf(sandbox).includes(String(segment.id)),
	}));
	return { body: { segments } };
}

/** Segments: starred list, star/unstar (profile:write), explore, get and streams. */
export function registerSegments(sandbox: StravaSandbox) {
	seedSegments(sandbox);
	const segments = sandbox.state.collection('segments');

	// The literal paths come before /segments/:id, which would otherwise match them.
	sandbox.route({
		method: 'GET',
		pattern: '/segments/starred',
		...READ,
		handler: (req) => {
			const readAll = Boolean(req.auth?.scopes.includes('read_all'));
			const list = starredOf(sandbox)
				.map((id) => segments.get(id))
				.filter((segment): segment is Data => Boolean(segment) && (!segment!.private || readAll))
				.map((segment) => summary(sandbox, segment));
			return { body: pageOf(list, req.query) };
		},
	});

	sandbox.route({ method: 'GET', pattern: '/segments/explore', ...READ, handler: (req) => explore(sandbox, req) });

	sandbox.route({
		method: 'GET',
		pattern: '/segments/:id',
		...READ,
		handler: (req) => {
			const segment = visibleSegment(sandbox, req);
			return isReply(segment) ? segment : { body: withStar(sandbox, segment) };
		},
	});

	sandbox.route({
		method: 'PUT',
		pattern: '/segments/:id/starred',
		scopes: ['profile:write'],
		scopeField: 'profile:write_permission',
		handler: (req) => {
			const segment = visibleSegment(sandbox, req);
			if (isReply(segment)) return segment;
			const raw = req.body.starred ?? req.query.get('starred');
			if (raw !== true && raw !== false && raw !== 'true' && raw !== 'false') return badRequest('starred');
			const ids = starredOf(sandbox);
			const index = ids.indexOf(req.params.id);
			if ((raw === true || raw === 'true') && index === -1) ids.push(req.params.id);
			if ((raw === false || raw === 'false') && index !== -1) ids.splice(index, 1);
			return { body: withStar(sandbox, segment) };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/segments/:id/streams',
		...READ,
		handler: (req) => {
			const segment = visibleSegment(sandbox, req);
			if (isReply(segment)) return segment;
			const track = { start: segment.start_latlng as [number, number], points: SEGMENT_POINTS, altitude: Number(segment.elevation_low) };
			return streamsReply(req, track, ['distance', 'latlng', 'altitude']);
		},
	});
}
