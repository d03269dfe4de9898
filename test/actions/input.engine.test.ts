/**
 * Issue 10, bad input: refused before any request with a NodeOperationError naming the field. Impossible
 * dates (2026-02-30 is not 2 March), limits that are not a whole number of at least 1, unknown resources
 * and operations. With "Continue On Fail" every input item becomes an error item (none passes through).
 */
import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness';
import { seedActivities, seedEfforts } from '../sandbox';

const t = useSandbox((sandbox) => {
	seedActivities(sandbox, 30);
	seedEfforts(sandbox, 229781, 3);
});

const id = (value: string) => ({ __rl: true, mode: 'id', value });

interface Case {
	class: string;
	name: string;
	parameters: INodeParameters;
	error: string | RegExp;
}

const IMPOSSIBLE = ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-05-01T24:00:00', '2026-05-01T10:61:00', '2026-02-30T10:00:00Z', '2026-02-30T10:00:00+02:00'];

const cases: Case[] = [
	...IMPOSSIBLE.flatMap((value): Case[] => [
		{ class: 'impossible date', name: `Activity Get Many "After" = ${value}`, parameters: { resource: 'activity', operation: 'getAll', returnAll: true, filters: { after: value } }, error: `The field "After" is not a valid date-time: "${value}"` },
		{ class: 'impossible date', name: `Activity Get Many "Before" = ${value}`, parameters: { resource: 'activity', operation: 'getAll', returnAll: true, filters: { before: value } }, error: `The field "Before" is not a valid date-time: "${value}"` },
	]),
	...['2026-02-30', '2026-06-31T08:00:00', '2026-02-29T00:00:00Z'].flatMap((value): Case[] => [
		{ class: 'impossible date', name: `Segment Effort Get Many "Start Date (Local)" = ${value}`, parameters: { resource: 'segmentEffort', operation: 'getAll', segmentId: id('229781'), returnAll: true, filters: { startDateLocal: value } }, error: `The filter "Start Date (Local)" is not a valid date: "${value}"` },
		{ class: 'impossible date', name: `Segment Effort Get Many "End Date (Local)" = ${value}`, parameters: { resource: 'segmentEffort', operation: 'getAll', segmentId: id('229781'), returnAll: true, filters: { endDateLocal: value } }, error: `The filter "End Date (Local)" is not a valid date: "${value}"` },
	]),
	...['2026-02-30T10:00:00', '2026-11-31T06:30:00', '2026-05-01T25:00:00'].map((value): Case => ({
		class: 'impossible date',
		name: `Activity Create "Start Time (Local)" = ${value}`,
		parameters: { resource: 'activity', operation: 'create', name: 'Lunch', sportType: 'Run', startDateLocal: value, elapsedTime: 1800 },
		error: `The field "Start Time (Local)" is not a valid date-time: "${value}"`,
	})),

	...([0, -5, 1.5, Number.NaN, 'abc', '={{ "abc" }}', '={{ 0 }}', '={{ 2.5 }}'] as const).flatMap((limit): Case[] => {
		const shown = typeof limit === 'string' && limit.startsWith('=') ? limit.replace(/^=\{\{ "?|"? \}\}$/g, '') : String(limit);
		const error = `The field "Limit" must be a whole number of at least 1, not "${shown}"`;
		return [
			{ class: 'limit', name: `Activity Get Many, Limit ${String(limit)}`, parameters: { resource: 'activity', operation: 'getAll', limit }, error },
			{ class: 'limit', name: `Route Get Many (connected athlete), Limit ${String(limit)}`, parameters: { resource: 'route', operation: 'getAll', limit }, error },
		];
	}),
	{ class: 'limit', name: 'Club Get Many, Limit 0', parameters: { resource: 'club', operation: 'getAll', limit: 0 }, error: 'The field "Limit" must be a whole number of at least 1, not "0"' },
	{ class: 'limit', name: 'Segment Get Starred, Limit 1.5', parameters: { resource: 'segment', operation: 'getStarred', limit: 1.5 }, error: 'The field "Limit" must be a whole number of at least 1, not "1.5"' },
	{ class: 'limit', name: 'Segment Effort Get Many, Limit -1', parameters: { resource: 'segmentEffort', operation: 'getAll', segmentId: id('229781'), limit: -1 }, error: 'The field "Limit" must be a whole number of at least 1, not "-1"' },
	{ class: 'limit', name: 'Activity Get Comments, Limit 0', parameters: { resource: 'activity', operation: 'getComments', activityId: id('1000'), limit: 0 }, error: 'The field "Limit" must be a whole number of at least 1, not "0"' },
	{ class: 'limit', name: 'Activity Get Kudoers, Limit "abc"', parameters: { resource: 'activity', operation: 'getKudoers', activityId: id('1000'), limit: 'abc' }, error: 'The field "Limit" must be a whole number of at least 1, not "abc"' },

	{ class: 'unknown operation', name: 'Activity → "explode"', parameters: { resource: 'activity', operation: 'explode' }, error: 'The operation "explode" is not supported for Activity' },
	{ class: 'unknown operation', name: 'Segment → "delete"', parameters: { resource: 'segment', operation: 'delete', segmentId: id('229781') }, error: 'The operation "delete" is not supported for Segment' },
	{ class: 'unknown operation', name: 'resource "planet"', parameters: { resource: 'planet', operation: 'get' }, error: 'The resource "planet" is not supported' },
	{ class: 'unknown operation', name: 'resource "planet" without an operation', parameters: { resource: 'planet' }, error: 'The resource "planet" is not supported' },
	{ class: 'unknown operation', name: 'operation "constructor" (no prototype lookups)', parameters: { resource: 'activity', operation: 'constructor' }, error: 'The operation "constructor" is not supported for Activity' },
];

