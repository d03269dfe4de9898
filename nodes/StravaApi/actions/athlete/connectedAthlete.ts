import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idLocator, idSubject } from '../shared/resourceLocator';

/** One GET /athlete per execution, shared by every item that leaves "Athlete" empty. */
const connectedAthleteIds = new WeakMap<object, Promise<string>>();

async function fetchConnectedAthleteId(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const response = await stravaApiRequest.call(ctx, {
		method: 'GET',
		path: '/athlete',
		rateLimit: getRateLimitPolicy(ctx, itemIndex),
		itemIndex,
		// Without an id there is no athlete to ask about: an error, never `/athletes/undefined/…`.
		expect: 'object',
	});
	return String((response.body as IDataObject).id);
}

/** An optional `athleteId` locator: empty means the connected athlete. */
export function athleteIdField(show: Record<string, string[]>, description: string): INodeProperties {
	return { ...idLocator('athlete', 'athleteId', 'Athlete', show, { required: false, description }), hint: 'Leave empty for the connected athlete' };
}

function athleteGiven(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const raw = ctx.getNodeParameter('athleteId', itemIndex, '') as unknown;
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	return value !== undefined && value !== null && String(value).trim() !== '';
}

/** The request's `subject` for an athlete the user named (a 404 says to check it); none for the connected athlete. */
export function athleteSubject(ctx: IExecuteFunctions, itemIndex: number, athleteId: string): string | undefined {
	return athleteGiven(ctx, itemIndex) ? idSubject('athlete', athleteId) : undefined;
}

/** The athlete named in `athleteId`, or the connected athlete's ID (looked up once) when it is empty. */
export async function athleteIdOrConnected(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	if (athleteGiven(ctx, itemIndex)) {
		return getId(ctx, 'athleteId', itemIndex, 'athlete', 'Athlete');
	}
	let pending = connectedAthleteIds.get(ctx);
	if (!pending) {
		pending = fetchConnectedAthleteId(ctx, itemIndex);
		connectedAthleteIds.set(ctx, pending);
		pending.catch(() => connectedAthleteIds.delete(ctx));
	}
	return await pending;
}
