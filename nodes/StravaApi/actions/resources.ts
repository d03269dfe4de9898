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
