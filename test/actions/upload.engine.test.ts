import { gzipSync } from 'zlib';

import { seedActivities, setUploadSettings, uploadReceived, UPLOAD_STATUS } from '../sandbox';
import { credentialData, nodeTypes, TestCredentialsHelper, useSandbox } from '../harness';

const t = useSandbox((sandbox) => seedActivities(sandbox, 3));

const GPX = '<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><trkseg><trkpt lat="45.1" lon="6.2"><time>2026-11-01T08:00:00Z</time></trkpt></trkseg></trk></gpx>';
let fileCounter = 0;

/** An input item carrying a file as n8n binary data (a fresh file content each time unless given). */
function fileItem(fileName: string, content: Buffer | string = `${GPX}<!-- ${++fileCounter} -->`, property = 'data') {
	const buffer = typeof content === 'string' ? Buffer.from(content) : content;
	return { name: fileName, $binary: { [property]: { base64: buffer.toString('base64'), fileName, mimeType: 'application/octet-stream' } } };
}

const upload = (extra: Record<string, unknown> = {}) => ({ resource: 'upload', operation: 'create', ...extra });
const calls = () => t.sandbox.apiCalls().map((call) => `${call.method} ${call.path}`);

beforeEach(() => setUploadSettings(t.sandbox, { pollsUntilReady: 2, delayMs: Number.POSITIVE_INFINITY }));

