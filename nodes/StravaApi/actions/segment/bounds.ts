import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const FIELD = 'Bounds';
const EXAMPLE = '37.821362,-122.505373,37.842038,-122.465977';

/**
 * Reads "south-west lat, south-west lng, north-east lat, north-east lng" (a string or a list of numbers)
 * and checks it before any request: four numbers, latitudes within ±90, longitudes within ±180, and the
 * south-west corner south and west of the north-east one. Returns Strava's comma-separated form.
 */
export function parseBounds(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('bounds', itemIndex, '') as unknown;
	const parts = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(','))
		.map((part) => part.trim())
		.filter((part, index, all) => part !== '' || all.length > 1);
	const fail = (problem: string): never => {
		throw new NodeOperationError(ctx.getNode(), `The field "${FIELD}" is not valid: ${problem}`, {
			itemIndex,
			description: `Enter four comma-separated numbers: south-west latitude, south-west longitude, north-east latitude, north-east longitude, e.g. ${EXAMPLE}.`,
		});
	};
	if (parts.length !== 4) fail(parts.length === 0 ? 'it is empty' : `it has ${parts.length} values instead of 4`);
	const numbers = parts.map((part) => (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(part) ? Number(part) : NaN));
	const bad = parts.find((_part, index) => !Number.isFinite(numbers[index]));
	if (bad !== undefined) fail(`"${bad}" is not a number`);
	const [swLat, swLng, neLat, neLng] = numbers;
	for (const lat of [swLat, neLat]) if (lat < -90 || lat > 90) fail(`latitude ${lat} is outside -90…90`);
	for (const lng of [swLng, neLng]) if (lng < -180 || lng > 180) fail(`longitude ${lng} is outside -180…180`);
	if (swLat >= neLat) fail(`the south-west latitude (${swLat}) must be smaller than the north-east latitude (${neLat})`);
	if (swLng >= neLng) fail(`the south-west longitude (${swLng}) must be smaller than the north-east longitude (${neLng})`);
	return numbers.join(',');
}
