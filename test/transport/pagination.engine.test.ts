import { useSandbox } from '../harness';
import { seedActivities, shortActivityPages } from '../sandbox';

const t = useSandbox((sandbox) => seedActivities(sandbox, 1000));
const returnAll = { resource: 'request', operation: 'get', path: '/athlete/activities', returnAll: true };

afterEach(() => shortActivityPages.delete(t.sandbox));

test('Return All over 1,000 activities: every item in exactly 6 requests (ceil(N/200)+1)', async () => {
	const result = await t.run(returnAll);
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1000);
	expect(new Set(result.items.map((i) => i.json.id)).size).toBe(1000);
	const calls = t.sandbox.apiCalls();
	expect(calls).toHaveLength(6);
	expect(calls.map((c) => c.query.page)).toEqual(['1', '2', '3', '4', '5', '6']);
	expect(calls.every((c) => c.query.per_page === '200')).toBe(true);
});

test('a short page mid-list does not end the list: every item after it is returned', async () => {
	shortActivityPages.set(t.sandbox, new Set([2]));
	const result = await t.run(returnAll);
	expect(result.error).toBeUndefined();
	// Page 2 hides half of its 200 entries (privacy); pages 3–5 still come through.
	expect(result.items).toHaveLength(900);
	const ids = new Set(result.items.map((i) => i.json.id));
	expect(ids.has(1999)).toBe(true);
	expect(ids.has(1400)).toBe(true);
	expect(t.sandbox.apiCalls()).toHaveLength(6);
});

test('Return All over the query string of the path keeps the user filters', async () => {
	const before = Date.parse('2026-11-01T08:00:00Z') / 1000 - 10 * 3600 + 1;
	const result = await t.run({ ...returnAll, path: `/athlete/activities?before=${before}` });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(990);
	expect(t.sandbox.apiCalls().every((c) => c.query.before === String(before))).toBe(true);
});
