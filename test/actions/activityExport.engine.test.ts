import { makeActivity, seedActivities, setActivityExtras } from '../sandbox';
import { useSandbox } from '../harness';
import type { StravaSandbox } from '../sandbox';
import { buildGpx } from '../../nodes/StravaApi/actions/activity/export/gpx';
import { buildTcx } from '../../nodes/StravaApi/actions/activity/export/tcx';
import { safeFileName } from '../../nodes/StravaApi/actions/activity/export/operation';
import { decimal, escapeXml } from '../../nodes/StravaApi/actions/activity/export/xml';
import { trackOf } from '../../nodes/StravaApi/actions/activity/export/track';
import { AX_NS, GPXTPX_NS, validateGpx, validateTcx } from './schemas/gpxTcx';
import { parseXml } from './schemas/xml';

/**
 * Issue 12: Activity → Export GPX / TCX, built from the activity's streams, checked against the GPX 1.1
 * and TCX v2 structure (see ./schemas: no XSD is packaged on npm or Debian, so the checks are written from
 * the schemas' structure), through the engine against the sandbox.
 */

const RIDE = 5001; // a ride with every stream, temperature included
const RUN = 5002; // a run: cadence goes to RunCadence in TCX
const INDOOR = 5003; // a trainer ride: no latlng
const ODD_NAME = 5004;
const START = '2026-10-04T07:15:30Z';

function seed(sandbox: StravaSandbox) {
	seedActivities(sandbox, 3);
	const activities = sandbox.state.collection('activities');
	const add = (id: number, overrides: Record<string, unknown>) => activities.set(String(id), makeActivity(id, new Date(START), overrides));
	add(RIDE, { name: 'Morning Ride', sport_type: 'Ride', type: 'Ride', average_heartrate: 139.4, max_heartrate: 159 });
	add(RUN, { name: 'Lunch Run', sport_type: 'Run', type: 'Run' });
	add(INDOOR, { name: 'Zwift', sport_type: 'VirtualRide', type: 'VirtualRide', trainer: true });
	add(ODD_NAME, { name: ' <Tour> de "France" / Étape 1 & 2\u0007 ', sport_type: 'Ride' });
	setActivityExtras(sandbox, RIDE, { streamPoints: 1200, streamTypes: ['time', 'distance', 'latlng', 'altitude', 'heartrate', 'cadence', 'watts', 'temp'] });
	setActivityExtras(sandbox, RUN, { streamPoints: 300, streamTypes: ['time', 'distance', 'latlng', 'altitude', 'heartrate', 'cadence'] });
	setActivityExtras(sandbox, INDOOR, { streamPoints: 600, streamTypes: ['time', 'distance', 'heartrate', 'cadence', 'watts'] });
	setActivityExtras(sandbox, ODD_NAME, { streamPoints: 5, streamTypes: ['time', 'distance', 'latlng'] });
}

const t = useSandbox(seed);

