import type { INode } from 'n8n-workflow';

import { checkAnswer, excerpt, expectedText, scrubSecrets, type AnswerToCheck, type ResponseExpectation } from '../../nodes/shared/transport/expect';
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
		['one record for a list', { id: 7, name: 'x' }, 'array', 'a JSON object'],
		['a blank id', { id: '' }, 'object', 'a JSON object without an "id"'],
		['an id of spaces', { id: '  ' }, 'object', 'a JSON object without an "id"'],
		['JSON text after white space and a byte-order mark', Buffer.from(' \uFEFF[{"id":1}]'), 'array', 'ok'],
		['only white space', Buffer.from(' \n '), 'array', 'an empty body'],
		['text that mentions <html>', 'Error: see <html> for details', 'object', 'text that is not JSON'],
		['HTML after a line break', '\n<html><body>x</body></html>', 'object', 'an HTML page'],
		['a doctype with two spaces', '<!DOCTYPE  html><p>x</p>', 'object', 'an HTML page'],
		['<html lang="en">', '<html lang="en"><p>x</p></html>', 'object', 'an HTML page'],
		['<head> first', '<head><title>x</title></head>', 'object', 'an HTML page'],
		['<head profile="…"> first', '<head profile="x"><title>x</title></head>', 'object', 'an HTML page'],
		['<body> first', '<body>x</body>', 'object', 'an HTML page'],
		['<body class="…"> first', '<body class="x">x</body>', 'object', 'an HTML page'],
		['only white space as text', ' \n ', 'object', 'an empty body'],
		['text with a bracket inside', 'Bad request [id]', 'object', 'text that is not JSON'],
		['cut-off JSON after a space', ' {"id": 1, "na', 'object', 'JSON that is cut off or malformed'],
		['text with a < inside', 'a < b', 'object', 'text that is not JSON'],
		['XML after a space', ' <?xml version="1.0"?><error/>', 'object', 'an XML document'],
		['a list of a record and a number', [{ id: 1 }, 2], 'array', 'a JSON array of values that are not objects'],
		['a Strava error without errors or id', { message: 'Record Not Found' }, 'object', 'a Strava error object ("Record Not Found")'],
		['a Strava error with errors and an id', { message: 'Bad Request', errors: [], id: 1 }, 'array', 'a Strava error object ("Bad Request")'],
		['a record with an id and a message field', { id: 3, message: 'hello' }, 'array', 'a JSON object'],
		['a list holding a record and a number', { segments: [{ id: 1 }, 2] }, { listIn: 'segments' }, 'a JSON object without an "id"'],
		['typed streams and an untyped one', [{ type: 'latlng', data: [] }, { data: [] }], 'streams', 'a JSON array of 2 objects'],
		['a GPX whose root follows a long comment', Buffer.from(`<?xml version="1.0"?><!--${'x'.repeat(5000)}--><gpx version="1.1"></gpx>`), { xml: 'gpx' }, 'ok'],
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

describe('what a misfit message says', () => {
	function failure(answer: Partial<AnswerToCheck>, expectation: ResponseExpectation = 'object'): { message: string; description: string } {
		try {
			checkAnswer(node, { method: 'GET', path: '/athlete/activities', status: 200, headers: {}, body: 'x', ...answer }, expectation);
		} catch (error) {
			return error as { message: string; description: string };
		}
		throw new Error('the answer was accepted');
	}
	const tail = 'The node stopped rather than pass on data it does not understand. This is usually a passing fault';

	test('what came back, with and without a content type', () => {
		expect(failure({ body: 'oops' }).description).toContain('Expected a Strava record (a JSON object with an "id"). It sent: "oops". ' + tail);
		expect(failure({ body: 'oops', headers: { 'content-type': 'text/html ; charset=utf-8' } }).description).toContain('It sent (text/html): "oops".');
		expect(failure({ body: '' }).description).toContain('It sent nothing. ' + tail);
		expect(failure({ body: '', headers: { 'content-type': 'application/json' } }).description).toContain('It sent nothing (application/json). ' + tail);
	});

	test('a page after the first may have ended the list early; the first page or no page does not say so', () => {
		expect(failure({ page: 2 }, 'array').description).toContain('does not understand or end the list early. This is usually');
		expect(failure({ page: 1 }, 'array').description).toContain(tail);
		expect(failure({}, 'array').description).toContain(tail);
		expect(failure({ page: 2 }, 'array').message).toBe("Strava's answer to GET /athlete/activities (page 2) is not what this endpoint returns: text that is not JSON, HTTP 200");
	});

	test('what was expected, for each kind of endpoint', () => {
		expect(expectedText({ oneOf: ['record', 'array'] })).toBe('a JSON object or a list (a JSON array of objects)');
		expect(expectedText('xml')).toBe('an XML file');
		expect(expectedText({ xml: 'gpx' })).toBe('an XML file (<gpx>)');
		expect(expectedText('none')).toBe('any answer');
		expect(expectedText({ listIn: 'segments' })).toBe('a JSON object with a "segments" list');
	});
});

describe('excerpts and scrubbing, exactly', () => {
	test('Bearer values, however spaced, become ***', () => {
		expect(scrubSecrets('Bearer abc.def-123 rest')).toBe('Bearer *** rest');
		expect(scrubSecrets('bearer  abc123')).toBe('bearer  ***');
	});

	test('secrets of four characters or more are scrubbed; shorter or empty ones leave the text alone', () => {
		expect(scrubSecrets('x abcd y', ['abcd'])).toBe('x *** y');
		expect(scrubSecrets('x abc y', ['abc'])).toBe('x abc y');
		expect(scrubSecrets('x abc y', [''])).toBe('x abc y');
	});

	test('an excerpt: white space folded and trimmed, cut only past its length, nothing for no body', () => {
		expect(excerpt('  a\n\n\tb  ')).toBe('a b');
		expect(excerpt('abcde', [], 5)).toBe('abcde');
		expect(excerpt('abcdef', [], 5)).toBe('abcde…');
		expect(excerpt(undefined)).toBe('');
		expect(excerpt({ id: 1 })).toBe('{"id":1}');
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
