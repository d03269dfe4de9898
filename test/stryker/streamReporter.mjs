// Stryker reporter for `npm run test:mutation` (stryker.config.mjs): appends every mutant's result to
// reports/mutants.ndjson as soon as it is known, one JSON line each, so a long run that is stopped early still
// says what it found (Stryker writes its own reports, and the incremental file, only at the end of a run).
// `node scripts/mutationScore.mjs --partial` reads it.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const FILE = path.join('reports', 'mutants.ndjson');

class StreamReporter {
	constructor() {
		mkdirSync(path.dirname(FILE), { recursive: true });
		writeFileSync(FILE, '');
	}

	onMutantTested(result) {
		const { id, fileName, mutatorName, replacement, location, status, statusReason, killedBy, testsCompleted } = result;
		const line = { id, file: path.relative(process.cwd(), fileName), line: location.start.line, column: location.start.column, mutatorName, replacement, status, killedBy, testsCompleted };
		if (status !== 'Killed') line.statusReason = statusReason;
		appendFileSync(FILE, `${JSON.stringify(line)}\n`);
	}
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'ndjson', StreamReporter)];
