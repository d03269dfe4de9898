import { exportFields, exportRoute } from './export';

export const description = exportFields('gpx');

export const execute = exportRoute('gpx');
