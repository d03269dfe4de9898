import type { IDataObject } from 'n8n-workflow';

import { addActivity, ensureActivityRoute, pushEvent, setActivityExtras, type StravaSandbox } from '../sandbox';
import { useSandbox } from '../harness';
import { freezeClockAt } from '../harness/clock';
import { POLL_T0, Poller } from '../harness/poller';
import { useWebhookHosts } from '../harness/webhookHosts';
import { validateTcx } from './schemas/gpxTcx';

/**
 * Issue 32: Export GPX / TCX takes as "the activity" the item a previous node output: Get / Get Many of
 * either node version (raw, or simplified by version 2), the New Activity trigger's activity, the Strava API
 * Trigger's event (its `activity` with Include Full Activity). When the item carries the activity the export
 * costs 1 request (the streams); a converted distance (km, mi) is never read as metres. Each source is the
 * real output of that node through the engine, fed into the export through the engine.
 *
 * The activity is a trainer ride: no distance stream, so the lap's distance is the one the item carries —
 * which shows how it was read.
 */

const RIDE = 8001;
const START = '2026-02-21T16:05:12Z';

/** Strava's figures of the ride (as it answers Get Many), and its recorded time and heart rate. */
const FIELDS = {
	name: 'Zwift - Watopia Figure 8',
	type: 'VirtualRide',
	sport_type: 'VirtualRide',
	start_date_local: '2026-02-21T17:05:12Z',
	timezone: '(GMT+01:00) Europe/Berlin',
	utc_offset: 3600,
	trainer: true,
	distance: 31874.6,
	moving_time: 3311,
	elapsed_time: 3347,
	average_speed: 9.627,
	max_speed: 16.1,
	has_heartrate: true,
	average_heartrate: 141.7,
	max_heartrate: 172,
};
// 400 samples 1 s apart, then 300 samples 9 s apart with one 10 s gap: the last at 400 + 9 × 299 + 1 = 3,092 s.
const TIME = Array.from({ length: 700 }, (_, i) => (i < 400 ? i : 400 + 9 * (i - 400)) + (i >= 650 ? 1 : 0));
const HEARTRATE = TIME.map((_, i) => (i % 53 === 7 ? null : 128 + ((i * 7) % 29)));
const STREAMS = { time: TIME, heartrate: HEARTRATE, watts: TIME.map((_, i) => 190 + ((i * 13) % 61)) };

function seed(sandbox: StravaSandbox) {
	ensureActivityRoute(sandbox);
	addActivity(sandbox, RIDE, START, FIELDS);
	setActivityExtras(sandbox, RIDE, { streams: STREAMS });
}

const t = useSandbox(seed);
const startHost = useWebhookHosts(t);

const apiPaths = () => t.sandbox.apiCalls().map((call) => call.apiPath);

/** Export TCX with `item` as input and the activity ID from it by expression; the file's lap and the requests. */
async function exportFrom(item: IDataObject, idExpression = '={{ $json.id }}') {
	t.sandbox.clearLog();
	const result = await t.run({ resource: 'activity', operation: 'exportTcx', activityId: idExpression }, { input: [item] });
	expect(result.error).toBeUndefined();
	const xml = Buffer.from(result.items[0].binary!.data.data, 'base64').toString('utf8');
	expect(validateTcx(xml)).toEqual([]);
	const element = (name: string) => new RegExp(`<Lap [^>]*>[\\s\\S]*?<${name}>([^<]*)<`).exec(xml)?.[1];
	const heartRate = (name: string) => new RegExp(`<${name}><Value>(\\d+)</Value>`).exec(xml)?.[1];
	return {
		requests: apiPaths(),
		lap: {
			time: element('TotalTimeSeconds'),
			distance: element('DistanceMeters'),
			calories: element('Calories'),
			avgHr: heartRate('AverageHeartRateBpm'),
			maxHr: heartRate('MaximumHeartRateBpm'),
		},
		points: result.items[0].json.points,
		sport: /<Activity Sport="(\w+)">/.exec(xml)?.[1],
	};
}

const STREAMS_ONLY = [`/activities/${RIDE}/streams`];
const ACTIVITY_AND_STREAMS = [`/activities/${RIDE}`, `/activities/${RIDE}/streams`];
/** The lap every source gives: time from the stream (3,092 s), Strava's heart rate 141.7 → 142 and 172. */
const LAP = { time: '3092', avgHr: '142', maxHr: '172' };

async function getMany(typeVersion: number, extra: IDataObject = {}): Promise<IDataObject> {
	const list = await t.run({ resource: 'activity', operation: 'getAll', returnAll: true, ...extra }, { typeVersion });
	expect(list.error).toBeUndefined();
	return list.items.find((item) => item.json.id === RIDE)!.json;
}

