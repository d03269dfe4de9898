// What the transport hands n8n's request helper (transport/request.ts buildOptions): the contract with
// httpRequestWithAuthentication for each kind of body, for binary downloads and for a followed redirect; which
// redirects are followed and how.
import { buildOptions, nextHop, sameOriginTarget } from '../../nodes/shared/transport/request';

const BASE = 'http://127.0.0.1:5000/api/v3';

describe('buildOptions', () => {
	test('a JSON read: Accept JSON, the query, full response, redirects left to the transport', () => {
		expect(buildOptions(BASE, { method: 'GET', path: '/athlete/activities', qs: { page: 2 } })).toEqual({
			method: 'GET',
			url: `${BASE}/athlete/activities`,
			qs: { page: 2 },
			returnFullResponse: true,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			headers: { Accept: 'application/json' },
		});
	});

	test('an empty query is left out', () => {
		expect(buildOptions(BASE, { method: 'GET', path: '/athlete', qs: {} })).not.toHaveProperty('qs');
	});

	test('a binary download asks for any type, as bytes, not parsed as JSON', () => {
		const options = buildOptions(BASE, { method: 'GET', path: '/routes/1/export_gpx', binary: true });
		expect(options.headers).toEqual({ Accept: '*/*' });
		expect(options.encoding).toBe('arraybuffer');
		expect(options.json).toBe(false);
	});

	test('a form body is URL-encoded with its content type, empty values skipped', () => {
		const options = buildOptions(BASE, { method: 'POST', path: '/activities', form: { name: 'Ride', trainer: 0, description: undefined, gear_id: null } });
		expect(options.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' });
		expect(String(options.body)).toBe('name=Ride&trainer=0');
		expect(options.json).toBeUndefined();
	});

	test('a JSON body is sent as JSON', () => {
		const options = buildOptions(BASE, { method: 'PUT', path: '/activities/1', body: { name: 'Evening Ride' } });
		expect(options.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
		expect(options.body).toEqual({ name: 'Evening Ride' });
		expect(options.json).toBe(true);
	});

	test('a multipart body goes as it is, with no content type of ours (the form sets its boundary)', () => {
		const form = new FormData();
		const options = buildOptions(BASE, { method: 'POST', path: '/uploads', multipart: form });
		expect(options.body).toBe(form);
		expect(options.headers).toEqual({ Accept: 'application/json' });
	});

	test("a followed redirect uses the Location's URL and query; a downgraded write drops its body", () => {
		const request = { method: 'POST' as const, path: '/activities', qs: { a: 1 }, form: { name: 'Ride' } };
		const downgraded = buildOptions(BASE, request, nextHop(`${BASE}/moved?b=2`, 303, 'POST'));
		expect(downgraded).toEqual({
			method: 'GET',
			url: `${BASE}/moved?b=2`,
			returnFullResponse: true,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			headers: { Accept: 'application/json' },
		});
		const kept = buildOptions(BASE, request, nextHop(`${BASE}/moved`, 307, 'POST'));
		expect(kept.method).toBe('POST');
		expect(String(kept.body)).toBe('name=Ride');
		expect(kept).not.toHaveProperty('qs');
	});
});

describe('redirect targets', () => {
	test.each([
		['/api/v3/activities/2', 'http://127.0.0.1:5000/api/v3/activities/2'],
		['http://127.0.0.1:5000/api/v3/x?y=1', 'http://127.0.0.1:5000/api/v3/x?y=1'],
		['http://127.0.0.1:5001/api/v3/x', undefined],
		['https://127.0.0.1:5000/api/v3/x', undefined],
		['//evil.example/x', undefined],
		['', undefined],
	])('from http://127.0.0.1:5000/api/v3/activities/1 to %j', (location, expected) => {
		expect(sameOriginTarget('http://127.0.0.1:5000/api/v3/activities/1', location)).toBe(expected);
	});

	test.each([
		[301, 'POST', 'GET', true],
		[302, 'PUT', 'GET', true],
		[303, 'DELETE', 'GET', true],
		[307, 'POST', 'POST', false],
		[308, 'PUT', 'PUT', false],
		[302, 'GET', 'GET', false],
		[301, 'HEAD', 'HEAD', false],
		[303, 'HEAD', 'HEAD', false],
	] as const)('a %i after %s is followed with %s (body dropped: %s)', (status, method, next, dropBody) => {
		expect(nextHop('http://127.0.0.1:5000/x', status, method)).toEqual({ url: 'http://127.0.0.1:5000/x', method: next, dropBody });
	});

	test('a Location that is not one string is not followed', () => {
		expect(sameOriginTarget('http://127.0.0.1:5000/api/v3/activities/1', ['/api/v3/activities/2'])).toBeUndefined();
		expect(sameOriginTarget('http://127.0.0.1:5000/api/v3/activities/1', undefined)).toBeUndefined();
	});
});
