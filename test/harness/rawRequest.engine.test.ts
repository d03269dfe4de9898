import { seedActivities } from '../sandbox';
import { useSandbox } from '.';

const t = useSandbox((sandbox) => seedActivities(sandbox, 3));

test('a raw GET runs through the n8n engine against the sandbox', async () => {
	const result = await t.run({ resource: 'request', operation: 'get', path: '/athlete/activities' });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(3);
	expect(t.sandbox.apiCalls().map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v3/athlete/activities']);
});
