/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	// *.unit.test.ts: pure modules; *.engine.test.ts: workflows through n8n-core against the sandbox (docs/testing.md).
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/harness/env.ts'],
	// Transpile only: each file is compiled on its own, without type information. The type check of the code, the
	// tests and the benchmarks is `npm run typecheck` (tsc -p tsconfig.json), which `npm run lint` runs.
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { isolatedModules: true } }] },
	testTimeout: 60000,
	// Most of the suite's time is spent waiting (on the sandbox's HTTP answers, Strava-like delays, acknowledgement
	// windows), not computing: four test files at a time keep 2 cores busy, where jest's default (cores - 1) ran one.
	maxWorkers: Math.max(4, require('os').cpus().length - 1),
};
