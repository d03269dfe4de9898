import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { simplifyResults, simplifySettings } from '../simplify';
import { resources } from './resources';
import type { OperationModule } from './types';

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
	const { resource, operation, handler } = chosenOperation(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (!handler) throw unknownOperation(this, resource, operation, itemIndex);
			const results = await handler.execute.call(this, itemIndex);
			// Version 2: Simplify (on by default) reshapes the answer; version 1 keeps Strava's raw JSON.
			const simplify = simplifySettings(this, resource, operation, itemIndex);
			const shaped = simplify ? simplifyResults(results, simplify.kind, simplify.options) : results;
			for (const result of shaped) output.push({ ...result, pairedItem: { item: itemIndex } });
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

/** The resource and operation picked, and the operation that runs them (none when they are unknown). */
function chosenOperation(ctx: IExecuteFunctions): { resource: string; operation: string; handler?: OperationModule } {
	let resource = '';
	let operation = '';
	try {
		resource = String(ctx.getNodeParameter('resource', 0) ?? '');
		operation = String(ctx.getNodeParameter('operation', 0) ?? '');
	} catch {
		// n8n cannot read the operation when the resource has none of that name: reported per item below.
	}
	const module = resources.find((entry) => entry.value === resource)?.module;
	const handler = module && Object.prototype.hasOwnProperty.call(module.operations, operation) ? module.operations[operation] : undefined;
	return { resource, operation, handler };
}

function unknownOperation(ctx: IExecuteFunctions, resource: string, operation: string, itemIndex: number): NodeOperationError {
	const entry = resources.find((candidate) => candidate.value === resource);
	if (!entry) {
		return new NodeOperationError(ctx.getNode(), `The resource "${resource}" is not supported`, {
			itemIndex,
			description: `Pick one of: ${resources.map((candidate) => candidate.name).join(', ')}. (The workflow may come from a newer or older version of this node.)`,
		});
	}
	return new NodeOperationError(
		ctx.getNode(),
		`The operation "${operation}" is not supported for ${entry.name}`,
		{
			itemIndex,
			description: `Pick one of: ${Object.keys(entry.module.operations).join(', ')}. (The workflow may come from a newer or older version of this node.)`,
		},
	);
}
