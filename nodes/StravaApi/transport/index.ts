export { stravaApiRequest, waitForRateLimit } from './request';
export { stravaApiPaginate, MAX_PER_PAGE, type PaginateOptions } from './pagination';
export { resolveApiPath, apiBaseUrl, serverOrigin, type ApiPathCheck } from './url';
export { parseRateLimitHeaders, exhaustedLimit } from './rateLimit';
export { stravaApiError, failureDetails } from './errors';
export * from './types';
