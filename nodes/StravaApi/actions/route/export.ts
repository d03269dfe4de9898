import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { stravaApiRequest } from '../../../shared/transport';
import { outputFileField, outputFileProperty } from '../shared/binaryOutput';
import { getRateLimitPolicy } from '../shared/options';
import { getId, idSubject } from '../shared/resourceLocator';
import type { OperationExecute } from '../types';
import { routeIdField } from './routeId';

const FORMATS = {
	gpx: { operation: 'exportGpx', label: 'GPX', mimeType: 'application/gpx+xml', root: 'gpx' },
	tcx: { operation: 'exportTcx', label: 'TCX', mimeType: 'application/vnd.garmin.tcx+xml', root: 'TrainingCenterDatabase' },
} as const;

export type RouteFileFormat = keyof typeof FORMATS;

/** Route + output binary property for an export operation. */
export function exportFields(format: RouteFileFormat): INodeProperties[] {
	const { operation, label } = FORMATS[format];
	return [
		routeIdField(operation, `The route to export as a ${label} file`),
		outputFileField('route', operation),
	];
}

/** GET /routes/{id}/export_gpx|tcx → the file as binary data named route-<id>.<ext>. */
export function exportRoute(format: RouteFileFormat): OperationExecute {
	const { mimeType, root } = FORMATS[format];
	return async function (this: IExecuteFunctions, itemIndex: number) {
		const routeId = getId(this, 'routeId', itemIndex, 'route', 'Route');
		const property = outputFileProperty(this, itemIndex);
		const response = await stravaApiRequest.call(this, {
			method: 'GET',
			path: `/routes/${routeId}/export_${format}`,
			binary: true,
			rateLimit: getRateLimitPolicy(this, itemIndex),
			itemIndex,
			// A GPX/TCX document: an empty answer or a JSON error body never becomes a file.
			expect: { xml: root },
			subject: idSubject('route', routeId),
		});
		const fileName = `route-${routeId}.${format}`;
		const binary = await this.helpers.prepareBinaryData(response.body as Buffer, fileName, mimeType);
		return [{ json: { routeId, format, fileName }, binary: { [property]: binary } }];
	};
}
