import { PollContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeType, Workflow } from 'n8n-workflow';

import { clearActivities, deleteActivity, editActivity } from '../sandbox';
import { addAthlete, addAthleteActivity, athleteActivityIds, athleteToken } from '../sandbox/routes/athletes';
import { useSandbox } from '../harness';
import { TestCredentialsHelper } from '../harness/credentials';
import { nodeTypes } from '../harness/nodes';
import { persistStaticData, triggerAdditionalData, triggerWorkflow } from '../harness/triggerWorkflow';
import { credentialData, runWorkflow } from '../harness/workflow';
import { DEFAULT_DAILY_REQUESTS, pollSchedule, type BudgetState } from '../../nodes/StravaApiNewActivityTrigger/pollBudget';
import { freezeClockAt } from '../harness/clock';

/**
 * Issue 14, at scale inside one Strava application: ten athletes, each with their own credential, their
 * own New Activity Trigger (n8n's default Poll Times: every minute) and a nightly full sync (Activity →
 * Get Many, Return All, through n8n-core's WorkflowExecute), for a simulated week with new, late, flash
 * (uploaded and deleted minutes later) and deleted activities. One application means one set of rate-limit
 * windows: the ten default allowances (10 × 150 reads a day) exceed Strava's 1,000, and only the triggers'
 * back-off from Strava's app-wide usage headers keeps the sum inside it.
 */

const t = useSandbox();

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const QUARTER = 15 * MIN;
const ATHLETES = 10;
const FIRST_ATHLETE = 7001;
const SKEW_MS = 30_000; // Strava's clock runs 30 s ahead of n8n's

afterEach(() => {
	jest.useRealTimers();
	t.sandbox.state.clock.offsetMs = 0;
	clearActivities(t.sandbox);
});

function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

const TRIGGER_TYPE = 'n8n-nodes-strava-api.stravaApiNewActivityTrigger';
const TRIGGER_NAME = 'Strava API New Activity Trigger';

/**
 * One athlete's active workflow, polled the way n8n's ActiveWorkflows does: one PollContext per activation,
 * called at every Poll Time; `restart()` rebuilds it from the static data n8n saved.
 */
class AthleteTrigger {
	workflow!: Workflow;

	node!: INode;

	private context!: PollContext;

	private readonly type = nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1) as INodeType;

	constructor(
		readonly athleteId: number,
		readonly credentials: TestCredentialsHelper,
	) {
		this.activate({});
	}

	activate(staticData: IDataObject) {
		const built = triggerWorkflow({
			type: TRIGGER_TYPE,
			nodeName: TRIGGER_NAME,
			parameters: { lookBackDays: 7 },
			staticData,
			workflowId: `wf-athlete-${this.athleteId}`,
		});
		this.workflow = built.workflow;
		this.node = built.node;
		// Each athlete connects their own credential. (n8n-core serialises refreshes per credential id: ten
		// triggers sharing the harness's one id would be handed each other's refreshed tokens.)
		this.node.credentials = { stravaV3OAuth2Api: { id: `cred-athlete-${this.athleteId}`, name: `Strava athlete ${this.athleteId}` } };
		this.context = new PollContext(this.workflow, this.node, triggerAdditionalData(this.credentials), 'trigger', 'activate');
	}

	restart() {
		this.activate(persistStaticData(this.workflow));
	}

	get budget(): BudgetState {
		return this.workflow.getStaticData('node', this.node).budget as BudgetState;
	}

	async poll(): Promise<IDataObject[]> {
		const result = await this.type.poll!.call(this.context);
		return (result?.[0] ?? []).map((item) => item.json);
	}
}

/**
 * The harness's credentials helper, with its resolution (a Workflow and an expression evaluation per call,
 * ~2 ms, several calls per request) kept until the stored data changes: the week sends ~7,000 requests.
 */
class CachedCredentialsHelper extends TestCredentialsHelper {
	private memo?: { of: ICredentialDataDecryptedObject; value: ICredentialDataDecryptedObject };

