// Strava's streams answer as the stream operations, the summary and the exports read it.

/** One stream as Strava sends it. */
export interface Stream {
	data?: unknown[];
	series_type?: string;
	original_size?: number;
	resolution?: string;
	type?: string;
}

/** Strava's `key_by_type=true` answer: streams keyed by their type. */
export type StreamSet = Record<string, Stream>;
