import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/**
 * How long a freshly issued verify token is accepted on its signature alone. n8n saves the workflow's
 * static data only after activation has finished, while Strava validates the callback *during* the
 * create call: at that moment the webhook handler still reads the previous static data. The token is
 * therefore signed (HMAC with the app's client secret, bound to the callback URL and its issue time),
 * so the handler can recognise a token this node issued in the last few minutes without reading it back.
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

/** A random verify token (`<issued>.<nonce>.<signature>`), signed for this callback URL. */
export function issueVerifyToken(secret: string, callbackUrl: string, nowMs: number = Date.now()): string {
	const issuedAt = Math.floor(nowMs / 1000).toString(36);
	const nonce = randomBytes(16).toString('hex');
	return `${issuedAt}.${nonce}.${signature(secret, issuedAt, nonce, callbackUrl)}`;
}

/** Whether `token` is a verify token this node issued for `callbackUrl` within the last few minutes. */
function isFreshSignedToken(token: string, secret: string, callbackUrl: string, nowMs: number): boolean {
	const [issuedAt, nonce, signed, extra] = token.split('.');
	if (!issuedAt || !nonce || !signed || extra !== undefined || !secret) return false;
	const issuedSeconds = parseInt(issuedAt, 36);
	const age = nowMs / 1000 - issuedSeconds;
	if (!Number.isFinite(issuedSeconds) || age < -60 || age > FRESH_TOKEN_SECONDS) return false;
	return sameText(signed, signature(secret, issuedAt, nonce, callbackUrl));
}

/**
 * Strava's validation request is answered only when its `hub.verify_token` is ours: the one stored in
 * the workflow's static data, or one issued moments ago for this callback (see FRESH_TOKEN_SECONDS).
 */
export function verifyTokenMatches(
	token: unknown,
	stored: unknown,
	secret: string,
	callbackUrl: string,
	nowMs: number = Date.now(),
): boolean {
	if (typeof token !== 'string' || !token) return false;
	if (typeof stored === 'string' && stored && sameText(token, stored)) return true;
	return isFreshSignedToken(token, secret, callbackUrl, nowMs);
}
