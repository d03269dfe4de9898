import { simplifyGear } from '../../nodes/StravaApi/simplify/gear';
import { simplifyRoute } from '../../nodes/StravaApi/simplify/route';
import { simplifySegmentEffort } from '../../nodes/StravaApi/simplify/segmentEffort';
import { localDateTime, offsetMinutes } from '../../nodes/StravaApi/simplify/time';
import { round } from '../../nodes/StravaApi/simplify/units';

/** Simplified output: cases the other tests leave open (found by mutation testing). */

const metric = { units: 'metric' as const, includeRoutePoints: false };

describe('simplifyRoute: the route ID without id_str', () => {
	test('a numeric id becomes its string, and the web URL uses it', () => {
		const route = simplifyRoute({ id: 3344012345 }, metric);
		expect(route.id).toBe('3344012345');
		expect(route.url).toBe('https://www.strava.com/routes/3344012345');
	});

	test('a string id is kept as it is', () => {
		expect(simplifyRoute({ id: '3344012345678901201' }, metric).id).toBe('3344012345678901201');
	});

	test('no id at all: null, and no URL', () => {
		const route = simplifyRoute({ name: 'Nameless' }, metric);
		expect(route.id).toBeNull();
		expect(route.url).toBeNull();
	});
});

describe('simplifySegmentEffort: the name', () => {
	test("the effort's own name comes first", () => {
		expect(simplifySegmentEffort({ name: 'Hawk Hill effort', segment: { name: 'Hawk Hill' } }, metric).name).toBe('Hawk Hill effort');
	});

	test("without one, the segment's name", () => {
		expect(simplifySegmentEffort({ segment: { name: 'Hawk Hill' } }, metric).name).toBe('Hawk Hill');
	});
});

describe('simplifySegmentEffort: the web URL needs both the effort and its activity', () => {
	test('both there', () => {
		expect(simplifySegmentEffort({ id: 70001, activity: { id: 5070001 } }, metric).url).toBe('https://www.strava.com/activities/5070001/segments/70001');
	});

	test('no activity: no URL', () => {
		expect(simplifySegmentEffort({ id: 70001 }, metric).url).toBeNull();
	});

	test('no effort ID: no URL', () => {
		expect(simplifySegmentEffort({ activity: { id: 5070001 } }, metric).url).toBeNull();
	});
});

describe('simplifyGear: the kind from the ID prefix', () => {
	test.each([
		['b12345', 'bike', 'https://www.strava.com/bikes/12345'],
		['g12345', 'shoes', 'https://www.strava.com/shoes/12345'],
		['x12345', null, null],
	])('%s is %p', (gearId, kind, url) => {
		const gear = simplifyGear({ id: gearId }, metric);
		expect(gear.kind).toBe(kind);
		expect(gear.url).toBe(url);
	});
});

describe('time: a local time written without any zone is read as wall-clock time', () => {
	test('offsetMinutes from a UTC start and a zone-less local start', () => {
		expect(offsetMinutes('2026-07-10T05:00:00Z', '2026-07-10T07:00:00')).toBe(120);
		expect(offsetMinutes('2026-07-10T05:00:00Z', '2026-07-10T01:30:00.000')).toBe(-210);
	});

	test('localDateTime gets the offset from them, not from a contradicting utc_offset', () => {
		expect(localDateTime('2026-07-10T05:00:00Z', '2026-07-10T07:00:00', 3600)).toBe('2026-07-10T07:00:00+02:00');
	});
});

describe('units.round', () => {
	test('negative values keep their sign and round away from zero like positive ones', () => {
		expect(round(-1.256, 2)).toBe(-1.26);
		expect(round(-1.005, 2)).toBe(-1.01);
		expect(round(-0.4, 0)).toBe(-0);
		expect(round(-12.5, 0)).toBe(-13);
		expect(round(1.005, 2)).toBe(1.01);
	});
});
