/**
 * Editor test: what a new user clicks in a real n8n (2.41.1 on Node 24, `n8n start` on 127.0.0.1) with the
 * packed package installed, driven in Debian's chromium by puppeteer-core, against the local Strava sandbox
 * (CREDENTIALS_OVERWRITE_DATA points the credential's hidden `server` at it):
 *   1. owner account setup;
 *   2. the package's credential: Client ID and Client Secret only, Connect, the sandbox's authorize page in
 *      the popup, "Account connected" (the authorize request must carry a scope);
 *   3. "Strava API" from the nodes panel, an activity picked "From list", Execute step, the output;
 *   4. "Strava API Trigger": listen for a test event, a push event from the sandbox, the event in the output;
 *   5. "Strava API New Activity Trigger": Fetch Test Event.
 * Screenshots go to docs/images/. Prints ok/FAIL lines; exits 1 on any failure.
 * Run with `npm run test:e2e` (after install-n8n.sh), or alone:
 *   node -r ts-node/register/transpile-only test/e2e/editor.ts
 * EDITOR_HEADFUL=1 shows the browser (needs a display); EDITOR_SLOWMO=ms slows it down.
 */
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import path from 'path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';

import { currentSubscription, pushEvent, seedActivities, startSandbox, webhookState, type StravaSandbox } from '../sandbox';
import { installPackage, Report, root, startN8n, type N8nServer } from './n8nRuntime';

const home = path.join(root, '.e2e/editor-home');
const images = path.join(root, 'docs/images');
const artifacts = path.join(root, '.e2e/editor');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CREDENTIAL_TYPE = 'stravaV3OAuth2Api';
const owner = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Runner', password: 'E2e-Passw0rd' };

const report = new Report();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tid = (id: string) => `[data-test-id="${id}"]`;

/** What the page functions read of an element (the tests compile without the DOM library). */
type Shown = { innerText: string };

let page: Page;
let browser: Browser;

/** Waits for a visible element and clicks it. */
async function click(selector: string, timeout = 15_000) {
	await page.locator(selector).setTimeout(timeout).click();
}

/**
 * Clicks into a visible input once it has stopped moving (n8n's panels slide in, slower on a busy machine:
 * a click mid-animation misses), selects what it holds and types `text`.
 */
async function type(selector: string, text: string) {
	await page.locator(selector).setTimeout(15_000).setWaitForStableBoundingBox(true).click();
	await page.keyboard.down('Control');
	await page.keyboard.press('a');
	await page.keyboard.up('Control');
	await page.keyboard.type(text);
}

/**
 * Clicks an element handle, retrying while it is still moving or covered (panels animating in on a busy
 * machine make puppeteer answer "Node is either not clickable or not an Element").
 */
async function press(element: ElementHandle | null | undefined, attempts = 8) {
	if (!element) throw new Error('nothing to click');
	for (let attempt = 1; ; attempt++) {
		try {
			await element.scrollIntoView().catch(() => undefined);
			await element.click();
			return;
		} catch (error) {
			if (attempt >= attempts || !/not clickable|not an Element|detached/i.test((error as Error).message)) throw error;
			await sleep(400);
		}
	}
}

/** The first visible element matching `selector` whose trimmed text satisfies `match`. */
async function findByText(selector: string, match: (text: string) => boolean, timeout = 15_000): Promise<ElementHandle> {
	const deadline = Date.now() + timeout;
	const seen = new Set<string>();
	while (Date.now() < deadline) {
		for (const element of await page.$$(selector)) {
			const { text, visible } = await element.evaluate((el) => ({ text: (el as unknown as Shown).innerText?.trim() ?? '', visible: el.getClientRects().length > 0 }));
			if (!visible) continue;
			seen.add(text.split('\n')[0]);
			if (match(text)) return element;
		}
		await sleep(250);
	}
	throw new Error(`no ${selector} matching; saw: ${[...seen].join(' | ') || 'none'}`);
}

