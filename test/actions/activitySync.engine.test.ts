import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';

import { makeActivity, seedActivities } from '../sandbox';
import { useSandbox } from '../harness';
import { freezeClockAt } from '../harness/clock';

/**
 * Issue 12: Activity → Get Many for syncs. Filters applied while paging (Limit counts what passes), and
 * Include Details (one GET /activities/{id} per activity through the same transport and rate-limit
 * handling). The full-history sync of 1,000 activities runs against the sandbox's real limits (100 reads
 * per 15 min, 1,000 a day) on a controlled clock: Date is faked (n8n's clock and the sandbox's move
 * together), timers stay real, and the transport's sleep (n8n-workflow's, from @n8n/utils) moves the clock
 * forward instead of waiting.
 */

const mockClock = { sleptMs: 0, sleeps: [] as number[] };
jest.mock('@n8n/utils/sleep', () => ({
	sleep: async (ms: number) => {
		mockClock.sleptMs += ms;
		mockClock.sleeps.push(ms);
		jest.setSystemTime(Date.now() + ms);
		await new Promise((resolve) => setImmediate(resolve));
	},
}));

const MIN = 60_000;
const QUARTER = 15 * MIN;
const DAY = 24 * 60 * MIN;

const t = useSandbox();

afterEach(() => {
	jest.useRealTimers();
	jest.restoreAllMocks();
	t.sandbox.state.clock.offsetMs = 0;
	t.sandbox.state.collection('activities').clear();
	t.sandbox.state.usage.quarter = -1;
	t.sandbox.state.usage.day = -1;
	mockClock.sleptMs = 0;
	mockClock.sleeps = [];
});

