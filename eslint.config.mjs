import { configs as communityConfigs } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// n8n's own community-node rules, on what n8n's package scanner checks: nodes/, credentials/, package.json.
// `n8n-node lint` runs `eslint .` with this file: the development tooling (tests, benchmarks, scripts such as
// the demo, which starts processes and reads the environment as a dev tool must) is not shipped and not linted
// with the node rules.
export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'scripts/**', '.e2e/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.credentials.rules },
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.nodes.rules },
	},
	{ ...communityConfigs.recommended, files: ['**/*.ts', 'package.json'] },
	{
		// Older n8n-nodes-base rules that contradict the community rules (which want NodeConnectionTypes and a
		// documentation URL) or misread helper modules as node classes.
		files: ['**/*.ts'],
		rules: {
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
];
