import type { IncomingMessage, ServerResponse } from 'http';

/** A parsed multipart part. */
export interface Part {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export interface SandboxRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	raw: Buffer;
	/** JSON body, url-encoded form fields, or multipart text fields. */
	body: Record<string, unknown>;
	parts: Part[];
	params: Record<string, string>;
	/** The token's athlete and scopes, set for authenticated /api/v3 calls. */
	auth?: { athleteId: number; scopes: string[]; accessToken: string };
}

export interface SandboxReply {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Raw bytes instead of JSON. */
	raw?: Buffer | string;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function parseMultipart(raw: Buffer, boundary: string): Part[] {
	const parts: Part[] = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let start = raw.indexOf(delimiter);
	while (start !== -1) {
		const next = raw.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		const chunk = raw.subarray(start + delimiter.length + 2, next - 2);
		const headerEnd = chunk.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const head = chunk.subarray(0, headerEnd).toString('utf8');
			const data = chunk.subarray(headerEnd + 4);
			const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
			const filename = /filename="([^"]*)"/i.exec(head)?.[1];
			const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
			parts.push({ name, filename, contentType, data });
		}
		start = next;
	}
	return parts;
}

export function parseBody(req: IncomingMessage, raw: Buffer): { body: Record<string, unknown>; parts: Part[] } {
	const type = String(req.headers['content-type'] ?? '');
	if (!raw.length) return { body: {}, parts: [] };
	if (type.includes('application/json')) {
		try {
			return { body: JSON.parse(raw.toString('utf8')), parts: [] };
		} catch {
			return { body: {}, parts: [] };
		}
	}
	if (type.includes('application/x-www-form-urlencoded')) {
		return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), parts: [] };
	}
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
	if (type.includes('multipart/form-data') && boundary) {
		const parts = parseMultipart(raw, boundary[1] ?? boundary[2]);
		const body: Record<string, unknown> = {};
		for (const part of parts) if (part.filename === undefined) body[part.name] = part.data.toString('utf8');
		return { body, parts };
	}
	return { body: {}, parts: [] };
}

export function send(res: ServerResponse, reply: SandboxReply, extraHeaders: Record<string, string>) {
	const headers: Record<string, string> = { ...extraHeaders, ...(reply.headers ?? {}) };
	let payload: Buffer | string;
	if (reply.raw !== undefined) {
		payload = reply.raw;
	} else if (reply.body === undefined) {
		payload = '';
	} else {
		payload = JSON.stringify(reply.body);
		headers['Content-Type'] ??= 'application/json; charset=utf-8';
	}
	res.writeHead(reply.status ?? 200, headers);
	res.end(payload);
}

/** Strava's error shape. */
export function stravaError(status: number, message: string, errors: Array<Record<string, string>> = []): SandboxReply {
	return { status, body: { message, errors } };
}

export const notFound = (resource: string, field = 'id'): SandboxReply =>
	stravaError(404, 'Record Not Found', [{ resource, field, code: 'invalid' }]);
