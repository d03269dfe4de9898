import { notFound, stravaError } from '../http';
import type { StravaSandbox } from '../server';
import { specExample } from '../seed';
import { pageOf } from './core';
import { streamsReply } from './geoStreams';

type Data = Record<string, unknown>;

/** Efforts come from the athlete's activities: activity:read (or read_all). */
const EFFORT_READ = { scopes: ['activity:read', 'activity:read_all'], scopeField: 'activity:read_permission' };

/** Points in an effort's streams. */
export const EFFORT_POINTS = 1_000;

/** A DetailedSegmentEffort shaped like the spec's example. */
export function makeEffort(id: number, segmentId: number, startLocal: string, athleteId: number): Data {
	const template = specExample('GET', '/segment_efforts/{id}') as Data;
	const segment = sandboxSegment(segmentId, template.segment as Data);
	const start = new Date(startLocal);
	return {
		...template,
		id,
		name: segment.name,
		activity: { id: 5_000_000 + id, resource_state: 1 },
		athlete: { id: athleteId, resource_state: 1 },
		start_date: new Date(start.getTime() + 8 * 3600_000).toISOString().replace('.000Z', 'Z'),
		start_date_local: start.toISOString().replace('.000Z', 'Z'),
		segment,
	};
}

function sandboxSegment(segmentId: number, template: Data): Data {
	return { ...template, id: segmentId, name: segmentId === 229781 ? 'Hawk Hill' : `Segment ${segmentId}` };
}

/** `count` efforts on a segment, one a day back from `newest` (local time); IDs from `firstId`. */
export function seedEfforts(sandbox: StravaSandbox, segmentId: number, count: number, newest = '2026-06-30T08:00:00Z', firstId = 70_000) {
	const efforts = sandbox.state.collection('segmentEfforts');
	const athleteId = sandbox.state.athlete.id as number;
	for (let i = 0; i < count; i++) {
		const start = new Date(Date.parse(newest) - i * 86_400_000).toISOString();
		efforts.set(String(firstId + i), makeEffort(firstId + i, segmentId, start, athleteId));
	}
}

/** Sandboxes whose effort list ignores `page` (answers page 1 every time), as the spec leaves it unlisted. */
export const effortsIgnorePage = new WeakSet<StravaSandbox>();

/** Strava takes `*_date_local` as ISO 8601; compare as wall-clock instants. */
function localTime(value: string | null): number | undefined {
	if (value === null) return undefined;
	return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

/** GET /segment_efforts (segment_id required, date filters, pages), /segment_efforts/{id} and its streams. */
export function registerSegmentEfforts(sandbox: StravaSandbox) {
	const efforts = sandbox.state.collection('segmentEfforts');
	seedEfforts(sandbox, 229781, 3);

	sandbox.route({
		method: 'GET',
		pattern: '/segment_efforts',
		...EFFORT_READ,
		handler: (req) => {
			const segmentId = req.query.get('segment_id');
			if (!segmentId || !/^\d+$/.test(segmentId)) {
				return stravaError(400, 'Bad Request', [{ resource: 'SegmentEffort', field: 'segment_id', code: segmentId ? 'invalid' : 'missing' }]);
			}
			const from = localTime(req.query.get('start_date_local'));
			const to = localTime(req.query.get('end_date_local'));
			if (Number.isNaN(from)) return stravaError(400, 'Bad Request', [{ resource: 'SegmentEffort', field: 'start_date_local', code: 'invalid' }]);
			if (Number.isNaN(to)) return stravaError(400, 'Bad Request', [{ resource: 'SegmentEffort', field: 'end_date_local', code: 'invalid' }]);
			const list = [...efforts.values()]
				.filter((effort) => String((effort.segment as Data).id) === segmentId && (effort.athlete as Data).id === req.auth?.athleteId)
				.filter((effort) => {
					const start = Date.parse(String(effort.start_date_local));
					return (from === undefined || start >= from) && (to === undefined || start <= to);
				})
				.sort((a, b) => Date.parse(String(b.start_date_local)) - Date.parse(String(a.start_date_local)));
			const query = new URLSearchParams(req.query);
			if (effortsIgnorePage.has(sandbox)) query.delete('page');
			return { body: pageOf(list, query) };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/segment_efforts/:id',
		...EFFORT_READ,
		handler: (req) => {
			const effort = efforts.get(req.params.id);
			return effort ? { body: effort } : notFound('SegmentEffort');
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/segment_efforts/:id/streams',
		scopes: ['read_all'],
		scopeField: 'read_all_permission',
		handler: (req) => {
			const effort = efforts.get(req.params.id);
			if (!effort) return notFound('SegmentEffort');
			const segment = effort.segment as Data;
			return streamsReply(req, { start: segment.start_latlng as [number, number], points: EFFORT_POINTS }, [
				'time', 'distance', 'latlng', 'altitude', 'velocity_smooth', 'heartrate', 'cadence', 'watts', 'temp', 'moving', 'grade_smooth',
			]);
		},
	});
}
