import { exportActivityFile, exportFields } from './export/operation';

export const description = exportFields('gpx');

/** Activity → Export GPX: a GPX 1.1 file (with Garmin's TrackPointExtension) built from the streams. */
export const execute = exportActivityFile('gpx');
