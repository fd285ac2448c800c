// The submitter's journey in headless Chromium with JavaScript disabled
// (Tor Browser's safest level), in Arabic and in English: fill the form,
// attach two files, submit, keep the return code, save the receipt as a
// file through the page's button, and check that saved file on /verify.
//
// Ends with "browser: N passed, N failed" (one test per language).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.PORTAL_URL || 'http://127.0.0.1:8091';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
	'--disable-component-update', '--no-first-run', '--disable-sync'];
const dir = mkdtempSync(join(tmpdir(), 'portal-submit-'));

let passed = 0, failed = 0;

async function journey(browser, lang) {
	const ctx = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
	const page = await ctx.newPage();
	try {
		const a = join(dir, `${lang}-statement.pdf`);
		const b = join(dir, `${lang}-photo.png`);
		writeFileSync(a, '%PDF-1.4\n% a statement\n');
		writeFileSync(b, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'binary'),
			Buffer.alloc(64, 7)]));
		let r = await page.goto(`${BASE}/${lang}/submit`);
		if (r.status() !== 200) throw new Error(`form: ${r.status()}`);
		if ((await page.getAttribute('html', 'dir')) !== (lang === 'ar' ? 'rtl' : 'ltr'))
			throw new Error('wrong dir');
		await page.selectOption('#state', 'FRA');
		await page.check('input[name=mandate][value=torture]');
		await page.fill('#summary', lang === 'ar' ? 'وصف ما حدث في اختبار المتصفح' : 'What happened, typed in the browser test');
		await page.check('#cdn-no');
		await page.check('#cpn-no');
		await page.setInputFiles('#evidence', [a, b]);
		await Promise.all([page.waitForNavigation(), page.click('form[enctype] button[type=submit]')]);
		const code = (await page.textContent('.codevalue')).trim();
		if (!/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/.test(code)) throw new Error(`no code: ${code}`);
		const shown = await page.textContent('pre.note');
		if ((shown.match(/^file sha256:/gm) || []).length !== 2) throw new Error('two files not in receipt');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.click('form[action$="receipt.txt"] button'),
		]);
		const saved = join(dir, `${lang}-receipt.txt`);
		await download.saveAs(saved);
		const text = readFileSync(saved, 'utf8');
		if (text !== shown) throw new Error('saved receipt differs from the page');
		r = await page.goto(`${BASE}/${lang}/verify`);
		await page.setInputFiles('#receipt_file', saved);
		await Promise.all([page.waitForNavigation(), page.click('form[enctype] button[type=submit]')]);
		if (await page.$('.result .valid') === null) throw new Error('verify: not valid');
		passed++;
	} catch (e) {
		failed++;
		console.log(`FAIL submit journey (${lang}): ${e.message}`);
		await page.screenshot({ path: join(dir, `${lang}-failure.png`) }).catch(() => {});
	} finally {
		await ctx.close();
	}
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
	for (const lang of ['ar', 'en'])
		await journey(browser, lang);
} finally {
	await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
