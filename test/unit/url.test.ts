import { resolveApiPath } from '../../nodes/StravaApi/transport/url';

const server = 'https://www.strava.com';

test.each([
	['/athlete', '/athlete'],
	['athlete/activities', '/athlete/activities'],
	['/api/v3/athlete', '/athlete'],
	['https://www.strava.com/api/v3/activities/1?include_all_efforts=true', '/activities/1?include_all_efforts=true'],
	['/segments/explore?bounds=1,2,3,4', '/segments/explore?bounds=1,2,3,4'],
])('accepts %s', (input, expected) => {
	expect(resolveApiPath(input, server)).toEqual({ ok: true, path: expected });
});

test.each([
	'https://www.strava.com.evil.example/api/v3/athlete',
	'https://www.strava.com/oauth/token',
	'http://www.strava.com/api/v3/athlete',
	'https://www.strava.com:444/api/v3/athlete',
	'javascript:alert(1)',
	'/athlete/..%2f..%2foauth',
	'/athlete/%2e',
	'',
	'   ',
])('refuses %s', (input) => {
	expect(resolveApiPath(input, server).ok).toBe(false);
});

test('the server setting decides the host', () => {
	expect(resolveApiPath('http://127.0.0.1:9/api/v3/athlete', 'http://127.0.0.1:9/')).toEqual({ ok: true, path: '/athlete' });
	expect(resolveApiPath('http://127.0.0.1:9/api/v3/athlete', server).ok).toBe(false);
});
