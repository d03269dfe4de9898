import { useSandbox } from '../harness';
import { registerEcho } from '../sandbox/routes/echo';

const t = useSandbox(registerEcho);

describe('request resource: each verb, signed and sent to {server}/api/v3', () => {
	test('GET sends query parameters and the Bearer token, and outputs the answer', async () => {
		const result = await t.run({
			resource: 'request',
			operation: 'get',
			path: '/echo?from=path',
			queryParameters: { parameters: [{ name: 'page', value: '2' }] },
		});
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(call.method).toBe('GET');
		expect(call.path).toBe('/api/v3/echo');
		expect(call.query).toEqual({ from: 'path', page: '2' });
		expect(String(call.headers.authorization)).toMatch(/^Bearer acc_/);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ method: 'GET', query: { from: 'path', page: '2' } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('POST with form fields sends application/x-www-form-urlencoded', async () => {
		const result = await t.run({
			resource: 'request',
			operation: 'post',
			path: '/echo',
			bodyType: 'form',
			formBody: { parameters: [{ name: 'name', value: 'Lunch ride' }, { name: 'trainer', value: '1' }] },
		});
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(call.method).toBe('POST');
		expect(call.contentType).toContain('application/x-www-form-urlencoded');
		expect(call.raw.toString()).toBe('name=Lunch+ride&trainer=1');
		expect(result.items[0].json).toMatchObject({ method: 'POST', body: { name: 'Lunch ride', trainer: '1' } });
	});

	test('PUT with a JSON body keeps real booleans', async () => {
		const result = await t.run({
			resource: 'request',
			operation: 'put',
			path: '/echo',
			bodyType: 'json',
			jsonBody: '{"commute": true, "gear_id": "none"}',
		});
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(call.method).toBe('PUT');
		expect(call.contentType).toContain('application/json');
		expect(JSON.parse(call.raw.toString())).toEqual({ commute: true, gear_id: 'none' });
	});

	test('DELETE with an empty answer outputs a success item', async () => {
		const result = await t.run({ resource: 'request', operation: 'delete', path: '/echo' });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((c) => c.method)).toEqual(['DELETE']);
		expect(result.items.map((i) => i.json)).toEqual([{ success: true, statusCode: 204 }]);
	});

	test('a full URL under {server}/api/v3 is accepted', async () => {
		const result = await t.run({ resource: 'request', operation: 'get', path: `${t.sandbox.url}/api/v3/athlete` });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(t.sandbox.state.athlete.id);
	});

	test('a file answer becomes binary data', async () => {
		const result = await t.run({
			resource: 'request',
			operation: 'get',
			path: '/echo/file',
			requestOptions: { response: 'file', binaryPropertyName: 'route' },
		});
		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary?.route;
		expect(binary?.mimeType).toBe('application/gpx+xml');
		expect(Buffer.from(binary!.data, 'base64').toString()).toContain('<gpx>');
	});

	test('one item per input item, each linked to its input', async () => {
		const result = await t.run(
			{ resource: 'request', operation: 'get', path: '=/echo?n={{$json.n}}' },
			{ input: [{ n: 1 }, { n: 2 }, { n: 3 }] },
		);
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((c) => c.query.n)).toEqual(['1', '2', '3']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('request resource: paths that would leave Strava send nothing', () => {
	const badPaths = [
		'https://evil.example.com/api/v3/athlete',
		'//evil.example.com/api/v3/athlete',
		'/../oauth/token',
		'/athlete/../../oauth/token',
		'/%2e%2e/oauth/token',
		'/athlete/%252e%252e/%252e%252e/oauth/token',
		'/athlete/%2F%2Fevil.example.com',
		'\\\\evil.example.com\\x',
		'/api/v4/athlete',
		'https://user:pass@evil.example.com/api/v3/athlete',
		'http://127.0.0.1:1/api/v3/athlete',
		'/athlete\r\nHost: evil.example.com',
		'/athlete#frag',
		'/%E0%A4%A',
	];
	test.each(badPaths)('%s', async (path) => {
		const result = await t.run({ resource: 'request', operation: 'get', path });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/^The path ".*" is not allowed: /s);
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('a full URL on the Strava host but outside /api/v3 is refused', async () => {
		const result = await t.run({ resource: 'request', operation: 'get', path: `${t.sandbox.url}/oauth/token` });
		expect(result.error?.message).toMatch(/not allowed/);
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('bad JSON in the body is named before any request', async () => {
		const result = await t.run({ resource: 'request', operation: 'put', path: '/echo', bodyType: 'json', jsonBody: '{nope' });
		expect(result.error?.message).toBe('The "JSON Body" field is not valid JSON');
		expect(t.sandbox.log).toHaveLength(0);
	});
});
