import type { INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../shared/options';
import { retiredExecute } from '../shared/retired';
import { clubIdField } from './clubId';

export const description: INodeProperties[] = [clubIdField('getActivities'), ...returnAllFields('club', 'getActivities', 'club activities')];

/** Strava retired GET /clubs/{id}/activities on 2026-09-01: fails with the explanation, sends nothing. */
export const execute = retiredExecute('club', 'getActivities');
