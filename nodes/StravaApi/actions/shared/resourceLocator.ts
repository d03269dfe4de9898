import type { IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SEARCH_COST_HINT } from '../../methods/pagedSearch';

/** The kinds of IDs Strava uses, with what a valid one looks like and the URL it appears in. */
const KINDS = {
	activity: { label: 'activity', path: 'activities', pattern: /^\d+$/, example: '1234567890' },
	athlete: { label: 'athlete', path: 'athletes', pattern: /^\d+$/, example: '134815' },
	club: { label: 'club', path: 'clubs', pattern: /^\d+$/, example: '231407' },
	gear: { label: 'gear', path: 'gear', pattern: /^[a-z]\d+$/i, example: 'b12345678' },
	route: { label: 'route', path: 'routes', pattern: /^\d+$/, example: '3344012345678901234' },
	segment: { label: 'segment', path: 'segments', pattern: /^\d+$/, example: '229781' },
	segmentEffort: { label: 'segment effort', path: 'segment_efforts', pattern: /^\d+$/, example: '1234556789' },
	upload: { label: 'upload', path: 'uploads', pattern: /^\d+$/, example: '2345678901' },
} as const;

export type IdKind = keyof typeof KINDS;

const urlRegex = (kind: IdKind) =>
	kind === 'gear'
		? // Strava's gear pages are /bikes/<n> (ID b<n>) and /shoes/<n> (ID g<n>).
			'^https?://(?:www\\.)?strava\\.com/(bikes|shoes)/(\\d+)(?:[/?#].*)?$'
		: `^https?://(?:www\\.)?strava\\.com/${KINDS[kind].path}/([A-Za-z0-9]+)(?:[/?#].*)?$`;

/** The ID a Strava URL names, or undefined when the value is no such URL. */
function idFromUrl(kind: IdKind, value: string): string | undefined {
	const match = new RegExp(urlRegex(kind), 'i').exec(value);
	if (!match) return undefined;
	return kind === 'gear' ? `${match[1].toLowerCase() === 'bikes' ? 'b' : 'g'}${match[2]}` : match[1];
}

/** n8n checks a mode's regex even on an optional, empty field: let empty pass when the field is optional. */
const validationRegex = (regex: string, required: boolean) => (required ? regex : `^$|${regex}`);

/**
 * A resource locator for a Strava ID: From list (when a search method exists), By URL and By ID.
 * Saved workflows may hold a plain string instead; `getId` accepts both.
 */
export function idLocator(
	kind: IdKind,
	name: string,
	displayName: string,
	show: Record<string, string[]>,
	options: { searchListMethod?: string; description?: string; required?: boolean } = {},
): INodeProperties {
	const { label, example } = KINDS[kind];
	const required = options.required ?? true;
	const exampleUrl = kind === 'gear' ? 'https://www.strava.com/bikes/12345678' : `https://www.strava.com/${KINDS[kind].path}/${example}`;
	const searchable = Boolean(options.searchListMethod);
	// Mode literals sit directly in `modes` (n8n's rules give modes no default); "From list" only with a search.
	const every: { modes: INodePropertyMode[] } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}...`,
				typeOptions: { searchListMethod: options.searchListMethod ?? '', searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: exampleUrl,
				validation: [
					{
						type: 'regex',
						properties: { regex: validationRegex(urlRegex(kind), required), errorMessage: `Not a Strava ${label} URL` },
					},
				],
				// Gear URLs carry only the number; getId() turns them into b…/g… IDs.
				...(kind === 'gear' ? {} : { extractValue: { type: 'regex' as const, regex: urlRegex(kind) } }),
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: example,
				validation: [
					{
						type: 'regex',
						properties: { regex: validationRegex(KINDS[kind].pattern.source, required), errorMessage: `Not a valid ${label} ID` },
					},
				],
			},
		],
	};
	const modes = every.modes.filter((mode) => searchable || mode.name !== 'list');
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: options.searchListMethod ? 'list' : 'id', value: '' },
		required,
		description: `${options.description ?? `The ${label} to use`}${searchable ? `. ${SEARCH_COST_HINT}` : ''}`,
		modes,
		displayOptions: { show },
	};
}

/**
 * Reads a Strava ID from a resource locator (any mode) or a plain string/number, and checks it before
 * any request is sent. Throws a NodeOperationError naming the field and showing a valid example.
 */
export function getId(ctx: IExecuteFunctions, name: string, itemIndex: number, kind: IdKind, displayName?: string): string {
	return checkedId(ctx, ctx.getNodeParameter(name, itemIndex, '') as unknown, itemIndex, kind, displayName ?? name);
}

/** The text a resource locator (any mode) or a plain string/number holds, trimmed; '' when empty. */
export function locatorText(raw: unknown): string {
	if (raw && typeof raw === 'object' && 'value' in (raw as object)) return String((raw as { value: unknown }).value ?? '').trim();
	return raw === undefined || raw === null ? '' : String(raw).trim();
}

/**
 * A Strava ID from a value already read (a resource locator or a plain string, e.g. inside a collection):
 * a URL becomes its ID; anything that is not a valid ID throws a NodeOperationError naming `field`.
 */
export function checkedId(ctx: IExecuteFunctions, raw: unknown, itemIndex: number, kind: IdKind, field: string): string {
	const { label, path, pattern, example } = KINDS[kind];
	let value = locatorText(raw);
	value = idFromUrl(kind, value) ?? value;
	if (!pattern.test(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			value ? `"${value}" is not a valid ${label} ID (field "${field}")` : `The field "${field}" is empty`,
			{
				itemIndex,
				description: `Enter a ${label} ID such as ${example}, or its URL such as ${kind === 'gear' ? 'https://www.strava.com/bikes/12345678' : `https://www.strava.com/${path}/${example}`}.`,
			},
		);
	}
	return value;
}

/** How a 404 names an ID the user gave (`activity ID 123`), for the request's `subject`. */
export function idSubject(kind: IdKind, id: string): string {
	return `${KINDS[kind].label} ID ${id}`;
}
