import { exportActivityFile, exportFields } from './export/operation';

export const description = exportFields('tcx');

/** Activity → Export TCX: a TCX v2 file (power in Garmin's ActivityExtension v2) built from the streams. */
export const execute = exportActivityFile('tcx');
