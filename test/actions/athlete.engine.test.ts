import { useSandbox } from '../harness';

const t = useSandbox();

const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.path.replace('/api/v3', '')}`);

describe('athlete resource', () => {
	test('get: GET /athlete outputs the connected athlete', async () => {
		const result = await t.run({ resource: 'athlete', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /athlete']);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: 134815, firstname: 'Marianne', bikes: expect.any(Array) });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('update: PUT /athlete sends the weight as a JSON number and outputs the athlete', async () => {
		const result = await t.run({ resource: 'athlete', operation: 'update', weight: 68.5 });
		expect(result.error).toBeUndefined();
		const [call] = t.sandbox.apiCalls();
		expect(call.method).toBe('PUT');
		expect(call.path).toBe('/api/v3/athlete');
		expect(call.contentType).toContain('application/json');
		expect(JSON.parse(call.raw.toString())).toEqual({ weight: 68.5 });
		expect(result.items.map((item) => item.json.weight)).toEqual([68.5]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('update without profile:write fails with the missing permission named', async () => {
		const result = await t.run({ resource: 'athlete', operation: 'update', weight: 70 }, { scopes: ['read', 'profile:read_all'] });
		expect(result.error?.message).toContain('"profile:write" permission');
		expect(calls()).toEqual(['PUT /athlete']);
	});

	test('update with a weight of 0 fails before any request', async () => {
		const result = await t.run({ resource: 'athlete', operation: 'update', weight: 0 });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('"Weight (Kg)"');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('getStats with Athlete left empty looks up the connected athlete once for all items', async () => {
		const result = await t.run(
			{ resource: 'athlete', operation: 'getStats', athleteId: { __rl: true, mode: 'id', value: '' } },
			{ input: [{ a: 1 }, { a: 2 }] },
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /athlete', 'GET /athletes/134815/stats', 'GET /athletes/134815/stats']);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ biggest_ride_distance: expect.any(Number), ytd_run_totals: { count: 71 } });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('getStats with an athlete URL or plain ID asks for that athlete only', async () => {
		const byUrl = await t.run({
			resource: 'athlete',
			operation: 'getStats',
			athleteId: { __rl: true, mode: 'url', value: 'https://www.strava.com/athletes/134815' },
		});
		expect(byUrl.error).toBeUndefined();
		const byPlainId = await t.run({ resource: 'athlete', operation: 'getStats', athleteId: '134815' });
		expect(byPlainId.error).toBeUndefined();
		expect(calls()).toEqual(['GET /athletes/134815/stats', 'GET /athletes/134815/stats']);
	});

	test('getStats with a malformed athlete ID fails naming the field, with no request', async () => {
		// A plain string in a saved workflow, and an expression (n8n checks neither before running).
		const plain = await t.run({ resource: 'athlete', operation: 'getStats', athleteId: 'marianne' });
		expect(plain.error?.name).toBe('NodeOperationError');
		expect(plain.error?.message).toBe('"marianne" is not a valid athlete ID (field "Athlete")');
		const expression = await t.run({
			resource: 'athlete',
			operation: 'getStats',
			athleteId: { __rl: true, mode: 'url', value: '={{ "https://www.strava.com/clubs/231407" }}' },
		});
		expect(expression.error?.name).toBe('NodeOperationError');
		expect(expression.error?.message).toContain('is not a valid athlete ID (field "Athlete")');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('getZones: GET /athlete/zones outputs heart rate and power zones', async () => {
		const result = await t.run({ resource: 'athlete', operation: 'getZones' });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /athlete/zones']);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ heart_rate: { zones: expect.any(Array) }, power: { zones: expect.any(Array) } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('getZones without profile:read_all names that permission', async () => {
		const result = await t.run({ resource: 'athlete', operation: 'getZones' }, { scopes: ['read'] });
		expect(result.error?.message).toContain('"profile:read_all" permission');
	});
});
