// Jest test-file runner for Stryker's runs only (jest.stryker.config.js): once a test file has a failing test
// under the active mutant, the files after it are not even loaded (each loads n8n-core and starts a sandbox,
// 1–3 s); the mutant is killed either way. Without an active mutant (Stryker's initial run) it runs all files.
const TestRunner = require('jest-runner').default;

class StrykerBailRunner extends TestRunner {
	async runTests(tests, watcher, options) {
		if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined || !options.serial) return super.runTests(tests, watcher, options);
		let failed = false;
		const stop = () => {
			failed = true;
		};
		const offSuccess = this.on('test-file-success', ([, result]) => {
			if (result.numFailingTests > 0 || result.testExecError) stop();
		});
		const offFailure = this.on('test-file-failure', stop);
		try {
			for (const test of tests) {
				if (failed || watcher.isInterrupted()) break;
				await super.runTests([test], watcher, options);
			}
		} finally {
			offSuccess();
			offFailure();
		}
	}
}

module.exports = StrykerBailRunner;
