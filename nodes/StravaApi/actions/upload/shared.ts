import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The file formats Strava accepts (`data_type`). */
export const DATA_TYPES = ['fit', 'fit.gz', 'tcx', 'tcx.gz', 'gpx', 'gpx.gz'] as const;

/** `data_type` from a file name such as "morning.fit.gz", or undefined. */
export function dataTypeFromFileName(fileName: string | undefined): string | undefined {
	const name = (fileName ?? '').toLowerCase().trim();
	return [...DATA_TYPES].sort((a, b) => b.length - a.length).find((type) => name.endsWith(`.${type}`));
}

/** The activity an upload duplicates, from Strava's text ("… duplicate of activity 123" or a link to it). */
export function duplicateActivityId(error: string): string | undefined {
	return /duplicate of (?:activity\s*#?\s*|<a[^>]*\/activities\/)(\d+)/i.exec(error)?.[1];
}

/** A processing error (duplicate, corrupt file, …) as a clear error carrying Strava's text. */
export function uploadError(ctx: IExecuteFunctions, upload: IDataObject, itemIndex: number): NodeOperationError {
	const text = String(upload.error);
	const duplicate = duplicateActivityId(text);
	const uploadId = String(upload.id_str ?? upload.id ?? '');
	const error = new NodeOperationError(
		ctx.getNode(),
		duplicate
			? `Strava rejected the upload as a duplicate of activity ${duplicate}: ${text}`
			: `Strava could not process the upload: ${text}`,
		{
			itemIndex,
			description: duplicate
				? `The file was already uploaded as https://www.strava.com/activities/${duplicate} (upload ${uploadId}). Use that activity, or delete it on Strava before uploading again.`
				: `Upload ${uploadId} failed with status "${String(upload.status ?? '')}". Check that the file is a valid FIT, TCX or GPX file and that "Data Type" matches it.`,
		},
	);
	error.context.uploadId = uploadId;
	error.context.stravaError = text;
	if (duplicate) error.context.duplicateActivityId = duplicate;
	return error;
}