const byId = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });
const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.apiPath}`);
const fileOf = (result: Awaited<ReturnType<typeof t.run>>, property = 'data') => {
	const binary = result.items[0].binary?.[property];
	return { binary: binary!, xml: Buffer.from(binary!.data, 'base64').toString('utf8') };
};
const STREAMS_QUERY = { keys: 'time,latlng,altitude,heartrate,cadence,watts,temp,distance', key_by_type: 'true' };

describe('activity: exportGpx', () => {
	test('a valid GPX 1.1 file with the TrackPointExtension, named after the activity; 2 requests without the activity as input', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportGpx', activityId: byId(RIDE), binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /activities/${RIDE}`, `GET /activities/${RIDE}/streams`]);
		expect(t.sandbox.apiCalls()[1].query).toEqual(STREAMS_QUERY);
		const [item] = result.items;
		expect(item.json).toEqual({
			id: String(RIDE),
			name: 'Morning Ride',
			format: 'gpx',
			fileName: `Morning_Ride-${RIDE}.gpx`,
			points: 1200,
			fields: ['time', 'latlng', 'altitude', 'heartrate', 'cadence', 'temp'],
			omitted: ['watts', 'distance'],
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		const { binary, xml } = fileOf(result);
		expect(binary).toMatchObject({ fileName: `Morning_Ride-${RIDE}.gpx`, mimeType: 'application/gpx+xml', fileExtension: 'gpx' });
		expect(validateGpx(xml)).toEqual([]);
		const lines = xml.split('\n');
		console.log(`[activity export] first lines of the GPX file:\n${lines.slice(0, 12).join('\n')}`);
		expect(lines[0]).toBe('<?xml version="1.0" encoding="UTF-8"?>');
		expect(lines[1]).toContain(`xmlns:gpxtpx="${GPXTPX_NS}"`);
		// The sandbox's track: point i at (37.833112 - i·0.00004, -122.483436 - i·0.00003), i s after the start.
		expect(lines[10]).toBe(
			'   <trkpt lat="37.833112" lon="-122.483436"><ele>92.4</ele><time>2026-10-04T07:15:30Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:atemp>18</gpxtpx:atemp><gpxtpx:hr>120</gpxtpx:hr><gpxtpx:cad>80</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>',
		);
		const { root } = parseXml(xml);
		const points = root.children[1].children.find((child) => child.local === 'trkseg')!.children;
		expect(points).toHaveLength(1200);
		const last = points[1199];
		expect(last.attributes.map((attribute) => attribute.value)).toEqual([decimal(37.833112 - 1199 * 0.00004, 6), decimal(-122.483436 - 1199 * 0.00003, 6)]);
		expect(last.children.find((child) => child.local === 'time')!.text).toBe('2026-10-04T07:35:29Z');
	});

	test('from Get Many: the input item is the activity, so the export costs the one streams request', async () => {
		const list = await t.run({ resource: 'activity', operation: 'getAll', returnAll: false, limit: 10 });
		const ride = list.items.find((item) => item.json.id === RIDE)!.json;
		t.sandbox.clearLog();
		const result = await t.run(
			{ resource: 'activity', operation: 'exportGpx', activityId: `={{ $json.id }}`, binaryPropertyName: 'gpx' },
			{ input: [ride] },
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /activities/${RIDE}/streams`]);
		expect(result.items[0].json).toMatchObject({ name: 'Morning Ride', points: 1200 });
		expect(validateGpx(fileOf(result, 'gpx').xml)).toEqual([]);
	});

	test('an activity without GPS (trainer, treadmill): a clear error pointing to TCX', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportGpx', activityId: byId(INDOOR) });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Activity ${INDOOR} has no GPS track: a GPX file needs positions`);
		expect(result.error?.description).toMatch(/Use "Export TCX" instead/);
	});

	test('names are escaped in the file and made safe in the file name', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportGpx', activityId: byId(ODD_NAME) });
		expect(result.error).toBeUndefined();
		const { binary, xml } = fileOf(result);
		expect(validateGpx(xml)).toEqual([]);
		expect(xml).toContain('<name> &lt;Tour&gt; de &quot;France&quot; / Étape 1 &amp; 2 </name>');
		expect(binary.fileName).toBe(`Tour_de_France_Étape_1_&_2-${ODD_NAME}.gpx`);
		expect(result.items[0].json).toMatchObject({ fields: ['time', 'latlng'] });
	});
});

