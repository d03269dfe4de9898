import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
} from 'n8n-workflow';

import { nodeTypes } from './nodes';
import { CREDENTIAL } from './workflow';

export { testAdditionalData as triggerAdditionalData } from './additionalData';


export interface TriggerWorkflowOptions {
	type: string;
	nodeName: string;
	parameters: INodeParameters;
	/** Static data as n8n stored it in its database (deep-copied into the new Workflow). */
	staticData?: IDataObject;
	webhookId?: string;
	workflowId?: string;
	/** Whether the workflow is published (active). n8n builds the editor's test workflow with `active: false`. */
	active?: boolean;
}

/** A one-node workflow, built the way n8n builds it from its database row (active) or for the editor's test run. */
export function triggerWorkflow(options: TriggerWorkflowOptions): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'trigger-node',
		name: options.nodeName,
		type: options.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { stravaV3OAuth2Api: CREDENTIAL },
		...(options.webhookId ? { webhookId: options.webhookId } : {}),
	};
	const workflow = new Workflow({
		id: options.workflowId ?? 'wf-trigger',
		name: 'Strava trigger test',
		nodes: [node],
		connections: {},
		active: options.active ?? true,
		nodeTypes,
		staticData: JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject,
		settings: { executionOrder: 'v1' },
	});
	return { workflow, node: workflow.getNode(options.nodeName)! };
}

/** What n8n would save to its database: a plain copy of the workflow's static data. */
export function persistStaticData(workflow: Workflow): IDataObject {
	return JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
}
