import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** "Put Output File in Field" of an operation that outputs a file (route and activity exports). */
export function outputFileField(resource: string, operation: string, description?: string): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		...(description ? { description } : {}),
		displayOptions: { show: { resource: [resource], operation: [operation] } },
	};
}

/** The binary field the file goes into; an empty name is refused with what to enter. */
export function outputFileProperty(ctx: IExecuteFunctions, itemIndex: number): string {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!property) {
		throw new NodeOperationError(ctx.getNode(), 'The field "Put Output File in Field" is empty', {
			itemIndex,
			description: 'Enter the name of the binary field to put the file in, e.g. data.',
		});
	}
	return property;
}
