import type { INode } from 'n8n-workflow';

import { checkAnswer, excerpt, scrubSecrets, type ResponseExpectation } from '../../nodes/StravaApi/transport/expect';
import { sameOriginTarget } from '../../nodes/StravaApi/transport/request';
import { isCalendarDate } from '../../nodes/StravaApi/actions/shared/dates';

const node: INode = { id: 'n', name: 'Strava API', type: 'n8n-nodes-strava-api.stravaApi', typeVersion: 1, position: [0, 0], parameters: {} };

function verdict(body: unknown, expect: ResponseExpectation): string {
	try {
		checkAnswer(node, { method: 'GET', path: '/x', status: 200, headers: {}, body }, expect);
		return 'ok';
	} catch (error) {
		return (error as Error).message.replace(/^.*returns: (.*), HTTP 200$/, '$1');
	}
}

describe('checkAnswer: what each endpoint returns', () => {
	test.each<[string, unknown, ResponseExpectation, string]>([
		['a record with a numeric id', { id: 1 }, 'object', 'ok'],
		['a record with a string id (gear)', { id: 'b12345' }, 'object', 'ok'],
		['a route with only id_str', { id_str: '3344012345678901201' }, 'object', 'ok'],
		['an id of "undefined"', { id: 'undefined' }, 'object', 'a JSON object without an "id"'],
		['HTML for a record', '<html><body>x</body></html>', 'object', 'an HTML page'],
		['a list of records', [{ id: 1 }, { id: 2 }], 'array', 'ok'],
		['an empty list (the end of a list)', [], 'array', 'ok'],
		['JSON text of a list', '[{"id":1}]', 'array', 'ok'],
		['[1,2,3] for a list', [1, 2, 3], 'array', 'a JSON array of values that are not objects'],
		['stats without an id', { all_ride_totals: {} }, 'record', 'ok'],
		['streams keyed by type', { distance: { data: [1, 2] } }, 'streams', 'ok'],
		['streams as a typed list', [{ type: 'latlng', data: [] }], 'streams', 'ok'],
		['a list of untyped streams', [{ data: [] }], 'streams', 'a JSON array of 1 objects'],
		['no streams', {}, 'streams', 'an empty JSON object (no streams)'],
		['explore', { segments: [{ id: 1 }] }, { listIn: 'segments' }, 'ok'],
		['a GPX file', Buffer.from('\uFEFF <?xml version="1.0"?>\n<gpx version="1.1"></gpx>'), { xml: 'gpx' }, 'ok'],
		['a namespaced TCX root', Buffer.from('<?xml version="1.0"?><tcx:TrainingCenterDatabase xmlns:tcx="x"/>'), { xml: 'TrainingCenterDatabase' }, 'ok'],
		['an HTML page as a file', Buffer.from('<!DOCTYPE html><html></html>'), 'xml', 'an HTML page'],
		['an empty file', Buffer.alloc(0), { xml: 'gpx' }, 'an empty body'],
		['zones as an object or a list', [{ type: 'heartrate' }], { oneOf: ['record', 'array'] }, 'ok'],
		['raw: anything', 'plain text', 'none', 'ok'],
		// How an answer that does not fit is described.
		['XML for a record', '<?xml version="1.0"?><error/>', 'object', 'an XML document'],
		['JSON null for a record', null, 'object', 'JSON null'],
		['JSON text null for a record', 'null', 'object', 'JSON null'],
		['nothing for a list', undefined, 'array', 'an empty body'],
		['{} for a record', {}, 'object', 'an empty JSON object'],
		['a record without an id', { name: 'x' }, 'object', 'a JSON object without an "id"'],
		['a Strava error with a long message', { message: 'm'.repeat(70), errors: [] }, 'object', `a Strava error object ("${'m'.repeat(60)}")`],
		['cut-off JSON', '{"id": 1, "na', 'object', 'JSON that is cut off or malformed'],
		['plain text for a list', 'Service Unavailable', 'array', 'text that is not JSON'],
		['a number for a record', 42, 'object', 'a JSON number'],
	])('%s', (_name, body, expectation, expected) => {
		expect(verdict(body, expectation)).toBe(expected);
	});
});

describe('messages never carry secrets', () => {
	test('tokens, the client secret and Bearer values are scrubbed from excerpts', () => {
		const text = 'Bearer abc.def-123 {"access_token":"a1b2c3d4","refresh_token":"r9r9r9r9"} client_secret=s3cr3tvalue and mysecretvalue';
		const clean = scrubSecrets(text, ['mysecretvalue']);
		for (const secret of ['abc.def-123', 'a1b2c3d4', 'r9r9r9r9', 's3cr3tvalue', 'mysecretvalue']) expect(clean).not.toContain(secret);
	});

	test('an excerpt is short and on one line', () => {
		expect(excerpt(`<html>\n${'x'.repeat(500)}</html>`)).toMatch(/^<html> x{113}…$/);
	});

	test('the message of a bad answer quotes it without the token', () => {
		expect(() =>
			checkAnswer(node, { method: 'GET', path: '/athlete', status: 200, headers: { 'content-type': 'text/plain' }, body: 'token tok-12345678 expired' }, 'object', { secrets: ['tok-12345678'] }),
		).toThrow(expect.objectContaining({ description: expect.stringContaining('It sent (text/plain): "token *** expired".') }));
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
});

describe('calendar dates', () => {
	test.each([
		[2024, 2, 29, true],
		[2025, 2, 29, false],
		[2026, 2, 30, false],
		[2026, 4, 31, false],
		[2026, 12, 31, true],
		[2026, 13, 1, false],
		[2026, 1, 0, false],
	])('%i-%i-%i exists: %s', (y, m, d, expected) => {
		expect(isCalendarDate(y, m, d)).toBe(expected);
	});
});
