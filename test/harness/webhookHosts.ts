import type { INodeParameters } from 'n8n-workflow';

import { receivedInProcess } from '../../nodes/StravaApiTrigger/repeatedEvents';
import { webhookState } from '../sandbox';
import type { TestContext } from './setup';
import { WebhookHost, type WebhookHostOptions } from './webhookServer';

/**
 * The webhook-trigger test files' way to start n8n hosts: each host started in a test is stopped after it,
 * the sandbox's push-subscription state and faults are reset, and the process's memory of received events
 * is emptied (each test is a fresh n8n process). Returns `startHost(parameters, options)`.
 */
export function useWebhookHosts(t: TestContext, defaults: INodeParameters = {}) {
	const hosts: WebhookHost[] = [];
	afterEach(async () => {
		for (const host of hosts.splice(0)) await host.stop();
		const state = webhookState(t.sandbox);
		state.subscriptions.clear();
		state.validations.length = 0;
		state.nextValidationMode = undefined;
		state.beforeNextCreate = undefined;
		state.nextValidationToken = undefined;
		t.sandbox.faults = [];
		receivedInProcess.clear();
	});
	return async function startHost(
		parameters: INodeParameters = defaults,
		options: Omit<WebhookHostOptions, 'credentials' | 'parameters'> = {},
	): Promise<WebhookHost> {
		const host = await new WebhookHost({ credentials: t.credentials(), parameters, ...options }).start();
		hosts.push(host);
		return host;
	};
}
