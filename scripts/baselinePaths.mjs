#!/usr/bin/env node
// Renames source and test files inside the committed mutation baseline (test/stryker/incremental-baseline.json.gz)
// after they were moved with `git mv`, so Stryker's incremental run still finds their results. Plain node.
//
//   node scripts/baselinePaths.mjs OLD=NEW [OLD=NEW ...]    a file, or a folder when both end in /
//   node scripts/baselinePaths.mjs --map moves.json         {"OLD": "NEW", ...} in the same forms
//
// Only the paths change: each file's stored source, its mutants and tests (and their ids) stay as measured, so
// Stryker compares them with the moved file's text as it compares any other change (an import line that now
// names another folder holds no mutant and no test).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

import { BASELINE } from './mutationScore.mjs';

const args = process.argv.slice(2);
const pairs = args[0] === '--map' ? Object.entries(JSON.parse(readFileSync(args[1], 'utf8'))) : args.map((a) => a.split('='));
if (pairs.length === 0 || pairs.some((p) => p.length !== 2 || p[0].endsWith('/') !== p[1].endsWith('/'))) {
	console.error('usage: node scripts/baselinePaths.mjs OLD=NEW [OLD=NEW ...] | --map moves.json');
	process.exit(2);
}

function renamed(file) {
	for (const [from, to] of pairs) {
		if (from.endsWith('/') ? file.startsWith(from) : file === from) return to + file.slice(from.length);
	}
	return file;
}

const report = JSON.parse(gunzipSync(readFileSync(BASELINE)).toString('utf8'));
let count = 0;
for (const key of ['files', 'testFiles']) {
	report[key] = Object.fromEntries(
		Object.entries(report[key]).map(([file, value]) => {
			const to = renamed(file);
			if (to !== file) count++;
			return [to, value];
		}),
	);
}
writeFileSync(BASELINE, gzipSync(`${JSON.stringify(report)}\n`, { level: 9 }));
console.log(`${count} paths renamed in ${BASELINE}.`);
