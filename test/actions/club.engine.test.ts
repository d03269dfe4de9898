import { useSandbox } from '../harness';
import { seedClubMembers } from '../sandbox';

const t = useSandbox((sandbox) => seedClubMembers(sandbox, 231407, 450));

const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.path.replace('/api/v3', '')}`);
const club = (value: string, mode = 'list') => ({ __rl: true, mode, value });

describe('club resource', () => {
	test('get: GET /clubs/{id} from the list', async () => {
		const result = await t.run({ resource: 'club', operation: 'get', clubId: club('231407') });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /clubs/231407']);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: 231407, name: 'The Strava Club', resource_state: 3 });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('get accepts a club URL', async () => {
		const result = await t.run({ resource: 'club', operation: 'get', clubId: club('https://www.strava.com/clubs/1/recent_activity', 'url') });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /clubs/1']);
		expect(result.items[0].json.name).toBe('Team Strava Cycling');
	});

	test('getAll with Return All pages through /athlete/clubs until an empty page', async () => {
		const result = await t.run({ resource: 'club', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => [call.path, call.query])).toEqual([
			['/api/v3/athlete/clubs', { page: '1', per_page: '200' }],
			['/api/v3/athlete/clubs', { page: '2', per_page: '200' }],
		]);
		expect(result.items.map((item) => item.json.id)).toEqual([231407, 1]);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('getAll with a limit asks for just that many', async () => {
		const result = await t.run({ resource: 'club', operation: 'getAll', returnAll: false, limit: 1 });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([{ page: '1', per_page: '1' }]);
		expect(result.items).toHaveLength(1);
	});

	test('a URL of another kind fails naming the field, with no request', async () => {
		const result = await t.run({ resource: 'club', operation: 'get', clubId: 'https://www.strava.com/routes/123' });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('"https://www.strava.com/routes/123" is not a valid club ID (field "Club")');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('continueOnFail: a bad item becomes an error item, paired with its input', async () => {
		const result = await t.run(
			{ resource: 'club', operation: 'get', clubId: { __rl: true, mode: 'id', value: '={{ $json.club }}' } },
			{ input: [{ club: '231407' }, { club: 'x1' }, { club: '424242' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GET /clubs/231407', 'GET /clubs/424242']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.id).toBe(231407);
		expect(result.items[1].json.error).toBe('"x1" is not a valid club ID (field "Club")');
		expect(result.items[2].json).toMatchObject({ error: 'Strava error 404: Record Not Found', httpCode: '404' });
	});
});
