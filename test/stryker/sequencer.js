// Jest test sequencer for Stryker's runs only (jest.stryker.config.js).
//
// Stryker's jest runner narrows a mutant's run to its covering tests with --testNamePattern, but jest still loads
// every test file (n8n-core, a sandbox server in beforeAll) to learn the names in it: a transport mutant would
// load all ~25 integration files. This sequencer remembers, from the dry run's per-test coverage, which files
// cover which mutants, and hands jest only those files for the active mutant, quickest first. Files it knows
// nothing about run too.
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

let stryker;
try {
	// The state Stryker's jest plugins share in this process (not exported: resolved next to its package.json).
	const runner = path.dirname(require.resolve('@stryker-mutator/jest-runner/package.json'));
	stryker = require(path.join(runner, 'dist/src/jest-plugins/messaging.cjs')).state;
} catch {
	stryker = undefined;
}

const FILE_NAME = '.stryker-coverage-by-file.json';
let coverageByFile; // test file -> Set of mutant ids its tests cover
let durations = new Map(); // test file -> ms it took in the dry run

function coverageFile(tests) {
	return path.join(tests[0]?.context.config.rootDir ?? process.cwd(), FILE_NAME);
}

function load(tests) {
	if (coverageByFile || tests.length === 0) return coverageByFile;
	try {
		const stored = JSON.parse(fs.readFileSync(coverageFile(tests), 'utf8'));
		coverageByFile = new Map(Object.entries(stored).map(([file, { ids }]) => [file, new Set(ids)]));
		durations = new Map(Object.entries(stored).map(([file, { ms }]) => [file, ms]));
	} catch {
		coverageByFile = undefined;
	}
	return coverageByFile;
}

class StrykerCoverageSequencer extends Sequencer {
	sort(tests) {
		const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
		const byFile = mutant === undefined ? undefined : load(tests);
		if (byFile) {
			const covering = tests.filter((t) => !byFile.has(t.path) || byFile.get(t.path).has(mutant));
			if (covering.length > 0) tests = covering;
			// Quickest files first: the run stops at the first failing test (./environment.js).
			return [...tests].sort((a, b) => (durations.get(a.path) ?? Infinity) - (durations.get(b.path) ?? Infinity));
		}
		return super.sort(tests);
	}

	cacheResults(tests, results) {
		super.cacheResults(tests, results);
		const perTest = stryker?.coverageAnalysis === 'perTest' ? stryker.instrumenterContext?.mutantCoverage?.perTest : undefined;
		if (!perTest || tests.length === 0) return;
		const stored = {};
		coverageByFile = new Map();
		for (const suite of results.testResults) {
			const ids = new Set();
			for (const test of suite.testResults) for (const id of Object.keys(perTest[test.fullName] ?? {})) ids.add(id);
			coverageByFile.set(suite.testFilePath, ids);
			durations.set(suite.testFilePath, suite.perfStats.end - suite.perfStats.start);
			stored[suite.testFilePath] = { ids: [...ids], ms: durations.get(suite.testFilePath) };
		}
		fs.writeFileSync(coverageFile(tests), JSON.stringify(stored));
	}
}

module.exports = StrykerCoverageSequencer;
