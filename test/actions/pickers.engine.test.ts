import { StravaApi } from '../../nodes/StravaApi/StravaApi.node';
import { seedActivities } from '../sandbox';
import { useSandbox } from '../harness';

/**
 * Issue 12, pickers and defaults that cannot hurt: gear from the athlete's bikes and shoes in Activity →
 * Update and Create (the `gearId` name kept, old plain strings still read), an Update's Sport Type that
 * changes nothing until a sport is picked, and an Athlete → Update without a pre-filled weight of 0.
 */

const t = useSandbox((sandbox) => seedActivities(sandbox, 5));

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.apiPath}`);
const WRITE = ['activity:write', 'activity:read_all'];
const properties = new StravaApi().description.properties;
const collectionOption = (collection: string, operation: string, name: string) => {
	const field = properties.find((property) => property.name === collection && property.displayOptions?.show?.operation?.includes(operation));
	return (field?.options as Array<{ name: string; type?: string; default?: unknown; modes?: Array<{ name: string; typeOptions?: { searchListMethod?: string } }> }>).find(
		(option) => option.name === name,
	)!;
};

describe('gear: From list in Activity → Update and Create', () => {
	test('the field keeps its name (gearId) and offers From list (searchGear), By URL and By ID', () => {
		for (const [collection, operation] of [
			['updateFields', 'update'],
			['additionalFields', 'create'],
		]) {
			const gear = collectionOption(collection, operation, 'gearId');
			expect(gear.type).toBe('resourceLocator');
			expect(gear.default).toEqual({ mode: 'list', value: '' });
			expect(gear.modes!.map((mode) => mode.name)).toEqual(['list', 'url', 'id']);
			expect(gear.modes![0].typeOptions?.searchListMethod).toBe('searchGear');
		}
	});

	test('Update: a bike picked from the list, shoes by URL, an old plain string: each sends its gear_id', async () => {
		const picked = await t.run(
			{ resource: 'activity', operation: 'update', activityId: byId('1000'), updateFields: { gearId: { __rl: true, mode: 'list', value: 'b12345678', cachedResultName: 'Tarmac (bike)' } } },
			{ scopes: WRITE },
		);
		expect(picked.error).toBeUndefined();
		const byUrl = await t.run(
			{ resource: 'activity', operation: 'update', activityId: byId('1001'), updateFields: { gearId: { __rl: true, mode: 'url', value: 'https://www.strava.com/shoes/987' } } },
			{ scopes: WRITE },
		);
		expect(byUrl.error).toBeUndefined();
		const saved = await t.run({ resource: 'activity', operation: 'update', activityId: byId('1002'), updateFields: { gearId: 'b777' } }, { scopes: WRITE });
		expect(saved.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.body)).toEqual([{ gear_id: 'b12345678' }, { gear_id: 'g987' }, { gear_id: 'b777' }]);
	});

	test('Update: the gear field added but left empty sends nothing; "none" still clears', async () => {
		const empty = await t.run(
			{ resource: 'activity', operation: 'update', activityId: byId('1003'), updateFields: { gearId: { __rl: true, mode: 'list', value: '' } } },
			{ scopes: WRITE },
		);
		expect(empty.error?.message).toBe('Nothing to update');
		const none = await t.run({ resource: 'activity', operation: 'update', activityId: byId('1003'), updateFields: { gearId: byId('none') } }, { scopes: WRITE });
		expect(none.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.body)).toEqual([{ gear_id: 'none' }]);
	});

	test('Create with gear: POST /activities, then PUT its gear_id (Strava\'s create takes none): 2 requests', async () => {
		const result = await t.run(
			{
				resource: 'activity',
				operation: 'create',
				name: 'Commute home',
				sportType: 'Ride',
				startDateLocal: '2026-10-01T18:00:00',
				elapsedTime: 1500,
				additionalFields: { gearId: { __rl: true, mode: 'list', value: 'b12345678' } },
			},
			{ scopes: WRITE },
		);
		expect(result.error).toBeUndefined();
		const id = result.items[0].json.id;
		expect(calls()).toEqual(['POST /activities', `PUT /activities/${id}`]);
		expect(t.sandbox.apiCalls()[1].body).toEqual({ gear_id: 'b12345678' });
		expect(result.items[0].json).toMatchObject({ id, name: 'Commute home', gear_id: 'b12345678' });
	});

	test('Create with a bad gear ID fails before anything is created', async () => {
		const result = await t.run(
			{ resource: 'activity', operation: 'create', name: 'X', sportType: 'Ride', startDateLocal: '2026-10-01T18:00:00', elapsedTime: 60, additionalFields: { gearId: 'my bike' } },
			{ scopes: WRITE },
		);
		expect(result.error?.message).toBe('"my bike" is not a valid gear ID (field "Gear")');
		expect(calls()).toEqual([]);
	});

	test('Create whose gear request fails says the activity exists, so that it is not created twice', async () => {
		t.sandbox.faults.push({ method: 'PUT', path: /\/activities\/\d+$/, times: 1, status: 400, body: { message: 'Bad Request', errors: [{ resource: 'Activity', field: 'gear_id', code: 'invalid' }] } });
		const result = await t.run(
			{ resource: 'activity', operation: 'create', name: 'Y', sportType: 'Ride', startDateLocal: '2026-10-01T18:00:00', elapsedTime: 60, additionalFields: { gearId: 'b1' } },
			{ scopes: WRITE },
		);
		const id = t.sandbox.apiCalls()[1].apiPath!.split('/').pop();
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`Activity ${id} was created, but setting its gear to b1 failed`);
		expect(result.error?.description).toMatch(/running Create again would add a second activity/);
	});
});

describe('Sport Type in Activity → Update: nothing pre-filled', () => {
	test('its default is empty (no sport is picked for the user)', () => {
		const sport = collectionOption('updateFields', 'update', 'sportType');
		expect(sport.default).toBe('');
	});

	test('added but left empty, it is not sent; picked, it is', async () => {
		const kept = await t.run({ resource: 'activity', operation: 'update', activityId: byId('1004'), updateFields: { sportType: '', name: 'Renamed' } }, { scopes: WRITE });
		expect(kept.error).toBeUndefined();
		const only = await t.run({ resource: 'activity', operation: 'update', activityId: byId('1004'), updateFields: { sportType: '' } }, { scopes: WRITE });
		expect(only.error?.message).toBe('Nothing to update');
		const changed = await t.run({ resource: 'activity', operation: 'update', activityId: byId('1004'), updateFields: { sportType: 'TrailRun' } }, { scopes: WRITE });
		expect(changed.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.body)).toEqual([{ name: 'Renamed' }, { sport_type: 'TrailRun' }]);
	});
});

describe('Athlete → Update: no weight of 0', () => {
	test('the weight is required (Strava\'s PUT /athlete requires it) and not pre-filled with 0', () => {
		const weight = properties.find((property) => property.name === 'weight')!;
		expect(weight.required).toBe(true);
		expect(weight.default).not.toBe(0);
		expect(weight.default ?? null).toBeNull();
	});

	test.each([[null], [''], [0]])('a weight of %p is never sent', async (weight) => {
		const result = await t.run({ resource: 'athlete', operation: 'update', weight }, { scopes: ['profile:write', 'profile:read_all'] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/^The field "Weight \(Kg\)" (is empty|must be a positive number of kilograms)$/);
		expect(calls()).toEqual([]);
	});
});
