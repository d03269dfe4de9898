import type { ExhaustedLimit } from './rateLimit';

/** When a refused (429) or avoided request's window resets, as the transport's rate-limit error carries it. */
export interface RateLimitReset {
	/** Epoch ms on Strava's clock. */
	resetsAt: number;
	/** Strava's clock when the refusal (or the figures that predicted it) came, when its answer had a `Date` header. */
	serverTime?: number;
}

const KEY = 'stravaRateLimitReset';

/**
 * Attaches the reset to the error as a non-enumerable property: a caller that schedules itself (the polling
 * trigger) reads it instead of parsing the message, and it never reaches an output item, a log or n8n's
 * stored error (none of them copies non-enumerable properties).
 */
export function markRateLimitReset<E extends Error>(error: E, limit: ExhaustedLimit): E {
	const reset: RateLimitReset = { resetsAt: limit.resetsAt };
	if (limit.serverTime !== undefined) reset.serverTime = limit.serverTime;
	Object.defineProperty(error, KEY, { value: reset, enumerable: false });
	return error;
}

/** The reset a rate-limit error of the transport carries, or undefined for any other error. */
export function rateLimitResetOf(error: unknown): RateLimitReset | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const reset = (error as Record<string, unknown>)[KEY] as RateLimitReset | undefined;
	return reset && Number.isFinite(reset.resetsAt) ? reset : undefined;
}
