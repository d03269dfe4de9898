// The docs name what the editor shows: every parameter, option and default that docs/operations.md and
// docs/rate-limits.md name must exist in the node descriptions, and every `npm run` command in the README must
// exist in package.json. Renaming a field or changing a default without the docs fails here.
import { readFileSync } from 'fs';
import path from 'path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { StravaV3OAuth2Api } from '../../credentials/StravaV3OAuth2Api.credentials';
import { StravaApi } from '../../nodes/StravaApi/StravaApi.node';
import { StravaApiNewActivityTrigger } from '../../nodes/StravaApiNewActivityTrigger/StravaApiNewActivityTrigger.node';
import { StravaApiTrigger } from '../../nodes/StravaApiTrigger/StravaApiTrigger.node';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every display name (parameters, collection entries) and option name under the given properties, with defaults. */
function uiNames(properties: readonly Entry[], out = new Map<string, unknown>()): Map<string, unknown> {
	for (const entry of properties) {
		if ('displayName' in entry && entry.displayName) out.set(entry.displayName, 'default' in entry ? entry.default : undefined);
		else if ('name' in entry && entry.name && 'value' in entry) out.set(entry.name, undefined);
		if ('values' in entry && entry.values) uiNames(entry.values, out);
		if ('options' in entry && entry.options) uiNames(entry.options as Entry[], out);
	}
	return out;
}

/** A docs term matches a UI name as written, or without the unit in brackets the editor adds ("Max Wait (Seconds)"). */
function lookup(names: Map<string, unknown>, term: string): { found: boolean; value?: unknown } {
	for (const [name, value] of names) {
		if (name === term || name.replace(/ \([^)]*\)$/, '') === term) return { found: true, value };
	}
	return { found: false };
}

const strava = new StravaApi().description;
const everyName = uiNames([
	...strava.properties,
	...new StravaApiTrigger().description.properties,
	...new StravaApiNewActivityTrigger().description.properties,
	...new StravaV3OAuth2Api().properties,
]);

/** The parameters the editor shows for one resource and operation (the generic ones included). */
function operationNames(resource: string, operation: string): Map<string, unknown> {
	const shown = strava.properties.filter((property) => {
		const show = property.displayOptions?.show;
		if (property.name === 'operation' || property.name === 'resource') return false;
		return (!show?.resource || show.resource.includes(resource)) && (!show?.operation || show.operation.includes(operation));
	});
	return uiNames(shown);
}

/** Splits at commas and semicolons that are not inside brackets. */
function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of text) {
		if (char === '(') depth++;
		if (char === ')') depth--;
		if ((char === ',' || char === ';') && depth === 0) {
			parts.push(current);
			current = '';
		} else current += char;
	}
	return [...parts, current].map((part) => part.trim()).filter(Boolean);
}

