import { apiBases, preferredBaseIndex, rememberBase, serverOrigin } from '../../nodes/shared/transport/hosts';
import { resolveApiPath } from '../../nodes/shared/transport/url';

const known = apiBases({ server: 'https://www.strava.com' }).known;

test('a default credential knows the old base and both spellings of the new host', () => {
	expect(known).toEqual(['https://www.strava.com/api/v3', 'https://api-v3.strava.com', 'https://www.api-v3.strava.com']);
});

test.each([
	['/athlete', '/athlete'],
	['athlete/activities', '/athlete/activities'],
	['/api/v3/athlete', '/athlete'],
	['https://www.strava.com/api/v3/activities/1?include_all_efforts=true', '/activities/1?include_all_efforts=true'],
	['/segments/explore?bounds=1,2,3,4', '/segments/explore?bounds=1,2,3,4'],
	// Strava's new API host has no /api/v3 prefix.
	['https://api-v3.strava.com/athlete/activities?page=2', '/athlete/activities?page=2'],
	['https://www.api-v3.strava.com/activities/7', '/activities/7'],
	['https://api-v3.strava.com', '/'],
	// A colon later in a path is not a scheme (a time in the query).
	['/athlete/activities?before=2026-01-01T00:00:00Z', '/athlete/activities?before=2026-01-01T00:00:00Z'],
])('accepts %s', (input, expected) => {
	expect(resolveApiPath(input, known)).toEqual({ ok: true, path: expected });
});

test.each([
	'https://www.strava.com.evil.example/api/v3/athlete',
	'https://www.strava.com/oauth/token',
	'https://www.strava.com/athlete',
	'http://www.strava.com/api/v3/athlete',
	'https://www.strava.com:444/api/v3/athlete',
	'https://api-v3.strava.com.evil.example/athlete',
	'http://api-v3.strava.com/athlete',
	'https://user:pw@api-v3.strava.com/athlete',
	'https://api-v3.strava.com/api/v4/athlete',
	'https://api-v3.strava.com//evil.example/athlete',
	'https://api-v3.strava.com/athlete/../../oauth',
	'javascript:alert(1)',
	'/athlete/..%2f..%2foauth',
	'/athlete/%2e',
	'',
	'   ',
])('refuses %s', (input) => {
	expect(resolveApiPath(input, known).ok).toBe(false);
});

test('the server setting decides the host', () => {
	const sandbox = apiBases({ server: 'http://127.0.0.1:9/' }).known;
	expect(resolveApiPath('http://127.0.0.1:9/api/v3/athlete', sandbox)).toEqual({ ok: true, path: '/athlete' });
	expect(resolveApiPath('http://127.0.0.1:9/api/v3/athlete', known).ok).toBe(false);
	expect(resolveApiPath('https://www.strava.com/api/v3/athlete', sandbox.filter((base) => base.includes('127.0.0.1'))).ok).toBe(false);
});

describe('which API base is used when', () => {
	const before = Date.parse('2027-05-31T23:59:59Z');
	const after = Date.parse('2027-06-01T00:00:00Z');

	test('automatic: the old base before 2027-06-01, the new host (then its other spelling, then the old base) from that day', () => {
		expect(apiBases({}, before).candidates).toEqual(['https://www.strava.com/api/v3']);
		expect(apiBases({ apiHost: 'auto' }, after).candidates).toEqual([
			'https://api-v3.strava.com',
			'https://www.api-v3.strava.com',
			'https://www.strava.com/api/v3',
		]);
	});

	test('a fixed choice ignores the date', () => {
		expect(apiBases({ apiHost: 'current' }, after).candidates).toEqual(['https://www.strava.com/api/v3']);
		expect(apiBases({ apiHost: 'new' }, before).candidates[0]).toBe('https://api-v3.strava.com');
	});

	test('a credential pointed at another server never sends its token to Strava\'s public new host', () => {
		expect(apiBases({ server: 'http://127.0.0.1:9' }, after).candidates).toEqual(['http://127.0.0.1:9/api/v3']);
		expect(apiBases({ server: 'http://127.0.0.1:9', newApiBase: 'http://127.0.0.1:10' }, after).candidates).toEqual([
			'http://127.0.0.1:10',
			'http://127.0.0.1:9/api/v3',
		]);
	});

	test('the move date is a setting of the credential', () => {
		expect(apiBases({ apiMoveDate: '2026-01-01T00:00:00Z' }, before).candidates[0]).toBe('https://api-v3.strava.com');
	});
});

