// Browser tests: every page in every language in Debian's headless
// Chromium, driven by playwright-core, then through the Nu Html Checker.
//
//   node check.mjs            (PORTAL_URL, SHOTS_DIR from the environment)
//
// Three checks per page, each counted as one test:
//   nojs   loaded with JavaScript disabled: the status is right, <html>
//          has the page's lang and dir (rtl for Arabic), the stylesheet
//          applied, nothing overflows a 320 px screen, and no request
//          went to any host but the portal (every request is recorded,
//          including those of a second, JavaScript-enabled load);
//   axe    axe-core, WCAG 2.0/2.1 A and AA rules: 0 violations;
//   vnu    the Nu Html Checker (vnu-jar, with the installed Java): 0 errors.
//
// Why two loads: axe-core is JavaScript and must run inside the page, and
// with JavaScript disabled nothing can. So each page is loaded once in a
// context with javaScriptEnabled: false (what users of Tor Browser's
// safest level see: the checks above) and once in a context with
// JavaScript enabled only to evaluate axe's source through the DevTools
// protocol (not as a <script>: the portal's CSP would rightly refuse an
// inline one, and the test must not weaken it). The pages themselves have
// no script, so both loads render the same document.
//
// Prints one line per failure and ends with "browser: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU = join(process.cwd(), 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

const BASE = process.env.PORTAL_URL || 'http://127.0.0.1:8091';
const ORIGIN = new URL(BASE).host;
const SHOTS = process.env.SHOTS_DIR || mkdtempSync(join(tmpdir(), 'portal-shots-'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LANGS = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];
const PATHS = [
	['/', 200], ['/states', 200], ['/states?q=a&group=african', 200],
	['/states/FRA', 200], ['/states/PSE', 200], ['/states/VAT', 200],
	['/mandates', 200], ['/mandates/torture', 200],
	['/mandates/occupied-palestinian-territories', 200], ['/privacy', 200],
	['/submit', 200], ['/verify', 200], ['/states/XXX', 404],
	['/communications', 200], ['/analysis', 200], ['/states/BTN', 200], ['/followup', 200], ['/desk/login', 200],
	['/communications?q=detention', 200], ['/visits', 200], ['/visits/1', 200],
	['/recommendations', 200], ['/recommendations/1', 200],
	['/recommendations/1/assess', 200],
	['/recommendations?theme=x&status=implemented', 200],
	['/codebook', 200],
];
const SHOT_PAGES = new Set(['en/', 'ar/', 'ar/states/FRA', 'zh/states', 'fr/submit', 'ru/states/XXX']);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
	'--disable-component-update', '--no-first-run', '--disable-sync',
	'--disable-default-apps', '--disable-extensions', '--no-default-browser-check',
	'--metrics-recording-only', '--disable-domain-reliability'];

let passed = 0, failed = 0;
function result(ok, name, why) {
	if (ok) passed++;
	else { failed++; console.log(`FAIL ${name}: ${why}`); }
}

const pages = [];
for (const l of LANGS)
	for (const [p, status] of PATHS)
		pages.push({ lang: l, url: `/${l}${p}`, status, key: `${l}${p}` });

const foreign = [];
function watch(ctx) {
	ctx.on('request', (req) => {
		const u = new URL(req.url());
		if (u.protocol === 'data:' || u.protocol === 'about:') return;
		if (u.host !== ORIGIN) foreign.push(req.url());
	});
}

async function context(jsEnabled, width) {
	const dir = mkdtempSync(join(tmpdir(), 'portal-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM, headless: true, args: ARGS,
		javaScriptEnabled: jsEnabled, viewport: { width, height: 800 },
		serviceWorkers: 'block', acceptDownloads: false,
	});
	watch(ctx);
	return { ctx, dir };
}

