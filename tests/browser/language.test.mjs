// language.test.mjs: the English/Español button switches the interface, and
// the choice belongs to the user: it comes back at the next login, in a
// browser that has never seen it, and does not change anyone else's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { LUCIA, LUIS, MARCO, assertNoProblems, clickAndLoad, htmlLang, launch, login, logout, newContext } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(() => browser?.close());

const langButton = page => page.locator('form[action="/lang"] button[type=submit]');

async function navTexts(page) {
	return (await page.locator('header nav').innerText()).replace(/\s+/g, ' ').trim();
}

const FORM = { fresh: true };

test('the language button switches to English and back, and stays on the page', async () => {
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	await login(page, MARCO);
	await page.goto('/people/new');
	assert.equal(await htmlLang(page), 'es');
	const btn = langButton(page);
	assert.equal(await btn.innerText(), 'English', 'a Spanish page offers "English"');
	assert.equal(await btn.getAttribute('lang'), 'en', 'the button is marked as English text');

	await clickAndLoad(page, btn);
	assert.equal(new URL(page.url()).pathname, '/people/new', 'switching keeps the page');
	assert.equal(await htmlLang(page), 'en');
	assert.equal(await langButton(page).innerText(), 'Español');
	assert.equal(await langButton(page).getAttribute('lang'), 'es');
	const enNav = await navTexts(page);
	assert.match(enNav, /People/);
	assert.match(enNav, /Households/);
	assert.match(enNav, /Register/);
	assert.match(await page.locator('main h1').innerText(), /Register a person/);

	await clickAndLoad(page, langButton(page));
	assert.equal(await htmlLang(page), 'es');
	assert.equal(await langButton(page).innerText(), 'English');
	assertNoProblems(ctx);
	await ctx.close();
});

test('the choice is remembered after logout and login, per user', async () => {
	// Every login here goes through the form: what it does is the test. Luis
	// has no two-step login, so five logins take no wait for fresh codes.
	// Luis chooses English.
	let ctx = await newContext(browser);
	let page = await ctx.newPage();
	await login(page, LUIS, undefined, FORM);
	assert.equal(await htmlLang(page), 'es');
	await clickAndLoad(page, langButton(page));
	assert.equal(await htmlLang(page), 'en');
	await logout(page);
	// Same browser: the login page itself now speaks English.
	assert.equal(await htmlLang(page), 'en', 'after logout the login page keeps English');
	await login(page, LUIS, undefined, FORM);
	assert.equal(await htmlLang(page), 'en', 'English again after logging in again');
	assertNoProblems(ctx);
	await ctx.close();

	// Another browser (no cookie, Spanish locale): English follows the user.
	ctx = await newContext(browser);
	page = await ctx.newPage();
	await page.goto('/login');
	assert.equal(await htmlLang(page), 'es', 'a new browser starts in Spanish');
	await login(page, LUIS, undefined, FORM);
	assert.equal(await htmlLang(page), 'en', "Luis's English is remembered on a new browser");
	await page.goto('/people');
	assert.equal(await htmlLang(page), 'en');
	assertNoProblems(ctx);
	await ctx.close();

	// Lucia, in yet another browser, is unaffected.
	ctx = await newContext(browser);
	page = await ctx.newPage();
	await login(page, LUCIA);
	assert.equal(await htmlLang(page), 'es', "Luis's choice does not change Lucia's language");
	assertNoProblems(ctx);
	await ctx.close();

	// Luis goes back to Spanish, and that is remembered too.
	ctx = await newContext(browser);
	page = await ctx.newPage();
	await login(page, LUIS, undefined, FORM);
	await clickAndLoad(page, langButton(page));
	assert.equal(await htmlLang(page), 'es');
	await ctx.close();
	ctx = await newContext(browser, { locale: 'en-US' });
	page = await ctx.newPage();
	await login(page, LUIS, undefined, FORM);
	assert.equal(await htmlLang(page), 'es', 'the saved Spanish wins over an English browser');
	assertNoProblems(ctx);
	await ctx.close();
});

test('the language button works before login, without a session', async () => {
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	await page.goto('/login');
	assert.equal(await htmlLang(page), 'es');
	await clickAndLoad(page, langButton(page));
	assert.equal(new URL(page.url()).pathname, '/login');
	assert.equal(await htmlLang(page), 'en');
	assert.match(await page.locator('main h1').innerText(), /Log in/);
	assertNoProblems(ctx);
	await ctx.close();
});
