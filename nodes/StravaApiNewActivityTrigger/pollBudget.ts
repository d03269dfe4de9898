import type { IDataObject } from 'n8n-workflow';

import type { RateLimitReset, RateLimitUsage } from '../shared/transport';

/**
 * The polling trigger's daily request budget: when a poll is due, what kind of poll it is, and how many
 * read requests the trigger spent on the current Strava day. Pure: no HTTP, no timers; every function
 * takes the time it should act at. The floor and seen-set live apart, in ./pollState.
 *
 * Schedule. n8n calls poll() at its Poll Times (every minute by default); most calls are not due and
 * cost nothing. A due poll is either a **check** (1 request: the athlete's newest activities) or, every
 * SWEEP_EVERY_CHECKS-th time, a **sweep** (the whole look-back window, listed until Strava's empty last
 * page: 2 requests while the window holds up to 200 activities). The check interval is derived from the
 * allowance and the measured cost of a sweep so that the planned spending is (1 - RESERVE_SHARE) of the
 * allowance; the reserve absorbs errors, retries, token refreshes and backfills. The allowance is a hard
 * cap per Strava day (UTC midnight on Strava's clock, taken from the `Date` header).
 *
 * Back-off from the application's usage (Strava's limits are per application, shared by every workflow):
 * the last rate-limit headers seen decide. Daily usage at APP_BUSY_SHARE or more stretches every
 * interval APP_BUSY_FACTOR times; at APP_STOP_SHARE or more, or a 15-minute window at
 * QUARTER_STOP_SHARE or more, the trigger sends nothing until that window resets. A 429 pauses it until
 * the window resets too. Consecutive failures double the interval each time (up to FAILURE_FACTOR_MAX).
 */

export const DEFAULT_DAILY_REQUESTS = 150;
/** Strava's read limits per application (the defaults the text quotes; headers give the real ones). */
export const STRAVA_READS_PER_DAY = 1000;
export const STRAVA_READS_PER_15_MIN = 100;
/** Share of the allowance kept back from the plan for errors, retries, refreshes and backfills. */
export const RESERVE_SHARE = 0.2;
/** One due poll in this many is a sweep of the whole look-back window. */
export const SWEEP_EVERY_CHECKS = 12;
/** A check lists this many of the athlete's newest activities in one request. */
export const CHECK_PER_PAGE = 30;
export const CHECK_COST = 1;
/** What a sweep costs until one has been measured: the window's page and the empty page after it. */
export const DEFAULT_SWEEP_COST = 2;

/** Application-wide daily usage (read or overall, whichever is higher) from which intervals stretch. */
export const APP_BUSY_SHARE = 0.8;
export const APP_BUSY_FACTOR = 4;
/** Application-wide daily usage from which the trigger stops until Strava's day resets. */
export const APP_STOP_SHARE = 0.95;
/** Usage of the current 15-minute window from which the trigger waits for the next window. */
export const QUARTER_STOP_SHARE = 0.8;
export const FAILURE_FACTOR_MAX = 16;

const MINUTE_MS = 60_000;
const QUARTER_MS = 15 * MINUTE_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;
const DAY_MINUTES = 24 * 60;
/** n8n's Poll Times fire on the minute, give or take: a poll this early still counts as on time. */
const TOLERANCE_MS = 30_000;

export type PollKind = 'check' | 'sweep';

type Window = {
	usage15: number;
	limit15: number;
	usageDay: number;
	limitDay: number;
};

type AppUsage = { read?: Window; overall?: Window; at: number };

/** The budget's part of the node's static data (key `budget`). Every field is optional: old state loads. */
export interface BudgetState extends IDataObject {
	/** The Strava day (UTC date, YYYY-MM-DD on Strava's clock) that `spent` belongs to. */
	day?: string;
	/** Read requests this trigger spent on that day. */
	spent?: number;
	/** Local epoch ms of the last poll that called Strava (successful or not). */
	lastPollAt?: number;
	/** Local epoch ms of the last successful sweep. */
	lastSweepAt?: number;
	/** Requests the last regular sweep took (sets the check interval). */
	sweepCost?: number;
	/** Strava's clock minus the local clock, from the last `Date` header. */
	skewMs?: number;
	/** The application-wide usage Strava reported last, and when (Strava's clock, epoch ms). */
	app?: AppUsage;
	/** Strava epoch ms before which nothing is sent (after a 429). */
	pausedUntil?: number;
	/** Failed polls in a row. */
	failures?: number;
	/** A check saw a full page of unseen activities: make the next due poll a sweep. */
	sweepSoon?: boolean;
}

export interface Schedule {
	checkEveryMs: number;
	sweepEveryMs: number;
	/** Requests a day the schedule spends when nothing goes wrong. */
	plannedPerDay: number;
}