/** Texts of n8n's toasts on screen (errors explain most failures). */
async function toasts(): Promise<string[]> {
	return page.$$eval('.el-notification', (els) => els.map((el) => (el as unknown as Shown).innerText.replace(/\s+/g, ' ').trim()));
}

async function shot(name: string, target: Page = page) {
	await target.screenshot({ path: path.join(images, name) as `${string}.png` });
}

/** On failure: a screenshot and the page's test ids under .e2e/editor/, for the one who reads the log. */
async function keepEvidence(step: string) {
	try {
		await page.screenshot({ path: path.join(artifacts, `${step}.png`) as `${string}.png` });
		const ids = await page.$$eval('[data-test-id]', (els) => [...new Set(els.filter((el) => el.getClientRects().length).map((el) => el.getAttribute('data-test-id')))].join(' '));
		writeFileSync(path.join(artifacts, `${step}.txt`), `${page.url()}\n${ids}\n`);
	} catch {
		// the page may be gone
	}
}

/** Runs a step with a time limit; a thrown error becomes a FAIL line with its message and the toasts. */
async function step(name: string, timeoutMs: number, body: () => Promise<void>): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			body(),
			new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs))),
		]);
		return true;
	} catch (error) {
		const notes = await toasts().catch(() => []);
		report.check(name, false, `${(error as Error).message.split('\n')[0]}${notes.length ? ` [n8n says: ${notes.join(' / ')}]` : ''}`);
		await keepEvidence(name.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
		return false;
	} finally {
		clearTimeout(timer);
	}
}

/** The output panel in JSON mode, whitespace collapsed. */
async function outputJson(): Promise<string> {
	const json = await page.$(`${tid('output-panel')} ${tid('radio-button-json')}`);
	if (json) await press(json);
	await sleep(300);
	const container = await page.waitForSelector(`${tid('output-panel')} ${tid('ndv-data-container')}`, { visible: true, timeout: 10_000 });
	return (await container!.evaluate((el) => (el as unknown as Shown).innerText)).replace(/\s+/g, ' ');
}

/** Waits until the output panel's JSON satisfies `match`, or fails with what it shows (and n8n's toasts). */
async function waitForOutput(match: (json: string) => boolean, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		if (await page.$(`${tid('output-panel')} ${tid('ndv-data-container')}`)) {
			last = await outputJson().catch(() => last);
			if (match(last)) return last;
		}
		const errors = (await toasts()).filter((text) => /problem|error|failed/i.test(text));
		if (errors.length) throw new Error(`n8n reported: ${errors.join(' / ')}`);
		await sleep(500);
	}
	throw new Error(`output did not show the expected data; it shows: ${last.slice(0, 300) || 'nothing'}`);
}

