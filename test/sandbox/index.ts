import { registerOAuth } from './oauth';
import { registerCore } from './routes/core';
import { StravaSandbox } from './server';

export { StravaSandbox } from './server';
export { seedActivities, shortActivityPages } from './routes/core';
export { makeActivity, specExample } from './seed';

/** Starts a sandbox with every route registered. */
export async function startSandbox(): Promise<StravaSandbox> {
	const sandbox = new StravaSandbox();
	registerOAuth(sandbox);
	registerCore(sandbox);
	await sandbox.start();
	return sandbox;
}
