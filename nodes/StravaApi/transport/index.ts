export { stravaApiRequest, waitForRateLimit, credentialApiBases } from './request';
export { stravaAppRequest, stravaAppCredentials, type StravaApp, type StravaAppRequest } from './appRequest';
export { stravaApiPaginate, MAX_PER_PAGE, type PaginateOptions } from './pagination';
export { resolveApiPath, apiBaseUrl, serverOrigin, type ApiPathCheck } from './url';
export { parseRateLimitHeaders, exhaustedLimit } from './rateLimit';
export { stravaApiError, failureDetails } from './errors';
export { apiBases, type ApiBases } from './hosts';
export { retiredOperation, PLATFORM_CHANGES, type PlatformChange } from './platform';
export * from './types';
