// The webhook trigger's node description as saved workflows and the editor know it: its type name, versions,
// webhooks (paths and methods Strava calls), credential and parameters. A change to any of it changes what
// saved workflows do or what the editor shows, so it has to be a deliberate one: update
// test/fixtures/webhook-trigger-description.json in the same commit (and keep the names: DESIGN.md).
import { readFileSync } from 'fs';
import path from 'path';

import { StravaApiTrigger } from '../../nodes/StravaApiTrigger/StravaApiTrigger.node';

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/webhook-trigger-description.json'), 'utf8'));

test('the webhook trigger is described exactly as saved workflows and the editor were built on', () => {
	expect(JSON.parse(JSON.stringify(new StravaApiTrigger().description))).toEqual(fixture);
});

test('Strava reaches one path with its validation GET and its event POSTs, answered at once', () => {
	const { webhooks, version, defaultVersion, credentials } = new StravaApiTrigger().description;
	expect(webhooks?.map(({ name, httpMethod, path: webhookPath, responseMode }) => ({ name, httpMethod, path: webhookPath, responseMode }))).toEqual([
		{ name: 'setup', httpMethod: 'GET', path: 'webhook', responseMode: 'onReceived' },
		{ name: 'default', httpMethod: 'POST', path: 'webhook', responseMode: 'onReceived' },
	]);
	expect(version).toEqual([1, 2]);
	expect(defaultVersion).toBe(2);
	expect(credentials).toEqual([{ name: 'stravaV3OAuth2Api', required: true }]);
});
