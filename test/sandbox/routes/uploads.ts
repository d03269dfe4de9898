import { createHash } from 'crypto';

import { notFound, stravaError } from '../http';
import type { StravaSandbox } from '../server';
import { createActivity } from './activities';

type Data = Record<string, unknown>;

const WRITE = { scopes: ['activity:write'], scopeField: 'activity:write_permission' };
const DATA_TYPES = ['fit', 'fit.gz', 'tcx', 'tcx.gz', 'gpx', 'gpx.gz'];

export const UPLOAD_STATUS = {
	processing: 'Your activity is still being processed.',
	ready: 'Your activity is ready.',
	error: 'There was an error processing your activity.',
};

/** How uploads process: ready after this many status polls, or once this much sandbox time has passed. */
export interface UploadSettings {
	pollsUntilReady: number;
	delayMs: number;
}

const settings = new WeakMap<StravaSandbox, UploadSettings>();

export function setUploadSettings(sandbox: StravaSandbox, value: Partial<UploadSettings>) {
	settings.set(sandbox, { ...uploadSettings(sandbox), ...value });
}

function uploadSettings(sandbox: StravaSandbox): UploadSettings {
	return settings.get(sandbox) ?? { pollsUntilReady: 2, delayMs: Number.POSITIVE_INFINITY };
}

interface UploadRecord {
	upload: Data;
	fields: Record<string, string>;
	fileName: string;
	hash: string;
	size: number;
	createdAt: number;
	polls: number;
}

const records = new WeakMap<StravaSandbox, Map<string, UploadRecord>>();

function recordsOf(sandbox: StravaSandbox): Map<string, UploadRecord> {
	let map = records.get(sandbox);
	if (!map) records.set(sandbox, (map = new Map()));
	return map;
}

let nextUploadId = 2_345_678_901;

/** The activity an upload would duplicate: same external_id, or same file content, as an earlier one. */
function duplicateOf(sandbox: StravaSandbox, record: UploadRecord): unknown {
	for (const other of recordsOf(sandbox).values()) {
		if (other === record || !other.upload.activity_id) continue;
		if (other.hash === record.hash) return other.upload.activity_id;
	}
	const externalId = record.upload.external_id;
	for (const activity of sandbox.state.collection('activities').values()) {
		if (externalId && activity.external_id === externalId) return activity.id;
	}
	return undefined;
}

/** Finishes processing once the upload is due: an activity, or an error (duplicate, empty file). */
function finishProcessing(sandbox: StravaSandbox, record: UploadRecord) {
	const { upload } = record;
	if (upload.activity_id || upload.error) return;
	const { pollsUntilReady, delayMs } = uploadSettings(sandbox);
	if (record.polls < pollsUntilReady && sandbox.state.clock.now() - record.createdAt < delayMs) return;
	const duplicate = duplicateOf(sandbox, record);
	if (duplicate !== undefined || record.size === 0) {
		upload.error = duplicate !== undefined ? `${record.fileName} duplicate of activity ${String(duplicate)}` : 'Improperly formatted data.';
		upload.status = UPLOAD_STATUS.error;
		return;
	}
	const activity = createActivity(sandbox, {
		name: record.fields.name || record.fileName.replace(/\..*$/, ''),
		description: record.fields.description ?? null,
		trainer: record.fields.trainer === '1' || record.fields.trainer === 'true',
		commute: record.fields.commute === '1' || record.fields.commute === 'true',
		external_id: upload.external_id,
		upload_id: upload.id,
		upload_id_str: upload.id_str,
		manual: false,
	});
	upload.activity_id = activity.id;
	upload.status = UPLOAD_STATUS.ready;
}

/** POST /uploads (multipart) and GET /uploads/{id}: asynchronous processing with duplicate detection. */
export function registerUploads(sandbox: StravaSandbox) {
	sandbox.route({
		method: 'POST',
		pattern: '/uploads',
		...WRITE,
		notRead: true,
		handler: (req) => {
			if (!String(req.headers['content-type'] ?? '').includes('multipart/form-data')) {
				return stravaError(400, 'Bad Request', [{ resource: 'Upload', field: 'file', code: 'not a multipart upload' }]);
			}
			const file = req.parts.find((part) => part.name === 'file' && part.filename !== undefined);
			if (!file) return stravaError(400, 'Bad Request', [{ resource: 'Upload', field: 'file', code: 'missing' }]);
			const fields = req.body as Record<string, string>;
			if (!DATA_TYPES.includes(fields.data_type)) {
				return stravaError(400, 'Bad Request', [{ resource: 'Upload', field: 'data_type', code: 'invalid' }]);
			}
			const id = nextUploadId++;
			const upload: Data = {
				id,
				id_str: String(id),
				external_id: fields.external_id || file.filename,
				error: null,
				status: UPLOAD_STATUS.processing,
				activity_id: null,
			};
			const record: UploadRecord = {
				upload,
				fields,
				fileName: file.filename ?? 'upload',
				hash: createHash('sha256').update(file.data).digest('hex'),
				size: file.data.length,
				createdAt: sandbox.state.clock.now(),
				polls: 0,
			};
			recordsOf(sandbox).set(String(id), record);
			return { status: 201, body: { ...upload } };
		},
	});

	sandbox.route({
		method: 'GET',
		pattern: '/uploads/:uploadId',
		...WRITE,
		handler: (req) => {
			const record = recordsOf(sandbox).get(req.params.uploadId);
			if (!record) return notFound('Upload');
			record.polls++;
			finishProcessing(sandbox, record);
			return { body: { ...record.upload } };
		},
	});
}

/** What the sandbox received for an upload (file name, size, fields), for assertions. */
export function uploadReceived(sandbox: StravaSandbox, id: number | string) {
	const record = recordsOf(sandbox).get(String(id));
	return record && { fileName: record.fileName, size: record.size, fields: record.fields };
}
