import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginatedItems, returnAllFields } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { clubIdField } from './clubId';

export const description: INodeProperties[] = [clubIdField('getAdmins'), ...returnAllFields('club', 'getAdmins', 'club administrators')];

/** GET /clubs/{id}/admins, one item per administrator. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const clubId = getId(this, 'clubId', itemIndex, 'club', 'Club');
	return await paginatedItems(this, itemIndex, `/clubs/${clubId}/admins`, { subject: idSubject('club', clubId) });
}
