import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/**
 * How long a freshly issued verify token is accepted on its signature alone. n8n saves the workflow's
 * static data only after activation has finished, while Strava validates the callback *during* the
 * create call: at that moment the webhook handler still reads the previous static data. The token is
 * therefore signed (HMAC with the app's client secret, bound to the callback URL and its issue time),
 * so the handler can recognise a token this node issued in the last few minutes without reading it back.
 * The URL is the one Strava calls: the Test URL while the editor listens for a test event, the Production
 * URL once the workflow is published; the handler checks it against the URL the request arrived on.
 */
export const FRESH_TOKEN_SECONDS = 600;

function signature(secret: string, issuedAt: string, nonce: string, callbackUrl: string): string {
	return createHmac('sha256', secret)
		.update(`strava-push-verify:${issuedAt}:${nonce}:${callbackUrl}`)
		.digest('hex')
		.slice(0, 32);
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

function splitToken(token: string) {
	const [issuedAt, nonce, signed, extra] = token.split('.');
	if (!issuedAt || !nonce || !signed || extra !== undefined) return undefined;
	return { issuedAt, nonce, signed };
}

/** A random verify token (`<issued>.<nonce>.<signature>`), signed for this callback URL. */
export function issueVerifyToken(secret: string, callbackUrl: string, nowMs: number = Date.now()): string {
	const issuedAt = Math.floor(nowMs / 1000).toString(36);
	const nonce = randomBytes(16).toString('hex');
	return `${issuedAt}.${nonce}.${signature(secret, issuedAt, nonce, callbackUrl)}`;
}

/** Whether `token` is a verify token this node issued for `callbackUrl` within the last few minutes. */
function isFreshSignedToken(token: string, secret: string, callbackUrl: string, nowMs: number): boolean {
	const parts = splitToken(token);
	if (!parts || !secret) return false;
	const { issuedAt, nonce, signed } = parts;
	const issuedSeconds = parseInt(issuedAt, 36);
	const age = nowMs / 1000 - issuedSeconds;
	if (!Number.isFinite(issuedSeconds) || age < -60 || age > FRESH_TOKEN_SECONDS) return false;
	return sameText(signed, signature(secret, issuedAt, nonce, callbackUrl));
}

/** Why a verify token is or is not accepted. */
export type TokenVerdict =
	| { ok: true }
	| { ok: false; reason: 'missing' | 'unknown' | 'expired' }
	/** Signed by this node, but for another of its callback URLs (e.g. the Production URL instead of the Test URL). */
	| { ok: false; reason: 'other-url'; signedFor: string };

/**
 * Checks Strava's `hub.verify_token` for the callback URL the request arrived on. It is ours when it is
 * the one stored in the workflow's static data, or one this node signed for `callbackUrl` moments ago
 * (see FRESH_TOKEN_SECONDS). `otherUrls` (this node's other callback URLs) only serve to explain a refusal:
 * a token signed for one URL is never accepted on another.
 */
export function checkVerifyToken(
	token: unknown,
	options: { stored: unknown; secret: string; callbackUrl: string; otherUrls?: string[]; nowMs?: number },
): TokenVerdict {
	const nowMs = options.nowMs ?? Date.now();
	if (typeof token !== 'string' || !token) return { ok: false, reason: 'missing' };
	if (typeof options.stored === 'string' && options.stored && sameText(token, options.stored)) return { ok: true };
	if (isFreshSignedToken(token, options.secret, options.callbackUrl, nowMs)) return { ok: true };
	const parts = splitToken(token);
	if (!parts || !options.secret) return { ok: false, reason: 'unknown' };
	for (const other of options.otherUrls ?? []) {
		if (other && other !== options.callbackUrl && isFreshSignedToken(token, options.secret, other, nowMs)) {
			return { ok: false, reason: 'other-url', signedFor: other };
		}
	}
	const signedForUrl = sameText(parts.signed, signature(options.secret, parts.issuedAt, parts.nonce, options.callbackUrl));
	return { ok: false, reason: signedForUrl ? 'expired' : 'unknown' };
}

/** Whether `token` is ours for `callbackUrl` (see checkVerifyToken). */
export function verifyTokenMatches(
	token: unknown,
	stored: unknown,
	secret: string,
	callbackUrl: string,
	nowMs: number = Date.now(),
): boolean {
	return checkVerifyToken(token, { stored, secret, callbackUrl, nowMs }).ok;
}