	resolve(): ICredentialDataDecryptedObject {
		if (this.memo?.of !== this.stored) this.memo = { of: this.stored, value: super.resolve() };
		return JSON.parse(JSON.stringify(this.memo.value)) as ICredentialDataDecryptedObject;
	}
}

type Upload = { athleteId: number; id: number; at: number; start: number; kind: 'new' | 'late' | 'flash' };
type Event = { at: number; run: () => void };

test('ten athletes of one application, a simulated week: every-minute triggers and nightly full syncs stay inside the app-wide 1,000 reads a day and 100 per 15 min; each activity once', async () => {
	const random = prng(20260504);
	const between = (min: number, max: number) => min + random() * (max - min);
	const start = Date.parse('2026-05-03T21:00:00Z'); // Sunday evening, n8n's clock
	const end = start + 7 * DAY;
	freezeClockAt(start);
	t.sandbox.state.clock.offsetMs = SKEW_MS;

	const athleteIds = Array.from({ length: ATHLETES }, (_, index) => FIRST_ATHLETE + index);
	const uploads: Upload[] = [];
	const events: Event[] = [];
	let historyCount = 0;
	for (const [index, athleteId] of athleteIds.entries()) {
		addAthlete(t.sandbox, athleteId);
		// History: from 30 to 480 activities (one to three pages of a full sync), never emitted.
		const history = 30 + 50 * index;
		for (let n = 0; n < history; n++) {
			addAthleteActivity(t.sandbox, athleteId, athleteId * 1_000_000 + n, new Date(start - 40 * MIN - n * (index < 5 ? 8 : 2) * HOUR));
		}
		historyCount += history;
		let nextId = athleteId * 1_000_000 + 500_000;
		const plan = (kind: Upload['kind'], at: number, activityStart: number) => {
			const upload: Upload = { athleteId, id: nextId++, at: Math.round(at), start: Math.floor(activityStart / 1000) * 1000, kind };
			uploads.push(upload);
			events.push({ at: upload.at, run: () => addAthleteActivity(t.sandbox, athleteId, upload.id, new Date(upload.start)) });
			return upload;
		};
		for (let day = 0; day < 7; day++) {
			const dayStart = start + day * DAY;
			const perDay = 1 + Math.floor(random() * 3);
			for (let i = 0; i < perDay; i++) {
				const at = between(dayStart + 5 * MIN, Math.min(dayStart + DAY, end - 2 * HOUR));
				plan('new', at, at - between(15 * MIN, 4 * HOUR));
			}
			if (random() < 0.5) {
				const at = between(dayStart + 20 * MIN, Math.min(dayStart + DAY, end - 12 * HOUR));
				plan('late', at, at - between(1 * DAY, 6 * DAY));
			}
		}
		const flash = plan('flash', between(start + HOUR, end - HOUR), 0);
		flash.start = flash.at - 30 * MIN;
		events.push({ at: flash.at + between(1, 6) * MIN, run: () => deleteActivity(t.sandbox, flash.id) });
		for (let i = 0; i < 3; i++) {
			events.push({
				at: between(start + 12 * HOUR, end - HOUR),
				run: () => {
					const ids = athleteActivityIds(t.sandbox, athleteId);
					editActivity(t.sandbox, ids[Math.floor(random() * ids.length)], { name: `Edited ${i}` });
				},
			});
		}
	}

	const triggers = athleteIds.map(
		(athleteId) =>
			new AthleteTrigger(athleteId, new CachedCredentialsHelper(credentialData(t.sandbox, athleteToken(t.sandbox, athleteId).tokenData), nodeTypes)),
	);
	const emitted = new Map<number, Array<{ at: number; by: number }>>();
	const deletedAfterEmit: number[] = [];
	for (const athleteId of athleteIds) {
		for (let i = 0; i < 2; i++) {
			events.push({
				at: between(start + DAY, end - 2 * HOUR),
				run: () => {
					const victim = [...emitted.keys()].find(
						(id) => Math.floor(id / 1_000_000) === athleteId && t.sandbox.state.collection('activities').has(String(id)) && !deletedAfterEmit.includes(id),
					);
					if (victim !== undefined && deleteActivity(t.sandbox, victim)) deletedAfterEmit.push(victim);
				},
			});
		}
	}
	events.sort((a, b) => a.at - b.at);

	// Nightly full sync per athlete, 02:00 UTC (Strava's clock) + 6 min per athlete.
	const syncs: Array<{ at: number; athleteId: number; items: number; expected: number; error?: string }> = [];
	const nightly = new Map<number, number>(); // minute of the week → athlete index
	for (let day = 0; day < 8; day++) {
		const twoAm = Date.parse('2026-05-04T02:00:00Z') + day * DAY - SKEW_MS;
		athleteIds.forEach((_, index) => {
			const at = twoAm + index * 6 * MIN;
			if (at > start && at < end) nightly.set(Math.round((at - start) / MIN), index);
		});
	}
	const restartAt = 3 * 24 * 60 + 11 * 60 + 17; // n8n restarts mid-week: rebuilt from saved static data
	const record = (trigger: AthleteTrigger, items: IDataObject[], at: number) => {
		for (const item of items) emitted.set(Number(item.id), [...(emitted.get(Number(item.id)) ?? []), { at, by: trigger.athleteId }]);
	};

	const began = t.sandbox.state.clock.now();
	const wallStart = performance.now();
	let polls = 0;
	let pollErrors = 0;
	for (let minute = 0; minute < 7 * 24 * 60; minute++) {
		const minuteAt = start + minute * MIN;
		if (minute === restartAt) triggers.forEach((trigger) => trigger.restart());
		// n8n's cron fires every trigger's Poll Time at the same moment: the ten polls run concurrently.
		const pollAt = minuteAt + Math.floor(random() * 900);
		while (events.length && events[0].at <= pollAt) {
			const event = events.shift()!;
			jest.setSystemTime(Math.max(event.at, Date.now()));
			event.run();
		}
		jest.setSystemTime(Math.max(pollAt, Date.now()));
		polls += triggers.length;
		await Promise.all(
			triggers.map(async (trigger) => {
				try {
					record(trigger, await trigger.poll(), pollAt);
				} catch {
					pollErrors++; // n8n logs it and polls again at the next Poll Time
				}
			}),
		);
		const syncIndex = nightly.get(minute);
		if (syncIndex !== undefined) {
			const athleteId = athleteIds[syncIndex];
			jest.setSystemTime(minuteAt + 20_000);
			const expected = athleteActivityIds(t.sandbox, athleteId).length;
			const result = await runWorkflow(triggers[syncIndex].credentials, {
				parameters: { resource: 'activity', operation: 'getAll', returnAll: true },
			});
			syncs.push({ at: minuteAt, athleteId, items: result.items.length, expected, error: result.error?.message });
		}
	}
	const wallMs = performance.now() - wallStart;

	// What Strava saw: API calls by Strava's clock. 401s (expired token, resent after n8n-core's refresh)
	// are refused before Strava counts them; 429s are refused requests that were still sent.
	const calls = t.sandbox.apiCalls().filter((call) => call.at >= began);
	const counted = calls.filter((call) => call.status !== 401 && call.status !== 429);
	const sent = calls.filter((call) => call.status !== 401);
	const byWindow = (list: typeof calls, size: number) => {
		const map = new Map<number, number>();
		for (const call of list) map.set(Math.floor(call.at / size), (map.get(Math.floor(call.at / size)) ?? 0) + 1);
		return map;
	};
	const perDay = byWindow(sent, DAY);
	const perQuarter = byWindow(sent, QUARTER);
	const dayKeys = [...perDay.keys()].sort();
	const fullDays = dayKeys.filter((key) => key * DAY >= began && (key + 1) * DAY <= began + 7 * DAY);
	const readsPerDay = Object.fromEntries(dayKeys.map((key) => [new Date(key * DAY).toISOString().slice(0, 10), perDay.get(key)!]));
	const syncReads = calls.filter((call) => call.query.per_page === '200' && call.query.after === undefined && call.status !== 401).length;

	const live = (upload: Upload) => t.sandbox.state.collection('activities').has(String(upload.id));
	const delayOf = (upload: Upload) => (emitted.get(upload.id)?.[0]?.at ?? Infinity) - upload.at;
	const mustEmit = uploads.filter((upload) => upload.kind !== 'flash');
	const newOnes = uploads.filter((upload) => upload.kind === 'new');
	const lateOnes = uploads.filter((upload) => upload.kind === 'late');
	const duplicates = [...emitted.values()].reduce((sum, list) => sum + list.length - 1, 0);
	const misses = mustEmit.filter((upload) => !emitted.has(upload.id)).map((upload) => upload.id);
	const wrongTrigger = [...emitted.entries()].filter(([id, list]) => list.some((entry) => entry.by !== Math.floor(id / 1_000_000))).length;
	const historyEmitted = [...emitted.keys()].filter((id) => id % 1_000_000 < 500_000).length;
	const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
	const percentile = (values: number[], p: number) => sorted(values)[Math.min(values.length - 1, Math.floor(p * values.length))];
	const minutes = (ms: number) => Number((ms / MIN).toFixed(1));
	const schedule = pollSchedule(DEFAULT_DAILY_REQUESTS);

	const figures = {
		athletes: ATHLETES,
		simulatedDays: 7,
		polls,
		pollErrors,
		allowancesSum: ATHLETES * DEFAULT_DAILY_REQUESTS,
		plannedWithoutBackOff: ATHLETES * schedule.plannedPerDay,
		readsPerDay,
		maxReadsPerFullDay: Math.max(...fullDays.map((key) => perDay.get(key)!)),
		peakReadsPer15Min: Math.max(...perQuarter.values()),
		sandboxCounted: counted.length,
		rejected429: calls.filter((call) => call.status === 429).length,
		rejected401ThenRefreshed: calls.filter((call) => call.status === 401).length,
		tokenEndpointCalls: t.sandbox.log.filter((entry) => entry.path === '/oauth/token' && entry.at >= began).length,
		nightlySyncs: syncs.length,
		nightlySyncReads: syncReads,
		nightlySyncFailures: syncs.filter((sync) => sync.error || sync.items !== sync.expected).length,
		history: historyCount,
		newUploads: newOnes.length,
		lateUploads: lateOnes.length,
		flashUploads: uploads.length - mustEmit.length,
		flashEmitted: uploads.filter((upload) => upload.kind === 'flash' && emitted.has(upload.id)).length,
		deletedAfterEmit: deletedAfterEmit.length,
		emitted: emitted.size,
		duplicates,
		misses: misses.length,
		wrongTrigger,
		historyEmitted,
		worstDelayNewMin: minutes(Math.max(...newOnes.map(delayOf))),
		medianDelayNewMin: minutes(percentile(newOnes.map(delayOf), 0.5)),
		p90DelayNewMin: minutes(percentile(newOnes.map(delayOf), 0.9)),
		worstDelayLateMin: minutes(Math.max(...lateOnes.map(delayOf))),
		wallClockMs: Math.round(wallMs),
	};
	console.log(`[ten athletes] a simulated week, one application: ${JSON.stringify(figures, null, 2)}`);

	expect(polls).toBe(ATHLETES * 7 * 24 * 60);
	expect(figures.plannedWithoutBackOff).toBeGreaterThan(1000); // the allowances alone would not fit
	for (const key of dayKeys) expect(perDay.get(key)).toBeLessThanOrEqual(1000);
	for (const count of perQuarter.values()) expect(count).toBeLessThanOrEqual(100);
	expect(figures.rejected429).toBe(0);
	expect(pollErrors).toBe(0);
	expect(figures.nightlySyncs).toBe(7 * ATHLETES);
	expect(syncs.filter((sync) => sync.error || sync.items !== sync.expected)).toEqual([]);
	expect(misses).toEqual([]);
	expect(duplicates).toBe(0);
	expect(wrongTrigger).toBe(0);
	expect(historyEmitted).toBe(0);
	expect(mustEmit.filter((upload) => !live(upload)).map((upload) => upload.id).sort()).toEqual([...deletedAfterEmit].sort());
}, 300_000);