describe('each refusal says why', () => {
	test.each([
		['', 'it is empty'],
		['   ', 'it is empty'],
		[undefined as unknown as string, 'it is empty'],
		['/athlete activities', 'it contains spaces or control characters'],
		['https://[not-a-host/athlete', 'it is not a valid URL'],
		['https://example.com/athlete', `it is not under the Strava API address (${known.join(' or ')})`],
		['//evil.example/athlete', 'it names another host'],
		['\\evil', 'it names another host'],
		['/athlete%5c..', 'it contains a backslash'],
		['/athlete%0a', 'it contains control characters'],
		['/athlete/%zz', 'it contains a malformed %-escape'],
		['/athlete/%2e%2e/oauth', 'it contains "." or ".." segments'],
		['/athlete%2f%2fevil', 'it contains an empty segment ("//")'],
		['/athlete#top', 'it contains a "#" fragment'],
		['https://api-v3.strava.com/api/v3/athlete', 'it is outside the Strava API (the new API host has no /api/v3 prefix)'],
		['/api/v4/athlete', 'it is outside /api/v3'],
	])('%j: %s', (input, reason) => {
		expect(resolveApiPath(input, known)).toEqual({ ok: false, reason });
	});
});

describe('%-encoding', () => {
	/** `text` %-encoded `levels` times over (each level encodes the previous level's "%"). */
	const encoded = (text: string, levels: number) => {
		let value = text.replace(/[.a]/g, (char) => `%${char.charCodeAt(0).toString(16)}`);
		for (let level = 1; level < levels; level++) value = value.replace(/%/g, '%25');
		return value;
	};

	test('up to 4 levels are decoded and checked; the path is sent as written', () => {
		expect(encoded('a', 4)).toBe('%25252561');
		expect(resolveApiPath(`/athletes/${encoded('a', 4)}`, known)).toEqual({ ok: true, path: '/athletes/%25252561' });
		expect(resolveApiPath(`/athletes/1/${encoded('..', 4)}/oauth`, known)).toEqual({ ok: false, reason: 'it contains "." or ".." segments' });
	});

	test('5 levels or more are refused: nothing Strava serves needs them', () => {
		expect(resolveApiPath(`/athletes/${encoded('a', 5)}`, known)).toEqual({ ok: false, reason: 'it is %-encoded more than 4 times over' });
		expect(resolveApiPath(`/athletes/${encoded('..', 9)}`, known)).toEqual({ ok: false, reason: 'it is %-encoded more than 4 times over' });
	});
});

test.each([
	['https://www.strava.com/api/v3', '/'],
	['https://www.strava.com/api/v3?page=2', '/?page=2'],
	['https://www.strava.com/api/v3/', '/'],
	['  /athlete  ', '/athlete'],
])('a full URL at the API base itself, or a padded path: %j', (input, expected) => {
	expect(resolveApiPath(input, known)).toEqual({ ok: true, path: expected });
});

