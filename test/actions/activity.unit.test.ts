import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { execute as createActivity } from '../../nodes/StravaApi/actions/activity/create.operation';
import { execute as getManyActivities } from '../../nodes/StravaApi/actions/activity/getAll.operation';
import { buildGpx } from '../../nodes/StravaApi/actions/activity/export/gpx';
import { buildTcx, tcxSport } from '../../nodes/StravaApi/actions/activity/export/tcx';
import type { ExportActivity, Track } from '../../nodes/StravaApi/actions/activity/export/track';

/** Activity exports (pure file builders): cases the other tests leave open (found by mutation testing). */

const START = Date.parse('2026-11-01T08:00:00Z');
const activity = (extra: Partial<ExportActivity> = {}): ExportActivity => ({ id: '1001', name: 'Evening & ride', startMs: START, ...extra });
const track = (columns: Track['columns']): Track => ({ columns, length: Math.max(...Object.values(columns).map((data) => data!.length)) });

describe('GPX: the track header', () => {
	test('without a sport type: the name in metadata and track, no <type>', () => {
		const { xml } = buildGpx(activity(), track({ latlng: [[45.1, 6.2]] }));
		const lines = xml.split('\n');
		expect(lines.slice(2, 10)).toEqual([
			' <metadata>',
			'  <name>Evening &amp; ride</name>',
			'  <time>2026-11-01T08:00:00Z</time>',
			' </metadata>',
			' <trk>',
			'  <name>Evening &amp; ride</name>',
			'  <trkseg>',
			'   <trkpt lat="45.1" lon="6.2"></trkpt>',
		]);
		expect(xml).not.toContain('<type>');
	});

	test('with a sport type: its <type> after the track name', () => {
		const { xml } = buildGpx(activity({ sportType: 'GravelRide' }), track({ latlng: [[45.1, 6.2]] }));
		expect(xml).toContain(' <trk>\n  <name>Evening &amp; ride</name>\n  <type>GravelRide</type>\n  <trkseg>\n');
	});
});

describe('TCX: sport and lap totals', () => {
	test.each([
		['Run', 'Running'],
		['Ride', 'Biking'],
		['Swim', 'Other'],
		['Walk', 'Other'],
		[undefined, 'Other'],
	])('tcxSport(%p) is %p', (sport, expected) => {
		expect(tcxSport(sport)).toBe(expected);
	});

	test('a sport TCX does not know is written as Sport="Other", its cadence as <Cadence>', () => {
		const { xml } = buildTcx(activity({ sportType: 'Swim' }), track({ time: [0, 10], cadence: [30, 31] }));
		expect(xml).toContain('  <Activity Sport="Other">\n');
		expect(xml).toContain('<Cadence>31</Cadence>');
	});

	test('the lap time and distance skip samples missing at the start and at the end of the streams', () => {
		const { xml, points } = buildTcx(
			activity({ sportType: 'Ride', elapsedTime: 999, distance: 99999 }),
			track({ time: [null, 5, 65, null], distance: [null, 10, 250.5, null] }),
		);
		expect(points).toBe(2);
		expect(xml).toContain('    <TotalTimeSeconds>60</TotalTimeSeconds>\n    <DistanceMeters>250.5</DistanceMeters>\n');
	});
});

describe('Activity → Create with a gear: the gear request fails with an error of n8n-core (not of Strava)', () => {
	const node: INode = { id: 'n', name: 'Strava API', type: 'n8n-nodes-strava-api.stravaApi', typeVersion: 1, position: [0, 0], parameters: {} };
	const parameters: Record<string, unknown> = {
		name: 'Lunch swim',
		sportType: 'Swim',
		startDateLocal: '2026-05-01T12:30:00',
		elapsedTime: 1800,
		additionalFields: { gearId: 'b12345' },
	};

	test('says the activity exists, with what to do instead of running Create again', async () => {
		const own = new NodeOperationError(node, 'Strava API credentials are not connected');
		const sent: string[] = [];
		const ctx = {
			getNode: () => node,
			getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
			getCredentials: async () => ({
				server: 'https://www.strava.com',
				accessTokenUrl: 'https://www.strava.com/oauth/token',
				oauthTokenData: { access_token: 'access-1234', refresh_token: 'refresh-5678', expires_at: Math.floor(Date.now() / 1000) + 3600 },
			}),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string }) => {
					sent.push(`${options.method} ${options.url}`);
					if (options.method === 'POST') return { statusCode: 201, headers: {}, body: { id: 4242, name: 'Lunch swim' } };
					throw own;
				},
			},
		} as unknown as IExecuteFunctions;

		const error = (await createActivity.call(ctx, 3).catch((thrown: unknown) => thrown)) as NodeOperationError;
		expect(sent).toEqual(['POST https://www.strava.com/api/v3/activities', 'PUT https://www.strava.com/api/v3/activities/4242']);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).not.toBe(own);
		expect(error.message).toBe('Activity 4242 was created, but setting its gear to b12345 failed');
		expect(error.description).toBe(
			'Strava API credentials are not connected. Set the gear with Activity → Update on activity 4242; running Create again would add a second activity.',
		);
		expect(error.context.itemIndex).toBe(3);
	});
});

describe('Activity → Get Many with Include Details: a failure that is not an answer of Strava stops the sync', () => {
	const node: INode = { id: 'n', name: 'Strava API', type: 'n8n-nodes-strava-api.stravaApi', typeVersion: 1, position: [0, 0], parameters: {} };

	test('the credential cannot be read for the detail request: that error, for this item', async () => {
		const parameters: Record<string, unknown> = { returnAll: false, limit: 1, options: { includeDetails: true } };
		const sent: string[] = [];
		const warnings: string[] = [];
		let reads = 0;
		const ctx = {
			getNode: () => node,
			getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
			getCredentials: async () => {
				if (++reads > 1) throw new Error('The credential store is not available');
				return {
					server: 'https://www.strava.com',
					accessTokenUrl: 'https://www.strava.com/oauth/token',
					oauthTokenData: { access_token: 'access-1234', refresh_token: 'refresh-5678', expires_at: Math.floor(Date.now() / 1000) + 3600 },
				};
			},
			logger: { warn: (message: string) => warnings.push(message), info: () => undefined, debug: () => undefined },
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string }) => {
					sent.push(`${options.method} ${options.url}`);
					return { statusCode: 200, headers: {}, body: [{ id: 77, name: 'Listed' }] };
				},
			},
		} as unknown as IExecuteFunctions;

		const error = (await getManyActivities.call(ctx, 2).catch((thrown: unknown) => thrown)) as NodeOperationError;
		expect(sent).toEqual(['GET https://www.strava.com/api/v3/athlete/activities']);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The credential store is not available');
		expect(error.context.itemIndex).toBe(2);
		expect(warnings).toEqual([]);
	});
});
