import { registerOAuth } from './oauth';
import { registerActivities } from './routes/activities';
import { registerCore } from './routes/core';
import { registerAthlete } from './routes/athlete';
import { registerClubs } from './routes/clubs';
import { registerGear } from './routes/gear';
import { registerRoutes } from './routes/routes';
import { registerSegmentEfforts } from './routes/segmentEfforts';
import { registerSegments } from './routes/segments';
import { registerUploads } from './routes/uploads';
import { registerRevoke } from './routes/revoke';
import { registerWebhooks } from './routes/webhooks';
import { StravaSandbox } from './server';

export { StravaSandbox } from './server';
export { seedActivities, shortActivityPages } from './routes/core';
export { seedClubMembers, seedClubActivities } from './routes/clubs';
export { seedRoutes, ROUTE_POINTS } from './routes/routes';
export { seedStarredSegments, starredOf, SEGMENT_POINTS } from './routes/segments';
export { seedEfforts, effortsIgnorePage, EFFORT_POINTS } from './routes/segmentEfforts';
export { makeActivity, specExample } from './seed';
export { setActivityExtras } from './routes/activities';
export { setUploadSettings, uploadReceived, UPLOAD_STATUS } from './routes/uploads';
export {
	addForeignSubscription,
	currentSubscription,
	pushEvent,
	sendValidation,
	webhookState,
	type PushEvent,
} from './routes/webhooks';
export { addActivity, clearActivities, deleteActivity, editActivity, ensureActivityRoute } from './routes/activityChurn';

/** Starts a sandbox with every route registered. */
export async function startSandbox(): Promise<StravaSandbox> {
	const sandbox = new StravaSandbox();
	registerOAuth(sandbox);
	registerRevoke(sandbox);
	registerCore(sandbox);
	registerAthlete(sandbox);
	registerClubs(sandbox);
	registerGear(sandbox);
	registerRoutes(sandbox);
	registerSegments(sandbox);
	registerSegmentEfforts(sandbox);
	registerActivities(sandbox);
	registerUploads(sandbox);
	registerWebhooks(sandbox);
	await sandbox.start();
	return sandbox;
}
