import { exportFields, exportRoute } from './export';

export const description = exportFields('tcx');

export const execute = exportRoute('tcx');