describe('what is accepted, and the path it becomes', () => {
	test.each([
		// The old prefix, with or without the leading slash, at the base itself and before a query.
		['/api/v3/athlete', '/athlete'],
		['api/v3/athlete', '/athlete'],
		['/api/v3', '/'],
		['/api/v3?page=2', '/?page=2'],
		// Only a leading /api is the prefix; "api" or a colon later in the path or query is just text.
		['/athlete/api/clubs', '/athlete/api/clubs'],
		['/athlete?after=12:00', '/athlete?after=12:00'],
		// The query string is not a path: dots, slashes and backslashes in it are not checked as segments.
		['/athlete/activities?x=a/../b', '/athlete/activities?x=a/../b'],
		['/athlete?q=a\\b', '/athlete?q=a\\b'],
		['/athlete.json', '/athlete.json'],
		// A full URL as typed: the host in capitals, an explicit default port, no slashes after the scheme.
		['HTTPS://WWW.STRAVA.COM/api/v3/athlete', '/athlete'],
		['https://www.strava.com:443/api/v3/athlete', '/athlete'],
		['https:www.strava.com/api/v3/athlete', '/athlete'],
		['https://api-v3.strava.com/athlete?page=2', '/athlete?page=2'],
		['https://api-v3.strava.com', '/'],
		['https://api-v3.strava.com/segments/api', '/segments/api'],
	])('%j → %j', (input, path) => {
		expect(resolveApiPath(input, known)).toEqual({ ok: true, path });
	});

	test.each([
		['https://api-v3.strava.com/api', 'it is outside the Strava API (the new API host has no /api/v3 prefix)'],
		['https://api-v3.strava.com/api?x=1', 'it is outside the Strava API (the new API host has no /api/v3 prefix)'],
		['https://www.strava.com/api/v3x/athlete', `it is not under the Strava API address (${known.join(' or ')})`],
		['https://www.strava.com:8443/api/v3/athlete', `it is not under the Strava API address (${known.join(' or ')})`],
		['https://user:pw@www.strava.com/api/v3/athlete', `it is not under the Strava API address (${known.join(' or ')})`],
		['https:\\\\www.strava.com\\api\\v3\\athlete', `it is not under the Strava API address (${known.join(' or ')})`],
	])('%j is refused: %s', (input, reason) => {
		expect(resolveApiPath(input, known)).toEqual({ ok: false, reason });
	});

	test('a base given with trailing slashes is the same base', () => {
		expect(resolveApiPath('https://www.strava.com/api/v3/athlete', ['https://www.strava.com/api/v3//'])).toEqual({ ok: true, path: '/athlete' });
		expect(apiBases({ server: '  https://www.strava.com//  ' }).known[0]).toBe('https://www.strava.com/api/v3');
		expect(serverOrigin('  http://127.0.0.1:9///  ')).toBe('http://127.0.0.1:9');
	});

	test('a base that is not a URL: the full URL is refused as not a valid path, nothing is thrown', () => {
		expect(resolveApiPath('https://www.strava.com/api/v3/athlete', ['not a url'])).toEqual({ ok: false, reason: 'it is not a valid path' });
	});
});

describe('the base that last answered is preferred for an hour', () => {
	const after = Date.parse('2027-07-01T00:00:00Z');
	const bases = apiBases({ apiHost: 'auto' }, after);

	test('a remembered fallback is used until the hour is over, then the first base again', () => {
		expect(preferredBaseIndex(bases, after)).toBe(0);
		rememberBase(bases, 2, after);
		expect(preferredBaseIndex(bases, after)).toBe(2);
		expect(preferredBaseIndex(bases, after + 3_599_999)).toBe(2);
		expect(preferredBaseIndex(bases, after + 3_600_000)).toBe(0);
	});

	test('the first base answering again forgets the fallback; another list of bases has its own preference', () => {
		rememberBase(bases, 1, after);
		expect(preferredBaseIndex(apiBases({ apiHost: 'new' }, after), after)).toBe(0);
		rememberBase(bases, 0, after);
		expect(preferredBaseIndex(bases, after)).toBe(0);
	});

	test('a remembered index the list no longer has is ignored', () => {
		const shorter = { candidates: bases.candidates, known: bases.known };
		rememberBase(shorter, bases.candidates.length, after);
		expect(preferredBaseIndex(shorter, after)).toBe(0);
		rememberBase(shorter, bases.candidates.length - 1, after);
		expect(preferredBaseIndex(shorter, after)).toBe(bases.candidates.length - 1);
		rememberBase(shorter, 0, after);
	});
});
