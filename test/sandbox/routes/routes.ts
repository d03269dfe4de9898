import { notFound, stravaError, type SandboxReply, type SandboxRequest } from '../http';
import type { StravaSandbox } from '../server';
import { streamData, type Track } from './geoStreams';
import { pageOf } from './core';

type Data = Record<string, unknown>;

const READ = { scopes: ['read', 'read_all'], scopeField: 'read_permission' };

/** Points in each route's streams and files. */
export const ROUTE_POINTS = 120;

/** Route IDs are too large for a JS number: Strava sends `id` (lossy in JavaScript) and exact `id_str`. */
export function makeRoute(idStr: string, athleteId: number, overrides: Data = {}): Data {
	const index = Number(idStr.slice(-2));
	return {
		athlete: { id: athleteId, resource_state: 1 },
		description: `Sandbox route ${idStr}`,
		distance: 12_345.6 + index * 100,
		elevation_gain: 123.4 + index,
		id: Number(idStr),
		id_str: idStr,
		map: { id: `r${idStr}`, summary_polyline: '}g|eFnpqjVl@En@Md@HbAd@d@^h@Xx@VbARjBDh@OPQf@w@', resource_state: 2 },
		name: `Route ${index}`,
		private: false,
		starred: false,
		timestamp: 1_700_000_000 + index,
		type: 1,
		sub_type: 1,
		created_at: '2023-11-14T22:13:20Z',
		updated_at: '2024-01-02T08:00:00Z',
		estimated_moving_time: 2_400 + index * 10,
		segments: [],
		...overrides,
	};
}

/** `count` routes of an athlete, the last one private; IDs 3344012345678901201, …02, … */
export function seedRoutes(sandbox: StravaSandbox, count: number, athleteId = sandbox.state.athlete.id as number) {
	const routes = sandbox.state.collection('routes');
	for (let i = 1; i <= count; i++) {
		const idStr = `33440123456789012${String(i).padStart(2, '0')}`;
		routes.set(idStr, makeRoute(idStr, athleteId, i === count && count > 1 ? { private: true, name: `Private route ${i}` } : {}));
	}
}

const trackOf = (route: Data): Track => ({ start: [37.8331119, -122.4834356], points: ROUTE_POINTS, altitude: Number(route.elevation_gain) });

function gpx(route: Data): string {
	const track = trackOf(route);
	const latlng = streamData('latlng', track) as number[][];
	const altitude = streamData('altitude', track) as number[];
	const points = latlng.map(([lat, lng], i) => `   <trkpt lat="${lat}" lon="${lng}"><ele>${altitude[i]}</ele></trkpt>`).join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
 <metadata><name>${route.name}</name><link href="https://www.strava.com/routes/${route.id_str}"/></metadata>
 <trk>
  <name>${route.name}</name>
  <trkseg>
${points}
  </trkseg>
 </trk>
</gpx>
`;
}

function tcx(route: Data): string {
	const track = trackOf(route);
	const latlng = streamData('latlng', track) as number[][];
	const distance = streamData('distance', track) as number[];
	const points = latlng
		.map(
			([lat, lng], i) =>
				`     <Trackpoint><Position><LatitudeDegrees>${lat}</LatitudeDegrees><LongitudeDegrees>${lng}</LongitudeDegrees></Position><DistanceMeters>${distance[i]}</DistanceMeters></Trackpoint>`,
		)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Courses>
  <Course>
   <Name>${route.name}</Name>
   <Track>
${points}
   </Track>
  </Course>
 </Courses>
</TrainingCenterDatabase>
`;
}

/** A route the token may see: private ones need read_all (Strava answers as for a missing scope). */
function visibleRoute(sandbox: StravaSandbox, req: SandboxRequest): Data | SandboxReply {
	const route = sandbox.state.collection('routes').get(req.params.id);
	if (!route) return notFound('Route');
	if (route.private && !req.auth?.scopes.includes('read_all')) {
		return stravaError(401, 'Authorization Error', [{ resource: 'AccessToken', field: 'read_all_permission', code: 'missing' }]);
	}
	return route;
}

const isReply = (value: Data | SandboxReply): value is SandboxReply => 'status' in value;

/** Routes: list by athlete, get, GPX/TCX export (XML files) and streams. */
export function registerRoutes(sandbox: StravaSandbox) {
	const routes = sandbox.state.collection('routes');
	seedRoutes(sandbox, 3);

	sandbox.route({
		method: 'GET',
		pattern: '/athletes/:id/routes',
		...READ,
		handler: (req) => {
			const own = req.params.id === String(req.auth?.athleteId);
			const readAll = own && Boolean(req.auth?.scopes.includes('read_all'));
			const list = [...routes.values()].filter(
				(route) => String((route.athlete as Data).id) === req.params.id && (!route.private || readAll),
			);
			return { body: pageOf(list, req.query) };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/routes/:id',
		...READ,
		handler: (req) => {
			const route = visibleRoute(sandbox, req);
			return isReply(route) ? route : { body: route };
		},
	});

	for (const [format, contentType, render] of [
		['gpx', 'application/gpx+xml', gpx],
		['tcx', 'application/tcx+xml', tcx],
	] as const) {
		sandbox.route({
			method: 'GET',
			pattern: `/routes/:id/export_${format}`,
			...READ,
			handler: (req) => {
				const route = visibleRoute(sandbox, req);
				if (isReply(route)) return route;
				return { raw: render(route), headers: { 'Content-Type': contentType } };
			},
		});
	}

	sandbox.route({
		method: 'GET',
		pattern: '/routes/:id/streams',
		...READ,
		handler: (req) => {
			const route = visibleRoute(sandbox, req);
			if (isReply(route)) return route;
			// Route streams take no keys: Strava answers its three streams as a list (the spec's example).
			const track = trackOf(route);
			return { body: ['latlng', 'distance', 'altitude'].map((type) => ({ type, data: streamData(type, track) })) };
		},
	});
}