describe('Export TCX after Get / Get Many', () => {
	test('raw Get Many (version 1): 1 request, the lap distance in metres as Strava sent it', async () => {
		const item = await getMany(1);
		const out = await exportFrom(item);
		console.log(`[export input] raw Get Many (v1): ${out.requests.length} request(s), lap ${JSON.stringify(out.lap)}`);
		expect(out.requests).toEqual(STREAMS_ONLY);
		// A summary has no calories: the lap says 0.
		expect(out.lap).toEqual({ ...LAP, distance: '31874.6', calories: '0' });
		expect(out).toMatchObject({ points: 700, sport: 'Biking' });
	});

	test('raw Get (version 1, and version 2 with Simplify off): 1 request, calories from the detailed answer', async () => {
		for (const typeVersion of [1, 2]) {
			const get = await t.run({ resource: 'activity', operation: 'get', activityId: { __rl: true, mode: 'id', value: String(RIDE) }, simplify: false }, { typeVersion });
			const out = await exportFrom(get.items[0].json);
			console.log(`[export input] raw Get (v${typeVersion}): ${out.requests.length} request(s), lap ${JSON.stringify(out.lap)}`);
			expect(out.requests).toEqual(STREAMS_ONLY);
			expect(out.lap).toEqual({ ...LAP, distance: '31874.6', calories: '870' });
		}
	});

	test('simplified Get Many (version 2), metric: 1 request; 31.87 km is read as 31,870 m, not as 31.87 m', async () => {
		const item = await getMany(2);
		expect(item).toMatchObject({ distance: 31.87, distance_unit: 'km', elapsed_time: '55:47', elapsed_time_seconds: 3347 });
		const out = await exportFrom(item);
		console.log(`[export input] simplified Get Many (v2, metric): ${out.requests.length} request(s), lap ${JSON.stringify(out.lap)}`);
		expect(out.requests).toEqual(STREAMS_ONLY);
		expect(out.lap).toEqual({ ...LAP, distance: '31870', calories: '0' });
		expect(out.sport).toBe('Biking');
	});

	test('simplified Get Many (version 2), imperial: 19.81 mi is read as 31,881.1 m', async () => {
		const item = await getMany(2, { units: 'imperial' });
		expect(item).toMatchObject({ distance: 19.81, distance_unit: 'mi' });
		const out = await exportFrom(item);
		console.log(`[export input] simplified Get Many (v2, imperial): ${out.requests.length} request(s), lap ${JSON.stringify(out.lap)}`);
		expect(out.requests).toEqual(STREAMS_ONLY);
		// 19.81 × 1,609.344 = 31,881.1 m (Simplify rounded the miles to 2 decimals).
		expect(out.lap).toEqual({ ...LAP, distance: '31881.1', calories: '0' });
	});

	test('simplified Get (version 2): 1 request, calories as Strava sent them', async () => {
		const get = await t.run({ resource: 'activity', operation: 'get', activityId: { __rl: true, mode: 'id', value: String(RIDE) } }, { typeVersion: 2 });
		const out = await exportFrom(get.items[0].json);
		expect(out.requests).toEqual(STREAMS_ONLY);
		expect(out.lap).toEqual({ ...LAP, distance: '31870', calories: '870' });
	});

	test('an item of another activity, or one without a start date: the activity is fetched (2 requests)', async () => {
		const item = await getMany(1);
		const other = await exportFrom({ ...item, id: 1 }, `=${RIDE}`);
		expect(other.requests).toEqual(ACTIVITY_AND_STREAMS);
		const { start_date: _dropped, ...withoutStart } = item;
		expect((await exportFrom(withoutStart)).requests).toEqual(ACTIVITY_AND_STREAMS);
	});
});

describe('Export TCX after a trigger', () => {
	test('Strava API Trigger with Include Full Activity: its `activity` is used, 1 request', async () => {
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		t.sandbox.clearLog();
		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: RIDE });
		const [run] = await host.waitForExecutions(1);
		expect(apiPaths()).toEqual([`/activities/${RIDE}`]); // the trigger's own read
		const event = run.items[0].json;
		expect(event).toMatchObject({ object_type: 'activity', object_id: RIDE, activity: { id: RIDE } });
		const out = await exportFrom(event, '={{ $json.object_id }}');
		console.log(`[export input] webhook trigger with Include Full Activity: ${out.requests.length} request(s), lap ${JSON.stringify(out.lap)}`);
		expect(out.requests).toEqual(STREAMS_ONLY);
		expect(out.lap).toEqual({ ...LAP, distance: '31874.6', calories: '870' });
	});

	test('Strava API Trigger without it: the event has only object_id, so the activity is fetched (2 requests)', async () => {
		const host = await startHost();
		await host.activate();
		await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'create', object_id: RIDE });
		const [run] = await host.waitForExecutions(1);
		const event = run.items[0].json;
		expect(event.activity).toBeUndefined();
		const out = await exportFrom(event, '={{ $json.object_id }}');
		console.log(`[export input] webhook trigger without the activity: ${out.requests.length} request(s), lap ${JSON.stringify(out.lap)}`);
		expect(out.requests).toEqual(ACTIVITY_AND_STREAMS);
		expect(out.lap).toEqual({ ...LAP, distance: '31874.6', calories: '870' });
		// A failed fetch (activity: null) is no activity either.
		expect((await exportFrom({ ...event, activity: null, activity_error: '404' }, '={{ $json.object_id }}')).requests).toEqual(ACTIVITY_AND_STREAMS);
	});

	test('New Activity trigger (polling): its item is the activity, 1 request', async () => {
		const HOUR = 3600_000;
		freezeClockAt(POLL_T0);
		let emitted: IDataObject[];
		try {
			const trigger = new Poller({ credentials: t.credentials(), parameters: { lookBackDays: 7 } });
			expect(await trigger.pollItems()).toEqual([]);
			jest.setSystemTime(POLL_T0 + HOUR);
			const id = RIDE + 1;
			addActivity(t.sandbox, id, new Date(POLL_T0 + 20 * 60_000), FIELDS);
			setActivityExtras(t.sandbox, id, { streams: STREAMS });
			emitted = await trigger.pollItems();
		} finally {
			jest.useRealTimers();
		}
		expect(emitted.map((item) => item.id)).toEqual([RIDE + 1]);
		const out = await exportFrom(emitted[0]);
		console.log(`[export input] polling trigger: ${out.requests.length} request(s), lap ${JSON.stringify(out.lap)}`);
		expect(out.requests).toEqual([`/activities/${RIDE + 1}/streams`]);
		expect(out.lap).toEqual({ ...LAP, distance: '31874.6', calories: '0' });
	});
});
