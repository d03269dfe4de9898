import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** Runs one operation for one input item; the router adds pairedItem and continueOnFail handling. */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

export interface ResourceModule {
	/** The `operation` selector and every operation's fields, with displayOptions for this resource. */
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
}
