import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * What an endpoint answers when all is well, declared by each operation on its request (`expect`) and
 * checked here, once, for every answer: an answer of another shape is an error naming the endpoint, the
 * HTTP status and what came back, never an output item. (Strava, or a proxy in front of it, can answer
 * 200 with an HTML page, a cut-off or empty body, or an error object.)
 *
 * - `object`: one Strava record, a JSON object with an `id` (activity, athlete, club, gear, route, …)
 * - `upload`: an upload's status, a JSON object with an `id` (or `id_str`)
 * - `record`: a JSON object whose fields are not fixed and that has no id (stats, zones)
 * - `array`: a list or a list page, a JSON array of objects
 * - `streams`: a stream set, keyed by type (`{time: {data: […]}}`) or a list of typed streams, at least one
 * - `{ listIn: field }`: a JSON object holding a list of objects under `field` (Segments Explore)
 * - `xml` / `{ xml: root }`: an XML file (raw bytes), optionally with this root element (GPX/TCX exports)
 * - `none`: anything, JSON or text (raw requests, which pass on what Strava sent)
 * - `{ oneOf: [...] }`: any of these (an endpoint documented one way and seen answering another)
 */
export type ResponseExpectation =
	| 'object'
	| 'upload'
	| 'record'
	| 'array'
	| 'streams'
	| 'xml'
	| 'none'
	| { listIn: string }
	| { xml: string }
	| { oneOf: ResponseExpectation[] };

