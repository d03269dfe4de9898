import { readFileSync } from 'fs';
import path from 'path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SIMPLIFIERS, simplifiedKind } from '../../nodes/StravaApi/simplify';
import { useSandbox, type RunOptions } from '../harness';
import { EXAMPLE_POLYLINE, SIMPLIFY_CASES, seedSimplify } from './cases';

/**
 * Simplify through n8n-core's WorkflowExecute against the sandbox: version 1 byte-identical to the output
 * captured before version 2 existed, version 2 simplified by default in both unit systems, Simplify off
 * in version 2 = raw.
 */
const t = useSandbox((sandbox) => {
	seedSimplify(sandbox);
	// This file runs some 150 workflows: more reads than one 15-minute window of Strava's real limits allows.
	sandbox.state.limits = { overall15: 100_000, overallDay: 100_000, read15: 100_000, readDay: 100_000 };
});

const V1_FIXTURE = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/simplify-v1.json'), 'utf8')) as Record<string, unknown>;

const v2 = (parameters: INodeParameters, options: Omit<RunOptions, 'parameters'> = {}) => t.run(parameters, { ...options, typeVersion: 2 });
const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** The seeded activities by their seeded names (the update case renames one; create cases add others). */
const SEEDED: Record<number, string> = { 501: 'Morning run', 502: 'Evening ride', 503: 'Chatham walk', 504: 'Zwift in the evening' };
const named = (items: INodeExecutionData[]) =>
	Object.fromEntries(json(items).filter((activity) => SEEDED[activity.id as number]).map((activity) => [SEEDED[activity.id as number], activity]));
const caseOf = (name: string) => SIMPLIFY_CASES.find((entry) => entry.name === name)!.parameters;

/** The keys a simplifier gives for an empty answer: every simplified item must have exactly these. */
function keysOf(resource: string, operation: string, routePoints = false): string[] {
	const kind = simplifiedKind(resource, operation)!;
	return Object.keys(SIMPLIFIERS[kind]({}, { units: 'metric', includeRoutePoints: routePoints }));
}

// Runs first: the workflow that creates an activity must see the same sandbox state as the capture did.
describe('version 1 (saved workflows)', () => {
	test('every simplified operation outputs byte for byte what it did before version 2', async () => {
		expect(Object.keys(V1_FIXTURE)).toEqual(SIMPLIFY_CASES.map((entry) => entry.name));
		for (const { name, parameters } of SIMPLIFY_CASES) {
			const result = await t.run(parameters, { typeVersion: 1 });
			expect([name, result.error]).toEqual([name, undefined]);
			expect([name, JSON.stringify(result.items)]).toEqual([name, JSON.stringify(V1_FIXTURE[name])]);
		}
	});

	test('a version 1 node ignores Simplify even when its parameters carry it', async () => {
		const result = await t.run({ ...caseOf('activity:get'), simplify: true, units: 'imperial' }, { typeVersion: 1 });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toHaveProperty('resource_state', 3);
		expect(result.items[0].json).not.toHaveProperty('distance_unit');
	});
});

describe('version 2 with Simplify off', () => {
	test('outputs what version 1 outputs, for every simplified operation', async () => {
		for (const { name, parameters } of SIMPLIFY_CASES) {
			const [v1, off] = [await t.run(parameters, { typeVersion: 1 }), await v2({ ...parameters, simplify: false })];
			expect([name, off.error]).toEqual([name, undefined]);
			// Each create makes a new activity: only its ID differs.
			const strip = (items: INodeExecutionData[]) => JSON.stringify(name === 'activity:create' ? items.map((item) => ({ ...item, json: { ...item.json, id: 0 } })) : items);
			expect([name, strip(off.items)]).toEqual([name, strip(v1.items)]);
		}
	});
});

