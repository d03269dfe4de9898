/**
 * Google's encoded polyline format (what Strava's `map.polyline`, `map.summary_polyline` and segment
 * explore's `points` hold), decoded to [lat, lng] pairs with 5 decimals.
 * https://developers.google.com/maps/documentation/utilities/polylinealgorithm
 */
export function decodePolyline(encoded: string, precision = 5): Array<[number, number]> {
	const factor = 10 ** precision;
	const points: Array<[number, number]> = [];
	let index = 0;
	let lat = 0;
	let lng = 0;

	// One signed value: 5-bit chunks (low first), each + 63, 0x20 set on all but the last; zigzag sign.
	const next = (): number | undefined => {
		let result = 0;
		let shift = 0;
		let byte: number;
		do {
			if (index >= encoded.length) return undefined;
			byte = encoded.charCodeAt(index++) - 63;
			if (byte < 0 || byte > 63) return undefined;
			result += (byte & 0x1f) * 2 ** shift;
			shift += 5;
		} while (byte >= 0x20);
		return result % 2 === 1 ? -(result + 1) / 2 : result / 2;
	};

	while (index < encoded.length) {
		const dLat = next();
		const dLng = next();
		// A cut-off or damaged string: keep the points decoded so far.
		if (dLat === undefined || dLng === undefined) break;
		lat += dLat;
		lng += dLng;
		points.push([Math.round(lat) / factor, Math.round(lng) / factor]);
	}
	return points;
}

/** The pairs of the first non-empty polyline string among the candidates; null when none is a string. */
export function routePoints(...candidates: unknown[]): Array<[number, number]> | null {
	const strings = candidates.filter((candidate): candidate is string => typeof candidate === 'string');
	if (strings.length === 0) return null;
	const encoded = strings.find((candidate) => candidate !== '') ?? '';
	return decodePolyline(encoded);
}
