#!/usr/bin/env node
// The first step of `npm test`: checks what jest cannot see from inside a test. Plain node, no dependencies.
//
// 1. Every test file says what it is by its name: *.unit.test.ts (a pure module, no sandbox, no engine) or
//    *.engine.test.ts (workflows, triggers or webhooks through n8n-core against the Strava sandbox).
// 2. Every test file that handles dates or times is in the second time zone's run (jest.zone.config.js): a file
//    that uses Date, a date such as 2026-05-01, fake timers, a clock or a time zone, or exercises a module that
//    computes or writes dates (simplified output, actions/shared/dates.ts, the polling trigger, rate-limit windows,
//    the GPX/TCX exports).
//
//   node scripts/checkTests.mjs     prints what is wrong and exits 1, or prints one line and exits 0
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** What makes a test file one of the second zone's: each a reason, the first that matches is printed. */
export const DATE_AND_TIME = [
	['uses Date', /\bDate\b/],
	['holds a date (YYYY-MM-DD)', /\b\d{4}-\d{2}-\d{2}/],
	['uses fake timers', /useFakeTimers|setSystemTime|advanceTimersBy|runAllTimers|runOnlyPendingTimers/],
	['uses a clock or a time zone', /\bclock\b|Clock\b|\bTZ\b|timeZone|timezone|time_zone|utc_offset|Intl\.DateTimeFormat|toLocale\w*String|getTimezoneOffset/],
	['imports a module that computes or writes dates', /from '[^']*(simplify|shared\/dates|StravaApiNewActivityTrigger|rateLimit|\/export\/|route\/export|harness\/(poller|clock|budget))[^']*'/],
	['runs an operation that writes dates (simplify, exports, the polling trigger, rate-limit windows)', /\bsimplify\b|'export(Gpx|Tcx)'|usePollingSandbox|\bPoller\b|x-ratelimit/i],
];

/** What an engine test does and a unit test does not: start the sandbox or run n8n-core's engine. */
const ENGINE = /useSandbox|usePollingSandbox|startSandbox|WorkflowExecute|runWorkflow|new Poller|triggerWorkflow|webhookServer/;

function testFiles(dir) {
	return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const file = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(file);
		return entry.name.endsWith('.test.ts') ? [file] : [];
	});
}

export function zoneTests() {
	return require(path.join(root, 'jest.zone.config.js')).testMatch.map((pattern) => pattern.replace('<rootDir>/', ''));
}

export function problems(files = testFiles('test'), zone = zoneTests()) {
	const found = [];
	const inZone = new Set(zone);
	for (const file of zone) if (!files.includes(file)) found.push(`${file}: listed in jest.zone.config.js, but there is no such test file`);
	for (const file of files) {
		const source = readFileSync(path.join(root, file), 'utf8');
		const engine = ENGINE.test(source);
		if (!file.endsWith('.unit.test.ts') && !file.endsWith('.engine.test.ts')) {
			found.push(`${file}: name it *.${engine ? 'engine' : 'unit'}.test.ts (docs/testing.md)`);
		} else if (file.endsWith('.unit.test.ts') && engine) {
			found.push(`${file}: starts the sandbox or runs the engine; name it *.engine.test.ts`);
		} else if (file.endsWith('.engine.test.ts') && !engine) {
			found.push(`${file}: neither starts the sandbox nor runs the engine; name it *.unit.test.ts`);
		}
		const reason = DATE_AND_TIME.find(([, pattern]) => pattern.test(source));
		if (reason && !inZone.has(file)) found.push(`${file}: ${reason[0]}, so it must run in the second time zone too; add it to jest.zone.config.js`);
	}
	return found;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	if (!existsSync(path.join(root, 'jest.zone.config.js'))) throw new Error('jest.zone.config.js is missing');
	const files = testFiles('test');
	const found = problems(files);
	if (found.length) {
		console.error(`Test files to fix (scripts/checkTests.mjs):\n${found.map((p) => `  ${p}`).join('\n')}`);
		process.exitCode = 1;
	} else {
		console.log(`${files.length} test files named *.unit.test.ts or *.engine.test.ts; ${zoneTests().length} of them run in the second time zone, every one that handles dates or times among them.`);
	}
}
