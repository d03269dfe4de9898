import type { IDataObject } from 'n8n-workflow';

/**
 * What the polling trigger keeps in the workflow's static data. Bounded: `seen` holds only the ids of
 * activities that start after `floor`, i.e. inside the look-back window (plus a backfill in progress).
 */
export interface PollState extends IDataObject {
	version?: number;
	/** Epoch seconds: every activity starting at or before it has been handled and is never listed again. */
	floor?: number;
	/** Activity id → start (epoch seconds), for activities after `floor` that were already emitted or known. */
	seen?: Record<string, number>;
	/** The backfill date this state started from (ISO), or "now". */
	origin?: string;
	/** The last sweep stopped before the end of the list (a long backfill): the next due poll sweeps on. */
	partial?: boolean;
	/** Epoch ms when a poll started and has not finished yet (guards against overlapping polls). */
	pollingSince?: number;
}

export interface PollPlan {
	/** `after` for GET /athlete/activities (epoch seconds; Strava lists activities starting later). */
	after: number;
	/** First poll without a backfill date: remember what exists, emit nothing. */
	baseline: boolean;
	/** The state starts over (first poll, new backfill date, unknown version): applied by settlePoll. */
	restart?: { origin: string };
	/** A backfill (or a listing that stopped early): its cost says nothing about a regular sweep. */
	catchingUp: boolean;
}

export const STATE_VERSION = 1;

function originOf(startDate: string | undefined): string {
	return startDate ? new Date(startDate).toISOString() : 'now';
}

/** Whether the state must start over: no state yet, an unknown version, or a different backfill date. */
export function needsRestart(state: PollState, startDate?: string): boolean {
	return (
		state.floor === undefined ||
		state.version !== STATE_VERSION ||
		(startDate !== undefined && state.origin !== originOf(startDate))
	);
}

/**
 * Where a sweep starts listing. Does not change the state (settlePoll does, once Strava answered), so a
 * failed poll leaves it as it was. A new backfill date restarts the state from that date.
 */
export function planPoll(state: PollState, nowSec: number, lookBackSec: number, startDate?: string): PollPlan {
	if (needsRestart(state, startDate)) {
		const restart = { origin: originOf(startDate) };
		if (startDate !== undefined) {
			// `after` is exclusive: one second earlier includes an activity starting exactly then.
			return { after: Math.floor(new Date(startDate).getTime() / 1000) - 1, baseline: false, restart, catchingUp: true };
		}
		return { after: nowSec - lookBackSec, baseline: true, restart, catchingUp: false };
	}
	return { after: state.floor as number, baseline: false, catchingUp: state.partial === true };
}

export function startSeconds(activity: IDataObject): number {
	return Math.floor(Date.parse(String(activity.start_date)) / 1000);
}

/**
 * Takes the activities listed after `plan.after` (ascending by start), returns the ones never seen
 * before (ascending) and moves the state on: the floor advances to `now - lookBack` (or, when the
 * listing stopped early, to just before the last activity handled), and ids at or below it are pruned.
 */
export function settlePoll(
	state: PollState,
	plan: PollPlan,
	activities: IDataObject[],
	nowSec: number,
	lookBackSec: number,
	complete: boolean,
): IDataObject[] {
	const seen: Record<string, number> = plan.restart ? {} : { ...(state.seen ?? {}) };
	const fresh: IDataObject[] = [];
	let lastStart: number | undefined;
	for (const activity of activities) {
		const start = startSeconds(activity);
		if (activity.id === undefined || activity.id === null || !Number.isFinite(start)) continue;
		lastStart = lastStart === undefined ? start : Math.max(lastStart, start);
		const id = String(activity.id);
		if (seen[id] !== undefined) continue;
		seen[id] = start;
		if (!plan.baseline) fresh.push(activity);
	}
	const target = nowSec - lookBackSec;
	const reached = complete ? target : Math.min(target, (lastStart ?? plan.after + 1) - 1);
	// Never move the floor back (a longer look-back set later must not re-list what was pruned).
	const floor = Math.max(plan.after, reached);
	for (const [id, start] of Object.entries(seen)) if (start <= floor) delete seen[id];
	if (plan.restart) {
		state.version = STATE_VERSION;
		state.origin = plan.restart.origin;
	}
	state.floor = floor;
	state.seen = seen;
	if (complete) delete state.partial;
	else state.partial = true;
	return fresh.sort((a, b) => startSeconds(a) - startSeconds(b));
}

/**
 * A check: takes one page of the athlete's newest activities (newest first) and returns the ones never
 * seen that start after the floor (ascending), remembering them. The floor does not move: only a sweep,
 * which lists the whole window to its end, moves it. `mayHaveMore` says the page ended on an unseen
 * activity, so older unseen ones may lie beyond it (the next due poll should sweep).
 */
export function takeNewest(
	state: PollState,
	activities: IDataObject[],
	pageSize: number,
): { fresh: IDataObject[]; mayHaveMore: boolean } {
	const floor = state.floor ?? Infinity;
	const seen: Record<string, number> = { ...(state.seen ?? {}) };
	const fresh: IDataObject[] = [];
	let oldestUnseen = false;
	for (const activity of activities) {
		const start = startSeconds(activity);
		if (activity.id === undefined || activity.id === null || !Number.isFinite(start)) continue;
		const id = String(activity.id);
		oldestUnseen = start > floor && seen[id] === undefined;
		if (!oldestUnseen) continue;
		seen[id] = start;
		fresh.push(activity);
	}
	state.seen = seen;
	return { fresh: fresh.sort((a, b) => startSeconds(a) - startSeconds(b)), mayHaveMore: activities.length >= pageSize && oldestUnseen };
}
