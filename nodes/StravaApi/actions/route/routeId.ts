import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../shared/resourceLocator';

/** The `routeId` locator, with the connected athlete's routes under "From list". */
export const routeIdField = (operation: string, description: string): INodeProperties =>
	idLocator('route', 'routeId', 'Route', { resource: ['route'], operation: [operation] }, { searchListMethod: 'searchRoutes', description });
