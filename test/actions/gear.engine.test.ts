import { useSandbox } from '../harness';

const t = useSandbox();

describe('gear resource', () => {
	test('get: a bike from the list', async () => {
		const result = await t.run({ resource: 'gear', operation: 'get', gearId: { __rl: true, mode: 'list', value: 'b12345678987655' } });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v3/gear/b12345678987655']);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: 'b12345678987655', brand_name: 'BMC', frame_type: 3, resource_state: 3 });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('get: shoes by plain ID', async () => {
		const result = await t.run({ resource: 'gear', operation: 'get', gearId: 'g12345678987655' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: 'g12345678987655', name: 'adidas' });
	});

	test.each([
		['https://www.strava.com/bikes/12345678987655', 'b12345678987655'],
		['https://www.strava.com/shoes/12345678987655?x=1', 'g12345678987655'],
	])('get: by the gear page URL %s', async (url, id) => {
		const result = await t.run({ resource: 'gear', operation: 'get', gearId: { __rl: true, mode: 'url', value: url } });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.path)).toEqual([`/api/v3/gear/${id}`]);
	});

	test("unknown gear carries Strava's 404", async () => {
		const result = await t.run({ resource: 'gear', operation: 'get', gearId: { __rl: true, mode: 'id', value: 'b999' } });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Strava error 404: Record Not Found');
	});

	test('a numeric-only gear ID fails naming the field, with no request', async () => {
		const result = await t.run({ resource: 'gear', operation: 'get', gearId: '12345' });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('"12345" is not a valid gear ID (field "Gear")');
		expect(result.error?.description).toContain('b12345678');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});
