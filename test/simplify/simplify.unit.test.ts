import { NodeHelpers, type IDataObject, type INode } from 'n8n-workflow';

import { StravaApi } from '../../nodes/StravaApi/StravaApi.node';
import { SIMPLIFIERS, SIMPLIFIED_OPERATIONS, simplifiedKind } from '../../nodes/StravaApi/simplify';
import { simplifyActivity } from '../../nodes/StravaApi/simplify/activity';
import { simplifyAthlete } from '../../nodes/StravaApi/simplify/athlete';
import { simplifyClub } from '../../nodes/StravaApi/simplify/club';
import { simplifyGear } from '../../nodes/StravaApi/simplify/gear';
import { simplifyLap } from '../../nodes/StravaApi/simplify/lap';
import { decodePolyline, routePoints } from '../../nodes/StravaApi/simplify/polyline';
import { simplifyRoute } from '../../nodes/StravaApi/simplify/route';
import { simplifySegment } from '../../nodes/StravaApi/simplify/segment';
import { simplifySegmentEffort } from '../../nodes/StravaApi/simplify/segmentEffort';
import { simplifyStats } from '../../nodes/StravaApi/simplify/stats';
import { formatOffset, ianaZone, localDateTime, offsetMinutes } from '../../nodes/StravaApi/simplify/time';
import * as units from '../../nodes/StravaApi/simplify/units';
import { specExample } from '../sandbox/seed';

const metric = { units: 'metric' as const, includeRoutePoints: false };
const imperial = { units: 'imperial' as const, includeRoutePoints: false };

/** The hand-computed run of issue 12: 10,000 m in 2,700 s. */
const RUN: IDataObject = {
	id: 501,
	name: 'Morning run',
	sport_type: 'Run',
	type: 'Run',
	distance: 10000,
	moving_time: 2700,
	elapsed_time: 2760,
	total_elevation_gain: 85,
	average_speed: 3.704,
	start_date: '2026-07-10T05:00:00Z',
	start_date_local: '2026-07-10T07:00:00Z',
	timezone: '(GMT+01:00) Europe/Paris',
	utc_offset: 7200,
	average_heartrate: 152.3,
	max_heartrate: 171,
	kudos_count: 7,
	comment_count: 2,
	commute: true,
	trainer: false,
	manual: false,
	private: false,
	gear_id: 'g1',
	map: { id: 'a501', summary_polyline: '_p~iF~ps|U_ulLnnqC_mqNvxq`@' },
};

describe('units (hand-computed)', () => {
	test('a 10,000 m run in 2,700 s: 10.00 km, 45:00, 4:30 min/km; 6.21 mi, 7:15 min/mi', () => {
		expect(units.distance(10000, 'metric')).toBe(10);
		expect(units.distance(10000, 'metric')!.toFixed(2)).toBe('10.00');
		expect(units.duration(2700)).toBe('45:00');
		expect(units.paceSeconds(10000, 2700, 'metric')).toBe(270);
		expect(units.pace(270)).toBe('4:30');
		expect(units.distance(10000, 'imperial')).toBe(6.21);
		// 2,700 s / 6.2137 mi = 434.52 s per mile → rounded to the nearest second: 435 s = 7:15.
		expect(2700 / (10000 / 1609.344)).toBeCloseTo(434.52, 2);
		expect(units.paceSeconds(10000, 2700, 'imperial')).toBe(435);
		expect(units.pace(435)).toBe('7:15');
	});

	test('pace rounds half a second up (434.5 → 435), 434.4 down', () => {
		// 1 mile in 434.5 s and 434.4 s.
		expect(units.paceSeconds(1609.344, 434.5, 'imperial')).toBe(435);
		expect(units.paceSeconds(1609.344, 434.4, 'imperial')).toBe(434);
		expect(units.paceSeconds(1000, 299.5, 'metric')).toBe(300);
		expect(units.pace(300)).toBe('5:00');
	});

	test('h:mm:ss, hours left out under an hour, not wrapped into days', () => {
		expect(units.duration(0)).toBe('0:00');
		expect(units.duration(59.6)).toBe('1:00');
		expect(units.duration(3599)).toBe('59:59');
		expect(units.duration(3600)).toBe('1:00:00');
		expect(units.duration(3723)).toBe('1:02:03');
		expect(units.duration(90000)).toBe('25:00:00');
		expect(units.duration(null)).toBeNull();
		expect(units.duration(-5)).toBeNull();
		expect(units.duration('abc')).toBeNull();
	});

	test('speed km/h and mph, elevation m and ft, weight kg and lb', () => {
		// 40 km in 4,800 s = 8.333 m/s = 30.0 km/h = 18.64 mph.
		expect(units.speed(40000 / 4800, 'metric')).toBe(30);
		expect(units.speed(40000 / 4800, 'imperial')).toBe(18.6);
		expect(units.speed(10, 'metric')).toBe(36);
		expect(units.speed(10, 'imperial')).toBe(22.4);
		// 85 m = 278.87 ft; 100 ft = 30.48 m.
		expect(units.elevation(85, 'metric')).toBe(85);
		expect(units.elevation(85, 'imperial')).toBe(279);
		expect(units.elevation(30.48, 'imperial')).toBe(100);
		expect(units.weight(68.5, 'metric')).toBe(68.5);
		expect(units.weight(68.5, 'imperial')).toBe(151);
		expect(units.weight(70, 'imperial')).toBe(154.3);
		// A marathon: 42,195 m = 26.22 mi.
		expect(units.distance(42195, 'imperial')).toBe(26.22);
		expect(units.distance(1609.344, 'imperial')).toBe(1);
	});

	test('no pace without a positive distance and time; foot sports', () => {
		expect(units.paceSeconds(0, 2700, 'metric')).toBeNull();
		expect(units.paceSeconds(10000, 0, 'metric')).toBeNull();
		expect(units.paceSeconds(undefined, 2700, 'metric')).toBeNull();
		expect(['Run', 'TrailRun', 'Walk', 'Hike', 'VirtualRun'].every(units.isFootSport)).toBe(true);
		expect(['Ride', 'Swim', 'VirtualRide', 'Rowing', 'HyroxRace', '', undefined].some(units.isFootSport)).toBe(false);
	});
});

