// Cases found by mutation testing (npm run test:mutation, docs/testing.md): a Limit against Strava's page size.
import { useSandbox } from '../harness';
import { seedActivities } from '../sandbox';

const t = useSandbox((sandbox) => seedActivities(sandbox, 450));
const getMany = (limit: number) => t.run({ resource: 'activity', operation: 'getAll', returnAll: false, limit });
const pages = () => t.sandbox.apiCalls().map((c) => `${c.query.page}/${c.query.per_page}`);

test('a Limit above 200 takes pages of 200 and trims the last one to the Limit', async () => {
	const all = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true });
	expect(all.items).toHaveLength(450);
	const before = t.sandbox.apiCalls().length;

	const result = await getMany(250);
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.json.id)).toEqual(all.items.slice(0, 250).map((i) => i.json.id));
	expect(pages().slice(before)).toEqual(['1/200', '2/200']);
});

test('a Limit of exactly one page stops after that page', async () => {
	const full = await getMany(200);
	expect(full.items).toHaveLength(200);
	expect(pages()).toEqual(['1/200']);
});

test('a Limit below 200 asks for a page of that size only', async () => {
	const few = await getMany(7);
	expect(few.items).toHaveLength(7);
	expect(pages()).toEqual(['1/7']);
});

test('a Limit above what exists returns everything and ends at the empty page', async () => {
	const result = await getMany(1000);
	expect(result.items).toHaveLength(450);
	expect(pages()).toEqual(['1/200', '2/200', '3/200', '4/200']);
});

describe("Strava's cursor (activity comments): the list ends where the cursor does", () => {
	const comment = (n: number, cursor?: unknown) => ({ id: n, text: `Comment ${n}`, ...(cursor === undefined ? {} : { cursor }) });
	const getComments = () =>
		t.run({ resource: 'activity', operation: 'getComments', activityId: { __rl: true, mode: 'id', value: '1000' }, returnAll: true });
	const cursors = () => t.sandbox.apiCalls().filter((c) => c.path.endsWith('/comments')).map((c) => c.query.after_cursor ?? '-');

	test('a last comment without a cursor, or with a null one, ends the list after that page', async () => {
		for (const last of [undefined, null]) {
			t.sandbox.clearLog();
			t.sandbox.faults.push({ path: /\/comments$/, status: 200, body: [comment(1, 'c1'), comment(2, last)], times: 1 });
			const result = await getComments();
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json.id)).toEqual([1, 2]);
			expect(cursors()).toEqual(['-']);
		}
	});

	test('a page whose last entry is null is an error naming the answer, not the end of the list', async () => {
		t.sandbox.faults.push({ path: /\/comments$/, status: 200, body: [comment(1, 'c1'), null], times: 1 });
		const result = await getComments();
		expect(result.items).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('a JSON array of values that are not objects');
		expect(cursors()).toEqual(['-']);
	});

	test('a page that ends on the cursor it was asked after ends the list (no loop)', async () => {
		t.sandbox.faults.push(
			{ path: /\/comments$/, query: { after_cursor: 'c2' }, status: 200, body: [comment(3, 'c2')], times: 5 },
			{ path: /\/comments$/, status: 200, body: [comment(1, 'c1'), comment(2, 'c2')], times: 1 },
		);
		const result = await getComments();
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual([1, 2, 3]);
		expect(cursors()).toEqual(['-', 'c2']);
	});
});

test.each([0, -3, 2.5])('a Limit of %s is refused before any request, naming the field', async (limit) => {
	const result = await getMany(limit);
	expect(result.error?.message).toBe(`The field "Limit" must be a whole number of at least 1, not "${limit}"`);
	expect(t.sandbox.apiCalls()).toEqual([]);
});
