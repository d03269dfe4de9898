/**
 * Local start times with their offset. Strava's `start_date_local` is the wall-clock time at the start,
 * written with a misleading `Z`; the offset is what separates it from `start_date` (UTC). Pure string and
 * epoch arithmetic: the machine's time zone is never read.
 */

const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;

function epochMs(value: unknown): number | null {
	if (typeof value !== 'string' || !ISO.test(value)) return null;
	const match = ISO.exec(value)!;
	// Read without a zone as UTC (Strava's local times are wall-clock times).
	const parsed = Date.parse(match[3] ? value : `${value}Z`);
	return Number.isFinite(parsed) ? parsed : null;
}

/** "+02:00", "-03:30", "+13:45" for an offset in minutes. */
export function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The UTC offset in minutes at the start, from start_date and start_date_local, else from utc_offset (s). */
export function offsetMinutes(startDate: unknown, startDateLocal: unknown, utcOffsetSeconds?: unknown): number | null {
	const utc = epochMs(startDate);
	const local = epochMs(startDateLocal);
	if (utc !== null && local !== null) {
		const minutes = Math.round((local - utc) / 60_000);
		// Real offsets lie within -12:00 … +14:00.
		if (minutes >= -12 * 60 && minutes <= 14 * 60) return minutes;
	}
	if (typeof utcOffsetSeconds === 'number' && Number.isFinite(utcOffsetSeconds)) return Math.round(utcOffsetSeconds / 60);
	return null;
}

/**
 * The local start as ISO 8601 with its offset ("2026-07-10T07:00:00+02:00"). Without a way to tell the
 * offset, the wall-clock time without any (no `Z`); null without a local time.
 */
export function localDateTime(startDate: unknown, startDateLocal: unknown, utcOffsetSeconds?: unknown): string | null {
	if (typeof startDateLocal !== 'string') return null;
	const match = ISO.exec(startDateLocal);
	if (!match) return null;
	const minutes = offsetMinutes(startDate, startDateLocal, utcOffsetSeconds);
	return `${match[1]}${minutes === null ? '' : formatOffset(minutes)}`;
}

/** The IANA zone out of Strava's `timezone` ("(GMT+01:00) Europe/Paris" → "Europe/Paris"), else null. */
export function ianaZone(timezone: unknown): string | null {
	if (typeof timezone !== 'string') return null;
	const name = timezone.replace(/^\s*\(GMT[^)]*\)\s*/, '').trim();
	return /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) ? name : null;
}

/** A UTC date-time as Strava sends it (kept as is when valid), else null. */
export function utcDateTime(value: unknown): string | null {
	return epochMs(value) === null ? null : (value as string);
}
