// Jest settings for Stryker's runs (npm run test:mutation) only; `npm test` keeps using jest.config.js.
const path = require('path');

const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	// Transpile only, as in jest.config.js: Stryker's typescript checker rejects mutants that do not type-check.
	// A mutant that makes a test wait for something that never comes fails that test after 20 s (killed)
	// instead of holding the runner for jest.config.js' 60 s.
	testTimeout: 20000,
	// One test file at a time inside each Stryker runner (Stryker runs several runners itself).
	maxWorkers: 1,
	// Skips the rest of a mutant's run after its first failing test (see the file).
	// (absolute: Stryker reads this option before jest resolves <rootDir>)
	testEnvironment: path.join(__dirname, 'test/stryker/environment.js'),
	// Hands jest only the test files that cover the active mutant (see the file).
	testSequencer: path.join(__dirname, 'test/stryker/sequencer.js'),
	// Does not load the test files after a mutant's first failing one (see the file).
	runner: path.join(__dirname, 'test/stryker/runner.js'),
	// The node and credential sources must be in jest's module map, or --findRelatedTests only sees the tests
	// that import a mutated file directly (not through test/harness and the node classes).
	roots: ['<rootDir>/test', '<rootDir>/nodes', '<rootDir>/credentials'],
};
