import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import {
	credentialApiBases,
	resolveApiPath,
	stravaApiPaginate,
	stravaApiRequest,
} from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import type { OperationExecute } from '../types';

interface NameValue {
	name?: string;
	value?: string;
}

function pairs(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const collection = ctx.getNodeParameter(name, itemIndex, {}) as { parameters?: NameValue[] };
	const result: IDataObject = {};
	for (const { name: key, value } of collection.parameters ?? []) {
		if (key) result[key] = value ?? '';
	}
	return result;
}

/** Moves a query string typed into "path" into qs, so the paginator can own `page`/`per_page`. */
function splitQuery(relative: string): { path: string; qs: IDataObject } {
	const [path, query] = relative.split('?', 2);
	const qs: IDataObject = {};
	if (query) for (const [key, value] of new URLSearchParams(query)) qs[key] = value;
	return { path, qs };
}

async function resolvePath(ctx: IExecuteFunctions, itemIndex: number) {
	const input = ctx.getNodeParameter('path', itemIndex) as string;
	const bases = await credentialApiBases(ctx);
	const checked = resolveApiPath(input, bases.known);
	if (checked.ok) return splitQuery(checked.path);
	throw new NodeOperationError(ctx.getNode(), `The path "${input}" is not allowed: ${checked.reason}`, {
		itemIndex,
		description:
			`Enter a path of the Strava API, such as /athlete/activities, or a full URL under the credential's Strava API address (${bases.known.join(' or ')}). Requests are signed with your Strava token, so they never go anywhere else.`,
	});
}

function body(ctx: IExecuteFunctions, itemIndex: number): { body?: IDataObject | IDataObject[]; form?: IDataObject } {
	const bodyType = ctx.getNodeParameter('bodyType', itemIndex, 'none') as string;
	if (bodyType === 'form') return { form: pairs(ctx, 'formBody', itemIndex) };
	if (bodyType !== 'json') return {};
	const raw = ctx.getNodeParameter('jsonBody', itemIndex, '{}') as unknown;
	if (typeof raw === 'object' && raw !== null) return { body: raw as IDataObject };
	try {
		return { body: jsonParse<IDataObject>(String(raw)) };
	} catch {
		throw new NodeOperationError(ctx.getNode(), 'The "JSON Body" field is not valid JSON', {
			itemIndex,
			description: 'Fix the JSON, e.g. {"name": "Evening ride"}, or switch "Body Type" to Form Fields.',
		});
	}
}

function toItems(data: unknown, split: boolean, statusCode: number): INodeExecutionData[] {
	if (Array.isArray(data)) {
		const list = data.map((entry) => (entry && typeof entry === 'object' ? entry : { value: entry }) as IDataObject);
		return split ? list.map((json) => ({ json })) : [{ json: { data: list } }];
	}
	if (data && typeof data === 'object') return [{ json: data as IDataObject }];
	if (data === undefined || data === null || data === '') return [{ json: { success: true, statusCode } }];
	return [{ json: { data: data as string } }];
}

export function executeRequest(method: IHttpRequestMethods): OperationExecute {
	return async function (this: IExecuteFunctions, itemIndex: number) {
		const { path, qs: pathQs } = await resolvePath(this, itemIndex);
		const qs = { ...pathQs, ...pairs(this, 'queryParameters', itemIndex) };
		const options = this.getNodeParameter('requestOptions', itemIndex, {}) as {
			response?: 'json' | 'file';
			binaryPropertyName?: string;
			splitArrays?: boolean;
		};
		const rateLimit = getRateLimitPolicy(this, itemIndex);
		const split = options.splitArrays !== false;

		if (method === 'GET' && this.getNodeParameter('returnAll', itemIndex, false)) {
			const all = await stravaApiPaginate.call(this, { path, qs, rateLimit, itemIndex });
			return toItems(all, split, 200);
		}
		const binary = options.response === 'file';
		const response = await stravaApiRequest.call(this, {
			method,
			path,
			qs,
			...(method === 'POST' || method === 'PUT' ? body(this, itemIndex) : {}),
			binary,
			rateLimit,
			itemIndex,
			// Raw: whatever Strava sends (JSON or text) is passed on; Return All pages above must be lists.
			expect: 'none',
		});
		if (binary) {
			const property = options.binaryPropertyName || 'data';
			const contentType = String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0];
			const fileName = path.split('/').filter(Boolean).join('_') || 'strava';
			const data = await this.helpers.prepareBinaryData(response.body as Buffer, fileName, contentType);
			return [{ json: { statusCode: response.statusCode, path }, binary: { [property]: data } }];
		}
		return toItems(response.body, split, response.statusCode);
	};
}

const nameValue = (displayName: string, name: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: `Add ${placeholder}`,
	default: {},
	options: [
		{
			displayName: placeholder,
			name: 'parameters',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

/** Body fields for the verbs that send one. */
export function bodyFields(operation: string): INodeProperties[] {
	const show = { resource: ['request'], operation: [operation] };
	return [
		{
			displayName: 'Body Type',
			name: 'bodyType',
			type: 'options',
			default: 'json',
			options: [
				{ name: 'JSON', value: 'json', description: 'Sent as application/JSON (e.g. PUT /activities/{ID})' },
				{
					name: 'Form Fields',
					value: 'form',
					description: 'Sent as application/x-www-form-urlencoded (e.g. POST /activities)',
				},
				{ name: 'None', value: 'none' },
			],
			displayOptions: { show },
		},
		{
			displayName: 'JSON Body',
			name: 'jsonBody',
			type: 'json',
			default: '{}',
			displayOptions: { show: { ...show, bodyType: ['json'] } },
		},
		{
			...nameValue('Form Fields', 'formBody', 'Field'),
			displayOptions: { show: { ...show, bodyType: ['form'] } },
		},
	];
}

/** Fields every raw-request verb has. */
export const commonFields: INodeProperties[] = [
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/athlete/activities',
		description:
			'Path of the Strava API, e.g. /athlete or /activities/123/laps (an /api/v3 prefix is accepted). It is sent to the API host the credential uses (https://www.strava.com/api/v3 until Strava\'s move on 2027-06-01, then Strava\'s new API host). A full URL is accepted only when it is under one of those addresses.',
		displayOptions: { show: { resource: ['request'] } },
	},
	{
		...nameValue('Query Parameters', 'queryParameters', 'Parameter'),
		displayOptions: { show: { resource: ['request'] } },
	},
	{
		displayName: 'Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['request'] } },
		options: [
			{
				displayName: 'Response Format',
				name: 'response',
				type: 'options',
				default: 'json',
				options: [
					{ name: 'JSON', value: 'json' },
					{ name: 'File (Binary Data)', value: 'file', description: 'E.g. /routes/{ID}/export_gpx.' },
				],
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				hint: 'The name of the output binary field to put the file in',
				displayOptions: { show: { response: ['file'] } },
			},
			{
				displayName: 'Split Arrays Into Items',
				name: 'splitArrays',
				type: 'boolean',
				default: true,
				description: 'Whether a list answer becomes one item per element (otherwise one item with a "data" array)',
			},
		],
	},
];
