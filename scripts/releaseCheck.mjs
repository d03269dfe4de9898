#!/usr/bin/env node
/**
 * What a release would publish, checked before it is published (`npm run release:check`, after `npm run build`):
 *  1. `npm pack`: the tarball holds exactly package.json, README.md, LICENSE, CHANGELOG.md, the `main` entry and
 *     the built nodes and credential under dist/ (JavaScript, icons, codex files): no sources, tests, type
 *     declarations or source maps. Prints its size and file list.
 *  2. Every path in package.json's `n8n` section is in the tarball and loads from the unpacked tarball (with
 *     n8n-workflow, the peer dependency, from this repository): a node exports its class with a description,
 *     the credential its class with a name, and every `file:` icon they name is in the tarball.
 *  3. `npm publish --dry-run` succeeds.
 *  4. .github/workflows/ci.yml and publish.yml validate against GitHub's workflow schema (@action-validator/cli).
 * Prints ok/FAIL per check and exits 1 on any failure.
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

let failures = 0;
function check(name, ok, detail = '') {
	if (!ok) failures++;
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
	return ok;
}

/** The files the tarball must hold besides dist/. */
const TOP_LEVEL = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', pkg.main];
/** What dist/ may hold: compiled JavaScript, icons and the nodes' codex files (<Node>.node.json). */
const DIST_FILE = /^dist\/(nodes|credentials)\/.+\.(js|svg|png|node\.json)$/;

/** Loads one n8n entry the way n8n does (require, then the class named after the file) and checks its icons. */
const LOAD_PROBE = `
const fs = require('fs');
const path = require('path');
const [file, kind] = process.argv.slice(1);
const className = path.basename(file).replace(/\\.(node|credentials)\\.js$/, '');
const Class = require(file)[className];
if (typeof Class !== 'function') throw new Error('exports no class ' + className);
const instance = new Class();
const description = kind === 'node' ? (instance.description ?? instance.nodeVersions?.[instance.currentVersion]?.description) : instance;
if (!description || !description.name) throw new Error('no ' + (kind === 'node' ? 'description' : 'name'));
const icons = typeof description.icon === 'string' ? [description.icon] : Object.values(description.icon ?? {});
for (const icon of icons) {
	if (typeof icon === 'string' && icon.startsWith('file:') && !fs.existsSync(path.join(path.dirname(file), icon.slice(5)))) {
		throw new Error('icon ' + icon + ' is not in the tarball');
	}
}
console.log(description.name);
`;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

if (!existsSync(path.join(root, 'dist'))) {
	console.error('dist/ is missing: run `npm run build` first.');
	process.exit(1);
}

// 1. The tarball.
const work = mkdtempSync(path.join(tmpdir(), 'strava-release-'));
try {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
	);
	const files = packed.files.map((file) => file.path).sort();
	console.log(`${packed.filename}: ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${files.length} files`);
	for (const file of packed.files.sort((a, b) => a.path.localeCompare(b.path))) console.log(`  ${String(file.size).padStart(8)}  ${file.path}`);

	const missing = TOP_LEVEL.filter((file) => !files.includes(file));
	check('tarball has package.json, README.md, LICENSE, CHANGELOG.md and the main entry', missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : '');
	const unexpected = files.filter((file) => !TOP_LEVEL.includes(file) && !DIST_FILE.test(file));
	check('tarball has nothing else but dist/ JavaScript, icons and codex files (no sources, tests, .d.ts or maps)', unexpected.length === 0, unexpected.join(', '));

	// 2. The n8n section, from the unpacked tarball.
	execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
	const unpacked = path.join(work, 'package');
	const entries = [
		...(pkg.n8n?.nodes ?? []).map((file) => ({ file, kind: 'node' })),
		...(pkg.n8n?.credentials ?? []).map((file) => ({ file, kind: 'credential' })),
	];
	check('package.json n8n section lists nodes and credentials', entries.length > 0 && pkg.n8n?.n8nNodesApiVersion === 1);
	for (const { file, kind } of entries) {
		if (!check(`${file} is in the tarball`, files.includes(file))) continue;
		// A child process, so that n8n-workflow resolves from this repository and nothing else leaks in.
		const probe = spawnSync(process.execPath, ['-e', LOAD_PROBE, path.join(unpacked, file), kind], {
			env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
			encoding: 'utf8',
		});
		check(`${file} loads (${kind})`, probe.status === 0, (probe.stdout + probe.stderr).trim().split('\n').slice(-3).join(' | '));
	}

	// 3. What npm publish would do (nothing is sent with --dry-run).
	const dryRun = spawnSync('npm', ['publish', '--dry-run', '--access', 'public'], { cwd: root, encoding: 'utf8' });
	check('npm publish --dry-run', dryRun.status === 0, dryRun.status === 0 ? '' : (dryRun.stderr || dryRun.stdout).trim().split('\n').slice(-5).join(' | '));
} finally {
	rmSync(work, { recursive: true, force: true });
}

// 4. The workflow files against GitHub's workflow schema.
for (const workflow of ['.github/workflows/ci.yml', '.github/workflows/publish.yml']) {
	if (!check(`${workflow} exists`, existsSync(path.join(root, workflow)))) continue;
	const validated = spawnSync(path.join(root, 'node_modules/.bin/action-validator'), [workflow], { cwd: root, encoding: 'utf8' });
	check(`${workflow} validates (action-validator)`, validated.status === 0, (validated.stdout + validated.stderr).trim());
}

console.log(failures ? `release check: ${failures} failed` : 'release check: all passed');
process.exitCode = failures ? 1 : 0;
