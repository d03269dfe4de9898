import type { StravaSandbox } from '..';

/** Test-only endpoints under /api/v3/echo that answer with what they received. */
export function registerEcho(sandbox: StravaSandbox) {
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
		sandbox.route({
			method,
			pattern: '/echo',
			handler: (req) =>
				method === 'DELETE'
					? { status: 204 }
					: {
							status: method === 'POST' ? 201 : 200,
							body: { method, query: Object.fromEntries(req.query), body: req.body, contentType: req.headers['content-type'] ?? null },
						},
		});
	}
	sandbox.route({
		method: 'GET',
		pattern: '/echo/file',
		handler: () => ({ raw: '<?xml version="1.0"?><gpx></gpx>', headers: { 'Content-Type': 'application/gpx+xml' } }),
	});
}
