import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/**
 * Which URL Strava calls, seen from each n8n context (n8n 2.x):
 * - webhook methods (checkExists/create/delete) run in a HookContext whose `getNodeWebhookUrl` follows the
 *   webhook registration: the Test URL (`…/webhook-test/…`) while the editor listens for a test event,
 *   the Production URL (`…/webhook/…`) for a published workflow;
 * - in `webhook()` (WebhookContext), `getNodeWebhookUrl` is always the Production URL, whichever endpoint
 *   the request arrived on; `getWebhookResourceUrl` is the endpoint actually served. Older n8n versions
 *   have no `getWebhookResourceUrl`, and there `getNodeWebhookUrl` itself followed the endpoint served.
 */
export function hookCallbackUrl(ctx: IHookFunctions): string {
	return ctx.getNodeWebhookUrl('default') ?? '';
}

/** The callback URL this request arrived on (Test URL or Production URL). */
export function servedCallbackUrl(ctx: IWebhookFunctions): string {
	const served = (ctx as Partial<Pick<IWebhookFunctions, 'getWebhookResourceUrl'>>).getWebhookResourceUrl;
	if (typeof served === 'function') return served.call(ctx, 'default') ?? '';
	return ctx.getNodeWebhookUrl('default') ?? '';
}

/** The Production URL of this node, whichever endpoint the request arrived on. */
export function productionCallbackUrl(ctx: IWebhookFunctions): string {
	return ctx.getNodeWebhookUrl('default') ?? '';
}

/** Whether the editor is listening for a test event (n8n runs the webhook methods in "manual" mode then). */
export function isTestListening(ctx: IHookFunctions): boolean {
	return ctx.getMode() === 'manual';
}

/**
 * Whether a callback URL is one of this trigger node's webhook URLs at any base address: its Test URL,
 * its Production URL, or either of them under an earlier public address of n8n. The path after n8n's
 * base (`<webhookId>/webhook`) is unique to the node.
 */
export function isThisNodesUrl(ctx: IHookFunctions, callbackUrl: string): boolean {
	const node = ctx.getNode();
	const workflowId = String(ctx.getWorkflow().id ?? '');
	const nodePath = NodeHelpers.getNodeWebhookPath(workflowId, node, 'webhook');
	try {
		return new URL(callbackUrl).pathname.endsWith(`/${nodePath}`);
	} catch {
		return false;
	}
}

/** Why Strava cannot reach this URL at all, when that can be seen from the URL itself. */
export function unreachableHint(callbackUrl: string): string {
	let url: URL;
	try {
		url = new URL(callbackUrl);
	} catch {
		return `"${callbackUrl}" is not a valid URL.`;
	}
	// (an IPv6 hostname comes in brackets: [::1])
	const host = url.hostname.replace(/[[\]]/g, '').toLowerCase();
	const isPrivate =
		host === '0.0.0.0' ||
		host === '::1' ||
		host.endsWith('.local') ||
		host.endsWith('.internal') ||
		host.endsWith('.localhost') ||
		/^127\./.test(host) ||
		/^10\./.test(host) ||
		/^192\.168\./.test(host) ||
		/^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
		/^169\.254\./.test(host) ||
		// a single-label name: localhost, a container or machine name
		(!host.includes('.') && !host.includes(':'));
	const hints: string[] = [];
	if (isPrivate) hints.push(`${host} is a private address that Strava's servers cannot reach`);
	if (url.protocol !== 'https:') hints.push('it is not https');
	return hints.length ? `The URL cannot work as it is: ${hints.join(', and ')}.` : '';
}
