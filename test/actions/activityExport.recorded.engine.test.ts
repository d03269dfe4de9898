import type { IDataObject } from 'n8n-workflow';

import { makeActivity, setActivityExtras, type StravaSandbox } from '../sandbox';
import { useSandbox } from '../harness';
import { buildTcx, lapHeartRate, timeWeightedHeartRate } from '../../nodes/StravaApi/actions/activity/export/tcx';
import { trackOf } from '../../nodes/StravaApi/actions/activity/export/track';
import { validateGpx, validateTcx } from './schemas/gpxTcx';

/**
 * Issue 27: Export GPX / TCX on recordings shaped like real ones, through the engine against the sandbox:
 * uneven sample spacing (every second while the effort changes, every 5 s while it holds), nulls inside
 * streams (a heart-rate strap losing contact, GPS dropouts), a 2014 answer without sport_type and
 * utc_offset, a trainer ride whose distance and speed disagree, and streams without any time sample.
 */

const TRAINER = 7001; // indoor: time, heartrate, cadence, watts; Strava's own average and maximum heart rate
const OLD_RIDE = 7002; // a 2014 answer: no sport_type, no utc_offset, no average_heartrate; GPS with dropouts
const DISTANCE_ONLY = 7003; // Strava answered only the distance stream

/**
 * A recording of 2,430 s: 600 samples 1 s apart (t = 0…599, heart rate 155 and 157 in turn), then 367
 * samples 5 s apart (t = 600…2,430, heart rate 120 and 122 in turn, every 10th sample null).
 *
 * By hand: the first part covers 600 s at 156 bpm = 93,600 bpm·s. In the second, the 366 intervals of 5 s
 * belong to samples 0…365; the 36 null samples among them (9, 19, …, 359) cover no heart rate, which leaves
 * 183 samples at 120 and 147 at 122: 5 × (183 × 120 + 147 × 122) = 199,470 bpm·s over 1,650 s. Weighted by
 * time: 293,070 / 2,250 s = 130.25 → 130. The plain mean of the 931 samples with a value is
 * (93,600 + 184 × 120 + 147 × 122) / 931 = 133,614 / 931 = 143.5 → 144. The highest sample is 157.
 */
function recording() {
	const time: number[] = [];
	const heartrate: Array<number | null> = [];
	const cadence: Array<number | null> = [];
	const watts: Array<number | null> = [];
	const latlng: Array<[number, number] | null> = [];
	const altitude: Array<number | null> = [];
	for (let i = 0; i < 600 + 367; i++) {
		const second = i < 600 ? i : 600 + 5 * (i - 600);
		const steady = i >= 600;
		time.push(second);
		heartrate.push(steady ? ((i - 600) % 10 === 9 ? null : (i - 600) % 2 === 0 ? 120 : 122) : i % 2 === 0 ? 155 : 157);
		cadence.push(steady ? 84 + ((i * 7) % 5) : 91 + ((i * 3) % 4));
		watts.push(i % 97 === 13 ? null : steady ? 172 + ((i * 11) % 23) : 248 + ((i * 13) % 31));
		// GPS dropouts: 12 samples without a position under a bridge.
		latlng.push(i >= 410 && i < 422 ? null : [Number((47.376887 + i * 0.000041).toFixed(6)), Number((8.541694 - i * 0.000057).toFixed(6))]);
		altitude.push(i >= 410 && i < 422 ? null : Number((408.2 + 14.7 * Math.sin(i / 83)).toFixed(1)));
	}
	return { time, heartrate, cadence, watts, latlng, altitude };
}

/**
 * The 2014 answer as Get Many gives it (the input item of the exports below: the sandbox's Get would add the
 * fields of today's detailed answer).
 */
const OLD = makeActivity(OLD_RIDE, '2014-05-17T14:02:11Z', {
	name: 'Morning Ride',
	type: 'Ride',
	start_date_local: '2014-05-17T07:02:11Z',
	timezone: '(GMT-08:00) America/Los_Angeles',
	distance: 38214.3,
	moving_time: 2430,
	elapsed_time: 2430,
	average_speed: 15.726,
	has_heartrate: true,
});
for (const key of ['sport_type', 'utc_offset', 'average_heartrate', 'max_heartrate']) delete OLD[key];

