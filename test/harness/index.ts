export { TestCredentialsHelper } from './credentials';
export { nodeTypes, registerNodeType } from './nodes';
export { runWorkflow, credentialData, CREDENTIAL, type RunResult, type RunOptions } from './workflow';
export { useSandbox, ALL_SCOPES, type TestContext } from './setup';
