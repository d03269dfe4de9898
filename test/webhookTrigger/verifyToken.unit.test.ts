// The webhook trigger's verify token (nodes/StravaApiTrigger/verifyToken.ts): what is accepted and why a token
// is refused. Cases found by mutation testing (docs/testing.md).
import { checkVerifyToken, issueVerifyToken } from '../../nodes/StravaApiTrigger/verifyToken';

const SECRET = 'client-secret-of-the-app';
const URL_PROD = 'https://n8n.example.com/webhook/abc/webhook';
const URL_TEST = 'https://n8n.example.com/webhook-test/abc/webhook';
const DAY_MS = 24 * 60 * 60 * 1000;

test('the stored token is accepted however old it is (it is what Strava was given)', () => {
	const now = Date.now();
	const old = issueVerifyToken(SECRET, URL_PROD, now - 30 * DAY_MS);
	expect(checkVerifyToken(old, { stored: old, secret: SECRET, callbackUrl: URL_PROD, nowMs: now })).toEqual({ ok: true });
	expect(checkVerifyToken(old, { stored: undefined, secret: SECRET, callbackUrl: URL_PROD, nowMs: now })).toEqual({ ok: false, reason: 'expired' });
});

test('a fresh token with a part added is not ours', () => {
	const token = issueVerifyToken(SECRET, URL_PROD);
	expect(checkVerifyToken(token, { stored: undefined, secret: SECRET, callbackUrl: URL_PROD })).toEqual({ ok: true });
	expect(checkVerifyToken(`${token}.more`, { stored: undefined, secret: SECRET, callbackUrl: URL_PROD })).toEqual({ ok: false, reason: 'unknown' });
});

test('a token another secret signed is unknown, not "signed for another URL of this node"', () => {
	const foreign = issueVerifyToken('another-app-secret', URL_TEST);
	expect(checkVerifyToken(foreign, { stored: undefined, secret: SECRET, callbackUrl: URL_PROD, otherUrls: [URL_TEST] })).toEqual({ ok: false, reason: 'unknown' });
	const ours = issueVerifyToken(SECRET, URL_TEST);
	expect(checkVerifyToken(ours, { stored: undefined, secret: SECRET, callbackUrl: URL_PROD, otherUrls: ['', URL_TEST] })).toEqual({
		ok: false,
		reason: 'other-url',
		signedFor: URL_TEST,
	});
});
