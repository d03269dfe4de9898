import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { simplifyActivity } from './activity';
import { simplifyAthlete } from './athlete';
import { simplifyClub } from './club';
import { simplifyGear } from './gear';
import { simplifyLap } from './lap';
import { simplifyRoute } from './route';
import { simplifySegment } from './segment';
import { simplifySegmentEffort } from './segmentEffort';
import { simplifyStats } from './stats';
import { ROUTE_POINT_OPERATIONS, SIMPLIFY_MIN_VERSION, simplifiedKind, type ObjectKind } from './table';
import type { Simplifier, SimplifyOptions } from './types';

export { simplifyDescription } from './description';
export { simplifiedKind, SIMPLIFIED_OPERATIONS, type ObjectKind } from './table';
export type { SimplifyOptions } from './types';

export const SIMPLIFIERS: Record<ObjectKind, Simplifier> = {
	activity: simplifyActivity,
	athlete: simplifyAthlete,
	club: simplifyClub,
	gear: simplifyGear,
	lap: simplifyLap,
	route: simplifyRoute,
	segment: simplifySegment,
	segmentEffort: simplifySegmentEffort,
	stats: simplifyStats,
};

/**
 * The Simplify settings for one item, or undefined when its output stays raw: node version 1, an
 * operation without a simplified form, or Simplify turned off.
 */
export function simplifySettings(ctx: IExecuteFunctions, resource: string, operation: string, itemIndex: number): { kind: ObjectKind; options: SimplifyOptions } | undefined {
	if (ctx.getNode().typeVersion < SIMPLIFY_MIN_VERSION) return undefined;
	const kind = simplifiedKind(resource, operation);
	if (!kind || ctx.getNodeParameter('simplify', itemIndex, true) !== true) return undefined;
	return {
		kind,
		options: {
			units: ctx.getNodeParameter('units', itemIndex, 'metric') === 'imperial' ? 'imperial' : 'metric',
			includeRoutePoints:
				ROUTE_POINT_OPERATIONS.has(`${resource}:${operation}`) && ctx.getNodeParameter('includeRoutePoints', itemIndex, false) === true,
		},
	};
}

/** Every result's JSON in its simplified form (binary data and other item fields kept). */
export function simplifyResults(results: INodeExecutionData[], kind: ObjectKind, options: SimplifyOptions): INodeExecutionData[] {
	const simplify = SIMPLIFIERS[kind];
	return results.map((result) => ({ ...result, json: simplify(result.json as IDataObject, options) }));
}
