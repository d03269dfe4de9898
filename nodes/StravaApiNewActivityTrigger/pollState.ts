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
	/** Epoch ms when a poll started and has not finished yet (guards against overlapping polls). */
	pollingSince?: number;
}

export interface PollPlan {
	/** `after` for GET /athlete/activities (epoch seconds; Strava lists activities starting later). */
	after: number;
	/** First poll without a backfill date: remember what exists, emit nothing. */
	baseline: boolean;
}

export const STATE_VERSION = 1;

function originOf(startDate: string | undefined): string {
	return startDate ? new Date(startDate).toISOString() : 'now';
}

/** Where this poll starts listing. A new backfill date restarts the state from that date. */
export function planPoll(state: PollState, nowSec: number, lookBackSec: number, startDate?: string): PollPlan {
	const origin = originOf(startDate);
	const restart = startDate !== undefined && state.origin !== origin;
	if (state.floor === undefined || state.version !== STATE_VERSION || restart) {
		state.version = STATE_VERSION;
		state.origin = origin;
		state.seen = {};
		if (startDate !== undefined) {
			// `after` is exclusive: one second earlier includes an activity starting exactly then.
			state.floor = Math.floor(new Date(startDate).getTime() / 1000) - 1;
			return { after: state.floor, baseline: false };
		}
		state.floor = nowSec - lookBackSec;
		return { after: state.floor, baseline: true };
	}
	return { after: state.floor, baseline: false };
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
	const seen: Record<string, number> = { ...(state.seen ?? {}) };
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
	state.floor = floor;
	state.seen = seen;
	return fresh.sort((a, b) => startSeconds(a) - startSeconds(b));
}
