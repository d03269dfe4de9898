import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getRateLimitPolicy, paginatedItems } from '../shared/options';
import { checkedId, getId, idLocator, idSubject, locatorText } from '../shared/resourceLocator';
import { stravaApiRequest } from '../../../shared/transport';

/** Operations that act on one existing activity (and so have the `activityId` field). */
const WITH_ACTIVITY_ID = ['get', 'update', 'getComments', 'getKudoers', 'getLaps', 'getZones', 'getStreams', 'exportGpx', 'exportTcx'];

/** The `activityId` resource locator, shared by every operation that needs it. */
export const activityIdField: INodeProperties = idLocator(
	'activity',
	'activityId',
	'Activity',
	{ resource: ['activity'], operation: WITH_ACTIVITY_ID },
	{ searchListMethod: 'searchActivities', description: 'The activity, from the list, by its Strava URL or by ID' },
);

export function activityId(ctx: IExecuteFunctions, itemIndex: number): string {
	return getId(ctx, 'activityId', itemIndex, 'activity', 'Activity');
}

/**
 * The `gearId` field inside Update Fields / Additional Fields: From list (the athlete's bikes and shoes,
 * one GET /athlete), By URL or By ID. Saved workflows hold a plain string there ("b12345678", "none"):
 * still read as before.
 */
export function gearField(description: string): INodeProperties {
	const field = idLocator('gear', 'gearId', 'Gear', {}, { searchListMethod: 'searchGear', required: false, description });
	// Inside a collection: shown when added, not by displayOptions.
	delete field.displayOptions;
	return field;
}

/** The gear a `gearId` value names: undefined when empty, "none" as is, else a checked gear ID. */
export function optionalGearId(ctx: IExecuteFunctions, raw: unknown, itemIndex: number): string | undefined {
	const text = locatorText(raw);
	if (!text) return undefined;
	if (text.toLowerCase() === 'none') return 'none';
	return checkedId(ctx, text, itemIndex, 'gear', 'Gear');
}

/** Strava's sport types (sport_type.json); an expression may give any other value. */
export const SPORT_TYPES = [
	'AlpineSki', 'BackcountrySki', 'Badminton', 'Basketball', 'Canoeing', 'Cricket', 'Crossfit', 'Dance',
	'EBikeRide', 'Elliptical', 'EMountainBikeRide', 'Golf', 'GravelRide', 'Handcycle',
	'HighIntensityIntervalTraining', 'Hike', 'IceSkate', 'InlineSkate', 'Kayaking', 'Kitesurf',
	'MountainBikeRide', 'NordicSki', 'Padel', 'PhysicalTherapy', 'Pickleball', 'Pilates', 'Racquetball', 'Ride',
	'RockClimbing', 'RollerSki', 'Rowing', 'Run', 'Sail', 'Skateboard', 'Snowboard', 'Snowshoe', 'Soccer',
	'Squash', 'StairStepper', 'StandUpPaddling', 'Surfing', 'Swim', 'TableTennis', 'Tennis', 'TrailRun',
	'Velomobile', 'VirtualRide', 'VirtualRow', 'VirtualRun', 'Volleyball', 'Walk', 'WeightTraining',
	'Wheelchair', 'Windsurf', 'Workout', 'Yoga',
];

/** "MountainBikeRide" → "Mountain Bike Ride". */
const label = (value: string) => value.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');

export const sportTypeOptions = SPORT_TYPES.map((value) => ({ name: label(value), value })).sort((a, b) =>
	a.name.localeCompare(b.name),
);

/** Reads a sport type: any non-empty string (Strava adds new types, so unknown ones pass). */
export function sportType(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) {
		throw new NodeOperationError(ctx.getNode(), 'The field "Sport Type" is empty', {
			itemIndex,
			description: 'Pick a sport type such as Run or Ride, or give one by expression.',
		});
	}
	return text;
}

/** GET a list of one activity and return one item per element. */
export async function getList(ctx: IExecuteFunctions, itemIndex: number, suffix: string): Promise<INodeExecutionData[]> {
	const id = activityId(ctx, itemIndex);
	const response = await stravaApiRequest.call(ctx, {
		method: 'GET',
		path: `/activities/${id}/${suffix}`,
		rateLimit: getRateLimitPolicy(ctx, itemIndex),
		itemIndex,
		expect: 'array',
		subject: idSubject('activity', id),
	});
	const list = response.body as IDataObject[];
	return list.map((json) => ({ json }));
}

/** A paginated list of one activity (page/per_page, or cursor), honouring Return All / Limit. */
export async function getPaginatedList(
	ctx: IExecuteFunctions,
	itemIndex: number,
	suffix: string,
	cursor?: { field: string },
): Promise<INodeExecutionData[]> {
	const id = activityId(ctx, itemIndex);
	return await paginatedItems(ctx, itemIndex, `/activities/${id}/${suffix}`, { cursor, subject: idSubject('activity', id) });
}
