/**
 * Unit conversions and formats for simplified output: pure functions of Strava's SI values (metres,
 * seconds, metres per second). No clock, no locale, no time zone of the machine.
 */

export type UnitSystem = 'metric' | 'imperial';

export const METRES_PER_MILE = 1609.344;
export const METRES_PER_FOOT = 0.3048;
export const KG_PER_POUND = 0.45359237;

/** Sports whose effort is read as a pace (min/km, min/mi); every other sport gets a speed. */
export const FOOT_SPORTS: ReadonlySet<string> = new Set(['Run', 'TrailRun', 'Walk', 'Hike', 'VirtualRun']);

export function isFootSport(sport: unknown): boolean {
	return typeof sport === 'string' && FOOT_SPORTS.has(sport);
}

/** A finite number from Strava's answer, or null (missing, null, NaN, a string that is not a number). */
export function num(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value);
		return Number.isFinite(parsed) ? parsed : null;
	}
	return null;
}

export function round(value: number, decimals: number): number {
	const factor = 10 ** decimals;
	// Number.EPSILON keeps 1.005 from rounding down because of its binary representation.
	const rounded = Math.round((Math.abs(value) + Number.EPSILON) * factor) / factor;
	return value < 0 ? -rounded : rounded;
}

export const distanceUnit = (units: UnitSystem) => (units === 'imperial' ? 'mi' : 'km');
export const elevationUnit = (units: UnitSystem) => (units === 'imperial' ? 'ft' : 'm');
export const speedUnit = (units: UnitSystem) => (units === 'imperial' ? 'mph' : 'km/h');
export const paceUnit = (units: UnitSystem) => (units === 'imperial' ? 'min/mi' : 'min/km');
export const weightUnit = (units: UnitSystem) => (units === 'imperial' ? 'lb' : 'kg');

/** Metres in km or mi, to 2 decimals (10,000 m → 10 km, 6.21 mi). */
export function distance(metres: unknown, units: UnitSystem): number | null {
	const m = num(metres);
	if (m === null) return null;
	return round(m / (units === 'imperial' ? METRES_PER_MILE : 1000), 2);
}

/** Metres of elevation in whole m or ft. */
export function elevation(metres: unknown, units: UnitSystem): number | null {
	const m = num(metres);
	if (m === null) return null;
	return round(units === 'imperial' ? m / METRES_PER_FOOT : m, 0);
}

/** Kilograms in kg or lb, to 1 decimal. */
export function weight(kg: unknown, units: UnitSystem): number | null {
	const value = num(kg);
	if (value === null) return null;
	return round(units === 'imperial' ? value / KG_PER_POUND : value, 1);
}

/** Metres per second in km/h or mph, to 1 decimal. */
export function speed(metresPerSecond: unknown, units: UnitSystem): number | null {
	const value = num(metresPerSecond);
	if (value === null) return null;
	return round(value * (units === 'imperial' ? 3600 / METRES_PER_MILE : 3.6), 1);
}

/** Whole seconds (rounded to the nearest second), or null. */
export function seconds(value: unknown): number | null {
	const s = num(value);
	return s === null || s < 0 ? null : Math.round(s);
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Seconds as h:mm:ss, the hours left out under an hour: 2,700 → "45:00", 3,723 → "1:02:03",
 * 90,000 → "25:00:00" (hours are not wrapped into days). Rounded to the nearest second first.
 */
export function duration(value: unknown): string | null {
	const total = seconds(value);
	if (total === null) return null;
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * Seconds per km or mi for a distance covered in a time, rounded to the nearest second (a 10,000 m run in
 * 2,700 s: 270 s/km; 434.52 s/mi → 435). Null without a positive distance and time.
 */
export function paceSeconds(metres: unknown, time: unknown, units: UnitSystem): number | null {
	const m = num(metres);
	const s = num(time);
	if (m === null || s === null || m <= 0 || s <= 0) return null;
	return Math.round(s / (m / (units === 'imperial' ? METRES_PER_MILE : 1000)));
}

/** Pace seconds as m:ss ("4:30", "7:15"); an hour or more per unit as h:mm:ss. */
export function pace(paceSecondsValue: number | null): string | null {
	return paceSecondsValue === null ? null : duration(paceSecondsValue);
}

/** Average speed in m/s: distance over time, null without a distance and a positive time. */
export function metresPerSecond(metres: unknown, time: unknown): number | null {
	const m = num(metres);
	const s = num(time);
	return m !== null && s !== null && m >= 0 && s > 0 ? m / s : null;
}
