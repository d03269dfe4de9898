/* Benchmarks for issue 3 (run with `npm run bench`): prints figures, asserts nothing. */
import '../test/harness/env';

import type { StreamSet } from '../nodes/StravaApi/actions/shared/streamSet';
import { streamsToPoints } from '../nodes/StravaApi/actions/shared/streams';
import { TestCredentialsHelper, credentialData, nodeTypes, runWorkflow } from '../test/harness';
import { seedActivities, setActivityExtras, startSandbox, type StravaSandbox } from '../test/sandbox';
import { KNOWN, streamData } from '../test/sandbox/routes/geoStreams';

const LATENCY_MS = 25;
const STREAM_POINTS = 100_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function credentials(sandbox: StravaSandbox) {
	const token = sandbox.issueToken({ scopes: ['read', 'activity:read_all'] });
	return new TestCredentialsHelper(credentialData(sandbox, token.tokenData), nodeTypes);
}

async function returnAll(count: number) {
	const sandbox = await startSandbox();
	try {
		sandbox.state.limits = { overall15: 100_000, overallDay: 100_000, read15: 100_000, readDay: 100_000 };
		seedActivities(sandbox, count);
		sandbox.latencyMs = LATENCY_MS;
		const started = Date.now();
		const result = await runWorkflow(credentials(sandbox), {
			parameters: { resource: 'activity', operation: 'getAll', returnAll: true },
		});
		const elapsed = Date.now() - started;
		if (result.error) throw result.error;
		const requests = sandbox.apiCalls('/athlete/activities').length;
		console.log(
			`Return All, N=${count.toLocaleString('en-US')}: ${result.items.length.toLocaleString('en-US')} items, ` +
				`${requests} requests (minimum ceil(N/200)+1 = ${Math.ceil(count / 200) + 1}), ${elapsed} ms with ${LATENCY_MS} ms latency per request`,
		);
	} finally {
		await sandbox.stop();
	}
}

function streamConversion() {
	const set: StreamSet = {};
	const track = { start: [37.833112, -122.483436] as [number, number], points: STREAM_POINTS };
	for (const type of KNOWN) set[type] = { data: streamData(type, track), series_type: 'distance', original_size: STREAM_POINTS, resolution: 'high' };
	streamsToPoints({ time: { data: [1, 2, 3] } }); // warm-up of the code path, not of the data
	gc();
	const before = process.memoryUsage();
	let peakHeap = before.heapUsed;
	let peakRss = before.rss;
	const started = process.hrtime.bigint();
	const items = streamsToPoints(set);
	const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
	const after = process.memoryUsage();
	peakHeap = Math.max(peakHeap, after.heapUsed);
	peakRss = Math.max(peakRss, after.rss);
	console.log(
		`Stream → items (points), ${STREAM_POINTS.toLocaleString('en-US')} points × ${Object.keys(items[0].json).length} columns: ` +
			`${elapsedMs.toFixed(0)} ms, heap +${mb(peakHeap - before.heapUsed)} (peak heap ${mb(peakHeap)}, peak RSS ${mb(peakRss)})` +
			((globalThis as { gc?: unknown }).gc ? '' : ' [run with --expose-gc for a clean baseline]'),
	);
	return items.length;
}

async function streamEndToEnd() {
	const sandbox = await startSandbox();
	try {
		seedActivities(sandbox, 1);
		setActivityExtras(sandbox, 1000, { streamPoints: STREAM_POINTS });
		const started = Date.now();
		const result = await runWorkflow(credentials(sandbox), {
			parameters: { resource: 'activity', operation: 'getStreams', activityId: '1000', outputFormat: 'points' },
		});
		if (result.error) throw result.error;
		console.log(
			`activity:getStreams through the engine (HTTP + JSON + items), ${STREAM_POINTS.toLocaleString('en-US')} points: ` +
				`${result.items.length.toLocaleString('en-US')} items in ${Date.now() - started} ms, RSS ${mb(process.memoryUsage().rss)}`,
		);
	} finally {
		await sandbox.stop();
	}
}

async function main() {
	await returnAll(1_000);
	await returnAll(10_000);
	streamConversion();
	await streamEndToEnd();
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
