#!/usr/bin/env node
/**
 * n8n's community package scanner (`@n8n/scan-community-package`), run locally the way n8n runs it on a
 * published package: its own ESLint config with inline config disabled (an `eslint-disable` comment does not
 * count), first on the sources (package.json, nodes/, credentials/), then on what `npm pack` ships
 * (compiled `.js` and the packed package.json). Prints every error and exits 1 on any.
 *
 *   npm run lint:scanner               # builds, packs, scans both
 *   node scripts/scan.mjs --no-build   # packs the dist/ already there
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { fileURLToPath } from 'url';

/** What the scanner lints in the tarball it downloads (see analyzePackageByName). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = !process.argv.includes('--no-build');

function run(command, args, cwd) {
	execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

function report(label, result) {
	if (result.passed) {
		console.log(`ok   scanner: ${label}${result.message ? ` (${result.message})` : ''}`);
		return true;
	}
	console.log(`FAIL scanner: ${label}: ${result.message}`);
	if (result.details) console.log(result.details.trimEnd());
	return false;
}

async function main() {
	const work = mkdtempSync(path.join(tmpdir(), 'strava-scan-'));
	let passed = true;
	try {
		// The scanner makes a temp folder when it loads (for downloads we do not use): make it inside ours.
		const savedTmp = process.env.TMPDIR;
		process.env.TMPDIR = work;
		const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		if (savedTmp === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = savedTmp;

		passed = report('sources (package.json, nodes/, credentials/)', await analyzePackage(root, SOURCE_FILE_PATTERNS)) && passed;

		if (build) run('npm', ['run', 'build', '--silent'], root);
		const packDir = path.join(work, 'pack');
		mkdirSync(packDir);
		run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], root);
		const tarball = readdirSync(packDir).find((file) => file.endsWith('.tgz'));
		if (!tarball) throw new Error('npm pack wrote no tarball');
		const packageDir = path.join(work, 'package');
		mkdirSync(packageDir);
		run('tar', ['-xzf', path.join(packDir, tarball), '-C', packageDir, '--strip-components=1'], work);
		passed = report(`packed tarball ${tarball} (compiled .js, package.json)`, await analyzePackage(packageDir, TARBALL_FILE_PATTERNS)) && passed;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	if (!passed) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
