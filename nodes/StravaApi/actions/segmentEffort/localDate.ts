import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A "local" date-time filter as Strava writes its `*_date_local` values (`2018-02-12T08:12:41Z`, the wall
 * clock where the activity happened). Takes n8n's date-time value (string, Date or Luxon DateTime) and keeps
 * its wall-clock part. Throws a NodeOperationError naming the field when it is not a date.
 */
export function localDateTime(ctx: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let text: string;
	if (value instanceof Date) text = value.toISOString();
	else if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		text = String((value as { toISO: () => string }).toISO());
	} else text = String(value).trim();
	const match = WALL_CLOCK.exec(text);
	const result = match ? `${match[1]}T${match[2] ?? '00:00'}${match[3] ?? ':00'}Z` : '';
	if (!match || Number.isNaN(Date.parse(result))) {
		throw new NodeOperationError(ctx.getNode(), `The filter "${field}" is not a valid date: "${text}"`, {
			itemIndex,
			description: 'Pick a date and time, or enter one like 2024-05-01T07:30:00.',
		});
	}
	return result;
}
