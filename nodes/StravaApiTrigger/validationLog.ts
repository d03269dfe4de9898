import { createHash } from 'crypto';

/**
 * What became of Strava's validation GET for one verify token, as seen by this n8n instance.
 *
 * Strava validates the callback *while* `create()` awaits its answer, and answers the create call with
 * little more than "400 Bad Request". To say why, `create()` looks up here whether the validation request
 * reached this n8n instance and what the node answered. The entry is only a diagnosis: it is never needed for
 * the subscription to work, so its absence (a webhook served by another n8n instance) is harmless.
 */
export type ValidationOutcome =
	| { answered: true; callbackUrl: string }
	| { answered: false; callbackUrl: string; reason: RefusalReason; detail?: string };

/** Why the node refused a validation request. */
export type RefusalReason = 'other-url' | 'mode' | 'challenge' | 'missing' | 'expired' | 'unknown' | 'error';

export const REFUSAL_TEXT: Record<RefusalReason, string> = {
	'other-url': "the verify token was issued for another of this node's URLs",
	mode: 'hub.mode was not "subscribe"',
	challenge: 'hub.challenge was missing',
	missing: 'hub.verify_token was missing',
	expired: 'the verify token had expired',
	unknown: 'the verify token was not one this node issued',
	error: 'the node could not read its Strava credential',
};

const MAX_ENTRIES = 64;

type Entry = ValidationOutcome & { at: number };

const outcomes = new Map<string, Entry>();

/** Entries are keyed by a hash of the verify token (the token itself is not kept) and by the URL served. */
function tokenKey(verifyToken: string): string {
	return `token:${createHash('sha256').update(verifyToken).digest('hex').slice(0, 32)}`;
}

function urlKey(callbackUrl: string): string {
	return `url:${callbackUrl}`;
}

function put(key: string, entry: Entry) {
	outcomes.delete(key);
	outcomes.set(key, entry);
	while (outcomes.size > MAX_ENTRIES) {
		const oldest = outcomes.keys().next().value;
		if (oldest === undefined) break;
		outcomes.delete(oldest);
	}
}

export function recordValidation(verifyToken: unknown, outcome: ValidationOutcome, nowMs = Date.now()) {
	const entry = { ...outcome, at: nowMs };
	if (typeof verifyToken === 'string' && verifyToken) put(tokenKey(verifyToken), entry);
	if (outcome.callbackUrl) put(urlKey(outcome.callbackUrl), entry);
}

/**
 * What became of the validation request for this create call: the entry for the verify token it sent,
 * or else the latest one for its callback URL recorded since `sinceMs` (a request whose token was not
 * the one sent). Both entries are removed.
 */
export function takeValidation(verifyToken: string, callbackUrl: string, sinceMs: number): ValidationOutcome | undefined {
	const byToken = outcomes.get(tokenKey(verifyToken));
	const byUrl = outcomes.get(urlKey(callbackUrl));
	outcomes.delete(tokenKey(verifyToken));
	outcomes.delete(urlKey(callbackUrl));
	const entry = byToken ?? (byUrl && byUrl.at >= sinceMs ? byUrl : undefined);
	if (!entry) return undefined;
	const { at: _at, ...outcome } = entry;
	return outcome as ValidationOutcome;
}
