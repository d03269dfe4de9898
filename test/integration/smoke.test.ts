import { startSandbox, seedActivities, type StravaSandbox } from '../sandbox';
import { credentialData, nodeTypes, runWorkflow, TestCredentialsHelper } from '../harness';

let sandbox: StravaSandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
	seedActivities(sandbox, 3);
});
afterAll(async () => sandbox.stop());

test('smoke', async () => {
	const token = sandbox.issueToken();
	const creds = new TestCredentialsHelper(credentialData(sandbox, token.tokenData), nodeTypes);
	const result = await runWorkflow(creds, { parameters: { resource: 'request', operation: 'get', path: '/athlete/activities' } });
	console.log(result.error, result.items.length, sandbox.log.map((l) => `${l.method} ${l.path} ${l.status}`));
	expect(result.items).toHaveLength(3);
});
