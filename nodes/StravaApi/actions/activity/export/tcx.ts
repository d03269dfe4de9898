import { dateTime, decimal, escapeXml, sample, wholeIn } from './xml';
import { position, presentFields, type BuiltFile, type ExportActivity, type ExportStreamKey, type Track } from './track';

export const TCX_NAMESPACE = 'http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2';
/** Garmin's ActivityExtension v2: power (and run cadence) per trackpoint, average and maximum power per lap. */
export const ACTIVITY_EXTENSION_NAMESPACE = 'http://www.garmin.com/xmlschemas/ActivityExtension/v2';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export const TCX_MIME_TYPE = 'application/vnd.garmin.tcx+xml';

/** What TCX v2 with the ActivityExtension can carry (it has no temperature). */
const TCX_FIELDS: readonly ExportStreamKey[] = ['time', 'latlng', 'altitude', 'heartrate', 'cadence', 'watts', 'distance'];

const RUNNING = new Set(['Run', 'TrailRun', 'VirtualRun']);
const BIKING = new Set(['Ride', 'MountainBikeRide', 'GravelRide', 'EBikeRide', 'EMountainBikeRide', 'VirtualRide', 'Velomobile', 'Handcycle']);

/** TCX knows three sports: Running, Biking and Other. */
export function tcxSport(sportType: string | undefined): 'Running' | 'Biking' | 'Other' {
	if (sportType && RUNNING.has(sportType)) return 'Running';
	if (sportType && BIKING.has(sportType)) return 'Biking';
	return 'Other';
}

function lastNumber(data: unknown[] | undefined): number | undefined {
	if (!data) return undefined;
	for (let i = data.length - 1; i >= 0; i--) {
		const value = sample(data, i);
		if (value !== undefined) return value;
	}
	return undefined;
}

function firstNumber(data: unknown[] | undefined): number | undefined {
	if (!data) return undefined;
	for (let i = 0; i < data.length; i++) {
		const value = sample(data, i);
		if (value !== undefined) return value;
	}
	return undefined;
}

/** Average and maximum of the whole numbers in [min, max] of a stream. */
function stats(data: unknown[] | undefined, min: number, max: number): { avg: number; max: number } | undefined {
	if (!data) return undefined;
	let sum = 0;
	let count = 0;
	let top = -Infinity;
	for (let i = 0; i < data.length; i++) {
		const value = wholeIn(sample(data, i), min, max);
		if (value === undefined) continue;
		sum += value;
		count++;
		if (value > top) top = value;
	}
	return count ? { avg: Math.round(sum / count), max: top } : undefined;
}

/**
 * The mean heart rate weighted by the time each sample covers: a sample holds from its time until the next
 * sample's time (recording devices sample unevenly: every second while the rate changes, every few seconds
 * otherwise, so a plain mean over-counts the busy stretches). Samples without a time or a heart rate, and
 * the time they cover, are left out; when no sample covers any time (a single one), the plain mean.
 */
export function timeWeightedHeartRate(times: unknown[] | undefined, heartRates: unknown[] | undefined): number | undefined {
	if (!heartRates) return undefined;
	let weighted = 0;
	let covered = 0;
	let sum = 0;
	let count = 0;
	let previous: { at: number; hr: number | undefined } | undefined;
	const length = Math.max(times?.length ?? 0, heartRates.length);
	for (let i = 0; i < length; i++) {
		const hr = wholeIn(sample(heartRates, i), 1, 255);
		if (hr !== undefined) {
			sum += hr;
			count++;
		}
		const at = sample(times, i);
		if (at === undefined) continue;
		if (previous?.hr !== undefined && at > previous.at) {
			weighted += previous.hr * (at - previous.at);
			covered += at - previous.at;
		}
		previous = { at, hr };
	}
	if (covered > 0) return Math.round(weighted / covered);
	return count ? Math.round(sum / count) : undefined;
}

/**
 * The lap's average and maximum heart rate: Strava's own `average_heartrate` (rounded) and `max_heartrate`
 * when the activity has them; otherwise from the samples (time-weighted mean, highest sample).
 */
export function lapHeartRate(activity: ExportActivity, track: Track): { avg?: number; max?: number } {
	const avg = wholeIn(activity.averageHeartrate, 1, 255) ?? timeWeightedHeartRate(track.columns.time, track.columns.heartrate);
	const max = wholeIn(activity.maxHeartrate, 1, 255) ?? stats(track.columns.heartrate, 1, 255)?.max;
	return { avg, max };
}

/**
 * A TCX v2 file from an activity's streams: one activity with one lap, one `Trackpoint` per sample that
 * has a time (TCX points need one; a position is optional, so indoor activities export too). Heart
 * rate, distance and altitude per point; cadence as the point's Cadence (or, for runs, RunCadence in the
 * extension); power as Watts in Garmin's ActivityExtension v2 (per point, and the lap's average and
 * maximum). The lap's time and distance come from the streams, else from the activity; its heart rate from
 * the activity (Strava's figures), else from the streams (see lapHeartRate).
 */
