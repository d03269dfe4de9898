import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { FAIL_FAST_RATE_LIMIT, stravaApiRequest } from '../../shared/transport';
import { matches } from './pagedSearch';

/** The connected athlete's bikes and shoes, from GET /athlete (listed there with profile:read_all). */
export async function searchGear(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = await stravaApiRequest.call(this, {
		method: 'GET',
		path: '/athlete',
		rateLimit: FAIL_FAST_RATE_LIMIT,
		expect: 'object',
	});
	const athlete = response.body as IDataObject;
	const results: INodeListSearchItems[] = [];
	for (const [list, kind] of [
		[athlete.bikes, 'bike'],
		[athlete.shoes, 'shoes'],
	] as const) {
		for (const gear of Array.isArray(list) ? (list as IDataObject[]) : []) {
			const name = `${String(gear.name ?? gear.id)} (${kind}${gear.retired ? ', retired' : ''})`;
			if (gear.id && matches(name, filter)) results.push({ name, value: String(gear.id) });
		}
	}
	return { results };
}
