/*
 * Benchmarks (`npm run bench`; `npm run bench:short` or `npm run bench -- --short` for the quick run CI does).
 * Prints figures side by side, asserts nothing: requests each task spent against the fewest it can take,
 * time and memory per 100,000 stream points, and the GPX/TCX build time of a 10,000-point activity.
 */
import '../test/harness/env';

import { buildGpx } from '../nodes/StravaApi/actions/activity/export/gpx';
import { buildTcx } from '../nodes/StravaApi/actions/activity/export/tcx';
import { trackOf } from '../nodes/StravaApi/actions/activity/export/track';
import type { StreamSet } from '../nodes/StravaApi/actions/shared/streamSet';
import { streamsToPoints } from '../nodes/StravaApi/actions/shared/streams';
import { TestCredentialsHelper, credentialData, nodeTypes, runWorkflow } from '../test/harness';
import { makeActivity, seedActivities, setActivityExtras, startSandbox, type StravaSandbox } from '../test/sandbox';
import { KNOWN, streamData } from '../test/sandbox/routes/geoStreams';

const SHORT = process.argv.includes('--short');
const LATENCY_MS = 25;
const STREAM_POINTS = 100_000;
const EXPORT_POINTS = 10_000;
const BUILD_RUNS = SHORT ? 3 : 7;

const count = (value: number) => value.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

interface Row {
	task: string;
	requests: string;
	limit: string;
	time: string;
	memory: string;
}
const rows: Row[] = [];

function report(row: Row) {
	rows.push(row);
	console.log(`${row.task}: requests ${row.requests} (limit ${row.limit}), ${row.time}, ${row.memory}`);
}

function credentials(sandbox: StravaSandbox) {
	const token = sandbox.issueToken({ scopes: ['read', 'activity:read_all'] });
	return new TestCredentialsHelper(credentialData(sandbox, token.tokenData), nodeTypes);
}

async function withSandbox<T>(fn: (sandbox: StravaSandbox) => Promise<T>): Promise<T> {
	const sandbox = await startSandbox();
	sandbox.state.limits = { overall15: 1_000_000, overallDay: 1_000_000, read15: 1_000_000, readDay: 1_000_000 };
	try {
		return await fn(sandbox);
	} finally {
		await sandbox.stop();
	}
}

/** Activity → Get Many, Return All (with Include Details: one GET per activity more), at 25 ms per request. */
async function returnAll(total: number, includeDetails: boolean) {
	await withSandbox(async (sandbox) => {
		seedActivities(sandbox, total);
		sandbox.latencyMs = LATENCY_MS;
		gc();
		const heapBefore = process.memoryUsage().heapUsed;
		const started = Date.now();
		const result = await runWorkflow(credentials(sandbox), {
			parameters: { resource: 'activity', operation: 'getAll', returnAll: true, ...(includeDetails ? { options: { includeDetails: true } } : {}) },
		});
		const elapsed = Date.now() - started;
		if (result.error) throw result.error;
		if (result.items.length !== total) throw new Error(`Return All gave ${result.items.length} items of ${total}`);
		const requests = sandbox.apiCalls().length;
		const limit = Math.ceil(total / 200) + 1 + (includeDetails ? total : 0);
		report({
			task: `Get Many, Return All${includeDetails ? ' + Include Details' : ''}, N=${count(total)}`,
			requests: count(requests),
			limit: `${count(limit)} = ceil(N/200)+1${includeDetails ? '+N' : ''}`,
			time: `${count(elapsed)} ms at ${LATENCY_MS} ms/request`,
			memory: `heap +${mb(process.memoryUsage().heapUsed - heapBefore)}, RSS ${mb(process.memoryUsage().rss)}`,
		});
	});
}

function geoStreams(points: number, types: readonly string[]): StreamSet {
	const set: StreamSet = {};
	const track = { start: [37.833112, -122.483436] as [number, number], points };
	for (const type of types) set[type] = { data: streamData(type, track), series_type: 'distance', original_size: points, resolution: 'high' };
	return set;
}

/** Streams → one item per point, in memory (no HTTP): the conversion alone. */
function streamConversion() {
	const set = geoStreams(STREAM_POINTS, KNOWN);
	streamsToPoints({ time: { data: [1, 2, 3] } }); // warm-up of the code path, not of the data
	gc();
	const before = process.memoryUsage();
	const started = process.hrtime.bigint();
	const items = streamsToPoints(set);
	const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
	const after = process.memoryUsage();
	report({
		task: `Streams → items, ${count(STREAM_POINTS)} points × ${Object.keys(items[0].json).length} columns (no HTTP)`,
		requests: '0',
		limit: '0',
		time: `${count(Math.round(elapsedMs))} ms per 100,000 points`,
		memory: `heap +${mb(after.heapUsed - before.heapUsed)} per 100,000 points (RSS ${mb(after.rss)})`,
	});
}