describe('version 2 (Simplify on by default)', () => {
	test('every simplified operation: the stable key set of its kind, no undefined, still paired', async () => {
		for (const { name, parameters } of SIMPLIFY_CASES) {
			const result = await v2(parameters);
			expect([name, result.error]).toEqual([name, undefined]);
			expect([name, result.items.length > 0]).toEqual([name, true]);
			const expected = keysOf(String(parameters.resource), String(parameters.operation));
			for (const item of result.items) {
				expect([name, Object.keys(item.json)]).toEqual([name, expected]);
				expect([name, JSON.stringify(item.json)]).toEqual([name, JSON.stringify(item.json, (_key, value) => (value === undefined ? 'UNDEFINED' : value))]);
				expect(item.pairedItem).toEqual({ item: 0 });
			}
		}
	});

	test('Get Many, metric: the 10 km run is 10 km, 45:00, 4:30 min/km; each local start carries its offset', async () => {
		const result = await v2(caseOf('activity:getAll'));
		const byName = named(result.items);
		expect(byName['Morning run']).toEqual({
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
			gear_id: 'g12345678987655',
			gear_name: null,
			kudos_count: 7,
			comment_count: 2,
			commute: true,
			trainer: false,
			manual: false,
			private: false,
			start_latlng: [38.5, -120.2],
			url: 'https://www.strava.com/activities/501',
		});
		expect(byName['Evening ride']).toMatchObject({
			start_date_local: '2026-03-11T17:45:00+05:45',
			timezone: 'Asia/Kathmandu',
			distance: 40,
			moving_time: '1:20:00',
			elapsed_time: '1:23:45',
			pace: null,
			speed: 30,
			speed_unit: 'km/h',
			average_watts: 180.4,
			weighted_average_watts: 195,
			private: true,
		});
		expect(byName['Chatham walk']).toMatchObject({ start_date_local: '2026-01-16T09:45:00+13:45', timezone: 'Pacific/Chatham', pace: '12:00', pace_unit: 'min/km' });
		expect(byName['Zwift in the evening']).toMatchObject({ start_date_local: '2026-01-20T19:30:00-03:30', timezone: 'America/St_Johns', speed: 30, trainer: true });
	});

	test('Get Many, imperial: 6.21 mi, 7:14 min/mi (from Strava\'s 3.704 m/s), feet and mph', async () => {
		const result = await v2({ ...caseOf('activity:getAll'), units: 'imperial' });
		const byName = named(result.items);
		expect(byName['Morning run']).toMatchObject({
			distance: 6.21,
			distance_unit: 'mi',
			moving_time: '45:00',
			// Strava's average_speed 3.704 m/s: 1,609.344 / 3.704 = 434.49 s per mile (10,000 m over 2,700 s would be 434.52).
			pace: '7:14',
			pace_seconds: 434,
			pace_unit: 'min/mi',
			elevation_gain: 279,
			elevation_unit: 'ft',
			start_date_local: '2026-07-10T07:00:00+02:00',
		});
		// 40 km in 1:20:00 = 24.85 mi; Strava's 8.333 m/s = 18.6 mph; 350 m = 1,148 ft.
		expect(byName['Evening ride']).toMatchObject({ distance: 24.85, speed: 18.6, speed_unit: 'mph', elevation_gain: 1148 });
		// 5 km in an hour: 3.11 mi; Strava's 1.389 m/s: 19:19 min/mi (1,609.344 / 1.389 = 1,158.6 s).
		expect(byName['Chatham walk']).toMatchObject({ distance: 3.11, pace: '19:19' });
	});

	test('route points only when asked: decoded pairs, [] for an empty polyline, null for none', async () => {
		const without = await v2(caseOf('activity:getAll'));
		expect(without.items.every((item) => !('route_points' in item.json))).toBe(true);
		const result = await v2({ ...caseOf('activity:getAll'), includeRoutePoints: true });
		const points = Object.fromEntries(Object.entries(named(result.items)).map(([name, activity]) => [name, activity.route_points]));
		expect(points).toEqual({
			'Morning run': [
				[38.5, -120.2],
				[40.7, -120.95],
				[43.252, -126.453],
			],
			'Evening ride': null,
			'Chatham walk': [],
			// makeActivity's template has no polyline either.
			'Zwift in the evening': null,
		});
		expect(Object.keys(result.items[0].json)).toEqual(keysOf('activity', 'getAll', true));
		expect(EXAMPLE_POLYLINE).toBe((t.sandbox.state.collection('activities').get('501')!.map as IDataObject).summary_polyline);
	});

	test('Get, Create and Update: the detailed answer has the gear name and calories', async () => {
		const get = await v2(caseOf('activity:get'));
		expect(get.items).toHaveLength(1);
		expect(get.items[0].json).toMatchObject({ id: 501, gear_name: 'Tarmac', calories: 870.2, pace: '4:30', start_date_local: '2026-07-10T07:00:00+02:00' });
		const create = await v2({ ...caseOf('activity:create'), units: 'imperial' });
		expect(create.items[0].json).toMatchObject({ name: 'Lunch run', sport_type: 'Run', manual: true, distance: 6.21, moving_time: '45:00', pace: '7:14' });
		const update = await v2(caseOf('activity:update'));
		expect(update.items[0].json).toMatchObject({ id: 502, name: 'Evening ride (renamed)', speed: 30, timezone: 'Asia/Kathmandu' });
	});

	test('Units per item by expression', async () => {
		const result = await v2({ ...caseOf('activity:get'), units: '={{ $json.units }}' }, { input: [{ units: 'metric' }, { units: 'imperial' }] });
		expect(result.items.map((item) => [item.json.distance, item.json.pace, item.pairedItem])).toEqual([
			[10, '4:30', { item: 0 }],
			[6.21, '7:14', { item: 1 }],
		]);
	});

	test('laps and athlete stats', async () => {
		const laps = await v2(caseOf('activity:getLaps'));
		// The spec's lap: Strava's average_speed 4.76 m/s (17.1 km/h, 1,000 / 4.76 = 210 s = 3:30 per km), not the
		// 8,046.72 m over 1,587 s (18.3 km/h) its distance and moving time would give.
		expect(json(laps.items).map((lap) => [lap.name, lap.activity_id, lap.distance, lap.moving_time, lap.pace, lap.speed, lap.start_date_local])).toEqual([
			['Lap 1', 501, 8.05, '26:27', '3:30', 17.1, '2018-02-08T06:13:37-08:00'],
			['Lap 2', 501, 8.05, '26:27', '3:30', 17.1, '2018-02-08T06:13:37-08:00'],
			['Lap 3', 501, 8.05, '26:27', '3:30', 17.1, '2018-02-08T06:13:37-08:00'],
		]);
		const stats = await v2({ ...caseOf('athlete:getStats'), units: 'imperial' });
		expect(stats.items).toHaveLength(1);
		// 52,400.2 m = 32.56 mi; 410 m = 1,345 ft; 8,733 s = 2:25:33.
		expect(stats.items[0].json).toMatchObject({
			distance_unit: 'mi',
			recent_run_count: 6,
			recent_run_distance: 32.56,
			recent_run_moving_time: '2:25:33',
			recent_run_elevation_gain: 1345,
			recent_swim_count: 0,
			recent_swim_distance: 0,
		});
	});

	test('segments, explore (with its points) and segment efforts', async () => {
		const segment = await v2(caseOf('segment:get'));
		expect(segment.items[0].json).toMatchObject({ id: 229781, name: 'Hawk Hill', distance: 2.68, average_grade: 5.7, elevation_gain: 156, pr_time: '9:13' });
		const starred = await v2({ ...caseOf('segment:getStarred'), units: 'imperial' });
		expect(json(starred.items).map((entry) => [entry.id, entry.distance, entry.distance_unit, entry.starred])).toEqual([
			[229781, 1.67, 'mi', true],
			[229782, 1.67, 'mi', true],
		]);
		const explore = await v2({ ...caseOf('segment:explore'), includeRoutePoints: true });
		expect(explore.items.length).toBeGreaterThan(0);
		const hawk = explore.items.find((item) => item.json.id === 229781)!.json;
		expect(hawk).toMatchObject({ average_grade: 5.7, elevation_difference: 153, climb_category: 1 });
		expect((hawk.route_points as number[][])[0]).toEqual([37.83311, -122.48344]);

		const effort = await v2(caseOf('segmentEffort:get'));
		expect(effort.items[0].json).toMatchObject({
			id: 70001,
			segment_id: 229781,
			activity_type: 'Run',
			start_date: '2026-06-29T16:00:00Z',
			start_date_local: '2026-06-29T08:00:00-08:00',
			elapsed_time: '6:21',
			url: 'https://www.strava.com/activities/5070001/segments/70001',
		});
		const efforts = await v2(caseOf('segmentEffort:getAll'));
		expect(json(efforts.items).map((entry) => entry.start_date_local)).toEqual([
			'2026-06-30T08:00:00-08:00',
			'2026-06-29T08:00:00-08:00',
			'2026-06-28T08:00:00-08:00',
		]);
	});

	test('routes keep their exact ID; clubs, gear and the athlete', async () => {
		const route = await v2(caseOf('route:get'));
		// 12,445.6 m in an estimated 2,410 s: 12.45 km, 40:10, 18.6 km/h (a ride route).
		expect(route.items[0].json).toMatchObject({
			id: '3344012345678901201',
			type: 'Ride',
			distance: 12.45,
			estimated_moving_time: '40:10',
			speed: 18.6,
			url: 'https://www.strava.com/routes/3344012345678901201',
		});
		const routes = await v2({ ...caseOf('route:getAll'), includeRoutePoints: true });
		expect(routes.items.length).toBeGreaterThanOrEqual(2);
		expect(json(routes.items).slice(0, 2).map((entry) => entry.id)).toEqual(['3344012345678901201', '3344012345678901202']);
		expect(routes.items.every((item) => (item.json.route_points as unknown[]).length > 0)).toBe(true);

		const club = await v2(caseOf('club:get'));
		expect(club.items[0].json).toMatchObject({ id: 1, name: 'Team Strava Cycling', member_count: 116, url: 'https://www.strava.com/clubs/team-strava-bike' });
		const clubs = await v2(caseOf('club:getAll'));
		expect(json(clubs.items).map((entry) => entry.name)).toEqual(['The Strava Club', 'Team Strava Cycling']);

		const gear = await v2({ ...caseOf('gear:get'), units: 'imperial' });
		expect(gear.items[0].json).toMatchObject({ id: 'b12345678987655', name: 'EMC', kind: 'bike', brand_name: 'BMC', distance: 0, distance_unit: 'mi' });

		const athlete = await v2(caseOf('athlete:get'));
		expect(athlete.items[0].json).toMatchObject({ id: 134815, firstname: 'Marianne', weight: null, weight_unit: 'kg' });
		const updated = await v2({ resource: 'athlete', operation: 'update', weight: 70, units: 'imperial' });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ id: 134815, weight: 154.3, weight_unit: 'lb' });
	});

	test('operations without a simplified form, and failed items under Continue On Fail, stay as they were', async () => {
		const zones = await v2({ resource: 'activity', operation: 'getZones', activityId: byId('501') });
		expect(zones.items[0].json).toHaveProperty('distribution_buckets');
		const failed = await v2({ resource: 'activity', operation: 'get', activityId: byId('999') }, { continueOnFail: true });
		expect(failed.items).toHaveLength(1);
		expect(failed.items[0].json).toMatchObject({ error: expect.any(String), httpCode: '404' });
		expect(failed.items[0].json).not.toHaveProperty('distance_unit');
	});
});
