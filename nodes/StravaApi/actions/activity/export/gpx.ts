import { dateTime, decimal, escapeXml, sample, wholeIn } from './xml';
import { position, presentFields, type BuiltFile, type ExportActivity, type ExportStreamKey, type Track } from './track';

export const GPX_NAMESPACE = 'http://www.topografix.com/GPX/1/1';
/** Garmin's TrackPointExtension v1: air temperature, heart rate and cadence per point. */
export const TRACKPOINT_EXTENSION_NAMESPACE = 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export const GPX_MIME_TYPE = 'application/gpx+xml';

/** What GPX 1.1 with the TrackPointExtension can carry (power and distance have no place in it). */
const GPX_FIELDS: readonly ExportStreamKey[] = ['time', 'latlng', 'altitude', 'heartrate', 'cadence', 'temp'];

/**
 * A GPX 1.1 file from an activity's streams: one track, one segment, one `trkpt` per sample that has a
 * position (samples without one are left out: GPX points need lat/lon). Elevation and time per point;
 * temperature, heart rate and cadence in Garmin's TrackPointExtension (in the schema's order: atemp, hr,
 * cad). The caller makes sure the track has positions.
 */
export function buildGpx(activity: ExportActivity, track: Track): BuiltFile {
	const { columns } = track;
	const present = presentFields(track);
	const out: string[] = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<gpx version="1.1" creator="n8n-nodes-strava-api" xmlns="${GPX_NAMESPACE}" xmlns:gpxtpx="${TRACKPOINT_EXTENSION_NAMESPACE}" xmlns:xsi="${XSI}" xsi:schemaLocation="${GPX_NAMESPACE} http://www.topografix.com/GPX/1/1/gpx.xsd ${TRACKPOINT_EXTENSION_NAMESPACE} http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd">`,
		' <metadata>',
		`  <name>${escapeXml(activity.name)}</name>`,
		`  <time>${dateTime(activity.startMs)}</time>`,
		' </metadata>',
		' <trk>',
		`  <name>${escapeXml(activity.name)}</name>`,
		...(activity.sportType ? [`  <type>${escapeXml(activity.sportType)}</type>`] : []),
		'  <trkseg>',
	];
	let points = 0;
	for (let i = 0; i < track.length; i++) {
		const at = position(track, i);
		if (!at) continue;
		// GPX longitudes run from -180 up to (not including) 180.
		const lon = at[1] === 180 ? -180 : at[1];
		const ele = sample(columns.altitude, i);
		const seconds = sample(columns.time, i);
		const temp = sample(columns.temp, i);
		const hr = wholeIn(sample(columns.heartrate, i), 1, 255);
		const cad = wholeIn(sample(columns.cadence, i), 0, 254);
		let point = `   <trkpt lat="${decimal(at[0], 7)}" lon="${decimal(lon, 7)}">`;
		if (ele !== undefined) point += `<ele>${decimal(ele, 1)}</ele>`;
		if (seconds !== undefined) point += `<time>${dateTime(activity.startMs + seconds * 1000)}</time>`;
		if (temp !== undefined || hr !== undefined || cad !== undefined) {
			point += '<extensions><gpxtpx:TrackPointExtension>';
			if (temp !== undefined) point += `<gpxtpx:atemp>${decimal(temp, 1)}</gpxtpx:atemp>`;
			if (hr !== undefined) point += `<gpxtpx:hr>${hr}</gpxtpx:hr>`;
			if (cad !== undefined) point += `<gpxtpx:cad>${cad}</gpxtpx:cad>`;
			point += '</gpxtpx:TrackPointExtension></extensions>';
		}
		out.push(`${point}</trkpt>`);
		points++;
	}
	out.push('  </trkseg>', ' </trk>', '</gpx>', '');
	return {
		xml: out.join('\n'),
		points,
		fields: present.filter((key) => GPX_FIELDS.includes(key)),
		omitted: present.filter((key) => !GPX_FIELDS.includes(key)),
	};
}
