#!/usr/bin/env node
/**
 * Prints the body of one version's entry in CHANGELOG.md (the lines under `## [<version>]` up to the next
 * `## ` heading), for the GitHub release's notes. Exits 1 when the entry is missing or empty, so a tag is
 * never released without its notes.
 *
 *   node scripts/changelogSection.mjs 1.0.0 > notes.md
 */
import { readFileSync } from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The entry's lines without its heading, trimmed; undefined when there is no `## [version]` heading. */
export function changelogSection(text, version) {
	const lines = text.split(/\r?\n/);
	const heading = new RegExp(`^## \\[${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\](?:\\s|$)`);
	const start = lines.findIndex((line) => heading.test(line));
	if (start < 0) return undefined;
	let end = lines.findIndex((line, index) => index > start && /^## /.test(line));
	if (end < 0) end = lines.length;
	// Link reference definitions at the foot of the file ("[1.0.0]: https://…") are not part of the entry.
	const body = lines.slice(start + 1, end).filter((line) => !/^\[[^\]]+\]:\s*\S/.test(line));
	return body.join('\n').trim();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const version = process.argv[2];
	if (!version) {
		console.error('usage: node scripts/changelogSection.mjs <version>');
		process.exit(2);
	}
	const section = changelogSection(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version);
	if (!section) {
		console.error(`CHANGELOG.md has no ${section === undefined ? '' : 'text in its '}"## [${version}]" entry: write it before tagging v${version}.`);
		process.exit(1);
	}
	process.stdout.write(`${section}\n`);
}
