import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { athleteIdField, athleteIdOrConnected, athleteSubject } from './connectedAthlete';

const show = { resource: ['athlete'], operation: ['getStats'] };

export const description: INodeProperties[] = [
	athleteIdField(
		show,
		'The athlete whose stats to get. Strava only answers for the connected athlete, so leaving it empty is the usual choice.',
	),
];

/** GET /athletes/{id}/stats: recent, year-to-date and all-time totals (public activities only). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const athleteId = await athleteIdOrConnected(this, itemIndex);
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: `/athletes/${athleteId}/stats`,
		rateLimit: getRateLimitPolicy(this, itemIndex),
		itemIndex,
		expect: 'record',
		subject: athleteSubject(this, itemIndex, athleteId),
	});
	return [{ json: response.body as IDataObject }];
}