const counts = new Map<string, number>();
afterAll(() => {
	const lines = [...counts].map(([name, n]) => `  ${name}: ${n}`);
	console.log(`faults.input: ${[...counts.values()].reduce((a, b) => a + b, 0)} engine runs by class\n${lines.join('\n')}`);
});

describe.each(cases)('$class: $name', (testCase) => {
	test('stops with a NodeOperationError naming the field, before any request', async () => {
		counts.set(testCase.class, (counts.get(testCase.class) ?? 0) + 1);
		const result = await t.run(testCase.parameters, { input: [{ n: 1 }, { n: 2 }] });
		expect(result.error?.name).toBe('NodeOperationError');
		if (typeof testCase.error === 'string') expect(result.error?.message).toBe(testCase.error);
		else expect(result.error?.message).toMatch(testCase.error);
		expect(result.items).toHaveLength(0);
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('continueOnFail: one error item per input item, no input passed through', async () => {
		counts.set(testCase.class, (counts.get(testCase.class) ?? 0) + 1);
		const result = await t.run(testCase.parameters, { input: [{ n: 1 }, { n: 2 }], continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[testCase.error instanceof RegExp ? expect.stringMatching(testCase.error) : testCase.error, { item: 0 }],
			[testCase.error instanceof RegExp ? expect.stringMatching(testCase.error) : testCase.error, { item: 1 }],
		]);
		expect(result.items.some((item) => item.json.n !== undefined)).toBe(false);
		expect(t.sandbox.log).toHaveLength(0);
	});
});

describe('valid input still runs', () => {
	test.each([
		['2024-02-29', 'leap day'],
		['2026-02-28T23:59:59Z', 'last second of February'],
		['2026-12-31', 'end of the year'],
	])('"After" = %s (%s) is accepted', async (after) => {
		counts.set('valid control', (counts.get('valid control') ?? 0) + 1);
		const result = await t.run({ resource: 'activity', operation: 'getAll', limit: 1, filters: { after } });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()).toHaveLength(1);
	});

	test('Limit 1 reads one page of one item', async () => {
		counts.set('valid control', (counts.get('valid control') ?? 0) + 1);
		const result = await t.run({ resource: 'activity', operation: 'getAll', limit: 1 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([{ page: '1', per_page: '1' }]);
	});
});