/** The regular schedule for an allowance: a check every N minutes, a sweep every SWEEP_EVERY_CHECKS checks. */
export function pollSchedule(dailyRequests: number, sweepCost: number = DEFAULT_SWEEP_COST): Schedule {
	const planned = Math.max(1, dailyRequests * (1 - RESERVE_SHARE));
	const perCheck = CHECK_COST + Math.max(0, sweepCost - CHECK_COST) / SWEEP_EVERY_CHECKS;
	const minutes = Math.max(1, Math.ceil((DAY_MINUTES * perCheck) / planned - 1e-9));
	return {
		checkEveryMs: minutes * MINUTE_MS,
		sweepEveryMs: minutes * SWEEP_EVERY_CHECKS * MINUTE_MS,
		plannedPerDay: Math.ceil((DAY_MINUTES / minutes) * perCheck - 1e-9),
	};
}

/** "2 h 36 min", "13 min". */
export function formatDuration(ms: number): string {
	const minutes = Math.round(ms / MINUTE_MS);
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (!hours) return `${minutes} min`;
	return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** The Strava day of a Strava-clock time. */
export function stravaDay(serverMs: number): string {
	return new Date(serverMs).toISOString().slice(0, 10);
}

export function nextDayReset(serverMs: number): number {
	return Math.floor(serverMs / DAY_MS) * DAY_MS + DAY_MS;
}

export function nextQuarterReset(serverMs: number): number {
	return Math.floor(serverMs / QUARTER_MS) * QUARTER_MS + QUARTER_MS;
}

function serverNow(state: BudgetState, localMs: number): number {
	return localMs + (Number.isFinite(state.skewMs) ? (state.skewMs as number) : 0);
}

/** Starts a new count when Strava's day has changed. */
function rollDay(state: BudgetState, localMs: number) {
	const day = stravaDay(serverNow(state, localMs));
	if (state.day !== day) {
		state.day = day;
		state.spent = 0;
	}
}

/** Requests this trigger has spent on the current Strava day. */
export function spentToday(state: BudgetState, localMs: number): number {
	return stravaDay(serverNow(state, localMs)) === state.day ? (state.spent ?? 0) : 0;
}

function share(used: number, limit: number): number {
	return limit > 0 ? used / limit : 0;
}

interface Pressure {
	factor: number;
	/** Strava epoch ms to wait for, when the application's usage says "send nothing now". */
	waitUntil?: number;
	reason?: string;
}

/** What the application's last reported usage asks of this trigger. Only the current windows count. */
export function appPressure(state: BudgetState, localMs: number): Pressure {
	const app = state.app;
	if (!app || !Number.isFinite(app.at)) return { factor: 1 };
	const now = serverNow(state, localMs);
	const windows = [app.read, app.overall].filter((window): window is Window => !!window);
	if (stravaDay(app.at) === stravaDay(now)) {
		const day = Math.max(0, ...windows.map((window) => share(window.usageDay, window.limitDay)));
		const used = `the application has used ${Math.round(day * 100)} % of its daily requests`;
		if (day >= APP_STOP_SHARE) return { factor: 1, waitUntil: nextDayReset(now), reason: `${used}; waiting for Strava's daily reset` };
		if (Math.floor(app.at / QUARTER_MS) === Math.floor(now / QUARTER_MS)) {
			const quarter = Math.max(0, ...windows.map((window) => share(window.usage15, window.limit15)));
			if (quarter >= QUARTER_STOP_SHARE) {
				return {
					factor: 1,
					waitUntil: nextQuarterReset(now),
					reason: `the application has used ${Math.round(quarter * 100)} % of this 15-minute window; waiting for the next one`,
				};
			}
		}
		if (day >= APP_BUSY_SHARE) return { factor: APP_BUSY_FACTOR, reason: `${used}; polling ${APP_BUSY_FACTOR}x less often` };
	}
	return { factor: 1 };
}

export interface PollDecision {
	due: boolean;
	kind: PollKind;
	/** Why it is not due, or why it is slowed down. */
	reason: string;
	/** Requests still allowed today. */
	remaining: number;
	schedule: Schedule;
}

export interface DecideOptions {
	/** The state needs a sweep now (first activation, new backfill date): due as soon as the budget allows. */
	mustSweep?: boolean;
	/** The state is catching up (a backfill stopped early): every due poll is a sweep. */
	catchingUp?: boolean;
}

/** Whether a poll at `localMs` is due and what it does. Does not change the state. */
export function decidePoll(state: BudgetState, localMs: number, dailyRequests: number, options: DecideOptions = {}): PollDecision {
	const schedule = pollSchedule(dailyRequests, state.sweepCost ?? DEFAULT_SWEEP_COST);
	const remaining = Math.max(0, dailyRequests - spentToday(state, localMs));
	const now = serverNow(state, localMs);
	const notDue = (reason: string): PollDecision => ({ due: false, kind: 'check', reason, remaining, schedule });

	if (state.pausedUntil !== undefined && now < state.pausedUntil) {
		return notDue(`Strava refused with a rate limit; waiting until ${iso(state.pausedUntil)}`);
	}
	const pressure = appPressure(state, localMs);
	if (pressure.waitUntil !== undefined) return notDue(`${pressure.reason} (${iso(pressure.waitUntil)})`);
	if (remaining < CHECK_COST) {
		return notDue(`this trigger's ${dailyRequests} requests for today are spent; next poll after ${iso(nextDayReset(now))}`);
	}

	const failureFactor = Math.min(FAILURE_FACTOR_MAX, 2 ** Math.max(0, (state.failures ?? 0) - 1));
	const factor = pressure.factor * failureFactor;
	const checkEvery = schedule.checkEveryMs * factor;
	const sweepEvery = schedule.sweepEveryMs * factor;
	// A last poll "in the future" means the clock went back (NTP, a restored snapshot): that poll's time
	// says nothing about now, so it does not hold the trigger back until the clock passes it again.
	const since = (at: number | undefined) => (at === undefined || at > localMs + TOLERANCE_MS ? Infinity : localMs - at);
	const sweepCost = state.sweepCost ?? DEFAULT_SWEEP_COST;
	const reason = pressure.reason ?? (failureFactor > 1 ? `${state.failures} failed polls in a row` : 'on schedule');

	// A new state starts at once, unless it already failed (then it waits like any other poll).
	if (options.mustSweep && !state.failures) return { due: true, kind: 'sweep', reason: 'first poll', remaining, schedule };
	if (since(state.lastPollAt) < checkEvery - TOLERANCE_MS) {
		return notDue(`next poll ${formatDuration(checkEvery - since(state.lastPollAt))} from now (${reason})`);
	}
	const wantSweep =
		options.mustSweep ||
		options.catchingUp || state.sweepSoon === true || since(state.lastSweepAt) >= sweepEvery - TOLERANCE_MS;
	const kind: PollKind = options.mustSweep || (wantSweep && remaining >= sweepCost) ? 'sweep' : 'check';
	return { due: true, kind, reason, remaining, schedule };
}

function iso(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A due poll starts: it counts as the last poll whatever happens next. */
export function startPoll(state: BudgetState, localMs: number) {
	rollDay(state, localMs);
	state.lastPollAt = localMs;
}

/** Counts requests sent, and takes Strava's clock and the application's usage from a response. */
export function recordRequests(state: BudgetState, localMs: number, requests: number, rateLimit?: RateLimitUsage) {
	if (rateLimit?.serverTime !== undefined && Number.isFinite(rateLimit.serverTime)) {
		state.skewMs = rateLimit.serverTime - localMs;
	}
	rollDay(state, localMs);
	state.spent = (state.spent ?? 0) + Math.max(0, requests);
	if (rateLimit && (rateLimit.read || rateLimit.overall)) {
		const app: AppUsage = { at: serverNow(state, localMs) };
		if (rateLimit.read) app.read = { ...rateLimit.read };
		if (rateLimit.overall) app.overall = { ...rateLimit.overall };
		state.app = app;
	}
}

/** A poll went through. `sweepCost` is set for regular sweeps (not backfills), so checks pace by it. */
export function pollSucceeded(state: BudgetState, localMs: number, kind: PollKind, sweepCost?: number) {
	state.failures = 0;
	delete state.pausedUntil;
	if (kind === 'sweep') {
		state.lastSweepAt = localMs;
		delete state.sweepSoon;
		if (sweepCost !== undefined && sweepCost > 0) state.sweepCost = sweepCost;
	}
}

export interface PollFailure {
	/** HTTP status Strava answered, when known. */
	status?: number;
	/** For a 429: when its window resets and Strava's clock at the refusal (the transport's error carries both). */
	reset?: RateLimitReset;
}

/**
 * A poll failed: the next ones wait longer; a 429 waits for its window to reset. The refusal's own clock
 * replaces the skew of an earlier answer (the local clock may have drifted since, and sweeps record none),
 * so the pause ends when Strava's window does, not up to a window later.
 */
export function pollFailed(state: BudgetState, localMs: number, failure: PollFailure) {
	state.failures = (state.failures ?? 0) + 1;
	if (failure.status === 429) {
		if (failure.reset?.serverTime !== undefined) state.skewMs = failure.reset.serverTime - localMs;
		state.pausedUntil = failure.reset?.resetsAt ?? nextQuarterReset(serverNow(state, localMs));
	}
}
