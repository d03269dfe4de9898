import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { retiredDescription, retiredOperation } from '../../../shared/transport/platform';

/**
 * The execute of an operation whose endpoint Strava retired: it stays so saved workflows still open, and
 * fails for each item with the platform table's explanation, without a request.
 */
export function retiredExecute(resource: string, operation: string) {
	// Every caller names an operation of the table (test/transport/platform.engine.test.ts runs each one).
	const change = retiredOperation(resource, operation)!;
	return async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		throw new NodeOperationError(this.getNode(), change.message, { itemIndex, description: retiredDescription(change) });
	};
}
