import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox, type StravaSandbox } from '../sandbox';
import { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodes';
import { credentialData, runWorkflow, type RunOptions, type RunResult } from './workflow';

export interface TestContext {
	sandbox: StravaSandbox;
	/** A credentials helper holding a fresh token with these scopes (default: read-only sync scopes). */
	credentials(scopes?: string[], extra?: IDataObject): TestCredentialsHelper;
	/** Runs Manual Trigger → Strava API with these parameters and a fresh credential. */
	run(parameters: INodeParameters, options?: Omit<RunOptions, 'parameters'> & { scopes?: string[]; credentials?: TestCredentialsHelper }): Promise<RunResult>;
}

export const ALL_SCOPES = ['read', 'read_all', 'profile:read_all', 'profile:write', 'activity:read', 'activity:read_all', 'activity:write'];

/**
 * Starts one sandbox for a test file (beforeAll/afterAll) and clears its request log before each test.
 * `ctx` is filled in once the sandbox runs.
 */
export function useSandbox(seed?: (sandbox: StravaSandbox) => void): TestContext {
	const ctx = {} as TestContext;
	beforeAll(async () => {
		ctx.sandbox = await startSandbox();
		seed?.(ctx.sandbox);
	});
	afterAll(async () => ctx.sandbox?.stop());
	beforeEach(() => ctx.sandbox?.clearLog());
	ctx.credentials = (scopes = ALL_SCOPES, extra = {}) => {
		const token = ctx.sandbox.issueToken({ scopes });
		return new TestCredentialsHelper(credentialData(ctx.sandbox, token.tokenData, extra), nodeTypes);
	};
	ctx.run = async (parameters, options = {}) => {
		const credentials = options.credentials ?? ctx.credentials(options.scopes);
		return await runWorkflow(credentials, { ...options, parameters });
	};
	return ctx;
}
