// The polling trigger's node description as saved workflows and the editor know it: type name, version,
// polling, credential, parameter names and defaults, and the texts that quote what the defaults cost. A change
// to any of it changes what saved workflows do or what the editor shows, so it has to be a deliberate one:
// update test/fixtures/poll-trigger-description.json in the same commit (and keep the names: DESIGN.md).
import { readFileSync } from 'fs';
import path from 'path';

import { StravaApiNewActivityTrigger } from '../../nodes/StravaApiNewActivityTrigger/StravaApiNewActivityTrigger.node';

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/poll-trigger-description.json'), 'utf8'));

test('the polling trigger is described exactly as saved workflows and the editor were built on', () => {
	expect(JSON.parse(JSON.stringify(new StravaApiNewActivityTrigger().description))).toEqual(fixture);
});
