import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginatedItems, returnAllFields } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import { clubIdField } from './clubId';

export const description: INodeProperties[] = [clubIdField('getActivities'), ...returnAllFields('club', 'getActivities', 'club activities')];

/** GET /clubs/{id}/activities, one item per activity. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const clubId = getId(this, 'clubId', itemIndex, 'club', 'Club');
	return await paginatedItems(this, itemIndex, `/clubs/${clubId}/activities`, { subject: idSubject('club', clubId) });
}
