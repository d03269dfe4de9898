import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';

/** What n8n hands a node's contexts (URLs, credentials helper); executions add their hooks and id. */
export function testAdditionalData(
	credentials: TestCredentialsHelper,
	webhookBaseUrl = 'http://localhost:5678/webhook',
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentials,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl,
		webhookWaitingBaseUrl: `${webhookBaseUrl}-waiting`,
		webhookTestBaseUrl: `${webhookBaseUrl}-test`,
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}
