// The paginator's own guard: a Limit the operations did not check (a caller outside the operations' getLimit)
// is refused before any request. The operations' check is tested end to end in test/transport/pagination.limit.engine.test.ts.
import { NodeOperationError, type INode } from 'n8n-workflow';

import { stravaApiPaginate } from '../../nodes/shared/transport/pagination';
import type { StravaContext } from '../../nodes/shared/transport/types';

const node = { name: 'Strava API', type: 'stravaApi', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

test.each([0, -1, 1.5, Number.NaN])('a Limit of %s is refused before any request, with the item it came from', async (limit) => {
	let requests = 0;
	const ctx = {
		getNode: () => node,
		getCredentials: async () => {
			requests++;
			return {};
		},
		helpers: {
			httpRequestWithAuthentication: async () => {
				requests++;
				return { statusCode: 200, headers: {}, body: [] };
			},
		},
	} as unknown as StravaContext;
	const error = await stravaApiPaginate.call(ctx, { path: '/athlete/activities', limit, itemIndex: 3 }).catch((thrown: unknown) => thrown);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toBe(`The field "Limit" must be a whole number of at least 1, not "${limit}"`);
	expect((error as NodeOperationError).description).toBe('Enter how many items to return, such as 50, or turn on "Return All".');
	expect((error as NodeOperationError).context.itemIndex).toBe(3);
	expect(requests).toBe(0);
});
