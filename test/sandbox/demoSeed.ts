/**
 * A realistic athlete for the demo and the example workflows' end-to-end run: about 400 activities over
 * the two years before the sandbox's "now" (runs, rides, Zwift rides, swims, walks, hikes, trail runs,
 * strength and yoga, with names, distances, times, heart rate, power, gear, kudos and streams), bikes and
 * shoes, two more clubs with members, routes around Boulder, starred segments, and athlete stats computed
 * from those activities. Deterministic: the same `seed` and `now` give the same athlete.
 */
import type { StravaSandbox } from './server';
import { makeActivity } from './seed';
import { seedClubMembers } from './routes/clubs';
import { setActivityExtras } from './routes/activities';
import { makeRoute } from './routes/routes';
import { makeSegment, starredOf } from './routes/segments';

type Data = Record<string, unknown>;

const DAY_MS = 24 * 3600_000;
/** America/Denver without daylight saving: local = UTC − 7 h. */
const UTC_OFFSET_S = -7 * 3600;
const HOME: [number, number] = [40.015, -105.2705];
const POLYLINE = '}g|eFnpqjVl@En@Md@HbAd@d@^h@Xx@VbARjBDh@OPQf@w@';

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		between: (min: number, max: number) => min + (max - min) * next(),
		int: (min: number, max: number) => Math.floor(min + (max - min + 1) * next()),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
		chance: (p: number) => next() < p,
	};
}

export const DEMO_BIKES = [
	{ id: 'b9100001', name: 'Canyon Endurace CF', primary: true, kind: 'road' },
	{ id: 'b9100002', name: 'Salsa Warbird (gravel)', primary: false, kind: 'gravel' },
	{ id: 'b9100003', name: 'Tacx Neo trainer bike', primary: false, kind: 'trainer' },
] as const;

export const DEMO_SHOES = [
	{ id: 'g9200001', name: 'Nike Pegasus 41', primary: true },
	{ id: 'g9200002', name: 'Hoka Speedgoat 6', primary: false },
	{ id: 'g9200003', name: 'Saucony Endorphin Pro 4', primary: false },
] as const;

interface Sport {
	sport_type: string;
	type: string;
	/** km range, or undefined for activities without distance. */
	km?: [number, number];
	/** minutes per km (or total minutes when there is no distance). */
	pace: [number, number];
	/** climbing, metres per km */
	climb: [number, number];
	device: string;
	streams: string[];
	names: string[];
}

const GPS = ['time', 'distance', 'latlng', 'altitude', 'velocity_smooth', 'heartrate', 'moving', 'grade_smooth'];