describe('polyline', () => {
	test("Google's example decodes to its three points", () => {
		expect(decodePolyline('_p~iF~ps|U_ulLnnqC_mqNvxq`@')).toEqual([
			[38.5, -120.2],
			[40.7, -120.95],
			[43.252, -126.453],
		]);
	});

	test('empty, cut-off and damaged strings; the first non-empty candidate wins', () => {
		expect(decodePolyline('')).toEqual([]);
		// Cut in the middle of the second point: the first survives.
		expect(decodePolyline('_p~iF~ps|U_ulL')).toEqual([[38.5, -120.2]]);
		expect(decodePolyline('_p~iF~ps|U\u0001')).toEqual([[38.5, -120.2]]);
		expect(routePoints(undefined, null)).toBeNull();
		expect(routePoints('', '_p~iF~ps|U')).toEqual([[38.5, -120.2]]);
		expect(routePoints('')).toEqual([]);
	});

	test('the segment polyline of the spec starts at the segment start', () => {
		const segment = specExample('GET', '/segments/{id}') as IDataObject;
		const points = decodePolyline((segment.map as IDataObject).polyline as string);
		expect(points.length).toBeGreaterThan(50);
		expect(points[0][0]).toBeCloseTo(37.8331, 3);
		expect(points[0][1]).toBeCloseTo(-122.4834, 3);
		expect(points.at(-1)![0]).toBeCloseTo(37.8281, 3);
		expect(points.at(-1)![1]).toBeCloseTo(-122.4981, 3);
	});
});

