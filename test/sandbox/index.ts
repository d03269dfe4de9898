import { registerOAuth } from './oauth';
import { registerActivities } from './routes/activities';
import { registerCore } from './routes/core';
import { registerUploads } from './routes/uploads';
import { StravaSandbox } from './server';

export { StravaSandbox } from './server';
export { seedActivities, shortActivityPages } from './routes/core';
export { makeActivity, specExample } from './seed';
export { setActivityExtras } from './routes/activities';
export { setUploadSettings, uploadReceived, UPLOAD_STATUS } from './routes/uploads';

/** Starts a sandbox with every route registered. */
export async function startSandbox(): Promise<StravaSandbox> {
	const sandbox = new StravaSandbox();
	registerOAuth(sandbox);
	registerCore(sandbox);
	registerActivities(sandbox);
	registerUploads(sandbox);
	await sandbox.start();
	return sandbox;
}
