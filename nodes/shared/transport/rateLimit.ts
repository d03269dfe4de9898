import type { RateLimitUsage } from './types';

type Headers = Record<string, unknown>;

const QUARTER_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A response header by its lower-case `name`, whatever case the HTTP client kept (Node lower-cases them). */
function header(headers: Headers, name: string): string | undefined {
	const key = name in headers ? name : Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

function pair(value: string | undefined): [number, number] | undefined {
	if (!value) return undefined;
	const [a, b] = value.split(',').map((part) => Number(part.trim()));
	return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : undefined;
}

/** Reads Strava's `X-RateLimit-*` / `X-ReadRateLimit-*` headers ("15min,daily") and its `Date`. */
export function parseRateLimitHeaders(headers: Headers | undefined): RateLimitUsage {
	if (!headers) return {};
	const usage: RateLimitUsage = {};
	const overallLimit = pair(header(headers, 'x-ratelimit-limit'));
	const overallUsage = pair(header(headers, 'x-ratelimit-usage'));
	if (overallLimit && overallUsage) {
		usage.overall = {
			limit15: overallLimit[0],
			limitDay: overallLimit[1],
			usage15: overallUsage[0],
			usageDay: overallUsage[1],
		};
	}
	const readLimit = pair(header(headers, 'x-readratelimit-limit'));
	const readUsage = pair(header(headers, 'x-readratelimit-usage'));
	if (readLimit && readUsage) {
		usage.read = {
			limit15: readLimit[0],
			limitDay: readLimit[1],
			usage15: readUsage[0],
			usageDay: readUsage[1],
		};
	}
	const date = header(headers, 'date');
	const serverTime = date ? Date.parse(date) : NaN;
	if (Number.isFinite(serverTime)) usage.serverTime = serverTime;
	return usage;
}

/**
 * Whether a request counts against Strava's read ("non-upload") limits. Strava's rate-limit page: the non-upload
 * limit covers every endpoint except creating an activity (`POST /activities`), uploading a file (`POST /uploads`)
 * and uploading media (no endpoint of the public API); writes such as `PUT /activities/{id}` count. `path` is
 * relative to the API base.
 */
export function countsAsRead(method: string, path: string): boolean {
	if (method.toUpperCase() !== 'POST') return true;
	const route = path.split(/[?#]/)[0].replace(/\/+$/, '');
	return route !== '/activities' && route !== '/uploads';
}

export interface ExhaustedLimit {
	/** e.g. "read requests per 15 minutes". */
	name: string;
	usage: number;
	limit: number;
	/** When the window resets, epoch ms on Strava's clock. */
	resetsAt: number;
	/** How long until then, measured on Strava's clock. */
	waitMs: number;
	/** Strava's clock when the figures were read (its `Date` header), when the answer had one. */
	serverTime?: number;
}

/**
 * The limit that is used up (the one resetting last when several are), or undefined when budget is left.
 * `reads` says whether the next request counts against the read limits too (see countsAsRead).
 * Windows reset at :00, :15, :30, :45 and at UTC midnight, computed from Strava's `Date` header.
 */
export function exhaustedLimit(
	usage: RateLimitUsage,
	reads: boolean,
	assumeExhausted = false,
): ExhaustedLimit | undefined {
	const now = usage.serverTime ?? Date.now();
	const clock = usage.serverTime === undefined ? {} : { serverTime: usage.serverTime };
	const quarterReset = Math.floor(now / QUARTER_MS) * QUARTER_MS + QUARTER_MS;
	const dayReset = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
	/** The window when it is used up, else undefined. */
	const exhausted = (
		kind: 'overall' | 'read',
		window: '15' | 'Day',
		label: string,
		resetsAt: number,
	): ExhaustedLimit | undefined => {
		const bucket = usage[kind];
		if (!bucket) return undefined;
		const used = window === '15' ? bucket.usage15 : bucket.usageDay;
		const limit = window === '15' ? bucket.limit15 : bucket.limitDay;
		return limit > 0 && used >= limit ? { name: label, usage: used, limit, resetsAt, waitMs: resetsAt - now, ...clock } : undefined;
	};
	// The daily windows come first: they never reset before a 15-minute one, so the first exhausted window is the
	// one that frees up last, which is what a wait has to outlast.
	const first =
		exhausted('overall', 'Day', 'overall requests per day', dayReset) ??
		(reads ? exhausted('read', 'Day', 'read requests per day', dayReset) : undefined) ??
		exhausted('overall', '15', 'overall requests per 15 minutes', quarterReset) ??
		(reads ? exhausted('read', '15', 'read requests per 15 minutes', quarterReset) : undefined);
	if (first) return first;
	if (!assumeExhausted) return undefined;
	// A 429 without usable headers: assume the 15-minute window.
	return {
		name: 'requests per 15 minutes',
		usage: usage.overall?.usage15 ?? 0,
		limit: usage.overall?.limit15 ?? 0,
		resetsAt: quarterReset,
		waitMs: quarterReset - now,
		...clock,
	};
}

export function describeExhaustedLimit(limit: ExhaustedLimit): string {
	const used = limit.limit ? ` (${limit.usage} of ${limit.limit} used)` : '';
	return `Strava rate limit reached: ${limit.name}${used}. It resets at ${new Date(limit.resetsAt).toISOString().replace('.000Z', 'Z')} (UTC).`;
}