describe('activity: exportTcx', () => {
	test('a valid TCX v2 file: power as Watts in the ActivityExtension v2, lap totals from the streams', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportTcx', activityId: byId(RIDE), binaryPropertyName: 'file' });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /activities/${RIDE}`, `GET /activities/${RIDE}/streams`]);
		expect(result.items[0].json).toEqual({
			id: String(RIDE),
			name: 'Morning Ride',
			format: 'tcx',
			fileName: `Morning_Ride-${RIDE}.tcx`,
			points: 1200,
			fields: ['time', 'latlng', 'altitude', 'heartrate', 'cadence', 'watts', 'distance'],
			omitted: ['temp'],
		});
		const { binary, xml } = fileOf(result, 'file');
		expect(binary).toMatchObject({ mimeType: 'application/vnd.garmin.tcx+xml', fileExtension: 'tcx' });
		expect(validateTcx(xml)).toEqual([]);
		expect(xml).toContain(`xmlns:ns3="${AX_NS}"`);
		expect(xml).toContain('<Activity Sport="Biking">');
		// Time 0..1199 s; distance 1199 × 5.3 m; heart rate: Strava's average_heartrate 139.4 → 139 (the samples,
		// 120 + i mod 40, would give 139.5 → 140) and max_heartrate 159;
		// watts 180 + i mod 60 (avg 209.5 → 210, max 239); the sandbox's detail says 870.2 kcal.
		expect(xml).toContain('<TotalTimeSeconds>1199</TotalTimeSeconds>');
		expect(xml).toContain('<DistanceMeters>6354.7</DistanceMeters>');
		expect(xml).toContain('<Calories>870</Calories>');
		expect(xml).toContain('<AverageHeartRateBpm><Value>139</Value></AverageHeartRateBpm>');
		expect(xml).toContain('<MaximumHeartRateBpm><Value>159</Value></MaximumHeartRateBpm>');
		expect(xml).toContain('<ns3:LX><ns3:AvgWatts>210</ns3:AvgWatts><ns3:MaxWatts>239</ns3:MaxWatts></ns3:LX>');
		expect(xml).toContain(
			'<Trackpoint><Time>2026-10-04T07:15:31Z</Time><Position><LatitudeDegrees>37.833072</LatitudeDegrees><LongitudeDegrees>-122.483466</LongitudeDegrees></Position><AltitudeMeters>92.8</AltitudeMeters><DistanceMeters>5.3</DistanceMeters><HeartRateBpm><Value>121</Value></HeartRateBpm><Cadence>81</Cadence><Extensions><ns3:TPX><ns3:Watts>181</ns3:Watts></ns3:TPX></Extensions></Trackpoint>',
		);
	});

	test('a run: Sport="Running", cadence as RunCadence', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportTcx', activityId: byId(RUN) });
		const { xml } = fileOf(result);
		expect(validateTcx(xml)).toEqual([]);
		expect(xml).toContain('<Activity Sport="Running">');
		expect(xml).toContain('<ns3:TPX><ns3:RunCadence>80</ns3:RunCadence></ns3:TPX>');
		expect(xml).not.toContain('<Cadence>');
		expect(xml.match(/<Trackpoint>/g)).toHaveLength(300);
	});

	test('an indoor activity: a valid TCX without positions', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportTcx', activityId: byId(INDOOR) });
		expect(result.error).toBeUndefined();
		const { xml } = fileOf(result);
		expect(validateTcx(xml)).toEqual([]);
		expect(xml).not.toContain('<Position>');
		expect(xml.match(/<Trackpoint>/g)).toHaveLength(600);
		expect(result.items[0].json).toMatchObject({ fileName: `Zwift-${INDOOR}.tcx`, fields: ['time', 'heartrate', 'cadence', 'watts', 'distance'] });
	});
});

describe('activity export: what cannot be exported', () => {
	test('a manual activity has no streams: said before any streams request (Strava would answer 404)', async () => {
		const created = await t.run(
			{ resource: 'activity', operation: 'create', name: 'Gym', sportType: 'Workout', startDateLocal: '2026-10-01T18:00:00', elapsedTime: 3600 },
			{ scopes: ['activity:write', 'activity:read_all'] },
		);
		const id = String(created.items[0].json.id);
		t.sandbox.clearLog();
		const result = await t.run({ resource: 'activity', operation: 'exportTcx', activityId: byId(id) });
		expect(result.error?.message).toBe(`Activity ${id} is a manual activity: it has no recorded track to export`);
		expect(calls()).toEqual([`GET /activities/${id}`]);
	});

	test('an unknown activity: Strava\'s 404 names the ID', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportGpx', activityId: byId(987654321) });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/404/);
		expect(result.error?.description).toMatch(/activity ID 987654321/);
	});

	test('an empty binary field name fails before any request', async () => {
		const result = await t.run({ resource: 'activity', operation: 'exportGpx', activityId: byId(RIDE), binaryPropertyName: ' ' });
		expect(result.error?.message).toBe('The field "Put Output File in Field" is empty');
		expect(calls()).toEqual([]);
	});
});

