// lib.mjs: what every browser test shares: launching Debian's Chromium
// through playwright-core, logging in, watching pages for console errors and
// CSP violations, axe-core checks, screenshots, and a few caseworker steps.
//
// Run through tests/browser/run.sh, which starts a server and sets:
//   AMPARO_URL, AMPARO_ADMIN_PASSWORD, AMPARO_CW_PASSWORD, AMPARO_CHROMIUM.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { withFreshCode } from '../lib/totp.mjs';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
// Packages live in web/node_modules: resolve them from web/package.json, so
// the tests run from any directory.
const require = createRequire(join(ROOT, 'web', 'package.json'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const URL_BASE = (process.env.AMPARO_URL || '').replace(/\/$/, '');
export const ADMIN = { name: 'admin', password: process.env.AMPARO_ADMIN_PASSWORD };
export const LUCIA = { name: 'lucia', password: process.env.AMPARO_CW_PASSWORD };
export const MARCO = { name: 'marco', password: process.env.AMPARO_CW_PASSWORD };
export const LEX = { name: 'lex', password: process.env.AMPARO_CW_PASSWORD };
// A livelihoods caseworker (LUCIA and MARCO work in legal).
export const LUIS = { name: 'luis', password: process.env.AMPARO_CW_PASSWORD };
// Referrals: a psychosocial caseworker (LEX, above, refers to her).
export const PSY = { name: 'psy', password: process.env.AMPARO_CW_PASSWORD };
// A supervisor: merges records.
export const SARA = { name: 'sara', password: process.env.AMPARO_CW_PASSWORD };
// A legal caseworker of the Darién office: receives transfers.
export const DARIO = { name: 'dario', password: process.env.AMPARO_CW_PASSWORD };
// An assistance officer: requests and disburses cash assistance.
export const ANA = { name: 'ana', password: process.env.AMPARO_CW_PASSWORD };
export const TOTP_SECRET = process.env.AMPARO_TEST_TOTP_SECRET;
export const SHOTS = join(HERE, 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

if (!URL_BASE || !ADMIN.password || !LUCIA.password)
	throw new Error('run the browser tests through tests/browser/run.sh AMPARO_BINARY');

const ARGS = [
	'--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
	'--disable-dev-shm-usage',
	// Nothing but the local server resolves: the tests never reach out.
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

// One browser per test file. Playwright gives it a fresh temporary profile
// (--user-data-dir under $TMPDIR, which run.sh points at its own temp dir).
export async function launch() {
	return chromium.launch({
		executablePath: process.env.AMPARO_CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ARGS,
		timeout: 60_000,
	});
}

// A browser, a fresh context (newContext's opts) and a page in it, for a
// test file's before(); its after() closes the browser.
export async function openPage(opts = {}) {
	const browser = await launch();
	const ctx = await newContext(browser, opts);
	return { browser, ctx, page: await ctx.newPage() };
}

// A fresh context (own cookies) as a caseworker in Panama would have it: a
// Spanish browser, Panama's time zone. Every page is watched (see watch()).
export async function newContext(browser, opts = {}) {
	const ctx = await browser.newContext({
		baseURL: URL_BASE,
		locale: 'es-PA',
		timezoneId: 'America/Panama',
		viewport: DESKTOP,
		...opts,
	});
	ctx.setDefaultTimeout(15_000);
	ctx.setDefaultNavigationTimeout(20_000);
	ctx.problems = [];
	// The machine has no network, and amparo must not need one: any request
	// off the server is a problem (and Chromium cannot resolve it anyway).
	// Not ctx.route(), which would turn off the browser cache.
	ctx.on('request', req => {
		const u = req.url();
		if (!u.startsWith(URL_BASE + '/') && !u.startsWith('data:') && !u.startsWith('about:'))
			ctx.problems.push(`request to an external URL: ${u}`);
	});
	// CSP violations, seen from inside the page as well as in the console.
	await ctx.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', e => {
			console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ` +
				`(${e.sourceFile || ''}:${e.lineNumber || ''})`);
		});
	});
	ctx.on('page', page => watch(ctx, page));
	return ctx;
}

// Collects console errors, page errors, failed requests and server errors
// into ctx.problems. A test may declare expected statuses (e.g. the 400 of a
// form that failed validation) in ctx.expectStatus.
function watch(ctx, page) {
	page.on('console', msg => {
		if (msg.type() !== 'error')
			return;
		const text = msg.text();
		const where = msg.location()?.url || page.url();
		// Chromium logs the status of a main document that is not 2xx as a
		// console error; a 400 answer to an invalid form is correct HTTP.
		const m = /status of (\d{3})/.exec(text);
		if (m && ctx.expectStatus?.has(Number(m[1])))
			return;
		ctx.problems.push(`console error on ${where}: ${text}`);
	});
	page.on('pageerror', err => ctx.problems.push(`page error on ${page.url()}: ${err.message}`));
	page.on('requestfailed', req => {
		const why = req.failure()?.errorText || '';
		// Navigations replaced by another (e.g. htmx cancelling an older
		// search, a click during a load) are not failures of the app.
		if (/ERR_ABORTED|NS_BINDING_ABORTED/.test(why))
			return;
		ctx.problems.push(`request failed: ${req.method()} ${req.url()}: ${why}`);
	});
	page.on('response', res => {
		const s = res.status();
		if (s >= 500)
			ctx.problems.push(`server error ${s}: ${res.request().method()} ${res.url()}`);
	});
}

// Fails when anything was collected; clears the list either way.
export function assertNoProblems(ctx, when = '') {
	const p = ctx.problems.splice(0);
	assert.ok(p.length === 0, `console errors, CSP violations or failed requests${when ? ' ' + when : ''}:\n  ${p.join('\n  ')}`);
}

// Logs page in as user and leaves it on next (or the home page); at the
// code page (two-step login) it types a fresh code for the shared test
// secret (tests/lib/totp.mjs), as a person would from the app.
//
// A session once made for a user is used again by that user's later logins
// in this run, in any test file, as a browser that stays logged in would:
// the real form takes a fresh authenticator code for each login of a user
// with two-step login, the server takes two such codes a half-minute, and
// a run that logged in through the form each time waited minutes for the
// clock. A session that has ended (logout, a changed password) falls back
// to the form. { fresh: true } always goes through the form, for tests of
// what logging in itself does (login.test.mjs uses the form directly).
export async function login(page, user, next, { fresh = false } = {}) {
	const saved = sessionFile(user);
	if (!fresh && saved) {
		let value = null;
		try {
			value = readFileSync(saved, 'utf8');
		} catch { /* none yet */ }
		if (value) {
			await page.context().addCookies([{ name: SESSION_COOKIE, value, url: URL_BASE,
							   httpOnly: true, sameSite: 'Strict' }]);
			await page.goto(next || '/');
			if (new URL(page.url()).pathname !== '/login')
				return;
		}
	}
	await page.goto('/login' + (next ? `?next=${encodeURIComponent(next)}` : ''));
	await page.locator('#f-name').fill(user.name);
	await page.locator('#f-password').fill(user.password);
	await clickAndLoad(page, page.locator('form[action="/login"] button[type=submit]'));
	if (new URL(page.url()).pathname === '/login/code')
		await typeCode(page, user.name, TOTP_SECRET);
	const path = new URL(page.url()).pathname;
	assert.notEqual(path, '/login', `logging in as ${user.name} failed: ` +
		(await page.locator('main [role=alert]').allInnerTexts()).join(' '));
	const cookie = (await page.context().cookies(URL_BASE)).find((c) => c.name === SESSION_COOKIE);
	if (saved && cookie && !path.startsWith('/login/'))
		writeFileSync(saved, cookie.value);
}

const SESSION_COOKIE = 'amparo_session';

// Where user's session is kept between test files (run.sh's state folder).
function sessionFile(user) {
	const dir = process.env.AMPARO_TOTP_STATE;
	return dir ? join(dir, `${user.name}.session`) : null;
}

// Types a fresh code for secret into the code (or enrolment) page open
// in page and submits it.
export async function typeCode(page, name, secret) {
	await withFreshCode(name, secret, async (code) => {
		await page.locator('#f-code').fill(code);
		await clickAndLoad(page, page.locator('form[action^="/login/"] button[type=submit]'));
	});
}

export async function logout(page) {
	await Promise.all([
		page.waitForURL(u => u.pathname === '/login'),
		page.locator('form[action="/logout"] button[type=submit]').click(),
	]);
}

export async function htmlLang(page) {
	return page.locator('html').getAttribute('lang');
}

// Clicks a control that leads to a new page and waits for it to load.
export async function clickAndLoad(page, locator) {
	const old = page.url();
	await Promise.all([
		page.waitForEvent('framenavigated', { predicate: f => f === page.mainFrame() }),
		locator.click(),
	]);
	await page.waitForLoadState('load');
	return old;
}

// Fills the registration form (/people/new) with the fields given and saves.
// p: { given, surname1, surname2, birth, sex, nationality, relationship }
// Follows the navigation's link to href, opening the "Más" menu first
// when the link sits in it.
export async function clickNav(page, href) {
	const link = page.locator(`header nav a[href="${href}"]`);
	if (!(await link.isVisible()))
		await page.locator('header nav details.dropdown > summary').click();
	await clickAndLoad(page, link);
}

export async function fillPerson(page, p) {
	const f = page.locator('form.person-form');
	await f.locator('#f-given_names').fill(p.given);
	if (p.surname1 !== undefined) await f.locator('#f-surname1').fill(p.surname1);
	if (p.surname2 !== undefined) await f.locator('#f-surname2').fill(p.surname2);
	if (p.birth !== undefined) await f.locator('#f-birth_date').fill(p.birth);
	if (p.sex) await f.locator('#f-sex').selectOption(p.sex);
	if (p.nationality) await f.locator('#f-nationality').selectOption(p.nationality);
	if (p.origin) await f.locator('#f-origin_country').selectOption(p.origin);
	if (p.legal) await f.locator('#f-legal_status').selectOption(p.legal);
	if (p.relationship) await f.locator('#f-relationship').selectOption(p.relationship);
}

// Saves the registration form. The tests register the same names in several
// files against one database, so a save may come back (400) asking to
// confirm that this is not a likely match: with confirm (the default) the
// helper ticks "It is a different person" and saves again, as a caseworker
// who knows would.
export async function submitPerson(page, { confirm = true } = {}) {
	const ctx = page.context();
	const expected = ctx.expectStatus;
	ctx.expectStatus = new Set([...(expected || []), 400]);
	await clickAndLoad(page, page.locator('form.person-form button[type=submit]'));
	const box = page.locator('#f-match_confirmed');
	if (confirm && new URL(page.url()).pathname === '/people' && await box.count() === 1 &&
	    await page.locator('.error-summary a[href="#f-match_confirmed"]').count() === 1) {
		await box.check();
		await clickAndLoad(page, page.locator('form.person-form button[type=submit]'));
	}
	ctx.expectStatus = expected;
}

export const fullName = p => [p.given, p.surname1, p.surname2].filter(Boolean).join(' ');

// Registers a head of household and one member through the pages, the way a
// caseworker does it. Returns { headUrl, memberUrl, householdUrl }.
export async function registerHousehold(page, head, member) {
	await page.goto('/people');
	await clickAndLoad(page, page.locator('header nav a[href="/people/new"]'));
	await fillPerson(page, head);
	await submitPerson(page);
	assert.match(new URL(page.url()).pathname, /^\/people\/[^/]+$/, `saving the head should open the profile, got ${page.url()}`);
	const headUrl = new URL(page.url()).pathname;
	await clickAndLoad(page, page.locator('#household form[action="/households"] button[type=submit]'));
	assert.match(new URL(page.url()).pathname, /^\/households\/[^/]+$/, `starting a household should open it, got ${page.url()}`);
	const householdUrl = new URL(page.url()).pathname;
	await clickAndLoad(page, page.locator('main a[href^="/people/new?household="]'));
	await fillPerson(page, member);
	await submitPerson(page);
	assert.match(new URL(page.url()).pathname, /^\/people\/[^/]+$/, `saving the member should open the profile, got ${page.url()}`);
	return { headUrl, memberUrl: new URL(page.url()).pathname, householdUrl };
}

// Runs axe-core on the page; fails on serious or critical violations and
// reports each with its nodes. Returns all violations (for diagnostics).
export async function checkA11y(page, what) {
	// Evaluated through the DevTools protocol: the page's CSP (script-src
	// 'self') is not loosened for the test.
	await page.evaluate(AXE_SOURCE + '\n;0');
	const res = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map(v => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => `${n.target.join(' ')} :: ${n.failureSummary.replace(/\s+/g, ' ')}`),
		}));
	});
	const bad = res.filter(v => v.impact === 'serious' || v.impact === 'critical');
	const text = bad.map(v => `[${v.impact}] ${v.id}: ${v.help}\n      ${v.nodes.slice(0, 6).join('\n      ')}`).join('\n  ');
	assert.equal(bad.length, 0, `axe-core found serious/critical problems on ${what} (${page.url()}):\n  ${text}`);
	// Two controls with one id: a label or an error link leads to the wrong one.
	const dups = await page.evaluate(() => {
		const seen = new Map();
		for (const el of document.querySelectorAll('[id]'))
			seen.set(el.id, (seen.get(el.id) || 0) + 1);
		return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
	});
	assert.deepEqual(dups, [], `ids used more than once on ${what} (${page.url()})`);
	return res;
}

// Saves a full-page PNG as screenshots/NAME-WIDTH.png.
export async function shot(page, name) {
	mkdirSync(SHOTS, { recursive: true });
	const w = page.viewportSize().width;
	const file = join(SHOTS, `${name}-${w}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

// The phone check: the page must not be wider than the screen. Mobile
// emulation widens window.innerWidth to the content, so the screen width is
// taken from documentElement.clientWidth. Returns null, or the elements that
// stick out first (their parent fits), to make the report useful.
export async function horizontalOverflow(page) {
	return page.evaluate(() => {
		const se = document.scrollingElement;
		const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
		if (se.scrollWidth <= width + 1)
			return null;
		const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
			(typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
		const path = el => {
			const parts = [];
			for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement)
				parts.unshift(name(e));
			return parts.join(' > ');
		};
		const wide = [];
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			const pr = el.parentElement.getBoundingClientRect();
			if (r.width > 0 && r.right > width + 1 && pr.right <= width + 1)
				wide.push(`${path(el)} (${Math.round(r.right)}px)`);
		}
		return { scrollWidth: se.scrollWidth, innerWidth: width, wide: wide.slice(0, 8) };
	});
}

// axe-core, a screenshot (NAME-WIDTH.png) and no sideways scrolling, at
// 1280 and 360 px (or the sizes given); leaves the page at 1280.
export async function bothSizes(page, what, name, sizes = [DESKTOP, PHONE]) {
	for (const size of sizes) {
		await page.setViewportSize(size);
		const overflow = await horizontalOverflow(page);
		assert.ok(!overflow, `${what} scrolls sideways at ${size.width} px: ${JSON.stringify(overflow)}`);
		await checkA11y(page, `${what} at ${size.width} px`);
		await shot(page, name);
	}
	await page.setViewportSize(DESKTOP);
}

// The Spanish catalogue: English msgid -> Spanish msgstr, for the entries
// whose translation differs from the English (so "Venezuela" is left out).
export function spanishCatalogue() {
	const po = readFileSync(join(ROOT, 'po', 'es.po'), 'utf8');
	const map = new Map();
	for (const m of po.matchAll(/^msgid\s+((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr\s+((?:"(?:[^"\\]|\\.)*"\s*)+)/gm)) {
		const id = unquote(m[1]), str = unquote(m[2]);
		if (id && str && str !== id)
			map.set(id, str);
	}
	return map;
}

// The English source texts (msgids) of the program that es.po does not
// translate.
export function untranslatedMsgids() {
	const ids = new Set();
	const walk = d => {
		for (const f of readdirSync(d)) {
			const p = join(d, f);
			if (statSync(p).isDirectory())
				walk(p);
			else if (/\.[ch]$/.test(f))
				for (const m of readFileSync(p, 'utf8').matchAll(/\bN?_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)/g))
					ids.add(unquote(m[1]));
		}
	};
	walk(join(ROOT, 'src'));
	const po = readFileSync(join(ROOT, 'po', 'es.po'), 'utf8');
	const translated = new Set();
	for (const m of po.matchAll(/^msgid\s+((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr\s+((?:"(?:[^"\\]|\\.)*"\s*)+)/gm))
		if (unquote(m[2]) !== '')
			translated.add(unquote(m[1]));
	return new Set([...ids].filter(id => id && !translated.has(id)));
}

function unquote(s) {
	return [...s.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m => JSON.parse(`"${m[1]}"`)).join('');
}

// Every piece of text a person reads or hears on the page: the text each
// element holds itself, and the labels in attributes.
export async function pageTexts(page) {
	return page.evaluate(() => {
		const out = new Set();
		const add = s => {
			s = (s || '').replace(/\s+/g, ' ').trim();
			if (s)
				out.add(s);
		};
		add(document.title);
		for (const el of document.querySelectorAll('body *')) {
			if (el.closest('script,style'))
				continue;
			let own = '';
			for (const n of el.childNodes)
				if (n.nodeType === Node.TEXT_NODE)
					own += n.textContent;
			add(own);
			for (const a of ['placeholder', 'aria-label', 'title', 'alt'])
				add(el.getAttribute(a));
			if (el.matches('input[type=submit],input[type=button]'))
				add(el.value);
		}
		return [...out];
	});
}

// The rows of the table under selector as objects keyed by the column
// headers, so a test reads a cell by the header a user reads it under
// (and a header that does not match its column fails the test).
export async function tableRows(page, selector) {
	const table = page.locator(selector).first();
	const heads = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
	const rows = [];
	for (const tr of await table.locator('tbody tr').all()) {
		const cells = (await tr.locator('td').allInnerTexts()).map((t) => t.trim());
		assert.equal(cells.length, heads.length, `${selector}: ${cells.length} cells under ${heads.length} headers (${heads.join(' | ')})`);
		rows.push(Object.fromEntries(heads.map((h, i) => [h, cells[i]])));
	}
	return rows;
}
