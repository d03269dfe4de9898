import type { INodeProperties } from 'n8n-workflow';

import { executeRequest } from './shared';

export const description: INodeProperties[] = [];

export const execute = executeRequest('DELETE');
