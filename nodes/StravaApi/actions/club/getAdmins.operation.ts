import type { INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../shared/options';
import { retiredExecute } from '../shared/retired';
import { clubIdField } from './clubId';

export const description: INodeProperties[] = [clubIdField('getAdmins'), ...returnAllFields('club', 'getAdmins', 'club administrators')];

/** Strava retired GET /clubs/{id}/admins on 2026-09-01: fails with the explanation, sends nothing. */
export const execute = retiredExecute('club', 'getAdmins');
