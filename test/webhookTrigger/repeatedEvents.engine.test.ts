import { receivedInProcess } from '../../nodes/StravaApiTrigger/repeatedEvents';
import { addActivity, ensureActivityRoute, pushEvent, type PushEvent } from '../sandbox';
import { useSandbox } from '../harness';
import { useLogRecorder } from '../harness/logs';
import { useWebhookHosts } from '../harness/webhookHosts';

/**
 * Strava repeats an event push (up to three attempts) when its 200 came late. Each event is delivered
 * here as Strava does it then: the same body again.
 */
const t = useSandbox((sandbox) => ensureActivityRoute(sandbox));
const startHost = useWebhookHosts(t);
const logs = useLogRecorder();

const STATE_KEY = 'node:Strava API Trigger';

function activityReads() {
	return t.sandbox.apiCalls('/activities').map((call) => `${call.method} ${call.path}`);
}

async function deliverThreeTimes(event: Partial<PushEvent> & Pick<PushEvent, 'object_type' | 'aspect_type'>) {
	const first = await pushEvent(t.sandbox, event);
	const again = [await pushEvent(t.sandbox, first.event), await pushEvent(t.sandbox, first.event)];
	return [first, ...again];
}

describe('a repeated delivery', () => {
	test('is acknowledged with 200, starts nothing and costs no request; the first one runs once', async () => {
		addActivity(t.sandbox, 9_317_004_221, '2026-11-29T06:41:12Z', { name: 'Morning Ride' });
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		t.sandbox.clearLog();

		const deliveries = await deliverThreeTimes({ object_type: 'activity', aspect_type: 'create', object_id: 9_317_004_221 });
		await host.idle();

		expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].items[0].json).toMatchObject({ object_id: 9_317_004_221, activity: { name: 'Morning Ride' } });
		expect(activityReads()).toEqual(['GET /api/v3/activities/9317004221']);
		const event = deliveries[0].event;
		const key = JSON.stringify([event.subscription_id, 'activity', 9_317_004_221, 'create', event.event_time, {}]);
		expect(logs.messages('debug').filter((line) => line.includes('repeated delivery'))).toEqual([
			expect.stringContaining(`ignored a repeated delivery of event ${key} (first received `),
			expect.stringContaining(`ignored a repeated delivery of event ${key} (first received `),
		]);
	});

	test('arriving while the first is still being handled also starts nothing', async () => {
		addActivity(t.sandbox, 9_317_004_222, '2026-11-29T07:02:40Z');
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		// The first delivery's activity read takes 1.5 s: the repeats arrive while it is in flight.
		t.sandbox.faults.push({ method: 'GET', path: /^\/api\/v3\/activities\/9317004222$/, times: 1, delayMs: 1500 });
		t.sandbox.clearLog();

		const body: PushEvent = {
			object_type: 'activity',
			aspect_type: 'create',
			object_id: 9_317_004_222,
			owner_id: t.sandbox.state.athlete.id as number,
			subscription_id: (host.staticData[STATE_KEY] as { subscriptionId: number }).subscriptionId,
			event_time: 1_796_623_217,
			updates: {},
		};
		const answers = await Promise.all([pushEvent(t.sandbox, body), pushEvent(t.sandbox, body), pushEvent(t.sandbox, body)]);
		await host.idle();
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
		expect(host.executions).toHaveLength(1);
		expect(activityReads()).toEqual(['GET /api/v3/activities/9317004222']);
	});

	test('after n8n restarts between the delivery and its repeat, is recognised from the saved static data', async () => {
		const host = await startHost();
		await host.activate();
		const first = await pushEvent(t.sandbox, { object_type: 'activity', aspect_type: 'update', object_id: 77, updates: { title: 'Col de la Madone' } });
		await host.idle();
		const saved = host.staticData[STATE_KEY] as { receivedEvents: Record<string, number> };
		expect(Object.keys(saved.receivedEvents)).toEqual([
			JSON.stringify([first.event.subscription_id, 'activity', 77, 'update', first.event.event_time, { title: 'Col de la Madone' }]),
		]);

		// A new n8n process: nothing in memory, the workflow's static data from the database.
		receivedInProcess.clear();
		const repeat = await pushEvent(t.sandbox, first.event);
		await host.idle();
		expect(repeat.status).toBe(200);
		expect(host.executions).toHaveLength(1);
	});

	test('after a burst of distinct events and a restart, repeats of every one of them start nothing', async () => {
		const host = await startHost({ options: { includeActivity: true } });
		await host.activate();
		const subscriptionId = (host.staticData[STATE_KEY] as { subscriptionId: number }).subscriptionId;
		const events: PushEvent[] = Array.from({ length: 12 }, (_, index) => ({
			object_type: 'activity',
			aspect_type: 'create',
			object_id: 9_317_004_300 + index,
			owner_id: t.sandbox.state.athlete.id as number,
			subscription_id: subscriptionId,
			event_time: 1_796_623_300 + index,
			updates: {},
		}));
		// n8n saves each call's static data whole, from the copy that call loaded: all at once, the calls overlap.
		await Promise.all(events.map((event) => pushEvent(t.sandbox, event)));
		await host.idle();
		expect(host.executions).toHaveLength(12);

		receivedInProcess.clear();
		const repeats = await Promise.all(events.map((event) => pushEvent(t.sandbox, event)));
		await host.idle();
		expect(repeats.map((repeat) => repeat.status)).toEqual(events.map(() => 200));
		expect(host.executions).toHaveLength(12);
	});
});

describe('distinct events about one object', () => {
	test('create, two updates with different changes, and delete each run once, repeats of each none', async () => {
		const host = await startHost();
		await host.activate();
		const base = { object_type: 'activity' as const, object_id: 4_410_228_001 };
		const time = t.sandbox.state.clock.nowSeconds();
		const events: Array<Partial<PushEvent> & Pick<PushEvent, 'object_type' | 'aspect_type'>> = [
			{ ...base, aspect_type: 'create', event_time: time },
			{ ...base, aspect_type: 'update', event_time: time + 40, updates: { title: 'Zwift - Watopia' } },
			// Same second, other changes: another event.
			{ ...base, aspect_type: 'update', event_time: time + 40, updates: { type: 'VirtualRide' } },
			{ ...base, aspect_type: 'update', event_time: time + 95, updates: { private: 'true' } },
			{ ...base, aspect_type: 'delete', event_time: time + 300 },
		];
		for (const event of events) await deliverThreeTimes(event);
		await host.idle();
		expect(host.executions.map((run) => [run.items[0].json.aspect_type, run.items[0].json.updates])).toEqual([
			['create', {}],
			['update', { title: 'Zwift - Watopia' }],
			['update', { type: 'VirtualRide' }],
			['update', { private: 'true' }],
			['delete', {}],
		]);
	});

});
