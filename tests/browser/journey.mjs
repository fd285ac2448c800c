// The whole journey of issue 6 in headless Chromium with JavaScript off:
// a submitter sends an allegation with a canary in its description; a
// reviewer logs in, reads the canary decrypted, asks for more
// information and writes to the submitter; the submitter opens the case
// with the return code, reads the message, adds a file, and the
// follow-up's receipt names the original as its parent; an editor
// records a communication that came from that submission (sent long
// enough ago to be past the publication delay) and a reply to it; the
// communication is then public: counted on the State's page and listed,
// with its reference, among the State's communications.
//
// Staff accounts are made with `portal user add` against the stack in
// STACK_VAR (or VAR). The editor's desk pages, which check.mjs cannot
// reach without a session, are then checked here the same way (axe-core
// and the Nu Html Checker), in Arabic and English, one test each.
// Ends with "browser: N passed, N failed".
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.PORTAL_URL || 'http://127.0.0.1:8091';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VAR = process.env.STACK_VAR || process.env.VAR || join(ROOT, 'var', 'test');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
	'--disable-component-update', '--no-first-run', '--disable-sync'];
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'vnu-jar',
	'build', 'dist', 'vnu.jar');
const PASSWORD = 'journey ' + randomBytes(12).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'portal-journey-'));

let passed = 0, failed = 0;

function portalEnv() {
	const env = { ...process.env, VAR, PORT: new URL(BASE).port };
	const out = execFileSync(join(ROOT, 'scripts', 'stack.sh'), ['env'],
		{ env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	for (const line of out.split('\n')) {
		const i = line.indexOf('=');
		if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
	}
	return env;
}

function addUser(role) {
	const login = 'j' + role.slice(0, 3) + randomBytes(4).toString('hex');
	const pass = readFileSync(join(VAR, 'secrets', 'operator-passphrase'), 'utf8').trim();
	execFileSync(join(ROOT, 'cgi', 'portal'), ['user', 'add', login, role],
		{ env: portalEnv(), input: `${PASSWORD}\n${pass}\n`, stdio: ['pipe', 'ignore', 'pipe'] });
	return login;
}

async function submit(click, page) {
	await Promise.all([page.waitForNavigation(), page.click(click)]);
	return page;
}

function expect(cond, what) {
	if (!cond) throw new Error(what);
}

async function newPage(browser) {
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	return { ctx, page: await ctx.newPage() };
}

async function login(page, who) {
	await page.goto(`${BASE}/en/desk/login`);
	await page.fill('#login', who);
	await page.fill('#password', PASSWORD);
	await submit('form button[type=submit]', page);
	expect(new URL(page.url()).pathname === '/en/desk', `login of ${who}: ${page.url()}`);
}

// The submitter: an allegation with the canary; its reference and code.
async function allegation(page, canary) {
	await page.goto(`${BASE}/en/submit`);
	await page.selectOption('#state', 'IRN');
	await page.fill('#summary', `Detained at dawn. ${canary}`);
	await page.check('#cdn-no');
	await page.check('#cpn-no');
	await submit('form[enctype] button[type=submit]', page);
	const code = (await page.textContent('.codevalue')).trim();
	const ref = (await page.textContent('pre.note')).match(/A-\d{4}-\d{6,}/)[0];
	expect(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/.test(code), 'no return code');
	return { ref, code };
}

async function review(page, ref, canary, message) {
	await page.goto(`${BASE}/en/desk/submissions/${ref}`);
	expect((await page.textContent('main')).includes(canary), 'canary not read decrypted');
	await page.selectOption('#status', 'more_information');
	await submit('form[action$="/status"] button', page);
	await page.fill('#message', message);
	await submit('form[action$="/message"] button', page);
	expect((await page.textContent('main')).includes(message), 'message not shown to staff');
}

async function followup(page, ref, code, message) {
	await page.goto(`${BASE}/en/followup`);
	await page.fill('#code', code);
	await submit('form button[type=submit]', page);
	const main = await page.textContent('main');
	expect(main.includes(message), 'the submitter does not see the message');
	expect(main.includes(ref), 'the submitter does not see the reference');
	const file = join(dir, 'followup.pdf');
	writeFileSync(file, '%PDF-1.4\n% more evidence\n');
	await page.fill('#information', 'The names of two witnesses.');
	await page.setInputFiles('#evidence', file);
	await submit('form[enctype] button[type=submit]', page);
	const receipt = await page.textContent('pre.note');
	expect(new RegExp(`^parent ${ref}$`, 'm').test(receipt), 'receipt does not name the parent');
}

async function record(page, ref, reference) {
	await page.goto(`${BASE}/en/desk/communications`);
	await page.fill('#reference', reference);
	await page.selectOption('#type', 'AL');
	await page.fill('#sent_on', '2024-01-10');
	await page.selectOption('#state', 'IRN');
	await page.selectOption('#mandate', ['torture']);
	await page.fill('#summary', 'Alleged arbitrary detention of a journalist.');
	await page.fill('#submissions', ref);
	await submit('main form[method=post]:not(.desk-bar) button[type=submit]', page);
	expect(/\/en\/desk\/communications\/\d+$/.test(page.url()), `not recorded: ${page.url()}`);
	const id = page.url().split('/').pop();
	await page.fill('#received_on', '2024-02-20');
	await page.selectOption('#classification', 'rejected_unsubstantiated');
	await page.fill('#summary', 'The State denies the arrest.');
	await submit('main form[method=post]:not(.desk-bar) button[type=submit]', page);
	expect((await page.textContent('main')).includes('2024-02-20'), 'reply not shown');
	return id;
}

async function published(page, id, reference, ref) {
	let r = await page.goto(`${BASE}/en/communications/${id}`);
	expect(r.status() === 200, `communication page: ${r.status()}`);
	const text = await page.textContent('main');
	expect(text.includes(reference), 'reference not on its public page');
	expect(!text.includes(ref), 'the submission is named publicly');
	r = await page.goto(`${BASE}/en/states/IRN`);
	expect(r.status() === 200, 'State page');
	expect(await page.$('.cooperation') !== null, 'no record of cooperation on the State page');
	await page.click('.cooperation a[href*="communications?state=IRN"]');
	expect((await page.textContent('main')).includes(reference), 'not listed for the State');
}

// A visit request and a recommendation from its report, for the checks.
async function more(page) {
	await page.goto(`${BASE}/en/desk/visits`);
	await page.selectOption('#mandate', 'torture');
	await page.selectOption('#state', 'IRN');
	await page.fill('#requested_on', `19${50 + randomBytes(1)[0] % 49}-0${1 + randomBytes(1)[0] % 9}-1${randomBytes(1)[0] % 9}`);
	await submit('main form[method=post]:not(.desk-bar) button[type=submit]', page);
	expect(/\/en\/desk\/visits\/\d+$/.test(page.url()), `visit not recorded: ${page.url()}`);
	const visit = page.url().split('/').pop();
	await page.goto(`${BASE}/en/desk/recommendations`);
	await page.fill('#document_symbol', 'A/HRC/55/52/Add.9');
	await page.fill('#paragraph', `${randomBytes(3).readUIntBE(0, 3)}(a)`);
	await page.selectOption('#visit', visit);
	await page.selectOption('#state', 'IRN');
	await page.selectOption('#mandate', 'torture');
	await page.fill('#issued_on', '2024-03-01');
	await page.fill('#text', 'Release all persons detained for their journalism.');
	await submit('main form[method=post]:not(.desk-bar) button[type=submit]', page);
	expect(/\/en\/desk\/recommendations\/\d+$/.test(page.url()), `recommendation not recorded: ${page.url()}`);
	return { visit, rec: page.url().split('/').pop() };
}

// The editor's pages with the editor's session: axe, then Nu.
async function deskChecks(browser, cookies, ids) {
	const paths = ['communications', `communications/${ids.comm}`, 'visits',
		`visits/${ids.visit}`, 'invitations', 'recommendations',
		`recommendations/${ids.rec}`];
	const ctx = await browser.newContext({ javaScriptEnabled: true });
	await ctx.addCookies(cookies);
	const page = await ctx.newPage();
	const vdir = mkdtempSync(join(dir, 'vnu-'));
	const files = new Map();
	for (const lang of ['ar', 'en'])
		for (const p of paths) {
			const url = `/${lang}/desk/${p}`;
			const r = await page.goto(BASE + url);
			await page.evaluate(AXE);
			const v = await page.evaluate(() => window.axe.run(document, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
				resultTypes: ['violations'],
			}));
			const bad = v.violations.map((x) => `${x.id} (${x.nodes[0].target.join(' ')})`);
			result(r.status() === 200 && bad.length === 0, `axe ${url}`,
				`${r.status()} ${bad.join('; ')}`);
			const f = join(vdir, `${lang}-${p.replace(/\//g, '_')}.html`);
			writeFileSync(f, await page.content());
			files.set(f, url);
		}
	await ctx.close();
	const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json',
		'--exit-zero-always', vdir], { encoding: 'utf8', maxBuffer: 64 << 20 });
	let msgs = [];
	try {
		msgs = JSON.parse(run.stderr || '').messages;
	} catch (e) {
		result(false, 'vnu desk', 'no report');
		return;
	}
	for (const [f, url] of files) {
		const errs = msgs.filter((m) => m.type === 'error' &&
			decodeURIComponent(new URL(m.url).pathname) === f);
		result(errs.length === 0, `vnu ${url}`,
			errs.slice(0, 3).map((m) => `${m.lastLine}: ${m.message}`).join('; '));
	}
}

