// The notice on Strava's API Policy (§5.3, AI use) appears only in the node's tool variant, the one an AI Agent or
// an MCP Server Trigger gets. n8n builds that variant from the node's description (n8n 2.41's
// tool-generation/ai-tools.js: the type name plus "Tool") and shows `@tool: [true]` parameters only there.
import { readFileSync, readdirSync } from 'fs';
import path from 'path';

import { NodeHelpers, type INodeTypeDescription } from 'n8n-workflow';

import { POLICY_PAGE_URL } from '../../nodes/StravaApi/actions/shared/policyNotice';
import { StravaApi } from '../../nodes/StravaApi/StravaApi.node';

const root = path.resolve(__dirname, '../..');
const plain = new StravaApi().description;
/** What n8n registers for the node used as a tool (the parts of it that decide what is displayed). */
const tool: INodeTypeDescription = { ...plain, name: `${plain.name}Tool`, displayName: `${plain.displayName} Tool` };
const notice = plain.properties.find((property) => property.name === 'aiPolicyNotice')!;

const shown = (description: INodeTypeDescription, typeVersion: number) =>
	description.properties
		.filter((property) => property.type === 'notice')
		.filter((property) => NodeHelpers.displayParameter({ resource: 'activity', operation: 'getAll' }, property, { typeVersion }, description))
		.map((property) => property.name);

test.each([1, 2])('the policy notice is shown in the tool variant only (node version %i)', (typeVersion) => {
	expect(shown(tool, typeVersion)).toContain('aiPolicyNotice');
	expect(shown(plain, typeVersion)).not.toContain('aiPolicyNotice');
});

test('the notice names §5.3 and links the policy page, which exists', () => {
	expect(notice.type).toBe('notice');
	expect(notice.displayName).toMatch(/section 5\.3/);
	expect(notice.displayName).toContain('"ingestion into a context window or working memory"');
	expect(notice.displayName).toContain(`href="${POLICY_PAGE_URL}"`);
	expect(POLICY_PAGE_URL.endsWith('/blob/main/docs/strava-api-policy.md')).toBe(true);
	expect(readFileSync(path.join(root, 'docs/strava-api-policy.md'), 'utf8')).toMatch(/^# /);
});

test("the README's AI section opens with the policy point and links the page", () => {
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	const section = readme.split('\n## Use with the AI Agent\n')[1].split('\n## ')[0];
	const firstParagraph = section.trim().split('\n\n')[0];
	expect(firstParagraph).toContain('(docs/strava-api-policy.md)');
	expect(firstParagraph).toMatch(/5\.3/);
});

/**
 * What in a workflow keeps Strava data, shows it to someone or hands it to a model: a Data Table, a file written, an
 * HTTP request (a chat message), an MCP server or an AI agent. Reading local files to upload them is none of these.
 */
function handlesStravaData(node: { type: string; parameters: Record<string, unknown> }): boolean {
	if (node.type === 'n8n-nodes-base.readWriteFile') return node.parameters.operation === 'write';
	return /\.(dataTable|httpRequest|mcpTrigger|agent|googleSheets|slack|discord|telegram|emailSend|gmail)$/.test(node.type);
}

test.each(readdirSync(path.join(root, 'examples')).filter((file) => file.endsWith('.json')))(
	'%s: a workflow that stores, shares or feeds Strava data to a model has a sticky note naming the rule and linking the page',
	(file) => {
		const workflow = JSON.parse(readFileSync(path.join(root, 'examples', file), 'utf8')) as {
			nodes: Array<{ type: string; parameters: Record<string, unknown> }>;
		};
		const stickies = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').map((node) => String(node.parameters.content));
		const policyNotes = stickies.filter((content) => content.includes(`(${POLICY_PAGE_URL})`));
		if (workflow.nodes.some(handlesStravaData)) {
			expect(policyNotes).toHaveLength(1);
			expect(policyNotes[0]).toMatch(/section 5\.[345]|API Agreement/);
		} else {
			expect(policyNotes).toEqual([]);
		}
	},
);

test('the example that keeps history deletes rows older than keepDays, 7 by default', () => {
	const workflow = JSON.parse(readFileSync(path.join(root, 'examples/sync-new-activities.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; parameters: Record<string, any> }>;
	};
	const settings = workflow.nodes.find((node) => node.name === 'Settings')!.parameters.assignments.assignments as Array<{ name: string; value: unknown }>;
	expect(settings.find((entry) => entry.name === 'keepDays')?.value).toBe(7);
	const expire = workflow.nodes.find((node) => node.name === 'Delete expired rows')!;
	expect(expire.parameters).toMatchObject({ resource: 'row', operation: 'deleteRows' });
	expect(expire.parameters.filters.conditions).toEqual([expect.objectContaining({ keyName: 'start_date', condition: 'lt' })]);
});