export function buildTcx(activity: ExportActivity, track: Track): BuiltFile {
	const { columns } = track;
	const present = presentFields(track);
	const sport = tcxSport(activity.sportType);
	const start = dateTime(activity.startMs);
	const firstTime = firstNumber(columns.time);
	const lastTime = lastNumber(columns.time);
	const totalSeconds =
		firstTime !== undefined && lastTime !== undefined ? lastTime - firstTime : Math.max(0, activity.elapsedTime ?? 0);
	const distance = lastNumber(columns.distance) ?? Math.max(0, activity.distance ?? 0);
	const calories = wholeIn(activity.calories, 0, 65535) ?? 0;
	const heartRate = lapHeartRate(activity, track);
	const power = stats(columns.watts, 0, 65535);

	const points: string[] = [];
	for (let i = 0; i < track.length; i++) {
		const seconds = sample(columns.time, i);
		if (seconds === undefined) continue;
		const at = position(track, i);
		const altitude = sample(columns.altitude, i);
		const meters = sample(columns.distance, i);
		const hr = wholeIn(sample(columns.heartrate, i), 1, 255);
		const cadence = wholeIn(sample(columns.cadence, i), 0, 254);
		const watts = wholeIn(sample(columns.watts, i), 0, 65535);
		let point = `     <Trackpoint><Time>${dateTime(activity.startMs + seconds * 1000)}</Time>`;
		if (at) point += `<Position><LatitudeDegrees>${decimal(at[0], 7)}</LatitudeDegrees><LongitudeDegrees>${decimal(at[1], 7)}</LongitudeDegrees></Position>`;
		if (altitude !== undefined) point += `<AltitudeMeters>${decimal(altitude, 1)}</AltitudeMeters>`;
		if (meters !== undefined) point += `<DistanceMeters>${decimal(meters, 1)}</DistanceMeters>`;
		if (hr !== undefined) point += `<HeartRateBpm><Value>${hr}</Value></HeartRateBpm>`;
		const runCadence = sport === 'Running' ? cadence : undefined;
		if (cadence !== undefined && sport !== 'Running') point += `<Cadence>${cadence}</Cadence>`;
		if (runCadence !== undefined || watts !== undefined) {
			point += '<Extensions><ns3:TPX>';
			if (runCadence !== undefined) point += `<ns3:RunCadence>${runCadence}</ns3:RunCadence>`;
			if (watts !== undefined) point += `<ns3:Watts>${watts}</ns3:Watts>`;
			point += '</ns3:TPX></Extensions>';
		}
		points.push(`${point}</Trackpoint>`);
	}

	const lap: string[] = [
		`   <Lap StartTime="${start}">`,
		`    <TotalTimeSeconds>${decimal(Math.max(0, totalSeconds), 1)}</TotalTimeSeconds>`,
		`    <DistanceMeters>${decimal(Math.max(0, distance), 1)}</DistanceMeters>`,
		`    <Calories>${calories}</Calories>`,
		...(heartRate.avg !== undefined ? [`    <AverageHeartRateBpm><Value>${heartRate.avg}</Value></AverageHeartRateBpm>`] : []),
		...(heartRate.max !== undefined ? [`    <MaximumHeartRateBpm><Value>${heartRate.max}</Value></MaximumHeartRateBpm>`] : []),
		'    <Intensity>Active</Intensity>',
		'    <TriggerMethod>Manual</TriggerMethod>',
		// A Track holds at least one Trackpoint: none at all means no Track element.
		...(points.length ? ['    <Track>', ...points, '    </Track>'] : []),
		...(power
			? [`    <Extensions><ns3:LX><ns3:AvgWatts>${power.avg}</ns3:AvgWatts><ns3:MaxWatts>${power.max}</ns3:MaxWatts></ns3:LX></Extensions>`]
			: []),
		'   </Lap>',
	];
	const xml = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<TrainingCenterDatabase xmlns="${TCX_NAMESPACE}" xmlns:ns3="${ACTIVITY_EXTENSION_NAMESPACE}" xmlns:xsi="${XSI}" xsi:schemaLocation="${TCX_NAMESPACE} http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd ${ACTIVITY_EXTENSION_NAMESPACE} http://www.garmin.com/xmlschemas/ActivityExtensionv2.xsd">`,
		' <Activities>',
		`  <Activity Sport="${sport}">`,
		`   <Id>${start}</Id>`,
		...lap,
		...(activity.name ? [`   <Notes>${escapeXml(activity.name)}</Notes>`] : []),
		'  </Activity>',
		' </Activities>',
		'</TrainingCenterDatabase>',
		'',
	].join('\n');
	const written = present.filter((key) => TCX_FIELDS.includes(key) && (key !== 'latlng' || points.length > 0));
	return {
		xml,
		points: points.length,
		fields: points.length ? written : [],
		omitted: present.filter((key) => !TCX_FIELDS.includes(key)),
	};
}