export interface AnswerToCheck {
	method: string;
	/** Path under the API base. */
	path: string;
	/** The page of a paginated list, if it is one. */
	page?: number;
	status: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export interface CheckOptions {
	itemIndex?: number;
	/** Values that must never appear in a message (tokens, the client secret). */
	secrets?: string[];
}

const EXCERPT_CHARS = 120;

type Shape = { ok: true } | { ok: false; got: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function hasId(value: Record<string, unknown>): boolean {
	const valid = (id: unknown) =>
		(typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.trim() !== '' && id !== 'undefined');
	return valid(value.id) || valid(value.id_str);
}

function asText(body: unknown): string | undefined {
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	if (typeof body === 'string') return body;
	return undefined;
}

/** A body as the checks see it: JSON values as they are; text parsed when it is JSON. */
function decoded(body: unknown): { value: unknown; text?: string; json: boolean } {
	const text = asText(body);
	if (text === undefined) return { value: body, json: body !== undefined };
	try {
		// trim() also removes a byte-order mark (U+FEFF), which JSON.parse refuses; an empty text throws too.
		return { value: JSON.parse(text.trim()), text, json: true };
	} catch {
		return { value: undefined, text, json: false };
	}
}

const looksLikeHtml = (text: string) => /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);

/** What came back, in a few words ("an HTML page", "a JSON array", "an empty body"). */
function describe(body: unknown): string {
	const { value, text, json } = decoded(body);
	if (text !== undefined && !json) {
		if (!text.trim()) return 'an empty body';
		if (looksLikeHtml(text)) return 'an HTML page';
		if (/^\s*[[{]/.test(text)) return 'JSON that is cut off or malformed';
		if (/^\s*</.test(text)) return 'an XML document';
		return 'text that is not JSON';
	}
	if (value === undefined || value === null) return value === null ? 'JSON null' : 'an empty body';
	if (Array.isArray(value)) {
		if (!value.length) return 'an empty JSON array';
		return value.every(isPlainObject) ? `a JSON array of ${value.length} objects` : 'a JSON array of values that are not objects';
	}
	if (isPlainObject(value)) {
		if (typeof value.message === 'string' && (Array.isArray(value.errors) || !hasId(value))) {
			return `a Strava error object ("${value.message.slice(0, 60)}")`;
		}
		if (!Object.keys(value).length) return 'an empty JSON object';
		return hasId(value) ? 'a JSON object' : 'a JSON object without an "id"';
	}
	return `a JSON ${typeof value}`;
}

function isStream(value: unknown): boolean {
	return isPlainObject(value) && Array.isArray(value.data);
}

function checkShape(body: unknown, expect: ResponseExpectation): Shape {
	if (expect === 'none') return { ok: true };
	if (typeof expect === 'object' && 'oneOf' in expect) {
		return expect.oneOf.some((option) => checkShape(body, option).ok) ? { ok: true } : { ok: false, got: describe(body) };
	}
	const fail = (): Shape => ({ ok: false, got: describe(body) });
	if (expect === 'xml' || (typeof expect === 'object' && 'xml' in expect)) {
		const text = asText(body);
		if (text === undefined) return fail();
		const start = text.trimStart(); // also past a byte-order mark (U+FEFF)
		if (!start.startsWith('<') || looksLikeHtml(start)) return fail();
		if (typeof expect === 'object') {
			const root = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${expect.xml}[\\s>/]`);
			if (!root.test(start)) return { ok: false, got: 'an XML document of another kind' };
		}
		return { ok: true };
	}
	const { value, json } = decoded(body);
	if (!json) return fail();
	if (typeof expect === 'object' && 'listIn' in expect) {
		const list = isPlainObject(value) ? value[expect.listIn] : undefined;
		return Array.isArray(list) && list.every(isPlainObject) ? { ok: true } : fail();
	}
	switch (expect) {
		case 'object':
		case 'upload':
			return isPlainObject(value) && hasId(value) ? { ok: true } : fail();
		case 'record':
			return isPlainObject(value) ? { ok: true } : fail();
		case 'array':
			return Array.isArray(value) && value.every(isPlainObject) ? { ok: true } : fail();
		case 'streams': {
			const streams = Array.isArray(value)
				? value.every((entry) => isStream(entry) && typeof (entry as { type?: unknown }).type === 'string')
					? value
					: undefined
				: isPlainObject(value) && Object.values(value).every(isStream)
					? Object.values(value)
					: undefined;
			if (!streams) return fail();
			return streams.length ? { ok: true } : { ok: false, got: `${describe(body)} (no streams)` };
		}
	}
	return fail();
}

/** What the endpoint should have answered, for messages. */
export function expectedText(expect: ResponseExpectation): string {
	if (typeof expect === 'object') {
		if ('oneOf' in expect) return expect.oneOf.map(expectedText).join(' or ');
		return 'listIn' in expect ? `a JSON object with a "${expect.listIn}" list` : `an XML file (<${expect.xml}>)`;
	}
	return {
		object: 'a Strava record (a JSON object with an "id")',
		upload: 'an upload status (a JSON object with an "id")',
		record: 'a JSON object',
		array: 'a list (a JSON array of objects)',
		streams: 'a set of streams',
		xml: 'an XML file',
		none: 'any answer',
	}[expect];
}

/** Removes tokens, secrets and Authorization values from text that may end up in a message. */
export function scrubSecrets(text: string, secrets: string[] = []): string {
	let clean = text;
	for (const secret of secrets) if (secret && secret.length >= 4) clean = clean.split(secret).join('***');
	return clean
		.replace(/(bearer\s+)[\w.~+/=-]+/gi, '$1***')
		.replace(/("?(?:access_token|refresh_token|client_secret|id_token)"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***');
}

/** A short, secret-free excerpt of a body for a message. */
export function excerpt(body: unknown, secrets: string[] = [], chars = EXCERPT_CHARS): string {
	const text = asText(body) ?? (body === undefined ? '' : JSON.stringify(body) ?? String(body));
	const flat = scrubSecrets(text.replace(/\s+/g, ' ').trim(), secrets);
	return flat.length > chars ? `${flat.slice(0, chars)}…` : flat;
}

/** `GET /athlete/activities (page 2)`. */
export function endpointText(method: string, path: string, page?: number): string {
	return `${method} ${path.split('?')[0]}${page !== undefined ? ` (page ${page})` : ''}`;
}

/**
 * Checks a successful answer against what its endpoint returns; throws a NodeApiError that names the
 * endpoint, the status and what came back (a short excerpt, secrets removed) when it is something else.
 */
export function checkAnswer(node: INode, answer: AnswerToCheck, expect: ResponseExpectation | undefined, options: CheckOptions = {}) {
	if (!expect || expect === 'none') return;
	const shape = checkShape(answer.body, expect);
	if (shape.ok) return;
	const endpoint = endpointText(answer.method, answer.path, answer.page);
	const contentType = String(answer.headers['content-type'] ?? '').split(';')[0].trim();
	const sample = excerpt(answer.body, options.secrets);
	const sent = sample ? `It sent${contentType ? ` (${contentType})` : ''}: "${sample}".` : `It sent nothing${contentType ? ` (${contentType})` : ''}.`;
	const message = `Strava's answer to ${endpoint} is not what this endpoint returns: ${shape.got}, HTTP ${answer.status}`;
	throw new NodeApiError(
		node,
		{ message, httpCode: String(answer.status), endpoint, received: sample } as unknown as JsonObject,
		{
			httpCode: String(answer.status),
			itemIndex: options.itemIndex,
			message,
			description: `Expected ${expectedText(expect)}. ${sent} The node stopped rather than pass on data it does not understand${answer.page && answer.page > 1 ? ' or end the list early' : ''}. This is usually a passing fault at Strava or in a proxy between n8n and Strava: run it again later. If it keeps happening, check the credential's server and API host.`,
		},
	);
}
