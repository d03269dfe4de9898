// The second time zone of `npm test` (`npm run test:tz`: TZ=Pacific/Chatham, +12:45/+13:45, a zone no machine
// runs in by accident). Only the test files that handle dates and times run in it: the list below.
// `node scripts/checkTests.mjs` (the first step of `npm test`) fails when a test file that uses dates or times
// (Date, a date like 2026-05-01, fake timers, a clock or time zone, the poll trigger, rate-limit windows, the
// exports, simplified output) is missing from it; add the file here then.
const base = require('./jest.config.js');

const ZONE_TESTS = [
	'test/transport/refreshRace.engine.test.ts',
	'test/transport/refusedAnswer.unit.test.ts',
	'test/package/docsAgainstNodes.unit.test.ts',
	'test/actions/activityExport.recorded.engine.test.ts',
	'test/actions/activityExport.inputItems.engine.test.ts',
	'test/actions/activity.engine.test.ts',
	'test/actions/activity.unit.test.ts',
	'test/actions/activityExport.engine.test.ts',
	'test/actions/activitySync.engine.test.ts',
	'test/actions/input.engine.test.ts',
	'test/actions/operationDetails.engine.test.ts',
	'test/actions/pickers.engine.test.ts',
	'test/actions/route.engine.test.ts',
	'test/actions/segmentEffort.engine.test.ts',
	'test/actions/upload.engine.test.ts',
	'test/credential/oauth.engine.test.ts',
	'test/pollTrigger/description.unit.test.ts',
	'test/pollTrigger/input.engine.test.ts',
	'test/pollTrigger/poll.engine.test.ts',
	'test/pollTrigger/poll.unit.test.ts',
	'test/pollTrigger/pollBudget.boundaries.unit.test.ts',
	'test/pollTrigger/pollBudget.engine.test.ts',
	'test/pollTrigger/pollBudget.unit.test.ts',
	'test/pollTrigger/pollState.unit.test.ts',
	'test/pollTrigger/settings.engine.test.ts',
	'test/pollTrigger/tenAthletes.engine.test.ts',
	'test/simplify/fieldFallbacks.unit.test.ts',
	'test/simplify/simplify.engine.test.ts',
	'test/simplify/simplify.unit.test.ts',
	'test/transport/answers.engine.test.ts',
	'test/transport/errorMessages.engine.test.ts',
	'test/transport/errors.unit.test.ts',
	'test/transport/expect.unit.test.ts',
	'test/transport/pagination.engine.test.ts',
	'test/transport/platform.engine.test.ts',
	'test/transport/rateLimit.boundaries.unit.test.ts',
	'test/transport/rateLimit.engine.test.ts',
	'test/transport/rateLimit.unit.test.ts',
	'test/transport/redirects.engine.test.ts',
	'test/transport/requestLoop.engine.test.ts',
	'test/transport/requestLoop.unit.test.ts',
	'test/transport/retries.engine.test.ts',
	'test/transport/url.unit.test.ts',
	'test/transport/waitForRateLimit.unit.test.ts',
	'test/webhookTrigger/callbackUrl.events.validationLog.unit.test.ts',
	'test/webhookTrigger/repeatedEvents.engine.test.ts',
	'test/webhookTrigger/repeatedEvents.unit.test.ts',
	'test/webhookTrigger/verifyToken.unit.test.ts',
	'test/webhookTrigger/webhookTrigger.engine.test.ts',
];

/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ZONE_TESTS.map((file) => `<rootDir>/${file}`) };
