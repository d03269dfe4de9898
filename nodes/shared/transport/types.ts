import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { ResponseExpectation } from './expect';

/** Every n8n context our transport is called from. */
export type StravaContext =
	| IExecuteFunctions
	| IPollFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

export const CREDENTIAL_TYPE = 'stravaV3OAuth2Api';

/** What to do when Strava's rate budget runs out. */
export interface RateLimitPolicy {
	/** `wait`: sleep until the window resets (when within `maxWaitSeconds`); `fail`: stop with a clear error. */
	onLimit: 'wait' | 'fail';
	maxWaitSeconds: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { onLimit: 'wait', maxWaitSeconds: 900 };

/** For callers that must answer promptly (list searches in the editor, webhooks, polls): never wait. */
export const FAIL_FAST_RATE_LIMIT: RateLimitPolicy = { onLimit: 'fail', maxWaitSeconds: 0 };

export interface StravaRequest {
	method: IHttpRequestMethods;
	/** Path relative to `{server}/api/v3`, starting with `/` (already validated). */
	path: string;
	qs?: IDataObject;
	/** JSON body. */
	body?: IDataObject | IDataObject[];
	/** `application/x-www-form-urlencoded` body (Strava's create endpoints). */
	form?: IDataObject;
	/** A multipart body (uploads); sent once, never retried after the server saw it. */
	multipart?: FormData;
	/** Ask for raw bytes (GPX/TCX exports, binary downloads). */
	binary?: boolean;
	rateLimit?: RateLimitPolicy;
	/** Index of the input item this request serves, for error context. */
	itemIndex?: number;
	/**
	 * What the endpoint answers when all is well (see ./expect); any other answer is an error, never output.
	 * Every operation declares it; without it (`none`) anything passes, as for raw requests.
	 */
	expect?: ResponseExpectation;
	/**
	 * What the path names by an ID the user gave, e.g. `activity ID 123`: a 404 then says to check that ID.
	 * Left out when no ID of the user's is involved (lists of the connected athlete, later list pages).
	 */
	subject?: string;
	/** The page of a paginated list this request reads (set by the paginator, for messages). */
	page?: number;
}

export interface RateLimitUsage {
	/** Overall limits and usage, 15-minute and daily. */
	overall?: { limit15: number; limitDay: number; usage15: number; usageDay: number };
	/** Read (non-upload) limits and usage, 15-minute and daily. */
	read?: { limit15: number; limitDay: number; usage15: number; usageDay: number };
	/** Strava's clock when it answered (from the `Date` header), epoch ms. */
	serverTime?: number;
}

export interface StravaResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
	rateLimit: RateLimitUsage;
}
