// What saved workflows and the editor know the main node by (docs/DESIGN: names are fixed): its type name,
// versions, connections, credential and the Resource picker. Found as surviving mutants of StravaApi.node.ts.
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from '../../nodes/StravaApi/methods';
import { StravaApi } from '../../nodes/StravaApi/StravaApi.node';

test('the node keeps its type name, versions, connections and credential', () => {
	const node = new StravaApi();
	const { description } = node;
	expect(description).toMatchObject({
		displayName: 'Strava API',
		name: 'stravaApi',
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		defaults: { name: 'Strava API' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stravaV3OAuth2Api', required: true }],
	});
	expect(description.description).toMatch(/^Community node for the whole Strava API v3/);
	expect(description.properties[0]).toMatchObject({ displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, default: 'activity' });
	expect(node.methods.listSearch).toBe(listSearch);
	expect(Object.keys(node.methods.listSearch).length).toBeGreaterThan(0);
});
