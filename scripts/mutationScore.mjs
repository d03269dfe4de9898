#!/usr/bin/env node
// Mutation score per folder from Stryker's JSON report (reports/mutation/mutation.json). Plain node, no dependencies.
//
//   node scripts/mutationScore.mjs                 print the table of the last run
//   node scripts/mutationScore.mjs --run [args]    run `stryker run [args]` first (npm run test:mutation -- [args])
//   node scripts/mutationScore.mjs --survivors     also list every surviving / uncovered mutant
//   node scripts/mutationScore.mjs --report FILE   read another report (a .gz one too)
//   node scripts/mutationScore.mjs --baseline      the table of the committed baseline (what a fresh clone starts from)
//   node scripts/mutationScore.mjs --partial       read reports/mutants.ndjson instead: the mutants tested so far by a
//                                                  run that is still going or was stopped (test/stryker/streamReporter.mjs)
//   node scripts/mutationScore.mjs --save-baseline store reports/stryker-incremental.json as the committed baseline
//
// The baseline (test/stryker/incremental-baseline.json.gz) is what a fresh clone starts from: `--run` unpacks it to
// reports/stryker-incremental.json when that file is missing, so Stryker re-tests only the mutants whose code or
// covering tests changed since it was saved (`npm run test:mutation -- --force` re-tests everything). It is kept
// gzipped: the JSON is one line of several MB, and every save would otherwise add all of it to the history's diffs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

import strykerConfig from '../stryker.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where Stryker keeps its incremental file and its JSON report (stryker.config.mjs). */
const INCREMENTAL = path.join(root, strykerConfig.incrementalFile);
export const BASELINE = path.join(root, 'test/stryker/incremental-baseline.json.gz');

/** A JSON file, gunzipped first when its name ends in .gz. */
function readJson(file) {
	const bytes = readFileSync(file);
	return JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
}

/**
 * The incremental report made smaller for the repository: a killed mutant is reused only while one of its killing
 * tests still covers it unchanged, so the tests that killed it are all of its coverage Stryker needs; survivors,
 * timeouts and uncovered mutants keep their whole coverage (a new covering test makes them run again).
 */
export function compactBaseline(report) {
	const files = Object.fromEntries(
		Object.entries(report.files).map(([file, result]) => [
			file,
			{ ...result, mutants: result.mutants.map((m) => (m.status === 'Killed' && m.killedBy?.length ? { ...m, coveredBy: m.killedBy } : m)) },
		]),
	);
	return { ...report, files };
}

function seedFromBaseline(args) {
	if (args.includes('--force') || args.some((a) => a.startsWith('--incrementalFile')) || existsSync(INCREMENTAL) || !existsSync(BASELINE)) return;
	mkdirSync(path.dirname(INCREMENTAL), { recursive: true });
	writeFileSync(INCREMENTAL, gunzipSync(readFileSync(BASELINE)));
	console.log(`Starting from ${path.relative(root, BASELINE)}: only what changed since it was saved is tested again.`);
}

function saveBaseline() {
	const report = readJson(INCREMENTAL);
	writeFileSync(BASELINE, gzipSync(`${JSON.stringify(compactBaseline(report))}\n`, { level: 9 }));
	const mutants = Object.values(report.files).reduce((n, f) => n + f.mutants.length, 0);
	console.log(`Saved ${mutants} mutant results to ${path.relative(root, BASELINE)}.`);
}

/** The folders of the table, most specific first; a file outside all of them is counted under its own folder. */
export const FOLDERS = [
	'nodes/shared/transport',
	'nodes/StravaApi/actions',
	'nodes/StravaApi/methods',
	'nodes/StravaApi/simplify',
	'nodes/StravaApiTrigger',
	'nodes/StravaApiNewActivityTrigger',
	'credentials',
];

export function folderOf(file) {
	const normalized = file.split(path.sep).join('/');
	return FOLDERS.find((folder) => normalized.startsWith(`${folder}/`)) ?? path.posix.dirname(normalized);
}

const COUNTED = { Killed: 'killed', Survived: 'survived', Timeout: 'timeout', NoCoverage: 'noCoverage' };

