import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type ILoadOptionsFunctions, type INode, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { listSearch } from '../../nodes/StravaApi/methods';
import { CREDENTIAL, nodeTypes, useSandbox } from '../harness';
import { seedActivities, seedClubMembers, seedRoutes, seedStarredSegments } from '../sandbox';

const t = useSandbox((sandbox) => {
	seedRoutes(sandbox, 4);
	seedStarredSegments(sandbox, 150);
	seedClubMembers(sandbox, 231407, 1);
	// 1,100 activities, newest first; 11 of them named "Race …", spread over the whole history.
	const activities = seedActivities(sandbox, 1100);
	activities.forEach((activity, index) => {
		if (index % 100 === 50) activity.name = `Race ${index}`;
	});
});

/** The context n8n gives a resource locator's "From list" search, signed with a fresh token. */
function searchContext(scopes?: string[]): ILoadOptionsFunctions {
	const node: INode = {
		id: 's',
		name: 'Strava API',
		type: 'n8n-nodes-strava-api.stravaApi',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'route', operation: 'get' },
		credentials: { stravaV3OAuth2Api: CREDENTIAL },
	};
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: t.credentials(scopes),
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.routeId');
}

describe('"From list" searches', () => {
	test('searchRoutes lists the connected athlete\'s routes by name with their exact IDs and URLs', async () => {
		const result = await listSearch.searchRoutes.call(searchContext());
		expect(t.sandbox.apiCalls().map((call) => `${call.path} ${JSON.stringify(call.query)}`)).toEqual([
			'/api/v3/athlete {}',
			'/api/v3/athletes/134815/routes {"page":"1","per_page":"100"}',
		]);
		expect(result.results[0]).toEqual({
			name: 'Route 1',
			value: '3344012345678901201',
			url: 'https://www.strava.com/routes/3344012345678901201',
		});
		expect(result.results).toHaveLength(4);
		expect(result.paginationToken).toBe('2');
	});

	test('searchRoutes: the next page token reaches the end of the list', async () => {
		const result = await listSearch.searchRoutes.call(searchContext(), undefined, '2');
		expect(result).toEqual({ results: [] });
	});

	test('searchClubs filters by name', async () => {
		const result = await listSearch.searchClubs.call(searchContext(), 'team');
		expect(result.results).toEqual([{ name: 'Team Strava Cycling', value: '1', url: 'https://www.strava.com/clubs/1' }]);
	});

	test('searchGear lists bikes and shoes from GET /athlete', async () => {
		const result = await listSearch.searchGear.call(searchContext());
		expect(t.sandbox.apiCalls().map((call) => call.path)).toEqual(['/api/v3/athlete']);
		expect(result.results).toEqual([
			{ name: 'EMC (bike)', value: 'b12345678987655' },
			{ name: 'adidas (shoes)', value: 'g12345678987655' },
		]);
		const shoes = await listSearch.searchGear.call(searchContext(), 'SHOES');
		expect(shoes.results.map((entry) => entry.value)).toEqual(['g12345678987655']);
	});

	test('searchStarredSegments pages 100 at a time and keeps looking while a filter matches nothing', async () => {
		const first = await listSearch.searchStarredSegments.call(searchContext());
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Hawk Hill', value: '229781', url: 'https://www.strava.com/segments/229781' });
		expect(first.paginationToken).toBe('2');

		t.sandbox.clearLog();
		const filtered = await listSearch.searchStarredSegments.call(searchContext(), 'Starred 149');
		expect(filtered.results.map((entry) => entry.value)).toEqual(['900149']);
		expect(t.sandbox.apiCalls().map((call) => call.query.page)).toEqual(['1', '2']);
	});

	test('searchActivities with a filter finds matches far beyond the newest page: 5 pages of 200 per search, then scroll', async () => {
		const first = await listSearch.searchActivities.call(searchContext(), 'race');
		expect(first.results.map((entry) => entry.name.replace(/ \(.*/, ''))).toEqual(
			[50, 150, 250, 350, 450, 550, 650, 750, 850, 950].map((index) => `Race ${index}`),
		);
		expect(t.sandbox.apiCalls().map((call) => `${call.query.page}/${call.query.per_page}`)).toEqual(['1/200', '2/200', '3/200', '4/200', '5/200']);
		expect(first.paginationToken).toBe('6');

		t.sandbox.clearLog();
		const more = await listSearch.searchActivities.call(searchContext(), 'race', first.paginationToken);
		expect(more.results.map((entry) => entry.name.replace(/ \(.*/, ''))).toEqual(['Race 1050']);
		expect(t.sandbox.apiCalls().map((call) => call.query.page)).toEqual(['6', '7']);
		expect(more.paginationToken).toBeUndefined();
	});

	test('searchActivities without a filter reads one page of 100 per scroll', async () => {
		const first = await listSearch.searchActivities.call(searchContext());
		expect(first.results).toHaveLength(100);
		expect(t.sandbox.apiCalls().map((call) => `${call.query.page}/${call.query.per_page}`)).toEqual(['1/100']);
		expect(first.paginationToken).toBe('2');
	});

	test('a search without the needed permission fails with the permission named', async () => {
		await expect(listSearch.searchClubs.call(searchContext(['activity:read']))).rejects.toThrow('"read" permission');
	});
});
