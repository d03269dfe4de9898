import { bodyFields, executeRequest } from './shared';

export const description = bodyFields('put');

export const execute = executeRequest('PUT');