const SPORTS: Record<string, Sport> = {
	Run: {
		sport_type: 'Run', type: 'Run', km: [5, 21.1], pace: [4.6, 5.9], climb: [4, 14], device: 'Garmin Forerunner 965',
		streams: [...GPS, 'cadence'],
		names: ['Tempo Tuesday', 'Easy shakeout', 'Boulder Creek Path run', 'Intervals on the track', 'Long run, Magnolia Rd', 'Recovery jog', 'Progression run', 'Hill repeats on Flagstaff'],
	},
	TrailRun: {
		sport_type: 'TrailRun', type: 'Run', km: [8, 24], pace: [6.5, 8.5], climb: [35, 70], device: 'Garmin Forerunner 965',
		streams: [...GPS, 'cadence'],
		names: ['Mt. Sanitas loop', 'Green Mountain via Ranger Trail', 'Chautauqua – Royal Arch', 'Betasso Preserve trails', 'Walker Ranch loop'],
	},
	Ride: {
		sport_type: 'Ride', type: 'Ride', km: [25, 115], pace: [2.0, 2.6], climb: [8, 22], device: 'Garmin Edge 840',
		streams: [...GPS, 'cadence', 'watts', 'temp'],
		names: ['Lefthand Canyon to Ward', 'Coffee ride with the club', 'Flagstaff climb', 'Carter Lake loop', 'Old Stage – Lee Hill', 'Sunshine Canyon repeats', 'Morning spin to Lyons'],
	},
	GravelRide: {
		sport_type: 'GravelRide', type: 'Ride', km: [30, 80], pace: [2.4, 3.0], climb: [10, 20], device: 'Garmin Edge 840',
		streams: [...GPS, 'cadence', 'watts'],
		names: ['Gravel: Left Hand loop', 'Dirt roads to Hygiene', 'Gunbarrel gravel'],
	},
	VirtualRide: {
		sport_type: 'VirtualRide', type: 'VirtualRide', km: [20, 50], pace: [1.8, 2.3], climb: [5, 15], device: 'Zwift',
		streams: ['time', 'distance', 'latlng', 'altitude', 'velocity_smooth', 'heartrate', 'cadence', 'watts', 'moving', 'grade_smooth'],
		names: ['Zwift - Watopia Hilly Route', 'Zwift - Tempus Fugit', 'Zwift - Sweet Spot intervals', 'Zwift - Alpe du Zwift', 'Zwift - Group ride'],
	},
	Swim: {
		sport_type: 'Swim', type: 'Swim', km: [1.5, 3.6], pace: [17, 22], climb: [0, 0], device: 'Garmin Forerunner 965',
		streams: ['time', 'distance', 'heartrate', 'moving'],
		names: ['Masters swim', 'Pool: 10 x 200', 'Open water at the Res', 'Technique session'],
	},
	Walk: {
		sport_type: 'Walk', type: 'Walk', km: [2, 7], pace: [11, 14], climb: [3, 12], device: 'Apple Watch Ultra',
		streams: GPS,
		names: ['Walk with the dog', 'Pearl Street stroll', 'Lunch walk'],
	},
	Hike: {
		sport_type: 'Hike', type: 'Hike', km: [6, 18], pace: [14, 20], climb: [50, 90], device: 'Garmin Forerunner 965',
		streams: GPS,
		names: ['Bear Peak', 'South Boulder Peak', 'Hike to Lost Lake', 'Mt. Audubon', 'Royal Arch'],
	},
	WeightTraining: {
		sport_type: 'WeightTraining', type: 'WeightTraining', pace: [35, 60], climb: [0, 0], device: 'Apple Watch Ultra',
		streams: ['time', 'heartrate'],
		names: ['Strength: legs and core', 'Gym session', 'Strength circuit'],
	},
	Yoga: {
		sport_type: 'Yoga', type: 'Yoga', pace: [30, 60], climb: [0, 0], device: 'Apple Watch Ultra',
		streams: ['time', 'heartrate'],
		names: ['Yoga flow', 'Recovery yoga'],
	},
};

/** What each weekday usually holds (0 = Sunday), with the chance that the athlete trains at all. */
const WEEK: Array<{ chance: number; sports: string[]; hours: number[] }> = [
	{ chance: 0.85, sports: ['Run', 'Run', 'TrailRun', 'Hike'], hours: [7, 8, 9] },
	{ chance: 0.4, sports: ['Yoga', 'WeightTraining', 'Walk', 'Swim'], hours: [6, 12, 18] },
	{ chance: 0.7, sports: ['Run', 'Run', 'VirtualRide'], hours: [6, 12, 17] },
	{ chance: 0.6, sports: ['Ride', 'VirtualRide', 'Swim', 'Ride'], hours: [6, 12, 17] },
	{ chance: 0.65, sports: ['Run', 'TrailRun', 'WeightTraining'], hours: [6, 12, 18] },
	{ chance: 0.45, sports: ['Swim', 'Walk', 'Yoga'], hours: [7, 12, 17] },
	{ chance: 0.9, sports: ['Ride', 'Ride', 'GravelRide', 'Hike', 'TrailRun'], hours: [7, 8, 9] },
];

