import type { INodeProperties } from 'n8n-workflow';

import { KINDS_WITH_UNITS, ROUTE_POINT_OPERATIONS, SIMPLIFIED_OPERATIONS, SIMPLIFY_MIN_VERSION, type ObjectKind } from './table';

const fromVersion2 = [{ _cnd: { gte: SIMPLIFY_MIN_VERSION } }];

/** One copy of a field per resource, shown for that resource's operations whose kind qualifies. */
function perResource(field: Omit<INodeProperties, 'displayOptions'>, qualifies: (kind: ObjectKind, resource: string, operation: string) => boolean, simplifyOn: boolean): INodeProperties[] {
	return Object.entries(SIMPLIFIED_OPERATIONS).flatMap(([resource, operations]) => {
		const shown = Object.entries(operations)
			.filter(([operation, kind]) => qualifies(kind, resource, operation))
			.map(([operation]) => operation);
		if (shown.length === 0) return [];
		return [
			{
				...field,
				displayOptions: {
					show: { '@version': fromVersion2, resource: [resource], operation: shown, ...(simplifyOn ? { simplify: [true] } : {}) },
				},
			} as INodeProperties,
		];
	});
}

/**
 * Simplify (default on) and, with it, Units and Include Route Points: node version 2 and later only, so
 * workflows saved with version 1 keep Strava's raw answers. Fields are listed in docs/simplified-output.md.
 */
export const simplifyDescription: INodeProperties[] = [
	...perResource(
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return a flat set of the fields people use (distance, h:mm:ss times, pace or speed, local start with its time zone, …) instead of Strava\'s raw answer',
		},
		() => true,
		false,
	),
	...perResource(
		{
			displayName: 'Units',
			name: 'units',
			type: 'options',
			default: 'metric',
			options: [
				{ name: 'Metric', value: 'metric', description: 'Km, km/h, min/km, m, kg' },
				{ name: 'Imperial', value: 'imperial', description: 'Mi, mph, min/mi, ft, lb' },
			],
			description: 'Units of the simplified distances, speeds, paces, elevations and weights',
		},
		(kind) => KINDS_WITH_UNITS.has(kind),
		true,
	),
	...perResource(
		{
			displayName: 'Include Route Points',
			name: 'includeRoutePoints',
			type: 'boolean',
			default: false,
			description: 'Whether to add route_points: the route decoded from Strava\'s polyline as [latitude, longitude] pairs',
		},
		(_kind, resource, operation) => ROUTE_POINT_OPERATIONS.has(`${resource}:${operation}`),
		true,
	),
];
