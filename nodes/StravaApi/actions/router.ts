import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { retiredDescription, retiredOperation, type PlatformChange } from '../transport/platform';
import { resources } from './resources';

/** Context keys n8n sets itself; everything else an operation put there is data the user may want. */
const ENGINE_CONTEXT_KEYS = new Set(['itemIndex', 'runIndex', 'data', 'parameter', 'nodeCause', 'descriptionKey']);

/** The item that stands for a failed input item under "Continue On Fail". */
function errorItem(error: { message: string; description?: string; httpCode?: string; context?: IDataObject }): IDataObject {
	const details: IDataObject = {};
	for (const [key, value] of Object.entries(error.context ?? {})) {
		if (!ENGINE_CONTEXT_KEYS.has(key) && value !== undefined) details[key] = value;
	}
	return {
		error: error.message,
		...(error.description ? { errorDescription: error.description } : {}),
		...(error.httpCode ? { httpCode: error.httpCode } : {}),
		...details,
	};
}

/**
 * Runs the chosen operation once per input item. Every output item is linked to its input item
 * (pairedItem); with "Continue On Fail" a failing item becomes an item carrying the error instead.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources.find((entry) => entry.value === resource)?.module;
	const handler = module?.operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
			description: 'Pick a resource and an operation from the lists.',
		});
	}

	// Strava retired the endpoint behind this operation: say so for every item, without spending a request.
	const retired: PlatformChange | undefined = retiredOperation(resource, operation);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (retired) {
				throw new NodeOperationError(this.getNode(), retired.message, {
					itemIndex,
					description: retiredDescription(retired),
				});
			}
			const results = await handler.execute.call(this, itemIndex);
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: errorItem(error), pairedItem: { item: itemIndex } });
				continue;
			}
			if (error?.context && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
			// Both constructors hand back an error that already is of their class, unchanged.
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error, { itemIndex });
		}
	}
	return [output];
}
