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