describe('local start with its time zone', () => {
	test.each([
		// Strava's label says GMT+01:00 all year; the offset at the start is read from the two dates.
		['2026-07-10T05:00:00Z', '2026-07-10T07:00:00Z', '2026-07-10T07:00:00+02:00'],
		['2026-01-10T06:00:00Z', '2026-01-10T07:00:00Z', '2026-01-10T07:00:00+01:00'],
		// Half- and quarter-hour zones: Kolkata +05:30, Kathmandu +05:45, Chatham +13:45 (summer), St. John's -03:30.
		['2026-03-11T12:00:00Z', '2026-03-11T17:30:00Z', '2026-03-11T17:30:00+05:30'],
		['2026-03-11T12:00:00Z', '2026-03-11T17:45:00Z', '2026-03-11T17:45:00+05:45'],
		['2026-01-15T20:00:00Z', '2026-01-16T09:45:00Z', '2026-01-16T09:45:00+13:45'],
		['2026-01-20T23:00:00Z', '2026-01-20T19:30:00Z', '2026-01-20T19:30:00-03:30'],
		['2026-01-20T12:00:00Z', '2026-01-20T12:00:00Z', '2026-01-20T12:00:00+00:00'],
	])('%s UTC, %s local → %s', (utc, local, expected) => {
		expect(localDateTime(utc, local)).toBe(expected);
	});

	test('falls back to utc_offset, then to the wall-clock time without an offset', () => {
		expect(localDateTime(undefined, '2026-07-10T07:00:00Z', 7200)).toBe('2026-07-10T07:00:00+02:00');
		expect(localDateTime(null, '2026-07-10T07:00:00Z', -12600)).toBe('2026-07-10T07:00:00-03:30');
		expect(localDateTime(undefined, '2026-07-10T07:00:00Z')).toBe('2026-07-10T07:00:00');
		expect(localDateTime('2026-07-10T05:00:00Z', undefined)).toBeNull();
		expect(localDateTime('2026-07-10T05:00:00Z', 'yesterday')).toBeNull();
		// An impossible difference (a day apart) is not an offset: utc_offset is used.
		expect(offsetMinutes('2026-07-09T05:00:00Z', '2026-07-10T07:00:00Z', 3600)).toBe(60);
	});

	test('offsets and IANA zones', () => {
		expect(formatOffset(0)).toBe('+00:00');
		expect(formatOffset(345)).toBe('+05:45');
		expect(formatOffset(-210)).toBe('-03:30');
		expect(formatOffset(825)).toBe('+13:45');
		expect(ianaZone('(GMT+01:00) Europe/Paris')).toBe('Europe/Paris');
		expect(ianaZone('(GMT-03:30) America/St_Johns')).toBe('America/St_Johns');
		expect(ianaZone('(GMT-03:00) America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
		expect(ianaZone('(GMT+00:00) UTC')).toBe('UTC');
		expect(ianaZone('Europe/Paris')).toBe('Europe/Paris');
		expect(ianaZone('(GMT+01:00)')).toBeNull();
		expect(ianaZone(null)).toBeNull();
	});

	test('the machine time zone plays no part', () => {
		// The suite also runs with TZ=Pacific/Chatham; the answers are the same.
		expect(localDateTime('2026-07-10T05:00:00Z', '2026-07-10T07:00:00Z')).toBe('2026-07-10T07:00:00+02:00');
		expect(simplifyActivity(RUN, metric).start_date_local).toBe('2026-07-10T07:00:00+02:00');
	});
});

describe('activity', () => {
	test('the 10 km run, metric', () => {
		expect(simplifyActivity(RUN, metric)).toEqual({
			id: 501,
			name: 'Morning run',
			sport_type: 'Run',
			start_date: '2026-07-10T05:00:00Z',
			start_date_local: '2026-07-10T07:00:00+02:00',
			timezone: 'Europe/Paris',
			distance: 10,
			distance_unit: 'km',
			moving_time: '45:00',
			moving_time_seconds: 2700,
			elapsed_time: '46:00',
			elapsed_time_seconds: 2760,
			pace: '4:30',
			pace_seconds: 270,
			pace_unit: 'min/km',
			speed: null,
			speed_unit: null,
			elevation_gain: 85,
			elevation_unit: 'm',
			average_heartrate: 152.3,
			max_heartrate: 171,
			average_watts: null,
			weighted_average_watts: null,
			calories: null,
			gear_id: 'g1',
			gear_name: null,
			kudos_count: 7,
			comment_count: 2,
			commute: true,
			trainer: false,
			manual: false,
			private: false,
			start_latlng: null,
			url: 'https://www.strava.com/activities/501',
		});
	});

	test('the 10 km run, imperial, with route points', () => {
		expect(simplifyActivity(RUN, { units: 'imperial', includeRoutePoints: true })).toMatchObject({
			distance: 6.21,
			distance_unit: 'mi',
			moving_time: '45:00',
			// From Strava's average_speed 3.704 m/s: 1,609.344 / 3.704 = 434.49 s per mile.
			pace: '7:14',
			pace_seconds: 434,
			pace_unit: 'min/mi',
			speed: null,
			elevation_gain: 279,
			elevation_unit: 'ft',
			route_points: [
				[38.5, -120.2],
				[40.7, -120.95],
				[43.252, -126.453],
			],
		});
	});

	test('a ride gets a speed; the same keys whatever the sport, units or answer', () => {
		const ride = simplifyActivity({ ...RUN, sport_type: 'Ride', distance: 40000, moving_time: 4800, average_speed: 8.333 }, imperial);
		expect(ride).toMatchObject({ pace: null, pace_seconds: null, pace_unit: null, speed: 18.6, speed_unit: 'mph' });
		expect(simplifyActivity({ ...RUN, sport_type: 'Ride', distance: 40000, moving_time: 4800, average_speed: 8.333 }, metric)).toMatchObject({ speed: 30, speed_unit: 'km/h' });
		const keys = Object.keys(simplifyActivity(RUN, metric));
		expect(Object.keys(ride)).toEqual(keys);
		expect(Object.keys(simplifyActivity({}, metric))).toEqual(keys);
		expect(Object.values(simplifyActivity({}, metric)).filter((value) => value === undefined)).toEqual([]);
	});

	test('an unknown sport (Strava adds them) gets a speed, the old `type` stands in for a missing sport_type', () => {
		expect(simplifyActivity({ ...RUN, sport_type: 'HyroxRace' }, metric)).toMatchObject({ sport_type: 'HyroxRace', pace: null, speed: 13.3 });
		expect(simplifyActivity({ ...RUN, sport_type: undefined, type: 'Hike' }, metric)).toMatchObject({ sport_type: 'Hike', pace: '4:30' });
	});

	test("the spec's DetailedActivity: gear name, calories, power, the full polyline", () => {
		const detailed = specExample('GET', '/activities/{id}') as IDataObject;
		const out = simplifyActivity(detailed, { units: 'metric', includeRoutePoints: true });
		expect(out).toMatchObject({
			sport_type: 'MountainBikeRide',
			start_date_local: '2018-02-16T06:52:54-08:00',
			timezone: 'America/Los_Angeles',
			distance: 28.1,
			moving_time: '1:10:07',
			elapsed_time: '1:13:30',
			// 28,099 m / 4,207 s = 6.679 m/s = 24.04 km/h.
			speed: 24,
			elevation_gain: 516,
			average_watts: 185.5,
			weighted_average_watts: 230,
			calories: 870.2,
			gear_id: 'b12345678987654321',
			gear_name: 'Tarmac',
			start_latlng: [37.83, -122.26],
		});
		// map.polyline (full) is preferred over summary_polyline.
		const full = decodePolyline(((detailed.map as IDataObject).polyline as string));
		expect(out.route_points).toEqual(full);
	});

	test('a manual activity without distance: no pace, nulls not undefined', () => {
		const out = simplifyActivity({ id: 7, name: 'Yoga', sport_type: 'Yoga', distance: 0, moving_time: 3600, elapsed_time: 3600, manual: true }, metric);
		expect(out).toMatchObject({ distance: 0, speed: 0, pace: null, timezone: null, start_date_local: null, manual: true, gear_name: null });
		const run = simplifyActivity({ id: 8, sport_type: 'Run', distance: 0, moving_time: 600 }, { units: 'metric', includeRoutePoints: true });
		expect(run).toMatchObject({ pace: null, pace_seconds: null, pace_unit: 'min/km', route_points: null });
	});
});

/**
 * Issue 27: answers shaped like recorded ones (uneven figures, old fields, a trainer whose distance and speed
 * disagree). Speed and pace are Strava's `average_speed` when the answer has it, computed only otherwise.
 */
describe('real-shaped answers: speed and pace from Strava', () => {
	/** A trainer ride: the wheel sensor recorded 101.5 km over 2,432 s, Strava's own average is 2.861 m/s. */
	const TRAINER: IDataObject = {
		id: 11833270458,
		resource_state: 2,
		name: 'Afternoon Ride',
		type: 'Ride',
		sport_type: 'Ride',
		distance: 101512.4,
		moving_time: 2432,
		elapsed_time: 2519,
		total_elevation_gain: 0,
		start_date: '2024-07-02T15:41:07Z',
		start_date_local: '2024-07-02T17:41:07Z',
		timezone: '(GMT+01:00) Europe/Amsterdam',
		utc_offset: 7200,
		trainer: true,
		average_speed: 2.861,
		max_speed: 4.2,
		average_heartrate: 131.7,
		max_heartrate: 158,
	};
	/** An answer of 2014: no sport_type, no utc_offset. */
	const OLD: IDataObject = {
		id: 134567890,
		resource_state: 2,
		name: 'Morning Ride',
		type: 'Ride',
		distance: 38214.3,
		moving_time: 5127,
		elapsed_time: 6011,
		total_elevation_gain: 412.6,
		start_date: '2014-05-17T14:02:11Z',
		start_date_local: '2014-05-17T07:02:11Z',
		timezone: '(GMT-08:00) America/Los_Angeles',
		average_speed: 7.454,
		max_speed: 15.8,
	};

	test('a trainer ride: 10.3 km/h from Strava\'s 2.861 m/s, not the 150.3 km/h of 101.5 km over 2,432 s', () => {
		expect(simplifyActivity(TRAINER, metric)).toMatchObject({ distance: 101.51, moving_time: '40:32', speed: 10.3, speed_unit: 'km/h', pace: null, trainer: true });
		// 2.861 m/s × 3,600 / 1,609.344 = 6.40 mph.
		expect(simplifyActivity(TRAINER, imperial)).toMatchObject({ distance: 63.08, speed: 6.4, speed_unit: 'mph' });
		// Without Strava's average the distance over the moving time is all there is: 41.74 m/s = 150.3 km/h.
		const { average_speed: _ignored, ...withoutAverage } = TRAINER;
		expect(simplifyActivity(withoutAverage, metric)).toMatchObject({ speed: 150.3 });
	});

	test('a 2014 answer without sport_type and utc_offset: type for the sport, the offset from the two dates', () => {
		expect(simplifyActivity(OLD, metric)).toMatchObject({
			sport_type: 'Ride',
			start_date_local: '2014-05-17T07:02:11-07:00',
			timezone: 'America/Los_Angeles',
			distance: 38.21,
			moving_time: '1:25:27',
			elapsed_time: '1:40:11',
			// 7.454 m/s × 3.6 = 26.83 km/h.
			speed: 26.8,
			elevation_gain: 413,
		});
	});

	test('a run: the pace is Strava\'s average_speed turned round; computed from distance and moving time only without it', () => {
		const run: IDataObject = { ...OLD, type: 'Run', distance: 5012.7, moving_time: 1534, elapsed_time: 1581, average_speed: 3.212 };
		// 1,000 / 3.212 = 311.3 s/km (5,012.7 m over 1,534 s would be 306.0 s); 1,609.344 / 3.212 = 501.0 s/mi.
		expect(simplifyActivity(run, metric)).toMatchObject({ pace: '5:11', pace_seconds: 311, speed: null });
		expect(simplifyActivity(run, imperial)).toMatchObject({ pace: '8:21', pace_seconds: 501 });
		expect(simplifyActivity({ ...run, average_speed: null }, metric)).toMatchObject({ pace: '5:06', pace_seconds: 306 });
		// A standing start (0 m/s): speed 0, no pace.
		expect(simplifyActivity({ ...run, sport_type: 'Workout', distance: 0, average_speed: 0 }, metric)).toMatchObject({ speed: 0, pace: null });
		expect(simplifyActivity({ ...run, distance: 0, average_speed: 0 }, metric)).toMatchObject({ pace: null, pace_seconds: null });
	});

	test('a lap: pace and speed from its own average_speed', () => {
		const lap: IDataObject = { id: 38452147, name: 'Lap 3', lap_index: 3, distance: 1000, moving_time: 236, elapsed_time: 245, average_speed: 4.149, max_speed: 5.3 };
		// 1,000 / 4.149 = 241.0 s = 4:01 (236 s of moving time would say 3:56); 4.149 × 3.6 = 14.9 km/h.
		expect(simplifyLap(lap, metric)).toMatchObject({ pace: '4:01', pace_seconds: 241, speed: 14.9 });
	});

	test('a segment effort and a route: Strava sends no average speed, so both are computed (over elapsed / estimated time)', () => {
		const effort = { ...(specExample('GET', '/segment_efforts/{id}') as IDataObject), distance: 1243.8, elapsed_time: 287, moving_time: 281 };
		// 1,243.8 m over 287 s: 230.7 s/km = 3:51 (the segment is a Run segment).
		expect(simplifySegmentEffort(effort, metric)).toMatchObject({ pace: '3:51', pace_seconds: 231 });
		expect(simplifyRoute({ id_str: '1', type: 1, distance: 48127.9, estimated_moving_time: 6389 }, metric)).toMatchObject({ speed: 27.1 });
	});
});

describe('other object kinds', () => {
	test('stats: recent, ytd and all totals for ride, run and swim', () => {
		const stats: IDataObject = {
			biggest_ride_distance: 175532.1,
			biggest_climb_elevation_gain: 1425.6,
			recent_run_totals: { count: 6, distance: 52400.2, moving_time: 8733, elapsed_time: 9527, elevation_gain: 410, achievement_count: 3 },
			all_ride_totals: { count: 612, distance: 31250000, moving_time: 5208333, elevation_gain: 351000 },
		};
		const out = simplifyStats(stats, metric);
		expect(out).toMatchObject({
			distance_unit: 'km',
			elevation_unit: 'm',
			biggest_ride_distance: 175.53,
			biggest_climb_elevation_gain: 1426,
			recent_run_count: 6,
			recent_run_distance: 52.4,
			recent_run_moving_time: '2:25:33',
			recent_run_moving_time_seconds: 8733,
			recent_run_elevation_gain: 410,
			all_ride_count: 612,
			all_ride_distance: 31250,
			all_ride_moving_time: '1446:45:33',
			ytd_swim_count: null,
			ytd_swim_distance: null,
		});
		expect(Object.keys(out)).toHaveLength(4 + 3 * 3 * 5);
		expect(simplifyStats(stats, imperial)).toMatchObject({ distance_unit: 'mi', recent_run_distance: 32.56, recent_run_elevation_gain: 1345, biggest_ride_distance: 109.07 });
	});

	test('lap: pace and speed both (a lap does not say its sport), offset from its dates', () => {
		const [lap] = specExample('GET', '/activities/{id}/laps') as IDataObject[];
		expect(simplifyLap(lap, metric)).toEqual({
			id: 12345678987654320,
			activity_id: 12345678987654320,
			name: 'Lap 1',
			lap_index: 1,
			start_date: '2018-02-08T14:13:37Z',
			start_date_local: '2018-02-08T06:13:37-08:00',
			distance: 8.05,
			distance_unit: 'km',
			moving_time: '26:27',
			moving_time_seconds: 1587,
			elapsed_time: '28:11',
			elapsed_time_seconds: 1691,
			// Strava's average_speed 4.76 m/s: 1,000 / 4.76 = 210.1 s/km = 3:30; 17.1 km/h (not the 18.3 km/h
			// that 8,046.72 m over 1,587 s would give).
			pace: '3:30',
			pace_seconds: 210,
			pace_unit: 'min/km',
			speed: 17.1,
			speed_unit: 'km/h',
			elevation_gain: 270,
			elevation_unit: 'm',
			average_heartrate: null,
			max_heartrate: null,
			average_watts: 228.2,
			average_cadence: 79,
		});
		// 8,046.72 m = 5 mi exactly; Strava's 4.76 m/s: 1,609.344 / 4.76 = 338.1 s → 5:38 min/mi, 10.6 mph.
		expect(simplifyLap(lap, imperial)).toMatchObject({ distance: 5, pace: '5:38', speed: 10.6, speed_unit: 'mph' });
	});

	test('segment (detailed and explored), with its polyline on request', () => {
		const detailed = specExample('GET', '/segments/{id}') as IDataObject;
		const out = simplifySegment(detailed, { units: 'metric', includeRoutePoints: true });
		expect(out).toMatchObject({
			id: 229781,
			name: 'Hawk Hill',
			activity_type: 'Ride',
			distance: 2.68,
			average_grade: 5.7,
			maximum_grade: 14.2,
			elevation_high: 245,
			elevation_low: 92,
			elevation_difference: 153,
			elevation_gain: 156,
			climb_category: 1,
			starred: false,
			effort_count: 309974,
			pr_time: '9:13',
			pr_time_seconds: 553,
			pr_date: '1993-04-03',
			athlete_effort_count: 2,
			start_latlng: [37.8331119, -122.4834356],
			url: 'https://www.strava.com/segments/229781',
		});
		expect((out.route_points as unknown[]).length).toBeGreaterThan(50);
		const [explored] = (specExample('GET', '/segments/explore') as { segments: IDataObject[] }).segments;
		const fromExplore = simplifySegment(explored, imperial);
		expect(fromExplore).toMatchObject({ average_grade: 5.7, elevation_difference: 501, elevation_high: null, distance: 1.67, distance_unit: 'mi', star_count: null });
		expect(Object.keys(fromExplore)).toEqual(Object.keys(simplifySegment(detailed, imperial)));
		expect(simplifySegment(explored, { units: 'metric', includeRoutePoints: true }).route_points).toEqual(out.route_points);
	});

	test('segment effort: pace or speed over the elapsed time, from the segment type', () => {
		const effort = specExample('GET', '/segment_efforts/{id}') as IDataObject;
		// The spec's effort: 83 m in 381 s on a Run segment = 4,590 s/km = 1:16:30 per km.
		expect(simplifySegmentEffort(effort, metric)).toMatchObject({
			id: 1234556789,
			segment_id: 63450,
			activity_id: 3454504,
			activity_type: 'Run',
			start_date_local: '2018-02-12T08:12:41-08:00',
			distance: 0.08,
			elapsed_time: '6:21',
			moving_time: '5:40',
			pace: '1:16:30',
			speed: null,
			pr_time: '3:32',
			url: 'https://www.strava.com/activities/3454504/segments/1234556789',
		});
		const ride = { ...effort, distance: 2684.82, elapsed_time: 400, segment: { ...(effort.segment as IDataObject), activity_type: 'Ride' } };
		// 2,684.82 m in 400 s = 6.712 m/s = 24.2 km/h = 15.0 mph.
		expect(simplifySegmentEffort(ride, metric)).toMatchObject({ pace: null, speed: 24.2, speed_unit: 'km/h' });
		expect(simplifySegmentEffort(ride, imperial)).toMatchObject({ speed: 15, speed_unit: 'mph', distance: 1.67 });
	});

	test('route: the exact id_str, its type, estimated time and pace or speed', () => {
		const route: IDataObject = {
			id: 3344012345678901000,
			id_str: '3344012345678901201',
			name: 'Route 1',
			type: 2,
			sub_type: 4,
			distance: 12445.6,
			elevation_gain: 124.4,
			estimated_moving_time: 3600,
			map: { summary_polyline: '_p~iF~ps|U' },
			private: false,
			starred: true,
		};
		expect(simplifyRoute(route, { units: 'metric', includeRoutePoints: true })).toMatchObject({
			id: '3344012345678901201',
			type: 'Run',
			sub_type: 'Trail',
			distance: 12.45,
			elevation_gain: 124,
			estimated_moving_time: '1:00:00',
			// 3,600 s / 12.4456 km = 289.3 s → 4:49 min/km.
			pace: '4:49',
			speed: null,
			url: 'https://www.strava.com/routes/3344012345678901201',
			route_points: [[38.5, -120.2]],
		});
		expect(simplifyRoute({ ...route, type: 1 }, imperial)).toMatchObject({ type: 'Ride', pace: null, speed: 7.7, distance: 7.73, elevation_gain: 408 });
	});

	test('club, athlete, gear', () => {
		const club = specExample('GET', '/clubs/{id}') as IDataObject;
		expect(simplifyClub(club)).toMatchObject({
			id: 1,
			name: 'Team Strava Cycling',
			sport_type: 'cycling',
			member_count: 116,
			private: true,
			membership: 'member',
			description: 'Private club for Cyclists who work at Strava.',
			url: 'https://www.strava.com/clubs/team-strava-bike',
		});
		const [summary] = specExample('GET', '/athlete/clubs') as IDataObject[];
		expect(Object.keys(simplifyClub(summary))).toEqual(Object.keys(simplifyClub(club)));
		expect(simplifyClub(summary)).toMatchObject({ description: null, membership: null });

		const athlete = { ...(specExample('GET', '/athlete') as IDataObject), id: 134815, weight: 68.5 };
		expect(simplifyAthlete(athlete, metric)).toMatchObject({ id: 134815, firstname: 'Marianne', weight: 68.5, weight_unit: 'kg', premium: true, url: 'https://www.strava.com/athletes/134815' });
		expect(simplifyAthlete(athlete, imperial)).toMatchObject({ weight: 151, weight_unit: 'lb' });
		expect(simplifyAthlete({ ...athlete, weight: 0 }, metric).weight).toBeNull();

		const gear = specExample('GET', '/gear/{id}') as IDataObject;
		expect(simplifyGear(gear, metric)).toMatchObject({ id: 'b1231', name: 'BMC Teammachine', kind: 'bike', distance: 388.21, distance_unit: 'km', url: 'https://www.strava.com/bikes/1231' });
		expect(simplifyGear({ id: 'g77', name: 'adidas', distance: 4904 }, imperial)).toMatchObject({ kind: 'shoes', name: 'adidas', distance: 3.05, url: 'https://www.strava.com/shoes/77' });
	});

	test('every kind: the same keys for an empty answer, null rather than undefined', () => {
		for (const [kind, simplify] of Object.entries(SIMPLIFIERS)) {
			const empty = simplify({}, metric);
			expect([kind, Object.values(empty).filter((value) => value === undefined)]).toEqual([kind, []]);
			expect([kind, Object.keys(simplify({ id: 1, name: 'x', distance: 5 }, imperial))]).toEqual([kind, Object.keys(empty)]);
		}
	});
});

describe('node description', () => {
	const description = new StravaApi().description;
	const fields = (name: string) => description.properties.filter((property) => property.name === name);

	test('version 2 is the default; Simplify, Units and Include Route Points only from version 2', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		for (const name of ['simplify', 'units', 'includeRoutePoints']) {
			expect(fields(name).length).toBeGreaterThan(0);
			for (const field of fields(name)) expect(field.displayOptions?.show?.['@version']).toEqual([{ _cnd: { gte: 2 } }]);
		}
		expect(fields('simplify').every((field) => field.default === true)).toBe(true);
		expect(fields('units').every((field) => field.default === 'metric')).toBe(true);
		expect(fields('includeRoutePoints').every((field) => field.default === false)).toBe(true);
	});

	test("a version 1 node's parameters get no Simplify, Units or Include Route Points; version 2's get the defaults", () => {
		const parameters = (typeVersion: number, values: IDataObject) => {
			const node = { id: 'n', name: 'Strava API', type: 'n8n-nodes-strava-api.stravaApi', typeVersion, position: [0, 0], parameters: values } as INode;
			return NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description)!;
		};
		const v1 = parameters(1, { resource: 'activity', operation: 'get' });
		expect(v1).not.toHaveProperty('simplify');
		expect(v1).not.toHaveProperty('units');
		expect(v1).not.toHaveProperty('includeRoutePoints');
		expect(parameters(2, { resource: 'activity', operation: 'get' })).toMatchObject({ simplify: true, units: 'metric', includeRoutePoints: false });
		expect(parameters(2, { resource: 'club', operation: 'get' })).toMatchObject({ simplify: true });
		expect(parameters(2, { resource: 'club', operation: 'get' })).not.toHaveProperty('units');
		expect(parameters(2, { resource: 'activity', operation: 'get', simplify: false })).not.toHaveProperty('units');
		expect(parameters(2, { resource: 'activity', operation: 'getStreams' })).not.toHaveProperty('simplify');
	});

	test('Simplify is shown exactly for the operations of the table, each of which exists', () => {
		const shown = fields('simplify').flatMap((field) => {
			const show = field.displayOptions!.show!;
			return (show.operation as string[]).map((operation) => `${(show.resource as string[])[0]}:${operation}`);
		});
		const table = Object.entries(SIMPLIFIED_OPERATIONS).flatMap(([resource, operations]) => Object.keys(operations).map((operation) => `${resource}:${operation}`));
		expect(shown.sort()).toEqual(table.sort());
		for (const entry of table) {
			const [resource, operation] = entry.split(':');
			const picker = description.properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
			expect([entry, (picker?.options as Array<{ value: string }>).some((option) => option.value === operation)]).toEqual([entry, true]);
		}
		expect(simplifiedKind('activity', 'getStreams')).toBeUndefined();
		expect(simplifiedKind('toString', 'get')).toBeUndefined();
		expect(simplifiedKind('activity', 'getLaps')).toBe('lap');
	});

	test('Units is not offered for clubs; route points only where answers carry a polyline', () => {
		const resourcesOf = (name: string) => fields(name).map((field) => `${field.displayOptions!.show!.resource}:${field.displayOptions!.show!.operation}`);
		expect(resourcesOf('units').some((entry) => entry.startsWith('club'))).toBe(false);
		expect(resourcesOf('includeRoutePoints').sort()).toEqual(['activity:get,getAll,create,update', 'route:get,getAll', 'segment:get,explore']);
		for (const field of [...fields('units'), ...fields('includeRoutePoints')]) expect(field.displayOptions!.show!.simplify).toEqual([true]);
	});
});
