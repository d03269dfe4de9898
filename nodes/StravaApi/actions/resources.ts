import { activity } from './activity';
import { athlete } from './athlete';
import { club } from './club';
import { gear } from './gear';
import { request } from './request';
import { route } from './route';
import { segment } from './segment';
import { segmentEffort } from './segmentEffort';
import type { ResourceModule } from './types';
import { upload } from './upload';

/** Every resource of the node, in the order the resource picker shows them. */
export const resources: Array<{ name: string; value: string; module: ResourceModule }> = [
	{ name: 'Activity', value: 'activity', module: activity },
	{ name: 'Athlete', value: 'athlete', module: athlete },
	{ name: 'Club', value: 'club', module: club },
	{ name: 'Gear', value: 'gear', module: gear },
	{ name: 'Route', value: 'route', module: route },
	{ name: 'Segment', value: 'segment', module: segment },
	{ name: 'Segment Effort', value: 'segmentEffort', module: segmentEffort },
	{ name: 'Upload', value: 'upload', module: upload },
	{ name: 'Raw API Request', value: 'request', module: request },
];

/**
 * The node's subtitle as an expression: "Activity: Get Many" rather than the raw values. Built from the
 * resource and operation pickers, so a new operation gets its label without another list to keep.
 */
export function subtitleExpression(): string {
	const labels: Record<string, string> = {};
	for (const { name, value, module } of resources) {
		const picker = module.description.find((property) => property.name === 'operation');
		for (const option of (picker?.options ?? []) as Array<{ name: string; value: string }>) {
			labels[`${value}:${option.value}`] = `${value === 'request' ? 'Raw API Request' : name}: ${option.name.replace(/ \(.*\)$/, '')}`;
		}
	}
	return `={{ (${JSON.stringify(labels)})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["resource"] + ": " + $parameter["operation"] }}`;
}