function seed(sandbox: StravaSandbox) {
	const activities = sandbox.state.collection('activities');
	const { time, heartrate, cadence, watts, latlng, altitude } = recording();
	activities.set(
		String(TRAINER),
		makeActivity(TRAINER, '2024-07-02T15:41:07Z', {
			name: 'Afternoon Ride',
			type: 'Ride',
			sport_type: 'Ride',
			start_date_local: '2024-07-02T17:41:07Z',
			utc_offset: 7200,
			trainer: true,
			// The wheel sensor's 101.5 km over 2,432 s of moving time disagree with Strava's own 2.861 m/s.
			distance: 101512.4,
			moving_time: 2432,
			elapsed_time: 2519,
			average_speed: 2.861,
			max_speed: 4.2,
			has_heartrate: true,
			average_heartrate: 130.6,
			max_heartrate: 163,
			start_latlng: [],
			end_latlng: [],
		}),
	);
	setActivityExtras(sandbox, TRAINER, { streams: { time, heartrate, cadence, watts } });

	activities.set(String(OLD_RIDE), OLD);
	setActivityExtras(sandbox, OLD_RIDE, { streams: { time, latlng, altitude, heartrate } });

	activities.set(String(DISTANCE_ONLY), makeActivity(DISTANCE_ONLY, '2019-03-09T08:12:40Z', { name: 'Imported ride', sport_type: 'Ride' }));
	setActivityExtras(sandbox, DISTANCE_ONLY, { streams: { distance: [0, 4.1, 9.8, 15.2, 21.7] } });
}

const t = useSandbox(seed);

const byId = (value: number) => ({ __rl: true, mode: 'id', value: String(value) });
/** Export of the 2014 ride with its Get Many item as input (1 request: the streams). */
const exportOld = (operation: string) => t.run({ resource: 'activity', operation, activityId: '={{ $json.id }}' }, { input: [OLD as IDataObject] });
const xmlOf = (result: Awaited<ReturnType<typeof t.run>>) => Buffer.from(result.items[0].binary!.data.data, 'base64').toString('utf8');
const lapValue = (xml: string, element: string) => /<Value>(\d+)<\/Value>/.exec(xml.split(`<${element}>`)[1] ?? '')?.[1];

