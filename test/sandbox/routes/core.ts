import type { StravaSandbox } from '../server';
import { makeActivity } from '../seed';

type Data = Record<string, unknown>;

function epoch(value: string | undefined | null): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}

/** Strava's page-number paging, with an optional list of pages that come back short (privacy filtering). */
export function pageOf<T>(list: T[], query: URLSearchParams, shortPages: Set<number> = new Set()): T[] {
	const page = Math.max(1, Number(query.get('page') ?? 1));
	const perPage = Math.min(200, Math.max(1, Number(query.get('per_page') ?? 30)));
	const slice = list.slice((page - 1) * perPage, page * perPage);
	// A "short" page hides some of its entries, as Strava does for private activities of others.
	return shortPages.has(page) ? slice.slice(0, Math.max(1, Math.floor(slice.length / 2))) : slice;
}

/** Adds `count` activities, one an hour back from `newest`. Returns them. */
export function seedActivities(sandbox: StravaSandbox, count: number, newest = new Date('2026-11-01T08:00:00Z'), firstId = 1000) {
	const activities = sandbox.state.collection('activities');
	const added: Data[] = [];
	for (let i = 0; i < count; i++) {
		const activity = makeActivity(firstId + i, new Date(newest.getTime() - i * 3600_000));
		activities.set(String(activity.id), activity);
		added.push(activity);
	}
	return added;
}

/** Pages of the athlete's activity list that answer short (tests set this). */
export const shortActivityPages = new WeakMap<StravaSandbox, Set<number>>();

/** GET /athlete and GET /athlete/activities: what the foundation's tests need. */
export function registerCore(sandbox: StravaSandbox) {
	sandbox.route({
		method: 'GET',
		pattern: '/athlete',
		scopes: ['read', 'read_all', 'profile:read_all'],
		scopeField: 'read_permission',
		handler: () => ({ body: sandbox.state.athlete }),
	});

	sandbox.route({
		method: 'GET',
		pattern: '/athlete/activities',
		scopes: ['activity:read', 'activity:read_all'],
		scopeField: 'activity:read_permission',
		handler: (req) => {
			const before = epoch(req.query.get('before'));
			const after = epoch(req.query.get('after'));
			const list = [...sandbox.state.collection('activities').values()].filter((activity) => {
				const start = Date.parse(String(activity.start_date)) / 1000;
				return (before === undefined || start < before) && (after === undefined || start > after);
			});
			// Strava sorts newest first, but oldest first when only `after` is given.
			const ascending = after !== undefined && before === undefined;
			list.sort((a, b) => {
				const diff = Date.parse(String(a.start_date)) - Date.parse(String(b.start_date));
				return ascending ? diff : -diff;
			});
			return { body: pageOf(list, req.query, shortActivityPages.get(sandbox)) };
		},
	});
}