/** The Options column of docs/operations.md: `[resource, operation, names named, default named]` per row. */
function optionsColumn(): Array<{ where: string; resource: string; operation: string; term: string; default?: string }> {
	const resources = (strava.properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]).map((o) => ({
		name: o.name,
		value: String(o.value),
	}));
	const rows: Array<{ where: string; resource: string; operation: string; term: string; default?: string }> = [];
	let resource: { name: string; value: string } | undefined;
	for (const line of read('docs/operations.md').split('\n')) {
		const heading = /^## (.+)$/.exec(line);
		if (heading) resource = resources.find((r) => r.name === heading[1]);
		if (!resource || !line.startsWith('| ') || line.startsWith('| Operation') || line.startsWith('|---')) continue;
		const cells = line.split(/ \| /).map((cell) => cell.replace(/^\| ?|\|$/g, '').trim());
		const operations = strava.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource!.value),
		)!.options as INodePropertyOptions[];
		for (const label of cells[0].split(' / ')) {
			const operation = operations.find((o) => o.name === label || o.name.startsWith(`${label} (`));
			if (!operation) throw new Error(`docs/operations.md names an operation "${resource.name} → ${label}" the node does not have`);
			for (let part of splitTopLevel(cells[cells.length - 1])) {
				if (part.startsWith('—')) continue;
				part = part.replace(/^[^:()]*: /, '');
				for (const piece of part.split(' / ')) {
					const defaultValue = /\(default `([^`]*)`\)/.exec(piece)?.[1];
					rows.push({ where: `${resource.name} → ${label}`, resource: resource.value, operation: String(operation.value), term: piece, default: defaultValue });
				}
			}
		}
	}
	return rows;
}

test("every option docs/operations.md lists for an operation is one of that operation's fields, with its default", () => {
	const rows = optionsColumn();
	expect(rows.length).toBeGreaterThan(60);
	const missing: string[] = [];
	for (const row of rows) {
		const names = operationNames(row.resource, row.operation);
		// "Before (sent to Strava as epoch seconds)": the words in brackets are the docs' own, unless the name has them.
		let term = row.term;
		let hit = lookup(names, term);
		while (!hit.found && / \([^()]*\)$/.test(term)) {
			term = term.replace(/ \([^()]*\)$/, '');
			hit = lookup(names, term);
		}
		if (!hit.found) missing.push(`${row.where}: "${row.term}"`);
		else if (row.default !== undefined && String(hit.value) !== row.default) {
			missing.push(`${row.where}: "${term}" defaults to ${JSON.stringify(hit.value)}, not \`${row.default}\``);
		}
	}
	expect(missing).toEqual([]);
});

/** Words the two pages emphasise that are not field names: prose, sport names of the TCX file, headings. */
const NOT_FIELDS = new Set([
	'0', 'UTC', 'application', 'daily', 'before', 'webhook trigger', 'New Activity Trigger',
	'Strava API', 'Strava API Trigger', 'Strava API New Activity Trigger', 'Running', 'Biking', 'Other', 'GPX 1.1',
	'TCX v2', 'No GPS', 'No time samples', 'Manual activities', 'Export GPX / TCX', 'Get Many for syncs.', 'Get Streams → Summary',
	'1 per page of 200 plus 1 per activity returned', 'Limit counts the activities that pass',
	'Extended Access apps only since 2026-09-01', 'With a Limit', 'From list', 'By URL', 'By ID', 'Retry On Fail',
]);

test.each(['docs/operations.md', 'docs/rate-limits.md'])('every field or option %s puts in italics or bold exists in a node', (file) => {
	const terms = [...read(file).matchAll(/(?<![*\w])\*{1,2}([^*\n]+?)\*{1,2}(?![*\w])/g)].map((match) => match[1].trim());
	expect(terms.length).toBeGreaterThan(5);
	const unknown = terms
		// A quoted error message in italics is the node's words, not a field.
		.filter((term) => !NOT_FIELDS.has(term) && !term.startsWith('"'))
		.flatMap((term) => term.split(' → '))
		.filter((term) => !lookup(everyName, term).found);
	expect(unknown).toEqual([]);
});

test('the defaults the docs quote are the nodes\' defaults', () => {
	const defaultOf = (term: string) => lookup(everyName, term).value;
	expect(defaultOf('Max Wait')).toBe(900);
	expect(read('docs/rate-limits.md')).toContain('**Max Wait** (900 s by default)');
	expect(read('README.md')).toContain('**Max Wait**, 900 s');
	expect(defaultOf('On Rate Limit')).toBe('wait');
	expect(read('docs/rate-limits.md')).toContain('**Wait for the Window to Reset** (default)');
	expect(defaultOf('Daily Request Budget')).toBe(150);
	expect(read('docs/rate-limits.md')).toContain('**Daily Request Budget** (default 150 reads)');
	expect(defaultOf('Only Events of the Connected Athlete')).toBe(true);
	expect(read('docs/operations.md')).toContain('*Only Events of the Connected Athlete*, the default');
});

test('every `npm run` command the README gives exists in package.json', () => {
	const scripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>);
	const commands = [...read('README.md').matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
	expect(commands.length).toBeGreaterThan(5);
	expect([...new Set(commands)].filter((command) => !scripts.includes(command))).toEqual([]);
	// `npm test` and `npm ci` need no script of their own beyond "test".
	expect(scripts).toContain('test');
});