function result(ok, name, why) {
	if (ok) passed++;
	else { failed++; console.log(`FAIL ${name}: ${why}`); }
}

async function journey(browser) {
	const canary = 'CANARY-' + randomBytes(8).toString('hex');
	const message = 'Please send the date of the arrest. ' + randomBytes(4).toString('hex');
	const reference = `AL IRN ${100 + randomBytes(2).readUInt16BE() % 9000}/2024`;
	const sub = await newPage(browser), staff = await newPage(browser);
	try {
		const { ref, code } = await allegation(sub.page, canary);
		await login(staff.page, addUser('reviewer'));
		await review(staff.page, ref, canary, message);
		await followup(sub.page, ref, code, message);
		await staff.ctx.clearCookies();
		await login(staff.page, addUser('editor'));
		const id = await record(staff.page, ref, reference);
		await published(sub.page, id, reference, ref);
		passed++;
		const ids = await more(staff.page);
		await deskChecks(browser, await staff.ctx.cookies(), { comm: id, ...ids });
	} catch (e) {
		failed++;
		console.log(`FAIL journey: ${e.message}`);
		for (const [n, p] of [['submitter', sub.page], ['staff', staff.page]])
			await p.screenshot({ path: join(dir, `${n}-failure.png`) }).catch(() => {});
		console.log(`journey: screenshots in ${dir}`);
	} finally {
		await sub.ctx.close();
		await staff.ctx.close();
	}
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
	await journey(browser);
} finally {
	await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
