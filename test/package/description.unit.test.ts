import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';

import { StravaV3OAuth2Api } from '../../credentials/StravaV3OAuth2Api.credentials';
import { subtitleExpression } from '../../nodes/StravaApi/actions/resources';
import { StravaApi } from '../../nodes/StravaApi/StravaApi.node';

const root = path.resolve(__dirname, '../..');

function files(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) files(full, out);
		else out.push(full);
	}
	return out;
}

test('the subtitle reads "Resource: Operation" and follows the pickers', () => {
	const subtitle = new StravaApi().description.subtitle!;
	expect(subtitle).toBe(subtitleExpression());
	const labels = JSON.parse(/\((\{.*\})\)/.exec(subtitle)![1]) as Record<string, string>;
	expect(labels['activity:getAll']).toBe('Activity: Get Many');
	expect(labels['club:getMembers']).toBe('Club: Get Members');
	expect(labels['segmentEffort:getStreams']).toBe('Segment Effort: Get Streams');
	expect(labels['request:get']).toBe('Raw API Request: GET');
	expect(Object.keys(labels)).toHaveLength(41);
	expect(labels['activity:exportGpx']).toBe('Activity: Export GPX');
	expect(labels['activity:exportTcx']).toBe('Activity: Export TCX');
});

test('every node has a codex file naming it, with documentation links to this project', () => {
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	for (const compiled of pkg.n8n.nodes as string[]) {
		const source = path.join(root, compiled.replace(/^dist\//, '').replace(/\.js$/, '.json'));
		const codex = JSON.parse(readFileSync(source, 'utf8'));
		const className = path.basename(compiled, '.node.js');
		expect(codex.node).toBe(`n8n-nodes-strava-api.${className[0].toLowerCase()}${className.slice(1)}`);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\/github\.com\/n8n-nodes-strava-api\//);
		expect(codex.categories.length).toBeGreaterThan(0);
	}
});

test("the credential's display name follows n8n's rules and is not the built-in one", () => {
	const credential = new StravaV3OAuth2Api();
	expect(credential.name).toBe('stravaV3OAuth2Api');
	expect(credential.displayName).toMatch(/OAuth2 API$/);
	expect(credential.displayName).not.toBe('Strava OAuth2 API');
	// n8n names a new credential after the display name without "API" and "OAuth2".
	const suggested = credential.displayName.split(' ').filter((word) => !['API', 'OAuth1', 'OAuth2'].includes(word)).join(' ');
	expect(`${suggested} account`).toBe('Strava (Community) account');
});

test("the credential's documentation link opens the README's section on connecting an account", () => {
	const { documentationUrl } = new StravaV3OAuth2Api();
	const homepage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).homepage as string;
	const [page, anchor] = documentationUrl!.split('#');
	expect(page).toBe(`${homepage}/blob/main/README.md`);
	// GitHub's anchor of a heading: lower case, spaces to hyphens, punctuation dropped.
	const anchors = readFileSync(path.join(root, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => line.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
	expect(anchors).toContain(anchor);
	expect(anchor).toBe('connect-your-strava-account');
});

test('no eslint-disable comment is left in nodes/ or credentials/ (n8n\'s scanner ignores them)', () => {
	const sources = [...files(path.join(root, 'nodes')), ...files(path.join(root, 'credentials'))].filter((file) => file.endsWith('.ts'));
	expect(sources.length).toBeGreaterThan(50);
	expect(sources.filter((file) => /eslint-disable/.test(readFileSync(file, 'utf8')))).toEqual([]);
});
