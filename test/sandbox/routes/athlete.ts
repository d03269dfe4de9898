import { stravaError } from '../http';
import type { StravaSandbox } from '../server';

type Data = Record<string, unknown>;

const totals = (count: number, distance: number, elevation: number): Data => ({
	count,
	distance,
	moving_time: Math.round(distance / 6),
	elapsed_time: Math.round(distance / 5.5),
	elevation_gain: elevation,
	achievement_count: Math.floor(count / 2),
});

/** ActivityStats (the spec gives no example; shaped after its schema). */
export function athleteStats(): Data {
	return {
		biggest_ride_distance: 175_532.1,
		biggest_climb_elevation_gain: 1_425.6,
		recent_ride_totals: totals(4, 182_000.4, 2_310),
		recent_run_totals: totals(6, 52_400.2, 410),
		recent_swim_totals: totals(0, 0, 0),
		ytd_ride_totals: totals(58, 3_120_500, 34_800),
		ytd_run_totals: totals(71, 655_100, 5_900),
		ytd_swim_totals: totals(3, 4_500, 0),
		all_ride_totals: totals(612, 31_250_000, 351_000),
		all_run_totals: totals(803, 7_120_000, 61_000),
		all_swim_totals: totals(25, 38_000, 0),
	};
}

/**
 * Heart rate and power zones as GET /athlete/zones answers them (the Zones schema: the spec's example for
 * this path is an activity's zone distribution, copied by mistake).
 */
export function athleteZones(): Data {
	return {
		heart_rate: {
			custom_zones: false,
			zones: [
				{ min: 0, max: 123 },
				{ min: 123, max: 153 },
				{ min: 153, max: 169 },
				{ min: 169, max: 184 },
				{ min: 184, max: -1 },
			],
		},
		power: {
			zones: [
				{ min: 0, max: 150 },
				{ min: 151, max: 205 },
				{ min: 206, max: 246 },
				{ min: 247, max: 287 },
				{ min: 288, max: 328 },
				{ min: 329, max: 410 },
				{ min: 411, max: -1 },
			],
		},
	};
}

/** PUT /athlete (weight, profile:write), GET /athletes/{id}/stats, GET /athlete/zones (profile:read_all). */
export function registerAthlete(sandbox: StravaSandbox) {
	const { state } = sandbox;

	sandbox.route({
		method: 'PUT',
		pattern: '/athlete',
		scopes: ['profile:write'],
		scopeField: 'profile:write_permission',
		handler: (req) => {
			const raw = req.body.weight ?? req.query.get('weight');
			const weight = typeof raw === 'number' ? raw : Number(raw);
			if (raw === undefined || raw === '' || !Number.isFinite(weight) || weight <= 0) {
				return stravaError(400, 'Bad Request', [{ resource: 'Athlete', field: 'weight', code: 'invalid' }]);
			}
			state.athlete = { ...state.athlete, weight, updated_at: new Date(state.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z') };
			return { body: state.athlete };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/athletes/:id/stats',
		scopes: ['read', 'read_all', 'profile:read_all'],
		scopeField: 'read_permission',
		handler: (req) => {
			if (req.params.id !== String(req.auth?.athleteId)) {
				return stravaError(403, 'Forbidden', [{ resource: 'Athlete', field: 'id', code: 'forbidden' }]);
			}
			return { body: athleteStats() };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/athlete/zones',
		scopes: ['profile:read_all'],
		scopeField: 'profile:read_all_permission',
		handler: () => ({ body: athleteZones() }),
	});
}
