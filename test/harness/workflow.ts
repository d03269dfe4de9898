import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import type { StravaSandbox } from '../sandbox';
import { testAdditionalData } from './additionalData';
import { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodes';

export const CREDENTIAL = { id: 'cred-1', name: 'Strava account' };

/** Stored credential data as n8n keeps it after "Connect my account", pointing at the sandbox. */
export function credentialData(sandbox: StravaSandbox, tokenData: object, extra: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		server: sandbox.url,
		clientId: sandbox.state.clientId,
		clientSecret: sandbox.state.clientSecret,
		oauthTokenData: tokenData as IDataObject,
		...extra,
	};
}

export interface RunResult {
	run: IRun;
	/** Output items of the node under test (first output). */
	items: INodeExecutionData[];
	/** The node's error, if the execution failed. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	/** Everything n8n would show or store for this execution, serialised (for leak checks). */
	serialized: string;
}

export interface RunOptions {
	/** Parameters of the node under test. */
	parameters: INodeParameters;
	type?: string;
	/** Items fed into the node (default: one empty item from the Manual Trigger). */
	input?: IDataObject[];
	continueOnFail?: boolean;
	nodeName?: string;
	/** typeVersion of the node under test (default 1, what workflows saved before version 2 hold). */
	typeVersion?: number;
}

/**
 * Runs Manual Trigger → [Items] → node through n8n-core's WorkflowExecute with the given credentials
 * helper: the same engine, request helpers and OAuth2 refresh path n8n uses in production.
 */
export async function runWorkflow(credentials: TestCredentialsHelper, options: RunOptions): Promise<RunResult> {
	const nodeName = options.nodeName ?? 'Strava API';
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: IWorkflowBase['connections'] = {};
	let previous = 'Start';
	if (options.input) {
		nodes.push({
			id: 'i',
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(options.input) },
		});
		connections.Start = { main: [[{ node: 'Items', type: 'main', index: 0 }]] };
		previous = 'Items';
	}
	nodes.push({
		id: 's',
		name: nodeName,
		type: options.type ?? 'n8n-nodes-strava-api.stravaApi',
		typeVersion: options.typeVersion ?? 1,
		position: [400, 0],
		parameters: options.parameters,
		credentials: { stravaV3OAuth2Api: CREDENTIAL },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	});
	connections[previous] = { main: [[{ node: nodeName, type: 'main', index: 0 }]] };

	const workflowData: IWorkflowBase = {
		id: 'wf-test',
		name: 'Strava test',
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});

	let finished!: (run: IRun) => void;
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', workflowData);
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished(fullRunData));

	const additionalData: IWorkflowExecuteAdditionalData = { ...testAdditionalData(credentials), hooks, executionId: 'exec-1' };

	const execute = new WorkflowExecute(additionalData, 'manual');
	const run = await execute.run({ workflow, startNode: nodes[0], destinationNode: { nodeName, mode: 'inclusive' } });
	await done;

	const taskData = run.data.resultData.runData[nodeName]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const error = (run.data.resultData.error ?? taskData?.error) as RunResult['error'];
	return { run, items, error, serialized: JSON.stringify({ run, error: error && { ...error, message: error.message, stack: error.stack } }) };
}
