import type { IDataObject } from 'n8n-workflow';

import type { StravaEvent } from './events';

/**
 * Strava repeats an event push (up to three attempts in all) when its 200 did not arrive within two
 * seconds. Events carry no id: subscription, object type, object id, aspect type, event time and `updates`
 * identify one. This module remembers the events a trigger node received, so a repeat starts nothing.
 *
 * Two memories, both bounded:
 * - the process's own (a Map per n8n process, shared by every delivery the process receives, whichever
 *   workflow): it sees a repeat that arrives while the first delivery is still being handled, and covers
 *   queue mode, where events are received on main (or a webhook process) and only the runs go to workers;
 * - the node's workflow static data (saved by n8n with the workflow after each webhook call): it survives
 *   a restart of n8n between a delivery and its repeat.
 */

/** How long a received event is remembered. Strava retries within minutes; 30 min leaves a wide margin. */
export const REMEMBER_MS = 30 * 60_000;

/** At most this many events in the process's memory (all trigger nodes together); the oldest go first. */
export const MAX_IN_PROCESS = 10_000;

/** At most this many events in one node's static data (it is saved with the workflow on every event). */
export const MAX_IN_STATIC_DATA = 500;

/** The event's identity: every field Strava sends that tells two events apart, in a fixed order. */
export function eventKey(event: StravaEvent): string {
	return JSON.stringify([
		event.subscription_id ?? null,
		event.object_type ?? null,
		event.object_id ?? null,
		event.aspect_type ?? null,
		event.event_time ?? null,
		canonical(event.updates ?? null),
	]);
}

/** A value with object keys sorted, so `{a, b}` and `{b, a}` are the same `updates`. */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value as IDataObject)
				.sort()
				.map((key) => [key, canonical((value as IDataObject)[key])]),
		);
	}
	return value;
}

/**
 * A bounded memory of received events: key → when it was first received (ms), in the order remembered.
 * Pruning walks from the front (the oldest remembered), so each event costs O(1) on average.
 */
export class ReceivedEvents {
	private readonly received = new Map<string, number>();

	/** Per trigger node, the newest events it received in this process (for its static data). */
	private readonly recentByScope = new Map<string, Array<[string, number]>>();

	constructor(
		private readonly maxEntries: number,
		private readonly rememberMs: number,
	) {}

	get size(): number {
		return this.received.size;
	}

	/** When `key` was first received, if it is still remembered at `now`. */
	firstReceived(key: string, now: number): number | undefined {
		const at = this.received.get(key);
		if (at === undefined || now - at >= this.rememberMs) return undefined;
		return at;
	}

	/** Remembers `key` as received at `at` (an earlier time already known is kept). Call `prune` afterwards. */
	remember(key: string, at: number) {
		const known = this.received.get(key);
		if (known === undefined || at < known) this.received.set(key, at);
	}

	/**
	 * Forgets, from the first remembered on, what is expired or beyond the size. An entry remembered late but
	 * older (restored from static data) may outlive its time here; `firstReceived` never counts it.
	 */
	prune(now: number) {
		for (const [key, at] of this.received) {
			if (this.received.size <= this.maxEntries && now - at < this.rememberMs) break;
			this.received.delete(key);
		}
	}

	/**
	 * Notes `key` among the newest events `scope` (one trigger node) received in this process, at most `max`:
	 * what the node's static data is made from, so that n8n's saves of it never lose an event this process saw.
	 */
	noteRecent(scope: string, key: string, at: number, max: number) {
		let list = this.recentByScope.get(scope);
		if (!list) this.recentByScope.set(scope, (list = []));
		list.push([key, at]);
		if (list.length > max) list.splice(0, list.length - max);
	}

	/** The newest events `scope` received in this process, oldest first. */
	recent(scope: string): ReadonlyArray<[string, number]> {
		return this.recentByScope.get(scope) ?? [];
	}

	clear() {
		this.received.clear();
		this.recentByScope.clear();
	}
}

/** The process's memory of received events, shared by every Strava API Trigger node of this n8n process. */
export const receivedInProcess = new ReceivedEvents(MAX_IN_PROCESS, REMEMBER_MS);

/** What a trigger node keeps in its static data: event key → first received (epoch ms). */
export type StoredEvents = Record<string, number>;

export interface RepeatCheck {
	/** The event's key (for logs). */
	key: string;
	/** When the event was first received, if this delivery repeats it. */
	repeatOf?: number;
	/** The node's events to store in static data (see `storedEvents`). */
	stored: StoredEvents;
}

/** The usable entries of a node's stored events (missing or malformed static data counts as none). */
function storedEntries(stored: unknown, now: number): Array<[string, number]> {
	if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return [];
	return Object.entries(stored as Record<string, unknown>).filter(
		(entry): entry is [string, number] =>
			typeof entry[1] === 'number' && Number.isFinite(entry[1]) && now - entry[1] < REMEMBER_MS,
	);
}

/**
 * The events a trigger node keeps in its static data: those it had there and those this process received for it,
 * within the window, the newest MAX_IN_STATIC_DATA. n8n saves a node's static data whole after each webhook call,
 * from the copy that call loaded: built from the process's memory too, the last save of a burst still holds the
 * whole burst.
 */
export function storedEvents(scope: string, stored: unknown, now: number): StoredEvents {
	const merged = new Map<string, number>();
	for (const [key, at] of [...storedEntries(stored, now), ...receivedInProcess.recent(scope)]) {
		if (now - at >= REMEMBER_MS) continue;
		const known = merged.get(key);
		if (known === undefined || at < known) merged.set(key, at);
	}
	return Object.fromEntries([...merged].sort((a, b) => a[1] - b[1]).slice(-MAX_IN_STATIC_DATA));
}

/**
 * Checks a delivery against both memories and records it. Synchronous on purpose: two deliveries of one
 * event handled at the same time by one process cannot both pass.
 *
 * @param scope identifies the trigger node in its process (workflow id and node id)
 * @param stored the node's events from its static data
 */
export function checkDelivery(scope: string, event: StravaEvent, stored: unknown, now: number): RepeatCheck {
	const key = eventKey(event);
	const prefix = `${scope}\u0000`;
	// What the static data remembers (this process before a restart, or another process) counts too.
	for (const [storedKey, at] of storedEntries(stored, now)) receivedInProcess.remember(prefix + storedKey, at);
	receivedInProcess.prune(now);
	const repeatOf = receivedInProcess.firstReceived(prefix + key, now);
	if (repeatOf === undefined) {
		receivedInProcess.remember(prefix + key, now);
		receivedInProcess.noteRecent(scope, key, now, MAX_IN_STATIC_DATA);
		receivedInProcess.prune(now);
	}
	return { key, repeatOf, stored: storedEvents(scope, stored, now) };
}
