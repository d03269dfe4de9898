import type { INodeProperties } from 'n8n-workflow';

/** The package's page on Strava's API Policy and API Agreement, feature by feature. */
export const POLICY_PAGE_URL =
	'https://github.com/n8n-nodes-strava-api/n8n-nodes-strava-api/blob/main/docs/strava-api-policy.md';

/**
 * Shown only in the node's tool variant (n8n builds it as `stravaApiTool`; `@tool` is true there): Strava's API
 * Policy §5.3 names AI use of Strava data, so a user meets it where they attach the node to an agent.
 */
export const aiToolPolicyNotice: INodeProperties = {
	displayName: `Strava's API Policy (in force since 2026-06-01), section 5.3, does not allow Strava data to be used "in connection with the development, training, evaluation, or operation of any AI Application", and names "ingestion into a context window or working memory". Strava has not said how this applies to one athlete's own data. Read <a href="${POLICY_PAGE_URL}" target="_blank">what this means for an agent tool</a> before you use it.`,
	name: 'aiPolicyNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@tool': [true] } },
};
