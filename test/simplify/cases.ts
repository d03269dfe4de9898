import type { INodeParameters } from 'n8n-workflow';

import { addActivity, seedRoutes, type StravaSandbox } from '../sandbox';

/**
 * The activities, routes and workflows the Simplify tests run, shared by the integration test and the
 * capture of version 1's output (test/fixtures/simplify-v1.capture.ts), so both see the same answers.
 */

/** Google's encoded-polyline example: (38.5, -120.2), (40.7, -120.95), (43.252, -126.453). */
export const EXAMPLE_POLYLINE = '_p~iF~ps|U_ulLnnqC_mqNvxq`@';

const noPower = { average_watts: undefined, weighted_average_watts: undefined, kilojoules: undefined, max_watts: undefined, device_watts: false };

export function seedSimplify(sandbox: StravaSandbox) {
	// A 10 km run in 45:00 (4:30 min/km). Paris in July is UTC+2, although Strava's label says GMT+01:00.
	addActivity(sandbox, 501, '2026-07-10T05:00:00Z', {
		name: 'Morning run',
		type: 'Run',
		sport_type: 'Run',
		start_date_local: '2026-07-10T07:00:00Z',
		timezone: '(GMT+01:00) Europe/Paris',
		utc_offset: 7200,
		distance: 10000,
		moving_time: 2700,
		elapsed_time: 2760,
		total_elevation_gain: 85,
		average_speed: 3.704,
		max_speed: 5.1,
		has_heartrate: true,
		average_heartrate: 152.3,
		max_heartrate: 171,
		...noPower,
		trainer: false,
		commute: true,
		manual: false,
		private: false,
		kudos_count: 7,
		comment_count: 2,
		gear_id: 'g12345678987655',
		start_latlng: [38.5, -120.2],
		end_latlng: [43.252, -126.453],
		map: { id: 'a501', summary_polyline: EXAMPLE_POLYLINE, resource_state: 2 },
	});
	// A 40 km ride in 1:20:00 (30 km/h) in Kathmandu (UTC+05:45).
	addActivity(sandbox, 502, '2026-03-11T12:00:00Z', {
		name: 'Evening ride',
		type: 'Ride',
		sport_type: 'Ride',
		start_date_local: '2026-03-11T17:45:00Z',
		timezone: '(GMT+05:45) Asia/Kathmandu',
		utc_offset: 20700,
		distance: 40000,
		moving_time: 4800,
		elapsed_time: 5025,
		total_elevation_gain: 350,
		average_speed: 8.333,
		max_speed: 15.2,
		average_watts: 180.4,
		weighted_average_watts: 195,
		has_heartrate: true,
		average_heartrate: 141,
		max_heartrate: 168,
		trainer: false,
		commute: false,
		private: true,
		map: { id: 'a502', summary_polyline: null, resource_state: 2 },
	});
	// A walk on the Chatham Islands (UTC+13:45 in January) and a virtual ride in St. John's (UTC-03:30).
	addActivity(sandbox, 503, '2026-01-15T20:00:00Z', {
		name: 'Chatham walk',
		type: 'Walk',
		sport_type: 'Walk',
		start_date_local: '2026-01-16T09:45:00Z',
		timezone: '(GMT+12:45) Pacific/Chatham',
		utc_offset: 49500,
		distance: 5000,
		moving_time: 3600,
		elapsed_time: 3900,
		total_elevation_gain: 12.4,
		average_speed: 1.389,
		max_speed: 2.1,
		has_heartrate: false,
		average_heartrate: undefined,
		max_heartrate: undefined,
		...noPower,
		trainer: false,
		map: { id: 'a503', summary_polyline: '', resource_state: 2 },
	});
	addActivity(sandbox, 504, '2026-01-20T23:00:00Z', {
		name: 'Zwift in the evening',
		type: 'VirtualRide',
		sport_type: 'VirtualRide',
		start_date_local: '2026-01-20T19:30:00Z',
		timezone: '(GMT-03:30) America/St_Johns',
		utc_offset: -12600,
		distance: 25000,
		moving_time: 3000,
		elapsed_time: 3000,
		total_elevation_gain: 210,
		average_speed: 8.333,
		max_speed: 12.9,
		trainer: true,
	});
	seedRoutes(sandbox, 2);
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** One workflow per simplified operation (Simplify and Units left at their defaults). */
export const SIMPLIFY_CASES: Array<{ name: string; parameters: INodeParameters }> = [
	{ name: 'activity:getAll', parameters: { resource: 'activity', operation: 'getAll', returnAll: true } },
	{ name: 'activity:get', parameters: { resource: 'activity', operation: 'get', activityId: byId('501') } },
	{ name: 'activity:getLaps', parameters: { resource: 'activity', operation: 'getLaps', activityId: byId('501') } },
	{
		name: 'activity:create',
		parameters: {
			resource: 'activity',
			operation: 'create',
			name: 'Lunch run',
			sportType: 'Run',
			startDateLocal: '2026-11-02T12:15:00',
			elapsedTime: 2700,
			additionalFields: { distance: 10000 },
		},
	},
	{ name: 'activity:update', parameters: { resource: 'activity', operation: 'update', activityId: byId('502'), updateFields: { name: 'Evening ride (renamed)' } } },
	{ name: 'athlete:get', parameters: { resource: 'athlete', operation: 'get' } },
	{ name: 'athlete:getStats', parameters: { resource: 'athlete', operation: 'getStats' } },
	{ name: 'club:get', parameters: { resource: 'club', operation: 'get', clubId: byId('1') } },
	{ name: 'club:getAll', parameters: { resource: 'club', operation: 'getAll', returnAll: true } },
	{ name: 'gear:get', parameters: { resource: 'gear', operation: 'get', gearId: byId('b12345678987655') } },
	{ name: 'route:get', parameters: { resource: 'route', operation: 'get', routeId: byId('3344012345678901201') } },
	{ name: 'route:getAll', parameters: { resource: 'route', operation: 'getAll', returnAll: true } },
	{ name: 'segment:get', parameters: { resource: 'segment', operation: 'get', segmentId: byId('229781') } },
	{ name: 'segment:getStarred', parameters: { resource: 'segment', operation: 'getStarred', returnAll: true } },
	{ name: 'segment:explore', parameters: { resource: 'segment', operation: 'explore', bounds: '37.821362,-122.505373,37.842038,-122.465977' } },
	{ name: 'segmentEffort:get', parameters: { resource: 'segmentEffort', operation: 'get', segmentEffortId: byId('70001') } },
	{ name: 'segmentEffort:getAll', parameters: { resource: 'segmentEffort', operation: 'getAll', segmentId: byId('229781'), returnAll: true } },
];
