// The polling trigger's budget as the unit tests set it up: Strava's rate-limit figures and a budget after one sweep.
import { pollSucceeded, recordRequests, startPoll, type BudgetState } from '../../nodes/StravaApiNewActivityTrigger/pollBudget';

/** Strava's read and overall figures with `readDay` used today and `read15` in this window; Strava's clock `at`. */
export const usageHeaders = (readDay: number, read15 = 0, at?: number) => ({
	read: { limit15: 100, limitDay: 1000, usage15: read15, usageDay: readDay },
	overall: { limit15: 200, limitDay: 2000, usage15: read15, usageDay: readDay },
	...(at === undefined ? {} : { serverTime: at }),
});

/** A budget whose last check and sweep (2 requests) happened at `at`, with Strava's headers showing `readDay` used. */
export function afterPollAt(at: number, readDay = 100, read15 = 5): BudgetState {
	const state: BudgetState = {};
	startPoll(state, at);
	recordRequests(state, at, 2, usageHeaders(readDay, read15, at));
	pollSucceeded(state, at, 'sweep', 2);
	return state;
}