describe('the builders and the schema checks, without HTTP', () => {
	const activity = { id: '1', name: 'A', startMs: Date.parse('2026-01-01T00:00:00Z'), sportType: 'Ride' };
	const set = (streams: Record<string, unknown[]>) => trackOf(Object.fromEntries(Object.entries(streams).map(([key, data]) => [key, { data }])));

	test('numbers never use exponents; longitude 180 becomes -180; out-of-range samples are left out', () => {
		expect(decimal(1e-7, 7)).toBe('0.0000001');
		expect(decimal(-0.00000001, 7)).toBe('0');
		expect(decimal(92.4, 1)).toBe('92.4');
		const file = buildGpx(activity, set({ latlng: [[0.0000001, 180], [91, 0], null, [-90, -180]], time: [0, 1, 2, 3], heartrate: [0, 300, 150, 60], cadence: [255, 90, 90, 90] }));
		expect(validateGpx(file.xml)).toEqual([]);
		expect(file.points).toBe(2);
		expect(file.xml).toContain('<trkpt lat="0.0000001" lon="-180"><time>2026-01-01T00:00:00Z</time></trkpt>');
		expect(file.xml).toContain('<trkpt lat="-90" lon="-180"><time>2026-01-01T00:00:03Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>60</gpxtpx:hr><gpxtpx:cad>90</gpxtpx:cad>');
	});

	test('escaping covers markup and drops characters XML cannot carry', () => {
		expect(escapeXml('a<b>&"\'\u0000\u001f\ttab')).toBe('a&lt;b&gt;&amp;&quot;&apos;\ttab');
		expect(safeFileName('../../etc/passwd', '7', 'gpx')).toBe('etc_passwd-7.gpx');
		expect(safeFileName('   ', '7', 'tcx')).toBe('activity-7.tcx');
	});

	test('TCX without any trackpoint has no (empty) Track and takes the lap from the activity', () => {
		const file = buildTcx({ ...activity, elapsedTime: 1800, distance: 5000.26 }, set({ heartrate: [150] }));
		expect(validateTcx(file.xml)).toEqual([]);
		expect(file.xml).not.toContain('<Track>');
		expect(file.xml).toContain('<TotalTimeSeconds>1800</TotalTimeSeconds>');
		expect(file.xml).toContain('<DistanceMeters>5000.3</DistanceMeters>');
	});

	test('the checks refuse what the schemas refuse', () => {
		const gpx = buildGpx(activity, set({ latlng: [[1, 2]], time: [0], altitude: [5], heartrate: [100] })).xml;
		expect(validateGpx(gpx)).toEqual([]);
		const broken = (from: string, to: string) => validateGpx(gpx.replace(from, to));
		expect(broken('<ele>5</ele><time>2026-01-01T00:00:00Z</time>', '<time>2026-01-01T00:00:00Z</time><ele>5</ele>')[0]).toMatch(/unexpected <ele>/);
		expect(broken('lon="2"', 'lon="180"')[0]).toMatch(/outside/);
		expect(broken('lon="2"', 'lon="2e0"')[0]).toMatch(/not an xsd:decimal/);
		expect(broken('<gpxtpx:hr>100', '<gpxtpx:hr>0')[0]).toMatch(/outside \[1, 255\]/);
		expect(broken('<time>2026-01-01T00:00:00Z</time>', '<time>2026-02-30T00:00:00Z</time>')[0]).toMatch(/calendar/);
		expect(broken(' version="1.1"', '')[0]).toMatch(/required attribute version/);
		expect(broken('<trk>', '<trk foo="1">')[0]).toMatch(/undeclared attribute foo/);
		expect(validateGpx(gpx.replace(/gpxtpx:/g, '')).join()).toMatch(/another namespace/);
		expect(() => validateGpx(gpx.replace('</trkseg>', ''))).toThrow(/does not close/);
		expect(() => validateGpx(gpx.replace('xmlns:gpxtpx=', 'xmlns:other='))).toThrow(/prefix "gpxtpx" is not declared/);
		const tcx = buildTcx(activity, set({ latlng: [[1, 2]], time: [0], watts: [200] })).xml;
		expect(validateTcx(tcx)).toEqual([]);
		expect(validateTcx(tcx.replace(/<Calories>0<\/Calories>/, ''))[0]).toMatch(/required element <Calories>/);
		expect(validateTcx(tcx.replace('Sport="Biking"', 'Sport="Cycling"'))[0]).toMatch(/not one of Running, Biking, Other/);
		expect(validateTcx(tcx.replace('<ns3:Watts>200</ns3:Watts>', '<ns3:Watts>-1</ns3:Watts>'))[0]).toMatch(/outside \[0, 65535\]/);
		expect(validateTcx(tcx.replace(/<Track>[\s\S]*<\/Track>/, '<Track></Track>'))[0]).toMatch(/required element <Trackpoint>/);
	});
});
