import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPE, type StravaContext } from './types';

/**
 * A refresh refused because another execution rotated the refresh token a moment earlier.
 *
 * n8n-core (2.41, `refreshOrFetchToken`) serialises the refreshes of one credential: within a process all
 * requests share one refresh, across processes (queue mode) a Redis lease decides who refreshes. A process
 * that waits longer than 10 s for the lease refreshes anyway, after re-reading the stored token: when the
 * lease holder has not saved its new token by then (its token call took longer than the wait), both send the
 * same refresh token, Strava rotates it for one and refuses the other. Every request of the losing process
 * gets that refusal. The winner saves the new token as soon as Strava answers it; the losers find it by
 * reading the stored credential again (`getCredentials` reads the database on every call, nothing is cached
 * per execution).
 */

/** How long n8n-core waits for another process's refresh of the same credential before refreshing itself. */
export const N8N_REFRESH_LOCK_WAIT_MS = 10_000;
/** Reads of the store, a second apart, when the refusal came too soon for a lock wait to have run out. */
export const QUICK_STORE_CHECKS = 5;
/**
 * How long the store is watched when the refusal came after n8n-core's lock wait could have run out, so
 * another process may still be saving the token Strava gave it (it had had at least 10 s already).
 */
export const RACE_STORE_WAIT_MS = 20_000;
export const STORE_CHECK_INTERVAL_MS = 1000;

export interface StoredTokenCheck {
	/** The stored credential, when it holds a refresh token other than the refused one. */
	stored?: IDataObject;
	/** The refusal came after n8n-core's lock wait could have run out: another process may have refreshed too. */
	raceSuspected: boolean;
	/** How long the store was watched. */
	waitedMs: number;
}

const refreshTokenOf = (data: IDataObject | undefined) => String((data?.oauthTokenData as IDataObject | undefined)?.refresh_token ?? '');

/** One watch of the store per refused refresh token in this process: the requests that shared the refresh share the wait. */
const watches = new Map<string, Promise<StoredTokenCheck>>();

async function watchStore(ctx: StravaContext, refused: string, raceSuspected: boolean): Promise<StoredTokenCheck> {
	const started = Date.now();
	const deadline = started + RACE_STORE_WAIT_MS;
	for (let check = 0; ; check++) {
		if (check > 0) await sleep(STORE_CHECK_INTERVAL_MS);
		const current = await ctx.getCredentials(CREDENTIAL_TYPE);
		const now = refreshTokenOf(current);
		if (now && now !== refused) return { stored: current, raceSuspected, waitedMs: Date.now() - started };
		const more = raceSuspected ? Date.now() + STORE_CHECK_INTERVAL_MS <= deadline : check + 1 < QUICK_STORE_CHECKS;
		if (!more) return { raceSuspected, waitedMs: Date.now() - started };
	}
}

/**
 * After Strava refused the refresh token this request started with (`started`): the credential as another
 * execution stored it since, or what the wait showed. `elapsedMs` is how long the request had run when the
 * refusal came (its API call, any wait for n8n-core's lock, the token call).
 */
export async function tokenStoredByAnotherRun(ctx: StravaContext, started: IDataObject, elapsedMs: number): Promise<StoredTokenCheck> {
	const refused = refreshTokenOf(started);
	const raceSuspected = elapsedMs >= N8N_REFRESH_LOCK_WAIT_MS;
	const key = `${raceSuspected}:${refused}`;
	let watch = watches.get(key);
	if (!watch) {
		watch = watchStore(ctx, refused, raceSuspected).finally(() => watches.delete(key));
		watches.set(key, watch);
	}
	return await watch;
}
