import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SERVER } from '../../shared/transport/hosts';
import {
	distance,
	distanceUnit,
	duration,
	isFootSport,
	metresPerSecond,
	num,
	pace,
	paceSeconds,
	paceUnit,
	seconds,
	speed,
	speedUnit,
	type UnitSystem,
} from './units';

export interface SimplifyOptions {
	units: UnitSystem;
	/** Add `route_points`: the decoded polyline as [lat, lng] pairs. */
	includeRoutePoints: boolean;
}

/** Turns one of Strava's objects into its flat, simplified form. */
export type Simplifier = (raw: IDataObject, options: SimplifyOptions) => IDataObject;

export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
export const obj = (value: unknown): IDataObject => (value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {});

/** An ID as Strava sends it: numbers stay numbers, strings (gear "b123", exact route IDs) stay strings. */
export function id(value: unknown): number | string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	return typeof value === 'string' && value !== '' ? value : null;
}

/** A [lat, lng] pair, or null (Strava sends [] or null when there is none). */
export function latLng(value: unknown): [number, number] | null {
	if (!Array.isArray(value) || value.length !== 2) return null;
	const [lat, lng] = value.map(num);
	return lat === null || lng === null ? null : [lat, lng];
}

/** The page on strava.com (the web site, not the API). */
export function webUrl(path: string, value: unknown): string | null {
	const key = id(value);
	return key === null ? null : `${DEFAULT_SERVER}/${path}/${key}`;
}

export function distanceFields(metres: unknown, options: SimplifyOptions): IDataObject {
	return { distance: distance(metres, options.units), distance_unit: distanceUnit(options.units) };
}

/** `<name>` as h:mm:ss and `<name>_seconds`. */
export function timeFields(name: string, value: unknown): IDataObject {
	return { [name]: duration(value), [`${name}_seconds`]: seconds(value) };
}

/**
 * Pace (min/km or min/mi) for foot sports, speed (km/h or mph) for the others; the other pair is null.
 * `sport` undefined means the answer does not say (laps): both are given. Both come from Strava's own
 * `average_speed` when the answer has one (Strava's moving time can differ from the `moving_time` it
 * sends, e.g. on a trainer); only without it are they computed from the distance over the time.
 */
export function effortFields(metres: unknown, time: unknown, averageSpeed: unknown, sport: unknown, options: SimplifyOptions): IDataObject {
	const foot = sport === undefined ? true : isFootSport(sport);
	const both = sport === undefined;
	const strava = num(averageSpeed);
	const fromStrava = strava !== null && strava >= 0;
	const mps = fromStrava ? strava : metresPerSecond(metres, time);
	const paceValue = !foot ? null : fromStrava ? paceFromSpeed(strava, options) : paceSeconds(metres, time, options.units);
	const showSpeed = both || !foot;
	return {
		pace: foot ? pace(paceValue) : null,
		pace_seconds: foot ? paceValue : null,
		pace_unit: foot ? paceUnit(options.units) : null,
		speed: showSpeed ? speed(mps, options.units) : null,
		speed_unit: showSpeed ? speedUnit(options.units) : null,
	};
}

/** Seconds per km or mi at a speed in m/s; null without a positive speed. */
function paceFromSpeed(mps: number, options: SimplifyOptions): number | null {
	return mps <= 0 ? null : paceSeconds(1000, 1000 / mps, options.units);
}
