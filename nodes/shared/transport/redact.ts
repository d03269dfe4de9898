import type { FailureDetails } from './errors';
import { scrubSecrets } from './expect';

const MAX_SCRUB_DEPTH = 20;

/**
 * Removes secrets (the client secret, the Basic credentials, tokens) from every part of a failure that can
 * reach an error: its message, the URL (GET and DELETE carry the secret in the query), the response
 * headers (a Location repeating the query) and the body, also when it is JSON (Strava, or a proxy in front
 * of it, may echo the request in its error). Each secret is also removed in its URL-encoded forms.
 */
export function redactFailure(failure: FailureDetails, secrets: string[]): FailureDetails {
	const forms = new Set<string>();
	for (const secret of secrets.filter(Boolean)) {
		forms.add(secret);
		forms.add(encodeURIComponent(secret));
		forms.add(encodeURIComponent(secret).replace(/%20/g, '+'));
	}
	const list = [...forms].sort((a, b) => b.length - a.length);
	const scrub = (text: string) => scrubSecrets(list.reduce((clean, secret) => clean.split(secret).join('***'), text));
	const deep = (value: unknown, depth: number): unknown => {
		if (typeof value === 'string') return scrub(value);
		if (depth > MAX_SCRUB_DEPTH || value === null || typeof value !== 'object') return value;
		if (Buffer.isBuffer(value)) return scrub(value.toString('utf8'));
		if (Array.isArray(value)) return value.map((entry) => deep(entry, depth + 1));
		return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [scrub(key), deep(entry, depth + 1)]));
	};
	return {
		...failure,
		message: scrub(failure.message),
		data: deep(failure.data, 0),
		...(failure.url !== undefined ? { url: scrub(failure.url) } : {}),
		...(failure.headers !== undefined ? { headers: deep(failure.headers, 0) as Record<string, unknown> } : {}),
	};
}
