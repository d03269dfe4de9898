/**
 * Which operations Simplify applies to, and the kind of Strava object each one answers with. The router
 * reads it to simplify after the operation returns; the Simplify / Units / Include Route Points fields are
 * shown from it. Operations stay unaware of Simplify.
 */
export type ObjectKind = 'activity' | 'athlete' | 'stats' | 'lap' | 'segment' | 'segmentEffort' | 'route' | 'club' | 'gear';

export const SIMPLIFIED_OPERATIONS: Record<string, Record<string, ObjectKind>> = {
	activity: { get: 'activity', getAll: 'activity', create: 'activity', update: 'activity', getLaps: 'lap' },
	athlete: { get: 'athlete', update: 'athlete', getStats: 'stats' },
	club: { get: 'club', getAll: 'club' },
	gear: { get: 'gear' },
	route: { get: 'route', getAll: 'route' },
	segment: { get: 'segment', getStarred: 'segment', explore: 'segment' },
	segmentEffort: { get: 'segmentEffort', getAll: 'segmentEffort' },
};

/** Kinds whose values have units (all but clubs). */
export const KINDS_WITH_UNITS: ReadonlySet<ObjectKind> = new Set(['activity', 'athlete', 'stats', 'lap', 'segment', 'segmentEffort', 'route', 'gear']);

/** Operations whose answers carry an encoded polyline (`route_points` on request; starred segments have none). */
export const ROUTE_POINT_OPERATIONS: ReadonlySet<string> = new Set([
	'activity:get',
	'activity:getAll',
	'activity:create',
	'activity:update',
	'route:get',
	'route:getAll',
	'segment:get',
	'segment:explore',
]);

/** The first node version with Simplify; version 1 outputs Strava's answers unchanged. */
export const SIMPLIFY_MIN_VERSION = 2;

export function simplifiedKind(resource: string, operation: string): ObjectKind | undefined {
	const operations = Object.prototype.hasOwnProperty.call(SIMPLIFIED_OPERATIONS, resource) ? SIMPLIFIED_OPERATIONS[resource] : undefined;
	return operations && Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
}
