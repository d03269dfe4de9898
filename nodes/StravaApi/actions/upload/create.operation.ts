import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { DATA_TYPES, dataTypeFromFileName, uploadError } from './shared';

const show = { resource: ['upload'], operation: ['create'] };
/** Strava asks for at most one status poll per second. */
const POLL_INTERVAL_MS = 1000;

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the FIT, TCX or GPX file (optionally .gz)',
		displayOptions: { show },
	},
	{
		displayName: 'Wait for Processing',
		name: 'waitForProcessing',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until Strava has turned the file into an activity and return its activity_id (polling once a second)',
		displayOptions: { show },
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		default: 60,
		typeOptions: { minValue: 1 },
		description: 'Longest time to wait for processing; after that the node fails, naming the upload ID to check later',
		displayOptions: { show: { ...show, waitForProcessing: [true] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Commute',
				name: 'commute',
				type: 'boolean',
				default: false,
				description: 'Whether to tag the resulting activity as a commute',
			},
			{
				displayName: 'Data Type',
				name: 'dataType',
				type: 'options',
				default: 'fit',
				description: "The file's format. Without it, the format comes from the file name (.fit, .tcx.gz, …).",
				options: DATA_TYPES.map((value) => ({ name: value.toUpperCase().replace('.GZ', ' (Gzipped)'), value })),
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'The description of the resulting activity',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Your own identifier for the upload; Strava rejects a second upload with the same one',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The name of the resulting activity',
			},
			{
				displayName: 'Trainer',
				name: 'trainer',
				type: 'boolean',
				default: false,
				description: 'Whether to mark the resulting activity as done on a trainer',
			},
		],
	},
];

interface AdditionalFields {
	commute?: boolean;
	dataType?: string;
	description?: string;
	externalId?: string;
	name?: string;
	trainer?: boolean;
}

async function readFile(ctx: IExecuteFunctions, itemIndex: number) {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	const data = property ? binary[property] : undefined;
	if (!data) {
		const available = Object.keys(binary);
		throw new NodeOperationError(
			ctx.getNode(),
			`The input item has no binary field "${property}" (field "Input Binary Field")`,
			{
				itemIndex,
				description: available.length
					? `Set "Input Binary Field" to one of: ${available.join(', ')}.`
					: 'Feed this node an item carrying the FIT, TCX or GPX file, e.g. from Read/Write Files from Disk or an HTTP Request downloading it.',
			},
		);
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	return { data, buffer };
}

/** Polls GET /uploads/{id} at most once a second until Strava sets activity_id or error. */
async function waitForActivity(ctx: IExecuteFunctions, upload: IDataObject, itemIndex: number): Promise<IDataObject> {
	const timeoutMs = Math.max(1, Number(ctx.getNodeParameter('timeout', itemIndex, 60))) * 1000;
	const uploadId = String(upload.id_str ?? upload.id);
	const started = Date.now();
	let current = upload;
	while (!current.activity_id && !current.error) {
		if (Date.now() - started + POLL_INTERVAL_MS > timeoutMs) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Strava was still processing upload ${uploadId} after ${Math.round(timeoutMs / 1000)} s`,
				{
					itemIndex,
					description: `Its status: "${String(current.status ?? '')}". Raise "Timeout (Seconds)", or check later with Upload → Get and upload ID ${uploadId}.`,
				},
			);
		}
		await sleep(POLL_INTERVAL_MS);
		const response = await stravaApiRequest.call(ctx, {
			method: 'GET',
			path: `/uploads/${uploadId}`,
			rateLimit: getRateLimitPolicy(ctx, itemIndex),
			itemIndex,
			expect: 'upload',
		});
		current = response.body as IDataObject;
	}
	return current;
}

/** POST /uploads (multipart), then by default wait for the activity Strava makes of it. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as AdditionalFields;
	const { data, buffer } = await readFile(this, itemIndex);
	const dataType = fields.dataType || dataTypeFromFileName(data.fileName);
	if (!dataType) {
		throw new NodeOperationError(
			this.getNode(),
			`Cannot tell the file format of "${data.fileName ?? '(no file name)'}" (field "Data Type")`,
			{
				itemIndex,
				description: 'Name the file .fit, .tcx or .gpx (optionally .gz), or pick the format under Additional Fields → Data Type.',
			},
		);
	}

	// Binary data without a file name is named after the format picked.
	const fileName = data.fileName || `activity.${dataType}`;
	const form = new FormData();
	form.append('file', new Blob([buffer], { type: data.mimeType || 'application/octet-stream' }), fileName);
	form.append('data_type', dataType);
	if (fields.name) form.append('name', fields.name);
	if (fields.description) form.append('description', fields.description);
	if (fields.externalId) form.append('external_id', fields.externalId);
	if (fields.trainer !== undefined) form.append('trainer', fields.trainer ? '1' : '0');
	if (fields.commute !== undefined) form.append('commute', fields.commute ? '1' : '0');

	const response = await stravaApiRequest.call(this, {
		method: 'POST',
		path: '/uploads',
		multipart: form,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		// Without an id there is nothing to poll: an error, never `/uploads/undefined`.
		expect: 'upload',
	});
	let upload = response.body as IDataObject;
	if (upload.error) throw uploadError(this, upload, itemIndex);
	if (this.getNodeParameter('waitForProcessing', itemIndex, true)) {
		upload = await waitForActivity(this, upload, itemIndex);
		if (upload.error) throw uploadError(this, upload, itemIndex);
	}
	return [{ json: upload }];
}
