import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Whether year-month-day (and a time) exist on the calendar: 2026-02-30 and 24:00 do not. */
export function isCalendarDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
	if (![y, mo, d, h, mi, s].every(Number.isInteger)) return false;
	if (mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return false;
	return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The calendar check for text that starts `YYYY-MM-DD[THH:MM[:SS]]` (anything after is left to the caller). */
function startsWithCalendarDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
	if (!match) return false;
	const [, y, mo, d, h = '0', mi = '0', sec = '0'] = match;
	return isCalendarDate(+y, +mo, +d, +h, +mi, +sec);
}

/** How far `timeZone` is ahead of UTC at the instant `utcMs` (ms). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A wall-clock time without offset, read in the workflow's time zone (as n8n's date pickers mean it). */
function wallClockToMs(match: RegExpExecArray, timeZone: string): number {
	const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = match;
	if (!isCalendarDate(+y, +mo, +d, +h, +mi, +s)) return NaN;
	const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
	try {
		const first = wall - zoneOffsetMs(wall, timeZone);
		return wall - zoneOffsetMs(first, timeZone);
	} catch {
		return wall;
	}
}

/**
 * An n8n date-time (ISO string, with or without offset; a Date or Luxon DateTime from an expression;
 * or epoch seconds/milliseconds) → epoch seconds. Undefined when empty; a NodeOperationError naming
 * the field when it is not a date.
 */
export function toEpochSeconds(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let ms = NaN;
	if (typeof value === 'number') {
		ms = value > 1e11 ? value : value * 1000;
	} else if (value instanceof Date) {
		ms = value.getTime();
	} else if (typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		ms = (value as { toMillis: () => number }).toMillis();
	} else if (typeof value === 'string') {
		const text = value.trim();
		const wall = WALL_CLOCK.exec(text);
		if (/^\d+$/.test(text)) ms = Number(text) > 1e11 ? Number(text) : Number(text) * 1000;
		else if (wall) ms = wallClockToMs(wall, ctx.getTimezone());
		else if (HAS_ZONE.test(text) && startsWithCalendarDate(text)) ms = Date.parse(text.replace(' ', 'T'));
	}
	if (!Number.isFinite(ms)) {
		throw new NodeOperationError(ctx.getNode(), `The field "${field}" is not a valid date-time: "${String(value)}"`, {
			itemIndex,
			description: `Pick a date in "${field}" or give an ISO 8601 date-time such as 2026-05-01T06:00:00Z (an expression like {{ $now.minus({ days: 7 }) }} works too).`,
		});
	}
	return Math.floor(ms / 1000);
}

/** n8n's date-time value (an ISO string, a Date or a Luxon DateTime from an expression) as text. */
function dateTimeText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	return String(value).trim();
}

/**
 * Strava's `start_date_local`: the local wall-clock time as ISO 8601. An offset, if given, is dropped:
 * the wall-clock time is what counts.
 */
export function toLocalIso(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = dateTimeText(value);
	const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(text);
	if (!match || !startsWithCalendarDate(`${match[1]}T${match[2]}`) || !Number.isFinite(Date.parse(`${match[1]}T${match[2]}Z`))) {
		throw new NodeOperationError(
			ctx.getNode(),
			text ? `The field "${field}" is not a valid date-time: "${text}"` : `The field "${field}" is empty`,
			{ itemIndex, description: `Give the local start time, such as 2026-05-01T06:30:00.` },
		);
	}
	const time = match[2].length === 5 ? `${match[2]}:00` : match[2];
	return `${match[1]}T${time}Z`;
}

const LOCAL_FILTER = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A "local" date-time filter as Strava writes its `*_date_local` values (`2018-02-12T08:12:41Z`, the wall
 * clock where the activity happened): the wall-clock part of the value, a date alone meaning midnight.
 * Undefined when empty; a NodeOperationError naming the filter when it is not a date.
 */
export function localDateTime(ctx: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = dateTimeText(value);
	const match = LOCAL_FILTER.exec(text);
	const result = match ? `${match[1]}T${match[2] ?? '00:00'}${match[3] ?? ':00'}Z` : '';
	if (!match || !startsWithCalendarDate(result) || Number.isNaN(Date.parse(result))) {
		throw new NodeOperationError(ctx.getNode(), `The filter "${field}" is not a valid date: "${text}"`, {
			itemIndex,
			description: 'Pick a date and time, or enter one like 2024-05-01T07:30:00.',
		});
	}
	return result;
}