describe('upload: create', () => {
	test.each([
		['expired (known from expires_at)', -60],
		['revoked while still looking fresh', 21600],
	])('with an access token %s: n8n refreshes it and the file is sent again, signed anew', async (_label, expiresIn) => {
		const token = t.sandbox.issueToken({ scopes: ['activity:write', 'activity:read_all'], expiresInSeconds: expiresIn });
		if (expiresIn > 0) t.sandbox.state.accessTokens.delete(token.accessToken);
		const credentials = new TestCredentialsHelper(credentialData(t.sandbox, token.tokenData), nodeTypes);
		const result = await t.run(upload({ waitForProcessing: false }), { input: [fileItem('late.gpx')], credentials });
		expect(result.error).toBeUndefined();
		const posts = t.sandbox.apiCalls('/uploads').filter((call) => call.method === 'POST');
		expect(posts.map((call) => call.status)).toEqual(expiresIn > 0 ? [401, 401, 201] : [401, 201]);
		expect(posts[posts.length - 1].body).toMatchObject({ data_type: 'gpx' });
		expect(t.sandbox.log.filter((entry) => entry.path === '/oauth/token')).toHaveLength(1);
		expect(credentials.persisted).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: expect.any(Number) });
	});

	test('sends the file multipart, infers data_type from the name, waits (≤ 1 poll/s) for the activity', async () => {
		const gz = gzipSync(Buffer.from(GPX));
		const result = await t.run(
			upload({ additionalFields: { name: 'Morning ride', externalId: 'watch-1', trainer: true, commute: false } }),
			{ input: [fileItem('ride.GPX.gz', gz)] },
		);
		expect(result.error).toBeUndefined();
		const log = t.sandbox.apiCalls();
		expect(calls()).toEqual(['POST /api/v3/uploads', 'GET /api/v3/uploads/' + result.items[0].json.id, 'GET /api/v3/uploads/' + result.items[0].json.id]);
		expect(log[0].contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(log[0].body).toEqual({ data_type: 'gpx.gz', name: 'Morning ride', external_id: 'watch-1', trainer: '1', commute: '0' });
		expect(uploadReceived(t.sandbox, String(result.items[0].json.id))).toMatchObject({ fileName: 'ride.GPX.gz', size: gz.length });
		for (let i = 1; i < log.length; i++) expect(log[i].at - log[i - 1].at).toBeGreaterThanOrEqual(950);
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ status: UPLOAD_STATUS.ready, error: null, activity_id: expect.any(Number), external_id: 'watch-1' }),
				pairedItem: { item: 0 },
			},
		]);
		const activity = await t.run({ resource: 'activity', operation: 'get', activityId: String(result.items[0].json.activity_id) });
		expect(activity.items[0].json).toMatchObject({ name: 'Morning ride', trainer: true, external_id: 'watch-1' });
	});

	test('without waiting: one request, the upload as Strava answered it', async () => {
		const result = await t.run(upload({ binaryPropertyName: 'file', waitForProcessing: false }), {
			input: [fileItem('run.fit', 'FIT-bytes', 'file')],
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['POST /api/v3/uploads']);
		expect(t.sandbox.apiCalls()[0].body).toEqual({ data_type: 'fit' });
		expect(result.items[0].json).toMatchObject({ status: UPLOAD_STATUS.processing, activity_id: null, external_id: 'run.fit' });
	});

	test('Data Type overrides the file name', async () => {
		const result = await t.run(upload({ waitForProcessing: false, additionalFields: { dataType: 'tcx' } }), {
			input: [fileItem('export.xml')],
		});
		expect(result.error).toBeUndefined();
		expect(t.sandbox.apiCalls()[0].body).toMatchObject({ data_type: 'tcx' });
	});

	test('a duplicate (same external_id as an activity) fails carrying Strava\'s text and the activity id', async () => {
		setUploadSettings(t.sandbox, { pollsUntilReady: 1 });
		const result = await t.run(upload({ additionalFields: { externalId: 'sandbox_1001' } }), { input: [fileItem('dup.gpx')] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Strava rejected the upload as a duplicate of activity 1001: dup.gpx duplicate of activity 1001');
		expect(result.error?.description).toContain('https://www.strava.com/activities/1001');
		expect(calls()).toHaveLength(2);
	});

	test('identical file content is a duplicate too; under Continue On Fail it becomes an error item', async () => {
		setUploadSettings(t.sandbox, { pollsUntilReady: 1 });
		const content = `${GPX}<!-- same -->`;
		const first = await t.run(upload(), { input: [fileItem('a.gpx', content)] });
		const activityId = first.items[0].json.activity_id;
		expect(activityId).toEqual(expect.any(Number));

		const result = await t.run(upload(), { input: [fileItem('b.gpx', content), fileItem('c.gpx')], continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0]).toEqual({
			json: expect.objectContaining({ error: expect.stringContaining(`b.gpx duplicate of activity ${activityId}`) }),
			pairedItem: { item: 0 },
		});
		expect(result.items[0].json.errorDescription).toContain(`https://www.strava.com/activities/${activityId}`);
		expect(result.items[0].json.duplicateActivityId).toBe(String(activityId));
		expect(result.items[0].json.uploadId).toBeDefined();
		expect(result.items[1]).toEqual({ json: expect.objectContaining({ activity_id: expect.any(Number) }), pairedItem: { item: 1 } });
	});

	test('a processing error that is not a duplicate', async () => {
		setUploadSettings(t.sandbox, { pollsUntilReady: 1 });
		const result = await t.run(upload(), { input: [fileItem('empty.fit', '')] });
		expect(result.error?.message).toBe('Strava could not process the upload: Improperly formatted data.');
	});

	test('gives up after the timeout, naming the upload to check later', async () => {
		setUploadSettings(t.sandbox, { pollsUntilReady: 100 });
		const result = await t.run(upload({ timeout: 2 }), { input: [fileItem('slow.tcx')] });
		expect(result.error?.message).toMatch(/^Strava was still processing upload \d+ after 2 s$/);
		expect(result.error?.description).toContain('Upload → Get');
		expect(t.sandbox.apiCalls().filter((call) => call.method === 'GET').length).toBeLessThanOrEqual(2);
	});

	test.each([
		[{ binaryPropertyName: 'file' }, 'ride.fit', /no binary field "file" \(field "Input Binary Field"\)/, 'Set "Input Binary Field" to one of: data.'],
		[{}, 'ride.bin', /Cannot tell the file format of "ride.bin" \(field "Data Type"\)/, '.gpx'],
	])('bad binary input fails before any request (%j, %s)', async (parameters, fileName, message, hint) => {
		const result = await t.run(upload(parameters), { input: [fileItem(fileName)] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toContain(hint);
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});

	test('an item without any binary data', async () => {
		const result = await t.run(upload(), { input: [{ name: 'no file' }] });
		expect(result.error?.message).toContain('no binary field "data"');
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});

describe('upload: get', () => {
	test('GET /uploads/{id}', async () => {
		const created = await t.run(upload({ waitForProcessing: false }), { input: [fileItem('later.gpx')] });
		const id = String(created.items[0].json.id);
		t.sandbox.clearLog();
		const result = await t.run({ resource: 'upload', operation: 'get', uploadId: { __rl: true, mode: 'id', value: id } });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /api/v3/uploads/${id}`]);
		expect(result.items).toEqual([{ json: expect.objectContaining({ id: Number(id), id_str: id }), pairedItem: { item: 0 } }]);
	});

	test('a malformed upload ID fails before any request', async () => {
		const result = await t.run({ resource: 'upload', operation: 'get', uploadId: '={{ "abc" }}' });
		expect(result.error?.message).toMatch(/"abc" is not a valid upload ID \(field "Upload"\)/);
		expect(t.sandbox.apiCalls()).toHaveLength(0);
	});
});
