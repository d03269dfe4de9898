import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginatedItems, returnAllFields } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { clubIdField } from './clubId';

export const description: INodeProperties[] = [clubIdField('getMembers'), ...returnAllFields('club', 'getMembers', 'club members')];

/** GET /clubs/{id}/members, one item per member. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const clubId = getId(this, 'clubId', itemIndex, 'club', 'Club');
	return await paginatedItems(this, itemIndex, `/clubs/${clubId}/members`, { subject: idSubject('club', clubId) });
}