const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.apiPath}`);

/** 40 activities, newest first: every 4th a commute, every 5th on a trainer, sport types cycling through four. */
function seedMix() {
	const activities = t.sandbox.state.collection('activities');
	const sports = ['Run', 'Ride', 'Walk', 'VirtualRide'];
	for (let i = 0; i < 40; i++) {
		const activity = makeActivity(2000 + i, new Date(Date.parse('2026-10-30T08:00:00Z') - i * 3600_000), {
			sport_type: sports[i % 4],
			type: sports[i % 4],
			commute: i % 4 === 1,
			trainer: i % 5 === 0,
			distance: 1000 * i,
			moving_time: 60 * i,
		});
		activities.set(String(activity.id), activity);
	}
}
const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((item) => Number(item.json.id) - 2000);

describe('activity: getAll filters (applied while paging)', () => {
	test('sport types, commute, trainer, minimum distance and moving time; Limit counts activities after filtering', async () => {
		seedMix();
		const result = await t.run({
			resource: 'activity',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: { sportTypes: ['Ride', 'VirtualRide'], trainer: 'exclude', minDistance: 4000, minMovingTime: 300 },
		});
		expect(result.error).toBeUndefined();
		// Ride / VirtualRide are i ≡ 1, 3 (mod 4); not i ≡ 0 (mod 5); distance ≥ 4000 m → i ≥ 4; moving ≥ 300 s → i ≥ 5.
		expect(ids(result.items)).toEqual([7, 9, 11]);
		// Pages of 200 whatever the limit, since the filters may drop most of a page; it stops once it has 3.
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([{ page: '1', per_page: '200' }]);
	});

	test('Only Commutes, Only Trainer, Exclude Commutes; Return All reads to the empty page', async () => {
		seedMix();
		const commutes = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, filters: { commute: 'only' } });
		expect(ids(commutes.items)).toEqual([1, 5, 9, 13, 17, 21, 25, 29, 33, 37]);
		expect(t.sandbox.apiCalls()).toHaveLength(2);
		const trainer = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, filters: { trainer: 'only', commute: 'exclude' } });
		expect(ids(trainer.items)).toEqual([0, 10, 15, 20, 30, 35]);
		const typed = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, filters: { sportTypes: '={{ "Walk, Kitesurf" }}' } });
		expect(ids(typed.items)).toEqual([2, 6, 10, 14, 18, 22, 26, 30, 34, 38]);
	});

	test('a bad minimum is refused before any request, naming the filter', async () => {
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, filters: { minDistance: '={{ "five km" }}' } });
		expect(result.error?.message).toBe('The filter "Minimum Distance (Meters)" must be a number of at least 0, not "five km"');
		expect(calls()).toEqual([]);
	});

	test('without the new filters and options the requests are exactly as before (Limit = page size)', async () => {
		seedMix();
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: false, limit: 5 });
		expect(ids(result.items)).toEqual([0, 1, 2, 3, 4]);
		expect(t.sandbox.apiCalls().map((call) => call.query)).toEqual([{ page: '1', per_page: '5' }]);
	});
});

describe('activity: getAll with Include Details', () => {
	test('one GET /activities/{id} per activity that passed the filters, in list order; deleted ones left out', async () => {
		seedMix();
		// Activity 2008 is deleted while the sync runs (after it was listed, before its detail is asked for).
		t.sandbox.onRequest = (entry) => {
			if (entry.apiPath === '/activities/2004') t.sandbox.state.collection('activities').delete('2008');
		};
		const warnings: string[] = [];
		jest.spyOn(Container.get(Logger), 'warn').mockImplementation((message: string) => {
			warnings.push(message);
		});
		const result = await t.run({
			resource: 'activity',
			operation: 'getAll',
			returnAll: false,
			limit: 4,
			filters: { sportTypes: ['Run'] },
			options: { includeDetails: true },
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([
			'GET /athlete/activities',
			'GET /activities/2000',
			'GET /activities/2004',
			'GET /activities/2008',
			'GET /activities/2012',
		]);
		t.sandbox.onRequest = undefined;
		expect(ids(result.items)).toEqual([0, 4, 12]);
		expect(warnings).toContain('Strava API: activity 2008 was deleted after it was listed; left out.');
		expect(result.items.map((item) => item.json.resource_state)).toEqual([3, 3, 3]);
		expect(result.items[0].json).toMatchObject({ id: 2000, sport_type: 'Run', calories: 870.2 });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('the full-history sync: 1,000 activities with details across 15-minute windows and a daily reset, with Rate Limit = Wait', async () => {
		// 20 November, 14:07 UTC; other workflows of the app have already used 400 of today's 1,000 reads.
		const start = Date.parse('2026-11-20T14:07:00Z');
		freezeClockAt(start);
		seedActivities(t.sandbox, 1000, new Date('2026-11-01T08:00:00Z'));
		const { usage } = t.sandbox.state;
		usage.quarter = Math.floor(start / QUARTER);
		usage.day = Math.floor(start / DAY);
		usage.read15 = usage.overall15 = 0;
		usage.readDay = usage.overallDay = 400;
		const credentials = t.credentials();
		t.sandbox.clearLog();
		const progress: string[] = [];
		const logger = Container.get(Logger);
		jest.spyOn(logger, 'info').mockImplementation((message: string) => {
			progress.push(message);
		});

		const wallStart = performance.now();
		const result = await t.run(
			{
				resource: 'activity',
				operation: 'getAll',
				returnAll: true,
				options: { includeDetails: true },
				rateLimit: { onLimit: 'wait', maxWaitSeconds: 86_400 },
			},
			{ credentials },
		);
		const wallMs = performance.now() - wallStart;
		const simulatedMs = Date.now() - start;

		const apiCalls = t.sandbox.apiCalls();
		const counted = apiCalls.filter((call) => call.status === 200);
		const perQuarter = new Map<number, number>();
		const perDay = new Map<number, number>();
		for (const call of counted) {
			perQuarter.set(Math.floor(call.at / QUARTER), (perQuarter.get(Math.floor(call.at / QUARTER)) ?? 0) + 1);
			perDay.set(Math.floor(call.at / DAY), (perDay.get(Math.floor(call.at / DAY)) ?? 0) + 1);
		}
		const figures = {
			activities: result.items.length,
			requests: apiCalls.length,
			listPages: apiCalls.filter((call) => call.apiPath === '/athlete/activities').length,
			details: apiCalls.filter((call) => /^\/activities\/\d+$/.test(call.apiPath ?? '') && call.status === 200).length,
			rejected429: apiCalls.filter((call) => call.status === 429).length,
			expiredToken401: apiCalls.filter((call) => call.status === 401).length,
			tokenRefreshes: t.sandbox.log.filter((entry) => entry.path === '/oauth/token').length,
			waits: mockClock.sleeps.length,
			longestWaitMin: Number((Math.max(...mockClock.sleeps) / MIN).toFixed(1)),
			readsPer15MinMax: Math.max(...perQuarter.values()),
			readsPerUtcDay: Object.fromEntries([...perDay.entries()].map(([day, count]) => [new Date(day * DAY).toISOString().slice(0, 10), count])),
			simulatedWallTime: `${Math.floor(simulatedMs / 3600_000)} h ${Math.round((simulatedMs % 3600_000) / MIN)} min`,
			simulatedMs,
			realWallMs: Math.round(wallMs),
			finishedAt: new Date(Date.now()).toISOString(),
		};
		console.log(`[activity sync] 1,000 activities with details, Rate Limit = Wait: ${JSON.stringify(figures, null, 2)}`);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1000);
		expect(result.items.every((item) => item.json.resource_state === 3)).toBe(true);
		expect(result.items.map((item) => item.json.id)).toEqual(Array.from({ length: 1000 }, (_, i) => 1000 + i));
		// 5 pages of 200 and the empty page that ends the list, then one detail per activity.
		expect(figures.listPages).toBe(6);
		expect(figures.details).toBe(1000);
		expect(figures.rejected429).toBe(0);
		expect(figures.readsPer15MinMax).toBeLessThanOrEqual(100);
		// 600 reads left on the 20th, the other 406 after the UTC-midnight reset.
		expect(figures.readsPerUtcDay).toEqual({ '2026-11-20': 600, '2026-11-21': 406 });
		// The daily wait: from 15:15:01 (the last 15-minute wait ends one second past the reset), when the
		// day's reads ran out, to one second past UTC midnight.
		expect(mockClock.sleeps).toContain(Date.parse('2026-11-21T00:00:01Z') - Date.parse('2026-11-20T15:15:01Z'));
		// The token expired after 6 h of waiting: one 401, one refresh, the request resent.
		expect(figures.expiredToken401).toBe(1);
		expect(figures.tokenRefreshes).toBe(1);
		expect(new Date(Date.now()).toISOString()).toMatch(/^2026-11-21T01:00:0/);
		// Progress in the execution log every 100 details.
		const fetched = progress.filter((message) => message.startsWith('Strava API: fetched details'));
		expect(fetched).toHaveLength(10);
		expect(fetched[1]).toBe('Strava API: fetched details 200 of 1000');
		expect(fetched[9]).toBe('Strava API: fetched details 1000 of 1000');
		expect(progress.some((message) => /waiting \d+ s \(read requests per day\)/.test(message))).toBe(true);
	}, 300_000);

	test('with the default Max Wait (15 min) the daily limit fails with a message that says so', async () => {
		const start = Date.parse('2026-11-20T23:20:00Z');
		freezeClockAt(start);
		seedActivities(t.sandbox, 30, new Date('2026-11-01T08:00:00Z'));
		const { usage } = t.sandbox.state;
		usage.quarter = Math.floor(start / QUARTER);
		usage.day = Math.floor(start / DAY);
		usage.read15 = usage.overall15 = 0;
		usage.readDay = usage.overallDay = 990;
		const result = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, options: { includeDetails: true } });
		expect(result.error?.message).toBe(
			'Strava rate limit reached: read requests per day (1000 of 1000 used). It resets at 2026-11-21T00:00:00Z (UTC).',
		);
		expect(result.error?.description).toMatch(/maximum wait of 900 s/);
		expect(t.sandbox.apiCalls().filter((call) => call.status === 429)).toEqual([]);
	});
});
