import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { athleteIdField, athleteIdOrConnected, athleteSubject } from '../athlete/connectedAthlete';
import { getLimit, paginatedItems, returnAllFields } from '../shared/options';

const show = { resource: ['route'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	athleteIdField(show, 'The athlete whose routes to list. Leave empty for the connected athlete.'),
	...returnAllFields('route', 'getAll', 'routes'),
];

/** GET /athletes/{id}/routes, one item per route (private ones need read_all). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// The limit is checked before the connected athlete is looked up: a bad one costs no request.
	getLimit(this, itemIndex);
	const athleteId = await athleteIdOrConnected(this, itemIndex);
	return await paginatedItems(this, itemIndex, `/athletes/${athleteId}/routes`, {
		subject: athleteSubject(this, itemIndex, athleteId),
	});
}
