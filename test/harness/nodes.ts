import type {
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { StravaApi } from '../../nodes/StravaApi/StravaApi.node';
import { StravaApiNewActivityTrigger } from '../../nodes/StravaApiNewActivityTrigger/StravaApiNewActivityTrigger.node';
import { StravaApiTrigger } from '../../nodes/StravaApiTrigger/StravaApiTrigger.node';

/** n8n's Manual Trigger, reduced to what a test workflow needs. */
class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return { manualTriggerFunction: async () => this.emit([[{ json: {} }]]) };
	}
}

/** Emits the items given in its `items` parameter (JSON), to feed several items into a node. */
class ItemsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Outputs fixed items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: import('n8n-workflow').IExecuteFunctions) {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as Array<Record<string, unknown>>;
		const output = [];
		for (const [index, { $binary, ...json }] of items.entries()) {
			// `$binary: { data: { base64, fileName, mimeType } }` becomes n8n binary data (through n8n-core's helper).
			const files = ($binary ?? {}) as Record<string, { base64: string; fileName?: string; mimeType?: string }>;
			const binary: import('n8n-workflow').IBinaryKeyData = {};
			for (const [property, file] of Object.entries(files)) {
				binary[property] = await this.helpers.prepareBinaryData(Buffer.from(file.base64, 'base64'), file.fileName, file.mimeType);
			}
			output.push({ json: json as never, ...($binary ? { binary } : {}), pairedItem: { item: index } });
		}
		return [output];
	}
}

export const NODE_TYPES: Record<string, INodeType | IVersionedNodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'test.items': new ItemsNode(),
	'n8n-nodes-strava-api.stravaApi': new StravaApi(),
	'n8n-nodes-strava-api.stravaApiTrigger': new StravaApiTrigger(),
	'n8n-nodes-strava-api.stravaApiNewActivityTrigger': new StravaApiNewActivityTrigger(),
};

export function registerNodeType(name: string, type: INodeType) {
	NODE_TYPES[name] = type;
}

export const nodeTypes: INodeTypes = {
	getByName: (type) => NODE_TYPES[type],
	getByNameAndVersion: (type) => {
		const node = NODE_TYPES[type];
		if (!node) throw new Error(`Unknown node type ${type}`);
		return 'nodeVersions' in node ? node.nodeVersions[node.currentVersion] : node;
	},
	getKnownTypes: () => ({}),
};
