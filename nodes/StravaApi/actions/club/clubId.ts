import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../shared/resourceLocator';

/** The `clubId` locator, with the connected athlete's clubs under "From list". */
export const clubIdField = (operation: string, description = 'The club to use'): INodeProperties =>
	idLocator('club', 'clubId', 'Club', { resource: ['club'], operation: [operation] }, { searchListMethod: 'searchClubs', description });