/** Counts per folder; the score is Stryker's: (killed + timeout) / (killed + timeout + survived + no coverage). */
export function scoresByFolder(report) {
	const rows = new Map();
	const row = (name) => {
		if (!rows.has(name)) {
			rows.set(name, { killed: 0, survived: 0, timeout: 0, noCoverage: 0, errors: 0, ignored: 0 });
		}
		return rows.get(name);
	};
	const total = row('all files');
	for (const [file, { mutants }] of Object.entries(report.files)) {
		const folder = row(folderOf(path.isAbsolute(file) ? path.relative(root, file) : file));
		for (const { status } of mutants) {
			const key = COUNTED[status] ?? (status === 'Ignored' ? 'ignored' : 'errors');
			folder[key]++;
			total[key]++;
		}
	}
	rows.delete('all files');
	const ordered = [...FOLDERS.filter((f) => rows.has(f)), ...[...rows.keys()].filter((f) => !FOLDERS.includes(f)).sort()];
	return [...ordered.map((name) => ({ name, ...rows.get(name) })), { name: 'all files', ...total }];
}

export function score({ killed, timeout, survived, noCoverage }) {
	const valid = killed + timeout + survived + noCoverage;
	return valid === 0 ? null : (100 * (killed + timeout)) / valid;
}

function formatTable(rows) {
	const header = ['folder', 'killed', 'survived', 'timeout', 'no cov', 'score', 'ignored', 'errors'];
	const lines = rows.map((r) => {
		const s = score(r);
		return [r.name, r.killed, r.survived, r.timeout, r.noCoverage, s === null ? 'n/a' : `${s.toFixed(2)} %`, r.ignored, r.errors].map(String);
	});
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	const fmt = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
	return [fmt(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(fmt)].join('\n');
}

function survivors(report) {
	const out = [];
	for (const [file, { mutants, source }] of Object.entries(report.files)) {
		const lines = source.split('\n');
		for (const m of mutants) {
			if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
			const { start } = m.location;
			out.push(
				`${m.status === 'Survived' ? 'survived' : 'no cov  '} ${file}:${start.line}:${start.column} ${m.mutatorName}` +
					`\n    ${lines[start.line - 1]?.trim() ?? '(the file changed since: line gone)'}\n    -> ${String(m.replacement ?? '').split('\n')[0].slice(0, 160)}`,
			);
		}
	}
	return out.join('\n');
}

/** The same shape as Stryker's JSON report, from the lines test/stryker/streamReporter.mjs wrote so far. */
function partialReport(file) {
	const files = {};
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		if (!line.trim()) continue;
		const m = JSON.parse(line);
		if (!files[m.file]) {
			const source = existsSync(path.join(root, m.file)) ? readFileSync(path.join(root, m.file), 'utf8') : '';
			files[m.file] = { source, mutants: [] };
		}
		files[m.file].mutants.push({ ...m, location: { start: { line: m.line, column: m.column } } });
	}
	return { files };
}

function main(argv) {
	let reportFile = path.join(root, strykerConfig.jsonReporter.fileName);
	const reportAt = argv.indexOf('--report');
	if (reportAt >= 0) reportFile = path.resolve(argv.splice(reportAt, 2)[1]);
	if (argv.includes('--baseline')) reportFile = BASELINE;
	const listSurvivors = argv.includes('--survivors');
	if (argv.includes('--partial')) reportFile = path.join(root, 'reports/mutants.ndjson');
	if (argv[0] === '--save-baseline') {
		saveBaseline();
		return;
	}
	if (argv[0] === '--run') {
		seedFromBaseline(argv.slice(1));
		const stryker = path.join(root, 'node_modules/.bin/stryker');
		const started = Date.now();
		const run = spawnSync(stryker, ['run', ...argv.slice(1).filter((a) => a !== '--survivors')], { cwd: root, stdio: 'inherit' });
		console.log(`\nstryker run took ${((Date.now() - started) / 60000).toFixed(1)} min`);
		if (run.status !== 0) {
			process.exitCode = run.status ?? 1;
			if (!existsSync(reportFile)) return;
		}
	}
	if (!existsSync(reportFile)) {
		console.error(`No mutation report at ${path.relative(root, reportFile)}: run npm run test:mutation first.`);
		process.exitCode = 1;
		return;
	}
	const report = argv.includes('--partial') ? partialReport(reportFile) : readJson(reportFile);
	console.log(`\nMutation score per folder (${path.relative(root, reportFile)}):\n`);
	console.log(formatTable(scoresByFolder(report)));
	if (listSurvivors) console.log(`\n${survivors(report)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