function dayPart(hour: number): string {
	if (hour < 11) return 'Morning';
	if (hour < 14) return 'Lunch';
	if (hour < 17) return 'Afternoon';
	if (hour < 21) return 'Evening';
	return 'Night';
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function gearFor(sport: string, rnd: ReturnType<typeof prng>): string | null {
	if (sport === 'VirtualRide') return DEMO_BIKES[2].id;
	if (sport === 'GravelRide') return DEMO_BIKES[1].id;
	if (sport === 'Ride') return DEMO_BIKES[0].id;
	if (sport === 'TrailRun') return DEMO_SHOES[1].id;
	if (sport === 'Run') return rnd.chance(0.2) ? DEMO_SHOES[2].id : DEMO_SHOES[0].id;
	if (sport === 'Hike') return DEMO_SHOES[1].id;
	return null;
}

function gearName(id: string | null): string | undefined {
	return [...DEMO_BIKES, ...DEMO_SHOES].find((gear) => gear.id === id)?.name;
}

export interface DemoActivityOptions {
	/** The activity's ID (Strava's are ~12 digits). */
	id: number;
	sport: string;
	start: number;
	rnd?: ReturnType<typeof prng>;
	name?: string;
}

/** One SummaryActivity of the demo athlete, with the detailed fields GET /activities/{id} overlays. */
export function makeDemoActivity({ id, sport, start, rnd = prng(id), name }: DemoActivityOptions): Data {
	const def = SPORTS[sport] ?? SPORTS.Run;
	const km = def.km ? round(rnd.between(def.km[0], def.km[1]), 2) : 0;
	const minutes = def.km ? km * rnd.between(def.pace[0], def.pace[1]) : rnd.between(def.pace[0], def.pace[1]);
	const moving = Math.round(minutes * 60);
	const elapsed = Math.round(moving * rnd.between(1, 1.12));
	const distance = round(km * 1000, 1);
	const climb = round(km * rnd.between(def.climb[0], def.climb[1]), 1);
	const localStart = start + UTC_OFFSET_S * 1000;
	const hour = new Date(localStart).getUTCHours();
	const gear = gearFor(def.sport_type, rnd);
	const hasGps = def.streams.includes('latlng') && def.sport_type !== 'VirtualRide';
	const ride = def.type === 'Ride' || def.type === 'VirtualRide';
	const heartrate = round(rnd.between(118, 158), 1);
	const watts = ride ? round(rnd.between(160, 235), 1) : undefined;
	const startLatLng = hasGps ? [round(HOME[0] + rnd.between(-0.05, 0.05), 6), round(HOME[1] + rnd.between(-0.08, 0.03), 6)] : [];
	const title = name ?? (rnd.chance(0.45) ? rnd.pick(def.names) : `${dayPart(hour)} ${def.sport_type === 'WeightTraining' ? 'Weight Training' : def.sport_type.replace(/([a-z])([A-Z])/g, '$1 $2')}`);
	return makeActivity(id, new Date(start), {
		name: title,
		sport_type: def.sport_type,
		type: def.type,
		distance,
		moving_time: moving,
		elapsed_time: elapsed,
		total_elevation_gain: climb,
		elev_high: round(1655 + climb / 2, 1),
		elev_low: 1620,
		start_date_local: iso(localStart),
		timezone: '(GMT-07:00) America/Denver',
		utc_offset: UTC_OFFSET_S,
		start_latlng: startLatLng,
		end_latlng: startLatLng,
		location_city: hasGps ? 'Boulder' : null,
		location_state: hasGps ? 'Colorado' : null,
		location_country: 'United States',
		map: { id: `a${id}`, summary_polyline: hasGps ? POLYLINE : null, resource_state: 2 },
		device_name: def.device,
		trainer: def.sport_type === 'VirtualRide',
		commute: def.sport_type === 'Ride' && hour < 9 && rnd.chance(0.15),
		manual: false,
		private: rnd.chance(0.03),
		gear_id: gear,
		gear: gear ? { id: gear, name: gearName(gear), primary: gear === DEMO_BIKES[0].id || gear === DEMO_SHOES[0].id, resource_state: 2 } : null,
		average_speed: moving ? round(distance / moving, 3) : 0,
		max_speed: moving ? round((distance / moving) * rnd.between(1.3, 2.1), 3) : 0,
		has_heartrate: true,
		average_heartrate: heartrate,
		max_heartrate: Math.round(heartrate + rnd.between(15, 35)),
		average_cadence: ride ? round(rnd.between(78, 92), 1) : def.type === 'Run' ? round(rnd.between(82, 90), 1) : null,
		average_watts: watts ?? null,
		weighted_average_watts: watts ? Math.round(watts * 1.08) : null,
		max_watts: watts ? Math.round(watts * 3.2) : null,
		kilojoules: watts ? round((watts * moving) / 1000, 1) : null,
		device_watts: Boolean(watts),
		calories: round((moving / 60) * rnd.between(8, 13), 1),
		kudos_count: rnd.int(0, 24),
		comment_count: rnd.chance(0.25) ? rnd.int(1, 4) : 0,
		achievement_count: rnd.chance(0.2) ? rnd.int(1, 6) : 0,
		pr_count: rnd.chance(0.1) ? rnd.int(1, 3) : 0,
		photo_count: 0,
		total_photo_count: 0,
		athlete_count: rnd.chance(0.2) ? rnd.int(2, 8) : 1,
		suffer_score: Math.round(moving / 60 * rnd.between(0.5, 1.6)),
		workout_type: def.type === 'Run' ? rnd.pick([0, 0, 0, 2, 3]) : ride ? rnd.pick([10, 10, 12]) : null,
		description: rnd.chance(0.3) ? rnd.pick(['Felt strong today.', 'Windy!', 'Legs were heavy.', 'Great weather, great company.', 'New PR on the climb.']) : '',
		external_id: `garmin_push_${id}`,
		// The detailed template's extras that would otherwise show another athlete's data.
		segment_efforts: [],
		splits_metric: [],
		laps: [],
		photos: { primary: null, count: 0 },
		highlighted_kudosers: [],
	});
}

export interface DemoSeedOptions {
	/** The demo's "now" (default: the sandbox clock). Activities end at least 2 hours before it. */
	now?: number;
	seed?: number;
	/** Days of history (default 730). */
	days?: number;
}

export interface DemoSeed {
	activities: Data[];
	routes: Data[];
	clubs: Data[];
	starredSegments: Data[];
	athlete: Data;
}

/** The first ID of the seeded activities; each later activity has a higher ID (as on Strava). */
export const DEMO_FIRST_ACTIVITY_ID = 11_000_000_000;

function statsOf(activities: Data[], now: number): Data {
	const totals = (list: Data[]) => ({
		count: list.length,
		distance: round(list.reduce((sum, a) => sum + Number(a.distance), 0), 1),
		moving_time: list.reduce((sum, a) => sum + Number(a.moving_time), 0),
		elapsed_time: list.reduce((sum, a) => sum + Number(a.elapsed_time), 0),
		elevation_gain: round(list.reduce((sum, a) => sum + Number(a.total_elevation_gain), 0), 1),
		achievement_count: list.reduce((sum, a) => sum + Number(a.achievement_count ?? 0), 0),
	});
	const kinds: Record<string, (a: Data) => boolean> = {
		ride: (a) => a.type === 'Ride' || a.type === 'VirtualRide',
		run: (a) => a.type === 'Run',
		swim: (a) => a.type === 'Swim',
	};
	const publicOnes = activities.filter((a) => !a.private);
	const yearStart = Date.UTC(new Date(now).getUTCFullYear(), 0, 1);
	const recentStart = now - 28 * DAY_MS;
	const stats: Data = {};
	for (const [kind, test] of Object.entries(kinds)) {
		const all = publicOnes.filter(test);
		stats[`recent_${kind}_totals`] = totals(all.filter((a) => Date.parse(String(a.start_date)) >= recentStart));
		stats[`ytd_${kind}_totals`] = totals(all.filter((a) => Date.parse(String(a.start_date)) >= yearStart));
		stats[`all_${kind}_totals`] = totals(all);
	}
	const rides = publicOnes.filter(kinds.ride);
	stats.biggest_ride_distance = Math.max(0, ...rides.map((a) => Number(a.distance)));
	stats.biggest_climb_elevation_gain = Math.max(0, ...rides.map((a) => Number(a.total_elevation_gain)));
	return stats;
}

/** Seeds the demo athlete into a started sandbox (replaces the default athlete's activities, routes and starred segments). */
export function seedDemoAthlete(sandbox: StravaSandbox, options: DemoSeedOptions = {}): DemoSeed {
	const now = options.now ?? sandbox.state.clock.now();
	const rnd = prng(options.seed ?? 20_241_101);
	const days = options.days ?? 730;
	const today = Math.floor(now / DAY_MS) * DAY_MS;

	// Activities, oldest first so that IDs grow with time.
	const activities = sandbox.state.collection('activities');
	activities.clear();
	const added: Data[] = [];
	let nextId = DEMO_FIRST_ACTIVITY_ID;
	for (let back = days; back >= 0; back--) {
		const day = today - back * DAY_MS;
		const plan = WEEK[new Date(day).getUTCDay()];
		const sessions = rnd.chance(plan.chance) ? (rnd.chance(0.08) ? 2 : 1) : 0;
		const hours = [...plan.hours];
		for (let s = 0; s < sessions; s++) {
			const hour = hours.splice(rnd.int(0, hours.length - 1), 1)[0];
			// Local time → UTC (Denver is UTC−7 here).
			const start = day + (hour - UTC_OFFSET_S / 3600) * 3600_000 + rnd.int(0, 50) * 60_000;
			if (start > now - 2 * 3600_000) continue;
			const sport = rnd.pick(plan.sports);
			nextId += rnd.int(3, 40) * 1000 + rnd.int(0, 999);
			const activity = makeDemoActivity({ id: nextId, sport, start, rnd });
			added.push(activity);
		}
	}
	added.sort((a, b) => Date.parse(String(a.start_date)) - Date.parse(String(b.start_date)));
	for (const activity of added) {
		activities.set(String(activity.id), activity);
		const def = SPORTS[String(activity.sport_type)];
		// Streams: one sample every 2 s of moving time (at most 5,000), the sensors this sport records.
		setActivityExtras(sandbox, Number(activity.id), {
			streamPoints: Math.max(60, Math.min(5000, Math.round(Number(activity.moving_time) / 2))),
			streamTypes: def.streams,
		});
	}

	// The athlete, with bikes and shoes whose distances add up from the activities.
	const gearDistance = (id: string) => round(added.filter((a) => a.gear_id === id).reduce((sum, a) => sum + Number(a.distance), 0), 0);
	const athlete: Data = {
		...sandbox.state.athlete,
		id: 134815,
		username: 'alex_rivera',
		firstname: 'Alex',
		lastname: 'Rivera',
		city: 'Boulder',
		state: 'Colorado',
		country: 'United States',
		sex: 'F',
		premium: true,
		summit: true,
		created_at: iso(today - (days + 400) * DAY_MS),
		updated_at: iso(today - DAY_MS),
		measurement_preference: 'meters',
		weight: 61.5,
		ftp: 248,
		follower_count: 187,
		friend_count: 143,
		bikes: DEMO_BIKES.map(({ id, name, primary }) => ({ id, name, primary, resource_state: 2, distance: gearDistance(id) })),
		shoes: DEMO_SHOES.map(({ id, name, primary }) => ({ id, name, primary, resource_state: 2, distance: gearDistance(id) })),
	};
	sandbox.state.athlete = athlete;

	// Clubs: two local ones besides the sandbox's defaults.
	const clubs = sandbox.state.collection('clubs');
	const template = clubs.get('231407') ?? {};
	const demoClubs: Data[] = [
		{ ...template, id: 431201, name: 'Boulder Trail Runners', sport_type: 'running', activity_types: ['Run', 'TrailRun', 'Hike'], city: 'Boulder', state: 'Colorado', private: false, member_count: 842, url: 'boulder-trail-runners', verified: false, description: 'Group trail runs every Saturday at Chautauqua.', club_type: 'club', membership: 'member', admin: false, owner: false },
		{ ...template, id: 431202, name: 'Front Range Cycling Club', sport_type: 'cycling', activity_types: ['Ride', 'GravelRide', 'VirtualRide'], city: 'Boulder', state: 'Colorado', private: false, member_count: 2317, url: 'front-range-cc', verified: false, description: 'Coffee rides, hill repeats and the occasional gravel adventure.', club_type: 'club', membership: 'member', admin: true, owner: false },
	];
	for (const club of demoClubs) clubs.set(String(club.id), { ...club, resource_state: 3 });
	seedClubMembers(sandbox, 431201, 25);
	seedClubMembers(sandbox, 431202, 40);

	// Routes around Boulder (the last one private).
	const routes = sandbox.state.collection('routes');
	routes.clear();
	const routeDefs = [
		{ name: 'Flagstaff Mountain climb', km: 14.2, climb: 610, type: 1 },
		{ name: 'Boulder Creek Path loop', km: 18.6, climb: 95, type: 2 },
		{ name: 'Lefthand Canyon to Ward', km: 58.3, climb: 1210, type: 1 },
		{ name: 'Chautauqua – Royal Arch', km: 5.6, climb: 420, type: 2 },
		{ name: 'Magnolia Road long run', km: 24.0, climb: 380, type: 2 },
		{ name: 'Carter Lake loop', km: 96.5, climb: 980, type: 1 },
		{ name: 'Commute to the office', km: 9.8, climb: 45, type: 1, private: true },
	];
	const demoRoutes = routeDefs.map((def, index) => {
		const idStr = `33440123456789013${String(index + 1).padStart(2, '0')}`;
		const route = makeRoute(idStr, 134815, {
			name: def.name,
			description: `${def.name} (${def.km} km, ${def.climb} m)`,
			distance: def.km * 1000,
			elevation_gain: def.climb,
			type: def.type,
			private: Boolean(def.private),
			estimated_moving_time: Math.round(def.km * (def.type === 1 ? 150 : 330)),
		});
		routes.set(idStr, route);
		return route;
	});

	// Starred segments near Boulder (the sandbox's San Francisco ones are un-starred).
	const segments = sandbox.state.collection('segments');
	const starred = starredOf(sandbox);
	starred.splice(0, Infinity);
	const segmentDefs = [
		{ name: 'Flagstaff Road climb', type: 'Ride', km: 7.1, grade: 7.4, cat: 2 },
		{ name: 'Super Flag', type: 'Ride', km: 1.8, grade: 13.2, cat: 3 },
		{ name: 'Lefthand Canyon (Jamestown to Ward)', type: 'Ride', km: 9.3, grade: 6.1, cat: 2 },
		{ name: 'Boulder Creek Path sprint', type: 'Run', km: 1.0, grade: 0.4, cat: 0 },
		{ name: 'Mt. Sanitas ascent', type: 'Run', km: 2.0, grade: 19.5, cat: 3 },
		{ name: 'Royal Arch Trail', type: 'Run', km: 2.6, grade: 15.8, cat: 3 },
	];
	const demoSegments = segmentDefs.map((def, index) => {
		const id = 7_100_001 + index;
		const lat = round(HOME[0] + index * 0.004, 6);
		const segment = makeSegment(id, {
			name: def.name,
			activity_type: def.type,
			distance: def.km * 1000,
			average_grade: def.grade,
			maximum_grade: round(def.grade * 1.8, 1),
			elevation_low: 1650,
			elevation_high: round(1650 + def.km * def.grade * 10, 1),
			climb_category: def.cat,
			start_latlng: [lat, HOME[1] - 0.02],
			end_latlng: [round(lat + 0.01, 6), HOME[1] - 0.05],
			city: 'Boulder',
			state: 'CO',
			country: 'United States',
			private: false,
		});
		segments.set(String(id), segment);
		starred.push(String(id));
		return segment;
	});

	// Athlete stats that add up from the seeded activities (the sandbox's default is a fixed example).
	sandbox.route({
		method: 'GET',
		pattern: '/athletes/:id/stats',
		scopes: ['read', 'read_all', 'profile:read_all'],
		scopeField: 'read_permission',
		handler: () => ({ body: statsOf([...activities.values()], sandbox.state.clock.now()) }),
	});
	// Routes are matched in order: put this one before the default stats route.
	const table = sandbox['routes'];
	table.unshift(table.pop()!);

	return { activities: added, routes: demoRoutes, clubs: demoClubs, starredSegments: demoSegments, athlete };
}

let demoIds = 90_000_000_000;

/** Adds one more activity of the demo athlete (a new upload, or a late one when `start` lies in the past). */
export function addDemoActivity(sandbox: StravaSandbox, sport: string, start: number, name?: string): Data {
	const activity = makeDemoActivity({ id: demoIds++, sport, start, name });
	sandbox.state.collection('activities').set(String(activity.id), activity);
	setActivityExtras(sandbox, Number(activity.id), { streamPoints: 600, streamTypes: (SPORTS[sport] ?? SPORTS.Run).streams });
	return activity;
}
