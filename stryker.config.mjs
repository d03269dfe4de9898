// Mutation testing (issue 13): `npm run test:mutation`, see docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	packageManager: 'npm',
	mutate: [
		'nodes/**/*.ts',
		'credentials/**/*.ts',
		// Pure data: the trigger's parameter list (editor labels, help texts, defaults). With ignoreStatic these
		// mutants would be ignored anyway; excluding the file keeps the report readable.
		'!nodes/StravaApiTrigger/description.ts',
		// Types and re-exports only.
		'!nodes/**/types.ts',
		'!nodes/**/index.ts',
	],
	testRunner: 'jest',
	jest: {
		projectType: 'custom',
		configFile: 'jest.stryker.config.js',
		enableFindRelatedTests: true,
	},
	coverageAnalysis: 'perTest',
	checkers: ['typescript'],
	// The sources only (tsconfig.build.json): with the tests and benchmarks in the program (tsconfig.json) every
	// check type-checks them too, and the checker held a core for the first 50 minutes of a 3,400-mutant run.
	tsconfigFile: 'tsconfig.build.json',
	typescriptChecker: { prioritizePerformanceOverAccuracy: true },
	// Mutants in module-level constants (node descriptions, option lists, limits) are "static": no single test
	// can be told to cover them, so each would cost a run of the whole suite. They are reported as ignored.
	ignoreStatic: true,
	incremental: true,
	incrementalFile: 'reports/stryker-incremental.json',
	plugins: ['@stryker-mutator/*', './test/stryker/streamReporter.mjs'],
	// ndjson: reports/mutants.ndjson, each mutant as it is tested (test/stryker/streamReporter.mjs).
	reporters: ['html', 'json', 'clear-text', 'progress', 'ndjson'],
	htmlReporter: { fileName: 'reports/mutation/mutation.html' },
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
	// The sandbox only needs the sources, the tests and the config; not the e2e n8n install or the build.
	ignorePatterns: ['.e2e', 'dist', 'reports', 'coverage', 'bench', 'docs', '*.tgz', 'test/stryker/incremental-baseline.json.gz'],
	tempDirName: '.stryker-tmp',
	cleanTempDir: true,
	concurrency: 1,
	timeoutMS: 10000,
	timeoutFactor: 1.5,
	dryRunTimeoutMinutes: 15,
	thresholds: { high: 90, low: 80, break: null },
};
