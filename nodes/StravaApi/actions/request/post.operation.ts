import { bodyFields, executeRequest } from './shared';

export const description = bodyFields('post');

export const execute = executeRequest('POST');
