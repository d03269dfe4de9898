// The credential as saved credentials and the editor know it. Saved credentials keep their values under these
// property names, n8n resolves the hidden defaults (URLs, scope, authentication) at each refresh, and users
// read the labels, options and hints in the form: a change to any of them changes what existing
// credentials do or what the form says, so it has to be a deliberate one (update test/fixtures/credential-v1.json
// in the same commit, and keep the names: DESIGN.md).
import { readFileSync } from 'fs';
import path from 'path';

import { StravaV3OAuth2Api } from '../../credentials/StravaV3OAuth2Api.credentials';

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/credential-v1.json'), 'utf8'));

test('the credential type is exactly the one saved credentials and the form were built on', () => {
	const credential = new StravaV3OAuth2Api();
	const { name, displayName, documentationUrl, icon, properties, test: credentialTest } = credential;
	expect(JSON.parse(JSON.stringify({ name, extends: credential.extends, displayName, documentationUrl, icon, properties, test: credentialTest }))).toEqual(fixture);
});

test('every property keeps its name, type and default; the hidden OAuth2 fields n8n reads are all there', () => {
	const byName = new Map(new StravaV3OAuth2Api().properties.map((property) => [property.name, property]));
	for (const name of ['server', 'grantType', 'authUrl', 'accessTokenUrl', 'scope', 'authQueryParameters', 'authentication']) {
		expect(byName.get(name)?.type).toBe('hidden');
	}
	expect(byName.get('grantType')?.default).toBe('authorizationCode');
	expect(byName.get('authentication')?.default).toBe('body');
	expect(byName.get('authUrl')?.required).toBe(true);
	expect(byName.get('accessTokenUrl')?.required).toBe(true);
});
