// Jest test environment for Stryker's runs only (jest.stryker.config.js): stops a mutant's run at its first
// failing test. Jest cannot bail when called programmatically, so a mutant that breaks the transport would
// otherwise run every test that covers it (most of the suite). Once a test has failed under the active mutant,
// the test files that follow are skipped whole (their beforeAll hooks too); the mutant is killed either way.
const { TestEnvironment } = require('jest-environment-node');

let failedMutant; // the mutant under which a test failed; shared by the test files of one run (runInBand)

function skipAll(block) {
	block.mode = 'skip';
	for (const child of block.children) {
		if (child.type === 'describeBlock') skipAll(child);
		else child.mode = 'skip';
	}
}

class StrykerBailEnvironment extends TestEnvironment {
	async handleTestEvent(event, state) {
		const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
		if (mutant === undefined) return;
		if (event.name === 'run_start' && failedMutant === mutant) skipAll(state.rootDescribeBlock);
		if (event.name === 'test_done' && event.test.errors.length > 0) failedMutant = mutant;
	}
}

module.exports = StrykerBailEnvironment;