/** A new workflow with the nodes panel open and "Strava" typed in its search. */
async function openNodesPanelInNewWorkflow(n8n: N8nServer) {
	await page.goto(`${n8n.url}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await click(tid('node-creator-plus-button'));
	await type(tid('node-creator-search-bar'), 'Strava');
}

/** A node-creator item by node type (the panel groups a node and its trigger under one name). */
const creatorItem = (nodeType: string) => `${tid('node-creator')} [data-keyboard-nav-id^="n8n-nodes-strava-api.${nodeType}-"]`;

async function closeNdv() {
	const close = await page.$(tid('ndv-close-button'));
	if (close) await press(close);
	await sleep(500);
}

async function main() {
	let sandbox: StravaSandbox | undefined;
	let n8n: N8nServer | undefined;
	const started = Date.now();
	const timings: string[] = [];
	try {
		mkdirSync(images, { recursive: true });
		rmSync(artifacts, { recursive: true, force: true });
		mkdirSync(artifacts, { recursive: true });
		rmSync(home, { recursive: true, force: true });
		installPackage(home);
		timings.push(`build+pack+install ${Math.round((Date.now() - started) / 1000)} s`);
		sandbox = await startSandbox();
		const activities = seedActivities(sandbox, 12);
		const picked = activities[3];
		const newest = activities[0];
		n8n = await startN8n(home, { CREDENTIALS_OVERWRITE_DATA: JSON.stringify({ [CREDENTIAL_TYPE]: { server: sandbox.url } }) });
		writeFileSync(path.join(artifacts, 'urls.txt'), `n8n ${n8n.url}\nsandbox ${sandbox.url}\n`);
		timings.push(`n8n start ${Math.round((Date.now() - started) / 1000)} s`);

		browser = await puppeteer.launch({
			executablePath: chromium,
			headless: !process.env.EDITOR_HEADFUL,
			slowMo: Number(process.env.EDITOR_SLOWMO ?? 0),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-quic',
				`--user-data-dir=${path.join(artifacts, 'profile')}`,
			],
		});
		page = await browser.newPage();
		await page.setViewport({ width: 1440, height: 900 });
		page.setDefaultTimeout(20_000);
		page.on('dialog', (dialog) => void dialog.accept());

		// 1. Owner account.
		await step('owner account set up', 60_000, async () => {
			await page.goto(n8n!.url, { waitUntil: 'domcontentloaded' });
			await page.waitForSelector(tid('setup-form'), { visible: true });
			await type(`${tid('email')} input`, owner.email);
			await type(`${tid('firstName')} input`, owner.firstName);
			await type(`${tid('lastName')} input`, owner.lastName);
			await type(`${tid('password')} input`, owner.password);
			await click(tid('form-submit-button'));
			await page.waitForFunction(() => !(globalThis as unknown as { location: { pathname: string } }).location.pathname.startsWith('/setup'), { timeout: 20_000 });
			report.check('owner account set up', true, new URL(page.url()).pathname);
		});

		// 2. Credential: Client ID and Secret only, Connect, authorize in the popup.
		let connected = false;
		await step('credential connected through the sandbox authorize page', 90_000, async () => {
			const types = await page.evaluate(async () => (await fetch('/types/credentials.json')).json() as Promise<Array<{ name: string; displayName: string }>>);
			const ours = types.find((entry) => entry.name === CREDENTIAL_TYPE);
			if (!ours) throw new Error(`n8n does not know the credential type ${CREDENTIAL_TYPE}`);
			await page.goto(`${n8n!.url}/home/credentials/create`, { waitUntil: 'domcontentloaded' });
			// Type the whole name, so that the list shrinks to our type, pick it, and wait for the list to close
			// (while open it covers the Continue button).
			await type(`${tid('new-credential-type-select')} input`, ours.displayName);
			const option = await findByText(tid('new-credential-type-select-option'), (text) => text === ours.displayName);
			await press(option);
			const listClosed = await page
				.waitForFunction(
					(selector: string) =>
						![...(globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ getClientRects(): { length: number } }> } }).document.querySelectorAll(selector)].some((el) => el.getClientRects().length),
					{ timeout: 3_000 },
					tid('new-credential-type-select-option'),
				)
				.then(() => true, () => false);
			if (!listClosed) await page.keyboard.press('Enter');
			const chosen = await page.$eval(`${tid('new-credential-type-select')} input`, (el) => (el as unknown as { value: string }).value);
			if (chosen !== ours.displayName) throw new Error(`the credential type picked is "${chosen}", not "${ours.displayName}"`);
			await click(tid('new-credential-type-button'));
			await type(`${tid('parameter-input-clientId')} input`, sandbox!.state.clientId);
			await type(`${tid('parameter-input-clientSecret')} input`, sandbox!.state.clientSecret);
			await sleep(300);
			await shot('editor-credential.png');

			sandbox!.clearLog();
			const popupTarget = browser.waitForTarget((target) => target.url().startsWith(`${sandbox!.url}/oauth/authorize`), { timeout: 20_000 });
			await click(`${tid('editCredential-modal')} ${tid('quick-connect-button')}, ${tid('editCredential-modal')} ${tid('oauth-connect-button')}`);
			const popup = (await (await popupTarget).page())!;
			const authorize = sandbox!.log.find((entry) => entry.method === 'GET' && entry.path === '/oauth/authorize');
			const scope = authorize?.query.scope ?? '';
			report.check('the authorize request carries a scope', scope.length > 0, `scope=${JSON.stringify(scope)}`);
			const button = await popup.waitForSelector(tid('authorize'), { visible: true, timeout: 10_000 }).catch(() => null);
			if (!button) throw new Error(`the popup shows no authorize page: ${(await popup.evaluate(() => (globalThis as unknown as { document: { body: Shown } }).document.body.innerText)).slice(0, 300)}`);
			await popup.setViewport({ width: 900, height: 640 });
			await shot('editor-authorize.png', popup);
			const closed = new Promise<void>((resolve) => popup.once('close', () => resolve()));
			await press(button);
			await Promise.race([closed, sleep(15_000)]);
			const banner = await page.waitForSelector(tid('oauth-connect-success-banner'), { visible: true, timeout: 15_000 }).catch(() => null);
			const text = banner ? (await banner.evaluate((el) => (el as unknown as Shown).innerText)).split('\n')[0].trim() : '';
			const exchanged = sandbox!.log.some((entry) => entry.path === '/oauth/token' && entry.status === 200);
			connected = /Account connected/i.test(text) && exchanged;
			await shot('editor-credential-connected.png');
			report.check('credential connected through the sandbox authorize page', connected, connected ? `"${ours.displayName}": ${text}` : `banner: ${JSON.stringify(text)}; token exchange: ${exchanged}; ${sandbox!.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).join(', ')}`);
			await click(`${tid('editCredential-modal')} .el-dialog__headerbtn`);
		});

		const needsCredential = (name: string) => {
			if (connected) return false;
			report.check(name, false, 'skipped: needs the credential that step 2 connects');
			return true;
		};

		// 3. Strava API: an activity from the list, Execute step, the output.
		if (!needsCredential('Strava API: Get an activity picked From list, Execute step')) await step('Strava API: Get an activity picked From list, Execute step', 90_000, async () => {
			await openNodesPanelInNewWorkflow(n8n!);
			await click(creatorItem('stravaApi'));
			// The panel groups the node with its trigger; on an empty canvas the actions sit under a collapsed "Actions".
			const actionItem = () => findByText(`${tid('node-creator')} ${tid('item-iterator-item')}`, (text) => text === 'Get an activity', 3_000);
			let action = await actionItem().catch(() => undefined);
			if (!action) {
				await press(await findByText(`${tid('node-creator')} ${tid('node-creator-category-item')}`, (text) => text.startsWith('Actions')));
				action = await actionItem();
			}
			await press(action);
			await page.waitForSelector(tid('ndv'), { visible: true });
			const modeInput = `${tid('resource-locator-activityId')} ${tid('rlc-mode-selector')} input`;
			const mode = () => page.$eval(modeInput, (el) => (el as unknown as { value: string }).value);
			if ((await mode()) !== 'From list') {
				await click(`${tid('resource-locator-activityId')} ${tid('rlc-mode-selector')}`);
				await press(await findByText('.el-select-dropdown__item', (text) => text === 'From list'));
			}
			if ((await mode()) !== 'From list') throw new Error(`the Activity locator's mode is "${await mode()}", not "From list"`);
			await click(`${tid('resource-locator-activityId')} ${tid('rlc-input')}`);
			const item = await findByText(tid('rlc-item'), (text) => text.startsWith(String(picked.name)), 20_000);
			const label = await item.evaluate((el) => (el as unknown as Shown).innerText.trim());
			await press(item);
			sandbox!.clearLog();
			await click(tid('node-execute-button'));
			const json = await waitForOutput((text) => text.includes(`"name": "${picked.name}"`), 30_000);
			await shot('editor-get-activity.png');
			const fetched = sandbox!.apiCalls(`/activities/${picked.id}`).some((entry) => entry.status === 200);
			report.check('Strava API: Get an activity picked From list, Execute step', fetched && json.includes(`"id": ${picked.id}`), `picked "${label}", output ${json.includes(`"id": ${picked.id}`) ? `has id ${picked.id}` : json.slice(0, 200)}; GET /activities/${picked.id}: ${fetched}`);
			await closeNdv();
		});

		// 4. Strava API Trigger: listen, the sandbox pushes an event once the subscription exists.
		if (!needsCredential('Strava API Trigger: test event from a push')) await step('Strava API Trigger: test event from a push', 90_000, async () => {
			await openNodesPanelInNewWorkflow(n8n!);
			await click(creatorItem('stravaApi'));
			await click(creatorItem('stravaApiTrigger'));
			await page.waitForSelector(tid('ndv'), { visible: true });
			sandbox!.clearLog();
			webhookState(sandbox!).validations.length = 0;
			await click(tid('node-execute-button'));
			const deadline = Date.now() + 30_000;
			let subscription = currentSubscription(sandbox!);
			while (!subscription && Date.now() < deadline) {
				const errors = (await toasts()).filter((text) => /problem|error|failed/i.test(text));
				if (errors.length) break;
				await sleep(250);
				subscription = currentSubscription(sandbox!);
			}
			if (!subscription) {
				const validation = webhookState(sandbox!).validations.at(-1);
				await shot('editor-webhook-trigger.png');
				throw new Error(
					`no push subscription was created${validation ? `; the validation GET to ${validation.url} answered ${validation.status} ${JSON.stringify(validation.body)}` : ''}; sandbox saw ${sandbox!.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).join(', ')}`,
				);
			}
			await page.waitForSelector(tid('trigger-listening'), { visible: true, timeout: 5_000 }).catch(() => undefined);
			const sent = await pushEvent(sandbox!, { object_type: 'activity', aspect_type: 'create', object_id: picked.id as number });
			const json = await waitForOutput((text) => text.includes(`"object_id": ${picked.id}`), 20_000);
			await shot('editor-webhook-trigger.png');
			report.check('Strava API Trigger: test event from a push', sent.status === 200 && json.includes('"aspect_type": "create"'), `subscription ${subscription.id} → ${subscription.callback_url}; event acknowledged ${sent.status} in ${sent.ms} ms; output ${json.slice(0, 160)}`);
			await closeNdv();
		});

		// 5. Strava API New Activity Trigger: Fetch Test Event.
		if (!needsCredential('Strava API New Activity Trigger: Fetch Test Event')) await step('Strava API New Activity Trigger: Fetch Test Event', 60_000, async () => {
			await openNodesPanelInNewWorkflow(n8n!);
			await click(creatorItem('stravaApiNewActivityTrigger'));
			// A node with triggers only opens its details in the panel, with "Add to workflow".
			const add = await findByText(`${tid('node-creator')} button`, (text) => text === 'Add to workflow', 5_000).catch(() => undefined);
			if (add) await press(add);
			await page.waitForSelector(tid('ndv'), { visible: true });
			const button = await page.waitForSelector(tid('node-execute-button'), { visible: true });
			const label = await button!.evaluate((el) => (el as unknown as Shown).innerText.trim());
			sandbox!.clearLog();
			await press(button);
			const json = await waitForOutput((text) => text.includes(`"name": "${newest.name}"`), 30_000);
			await shot('editor-new-activity-trigger.png');
			report.check('Strava API New Activity Trigger: Fetch Test Event', json.includes(`"id": ${newest.id}`), `"${label}" → the newest activity, ${newest.name}; ${sandbox!.apiCalls().length} API request(s)`);
			await closeNdv();
		});
	} catch (error) {
		report.check('editor test ran', false, (error as Error).message.split('\n').slice(0, 12).join('\n'));
		if (page) await keepEvidence('fatal');
	} finally {
		await browser?.close().catch(() => undefined);
		if (n8n) writeFileSync(path.join(artifacts, 'n8n.log'), n8n.output());
		await n8n?.stop();
		await sandbox?.stop();
	}
	timings.push(`done ${Math.round((Date.now() - started) / 1000)} s`);
	console.log(`editor test: ${timings.join(', ')}; screenshots in docs/images, evidence in .e2e/editor`);
	report.summary();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