/** Activity → Get Streams (points) through the engine: HTTP, JSON, items. */
async function streamEndToEnd() {
	await withSandbox(async (sandbox) => {
		seedActivities(sandbox, 1);
		setActivityExtras(sandbox, 1000, { streamPoints: STREAM_POINTS });
		gc();
		const heapBefore = process.memoryUsage().heapUsed;
		const started = Date.now();
		const result = await runWorkflow(credentials(sandbox), {
			parameters: { resource: 'activity', operation: 'getStreams', activityId: '1000', outputFormat: 'points' },
		});
		const elapsed = Date.now() - started;
		if (result.error) throw result.error;
		report({
			task: `Get Streams (points) through the engine, ${count(STREAM_POINTS)} points → ${count(result.items.length)} items`,
			requests: count(sandbox.apiCalls().length),
			limit: '1',
			time: `${count(elapsed)} ms per 100,000 points`,
			memory: `heap +${mb(process.memoryUsage().heapUsed - heapBefore)} per 100,000 points (RSS ${mb(process.memoryUsage().rss)})`,
		});
	});
}

/** The GPX and TCX builders alone on a 10,000-point activity with every stream: the median of a few runs. */
function buildTimes() {
	const track = trackOf(geoStreams(EXPORT_POINTS, KNOWN));
	const activity = { id: '1', name: 'Bench ride', startMs: Date.parse('2026-05-01T06:30:00Z'), sportType: 'Ride', averageHeartrate: 139.4, maxHeartrate: 159 };
	for (const [label, build] of [['GPX', buildGpx], ['TCX', buildTcx]] as const) {
		const times: number[] = [];
		let size = 0;
		for (let run = 0; run < BUILD_RUNS; run++) {
			const started = process.hrtime.bigint();
			size = build(activity, track).xml.length;
			times.push(Number(process.hrtime.bigint() - started) / 1e6);
		}
		times.sort((a, b) => a - b);
		report({
			task: `Build ${label}, ${count(EXPORT_POINTS)} points (no HTTP)`,
			requests: '0',
			limit: '0',
			time: `${times[Math.floor(times.length / 2)].toFixed(1)} ms (median of ${BUILD_RUNS} runs, slowest ${times[times.length - 1].toFixed(1)} ms)`,
			memory: `file ${mb(size)}`,
		});
	}
}

/** Activity → Export GPX / TCX through the engine, with the activity as input item (1 request) and by ID (2). */
async function exportEndToEnd() {
	await withSandbox(async (sandbox) => {
		const activity = makeActivity(5001, '2026-05-01T06:30:00Z', { name: 'Bench ride', sport_type: 'Ride' });
		sandbox.state.collection('activities').set('5001', activity);
		setActivityExtras(sandbox, 5001, { streamPoints: EXPORT_POINTS, streamTypes: ['time', 'distance', 'latlng', 'altitude', 'heartrate', 'cadence', 'watts', 'temp'] });
		for (const operation of ['exportGpx', 'exportTcx']) {
			for (const input of ['item', 'id'] as const) {
				sandbox.clearLog();
				const started = Date.now();
				const result = await runWorkflow(credentials(sandbox), {
					parameters: { resource: 'activity', operation, activityId: '={{ $json.id ?? 5001 }}' },
					input: [input === 'item' ? (activity as never) : {}],
				});
				const elapsed = Date.now() - started;
				if (result.error) throw result.error;
				report({
					task: `${operation === 'exportGpx' ? 'Export GPX' : 'Export TCX'} through the engine, ${count(EXPORT_POINTS)} points, ${input === 'item' ? 'activity as input item' : 'by ID only'}`,
					requests: count(sandbox.apiCalls().length),
					limit: input === 'item' ? '1' : '2',
					time: `${count(elapsed)} ms`,
					memory: `file ${mb(Buffer.byteLength(result.items[0].binary!.data.data, 'base64'))}`,
				});
			}
		}
	});
}

function table() {
	const header: Row = { task: 'Task', requests: 'Requests', limit: 'Limit (fewest possible)', time: 'Time', memory: 'Memory / size' };
	const all = [header, ...rows];
	const width = (key: keyof Row) => Math.max(...all.map((row) => row[key].length));
	const keys: Array<keyof Row> = ['task', 'requests', 'limit', 'time', 'memory'];
	const line = (row: Row) => keys.map((key) => row[key].padEnd(width(key))).join(' | ').trimEnd();
	console.log(`\n${line(header)}\n${keys.map((key) => '-'.repeat(width(key))).join('-|-')}`);
	for (const row of rows) console.log(line(row));
}

async function main() {
	const started = Date.now();
	console.log(`Benchmark (${SHORT ? 'short' : 'full'} mode), Node ${process.version}${(globalThis as { gc?: unknown }).gc ? '' : ' [run with --expose-gc for clean heap figures]'}`);
	await returnAll(1_000, false);
	if (!SHORT) await returnAll(10_000, false);
	await returnAll(SHORT ? 100 : 1_000, true);
	streamConversion();
	await streamEndToEnd();
	buildTimes();
	await exportEndToEnd();
	table();
	console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