describe('TCX lap heart rate on a real-shaped recording', () => {
	test('Strava\'s average_heartrate (130.6 → 131) and max_heartrate (163), not the plain mean of the samples (144) nor their top (157)', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportTcx', activityId: byId(TRAINER) });
		expect(result.error).toBeUndefined();
		const xml = xmlOf(result);
		expect(validateTcx(xml)).toEqual([]);
		expect([lapValue(xml, 'AverageHeartRateBpm'), lapValue(xml, 'MaximumHeartRateBpm')]).toEqual(['131', '163']);
		// The lap's time from the time stream; its distance from the activity (no distance stream indoors).
		expect(xml).toContain('<TotalTimeSeconds>2430</TotalTimeSeconds>');
		expect(xml).toContain('<DistanceMeters>101512.4</DistanceMeters>');
		expect(result.items[0].json).toMatchObject({ points: 967, fields: ['time', 'heartrate', 'cadence', 'watts'] });
		// A null heart-rate sample leaves the point without one (point 609 is the 10th of the 5 s part).
		expect(xml).toContain('<Trackpoint><Time>2024-07-02T15:51:52Z</Time><Cadence>');
		expect(xml).not.toMatch(/<Trackpoint><Time>2024-07-02T15:51:52Z<\/Time>[^\n]*HeartRateBpm/);
	});

	test('an answer without them (2014): weighted by the time each sample covers, 130; the highest sample, 157', async () => {
		const result = await exportOld('exportTcx');
		expect(t.sandbox.apiCalls().map((call) => call.apiPath)).toEqual([`/activities/${OLD_RIDE}/streams`]);
		expect(result.error).toBeUndefined();
		const xml = xmlOf(result);
		expect(validateTcx(xml)).toEqual([]);
		expect([lapValue(xml, 'AverageHeartRateBpm'), lapValue(xml, 'MaximumHeartRateBpm')]).toEqual(['130', '157']);
		// No sport_type: Strava's `type` ("Ride") decides the sport.
		expect(xml).toContain('<Activity Sport="Biking">');
		// 12 of the 967 samples have no position: the TCX keeps their points without <Position>.
		expect(xml.match(/<Trackpoint>/g)).toHaveLength(967);
		expect(xml.match(/<Position>/g)).toHaveLength(955);
	});

	test('GPX of the 2014 ride: the points with a position, times from the uneven time stream', async () => {
		const result = await exportOld('exportGpx');
		expect(result.error).toBeUndefined();
		const xml = xmlOf(result);
		expect(validateGpx(xml)).toEqual([]);
		expect(result.items[0].json).toMatchObject({ points: 955, fields: ['time', 'latlng', 'altitude', 'heartrate'] });
		expect(xml).toContain('<type>Ride</type>');
		// The last sample: t = 2,430 s after 14:02:11Z.
		expect(xml).toContain('<time>2014-05-17T14:42:41Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>120</gpxtpx:hr>');
	});

	test('the rule itself, on small hand-computed series', () => {
		// 100 bpm for 1 s, 160 for 9 s (the last sample covers nothing): (100 + 1,440) / 10 = 154; plain mean 130.
		expect(timeWeightedHeartRate([0, 1, 10], [100, 160, 130])).toBe(154);
		// A null heart rate drops the 4 s it covers; a null time drops the sample: (90 × 2 + 150 × 3) / 5 = 126.
		expect(timeWeightedHeartRate([0, 2, 6, null, 9], [90, null, 150, 200, 170])).toBe(126);
		// One sample covers no time: its value.
		expect(timeWeightedHeartRate([0], [143])).toBe(143);
		expect(timeWeightedHeartRate(undefined, [140, 150])).toBe(145);
		expect(timeWeightedHeartRate([0, 1], [null, 0])).toBeUndefined();
		const track = trackOf({ time: { data: [0, 1, 10] }, heartrate: { data: [100, 160, 130] } });
		const activity = { id: '1', name: 'A', startMs: Date.parse('2026-01-01T00:00:00Z') };
		expect(lapHeartRate(activity, track)).toEqual({ avg: 154, max: 160 });
		expect(lapHeartRate({ ...activity, averageHeartrate: 148.5, maxHeartrate: 171 }, track)).toEqual({ avg: 149, max: 171 });
		// Strava's maximum without its average (and the reverse): each from where it is.
		expect(lapHeartRate({ ...activity, maxHeartrate: 171 }, track)).toEqual({ avg: 154, max: 171 });
		const onlyStrava = buildTcx({ ...activity, averageHeartrate: 131.2 }, trackOf({ time: { data: [0, 5] } })).xml;
		expect(validateTcx(onlyStrava)).toEqual([]);
		expect(onlyStrava).toContain('<AverageHeartRateBpm><Value>131</Value></AverageHeartRateBpm>');
		expect(onlyStrava).not.toContain('<MaximumHeartRateBpm>');
	});
});

describe('an export that would hold no track point fails and says why', () => {
	test('TCX of an activity whose streams have no time: which streams Strava returned, and what to try', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportTcx', activityId: byId(DISTANCE_ONLY) });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Activity ${DISTANCE_ONLY} has no time samples: the TCX file would have no track points`);
		expect(result.error?.description).toBe(
			'Strava returned distance (5 samples with a value); each TCX track point needs a time. Look at what Strava holds with Activity → Get Streams; the original file, if you have it, can be uploaded again (Upload → Create).',
		);
		expect(t.sandbox.apiCalls().map((call) => call.apiPath)).toEqual([`/activities/${DISTANCE_ONLY}`, `/activities/${DISTANCE_ONLY}/streams`]);
	});

	test('GPX of the same activity: no position either, and the same list', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportGpx', activityId: byId(DISTANCE_ONLY) });
		expect(result.error?.message).toBe(`Activity ${DISTANCE_ONLY} has no GPS track: a GPX file needs positions`);
		expect(result.error?.description).toMatch(/^Strava returned distance \(5 samples with a value\)\. The activity was recorded without GPS/);
	});

	test('GPX of the trainer ride names the streams it did get', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportGpx', activityId: byId(TRAINER) });
		expect(result.error?.description).toMatch(
			/^Strava returned time \(967 samples with a value\), heartrate \(931 samples with a value\), cadence \(967 samples with a value\), watts \(957 samples with a value\)\. /,
		);
	});
});