async function noJsPass() {
	const { ctx, dir } = await context(false, 320);
	const page = ctx.pages()[0] || await ctx.newPage();
	for (const p of pages) {
		const name = `nojs ${p.url}`;
		try {
			const before = foreign.length;
			const resp = await page.goto(BASE + p.url, { waitUntil: 'load' });
			const why = [];
			if (resp.status() !== p.status) why.push(`status ${resp.status()}`);
			const lang = await page.getAttribute('html', 'lang');
			const dirAttr = await page.getAttribute('html', 'dir');
			if (lang !== p.lang) why.push(`lang=${lang}`);
			if (dirAttr !== (p.lang === 'ar' ? 'rtl' : 'ltr')) why.push(`dir=${dirAttr}`);
			if (await page.locator('script').count() !== 0) why.push('has <script>');
			// The stylesheet applied: the header has its background.
			const bg = await page.locator('header.site').evaluate(
			    (e) => getComputedStyle(e).backgroundColor).catch(() => null);
			if (bg !== null && bg === 'rgba(0, 0, 0, 0)') why.push('stylesheet not applied');
			const overflow = await page.evaluate(
			    () => document.documentElement.scrollWidth).catch(() => null);
			if (overflow !== null && overflow > 320) why.push(`${overflow}px wide at 320px`);
			if (foreign.length > before) why.push(`foreign request ${foreign.slice(before)}`);
			if (SHOT_PAGES.has(p.key))
				await page.screenshot({ path: join(SHOTS, p.key.replace(/[/?&=]/g, '_') + '.png'), fullPage: true });
			result(why.length === 0, name, why.join('; '));
		} catch (e) {
			result(false, name, e.message.split('\n')[0]);
		}
	}
	await ctx.close();
	rmSync(dir, { recursive: true, force: true });
}

async function axePass() {
	const { ctx, dir } = await context(true, 1280);
	const page = ctx.pages()[0] || await ctx.newPage();
	for (const p of pages) {
		const name = `axe ${p.url}`;
		try {
			await page.goto(BASE + p.url, { waitUntil: 'load' });
			await page.evaluate(AXE);
			const r = await page.evaluate(() => window.axe.run(document, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
				resultTypes: ['violations'],
			}));
			const v = r.violations.map((x) => `${x.id} (${x.nodes.length}: ${x.nodes[0].target.join(' ')})`);
			result(v.length === 0, name, v.join('; '));
		} catch (e) {
			result(false, name, e.message.split('\n')[0]);
		}
	}
	await ctx.close();
	rmSync(dir, { recursive: true, force: true });
}

async function vnuPass() {
	const dir = mkdtempSync(join(tmpdir(), 'portal-vnu-'));
	const files = new Map();
	for (const p of pages) {
		const f = join(dir, p.key.replace(/[/?&=]/g, '_') + '.html');
		const resp = await fetch(BASE + p.url);
		writeFileSync(f, await resp.text());
		files.set(f, p.url);
	}
	// vnu writes its JSON report on stderr.
	const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json',
	    '--exit-zero-always', dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
	const out = run.stderr || '';
	let msgs = [];
	try {
		msgs = JSON.parse(out).messages;
	} catch (e) {
		result(false, 'vnu', 'no report: ' + out.slice(0, 200));
		return;
	}
	const errs = new Map();
	for (const m of msgs) {
		if (m.type !== 'error' && m.subType !== 'fatal') continue;
		const f = decodeURIComponent(new URL(m.url).pathname);
		if (!errs.has(f)) errs.set(f, []);
		errs.get(f).push(`${m.lastLine}: ${m.message}`);
	}
	for (const [f, url] of files)
		result(!errs.has(f), `vnu ${url}`, (errs.get(f) || []).slice(0, 3).join('; '));
	rmSync(dir, { recursive: true, force: true });
}

mkdirSync(SHOTS, { recursive: true });
await noJsPass();
await axePass();
result(foreign.length === 0, 'no request to another host', foreign.slice(0, 5).join(', '));
await vnuPass();
console.log(`screenshots: ${SHOTS}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
