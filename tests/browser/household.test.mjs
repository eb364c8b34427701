// household.test.mjs: a caseworker registers a two-person household in
// Spanish and finds the child again by a misspelt, unaccented name.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	LUCIA, assertNoProblems, clickAndLoad, fillPerson, fullName, htmlLang, login, openPage,
	submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

const HEAD = {
	given: 'María de los Ángeles', surname1: 'Pérez', surname2: 'González',
	birth: '1988-03-14', sex: 'female', nationality: 'VEN', origin: 'VEN', legal: 'asylum_seeker',
};
const CHILD = {
	given: 'José Ángel', surname1: 'Pérez', surname2: 'Núñez',
	birth: '2015-11-02', sex: 'male', nationality: 'VEN', relationship: 'child',
};

test('a caseworker registers a two-person household and finds the child by a misspelt name', async t => {
	let headUrl, householdUrl, childUrl;

	await t.test('log in: the interface is Spanish', async () => {
		await page.goto('/');
		assert.equal(new URL(page.url()).pathname, '/login', 'the start page sends a stranger to the login');
		assert.equal(await htmlLang(page), 'es', 'the login page should be Spanish (html lang="es")');
		assert.match(await page.locator('main h1').innerText(), /Iniciar sesión/, 'the login heading is Spanish');
		await login(page, LUCIA);
		assert.equal(new URL(page.url()).pathname, '/today', 'after login the caseworker lands on Mi día');
		assert.equal(await htmlLang(page), 'es');
		assertNoProblems(ctx, 'while logging in');
	});

	await t.test('register the head with accented names', async () => {
		// The "Registrar" link of the navigation, found by its Spanish name.
		const nav = page.locator('header nav a', { hasText: /^\s*Registrar\s*$/ });
		assert.equal(await nav.count(), 1, 'the navigation has a "Registrar" link');
		assert.equal(await nav.getAttribute('href'), '/people/new');
		await clickAndLoad(page, nav);
		assert.equal(new URL(page.url()).pathname, '/people/new');
		assert.equal(await page.locator('header nav a[href="/people/new"]').getAttribute('aria-current'), 'page',
			'the "Register" navigation link marks the current page');
		await fillPerson(page, HEAD);
		await submitPerson(page);
		const path = new URL(page.url()).pathname;
		assert.match(path, /^\/people\/[^/]+$/, `saving should open the new profile, got ${page.url()}`);
		headUrl = path;
		await assert.doesNotReject(page.locator('.notice[role=status]').waitFor(), 'a "saved" notice is shown');
		const h1 = (await page.locator('main h1').innerText()).replace(/\s+/g, ' ').trim();
		assert.equal(h1, fullName(HEAD), 'the profile heading is the full name, accents intact');
		assert.match(await page.locator('main hgroup p').innerText(), /P-\d{6}/, 'the profile shows the P- reference');
		const facts = await page.locator('#overview').innerText();
		assert.match(facts, /Venezuela/, 'the nationality is shown by name');
		assert.match(facts, /14\/03\/1988|1988-03-14|14 .*1988/, 'the date of birth is shown');
		assertNoProblems(ctx, 'while registering the head');
	});

	await t.test('start a household with this person as head', async () => {
		const start = page.locator('#household form[action="/households"] button[type=submit]');
		assert.equal(await start.count(), 1, 'a person without a household has a button to start one');
		assert.match(await start.innerText(), /hogar/i, 'the button speaks of a household (hogar)');
		await clickAndLoad(page, start);
		householdUrl = new URL(page.url()).pathname;
		assert.match(householdUrl, /^\/households\/[^/]+$/, `starting a household opens it, got ${page.url()}`);
		assert.match(await page.locator('main h1').innerText(), /H-\d+|\S+/);
		const rows = page.locator('main table.members tbody tr');
		assert.equal(await rows.count(), 1, 'the new household has its head as only member');
		assert.match((await rows.first().innerText()).replace(/\s+/g, ' '), /María de los Ángeles Pérez González/);
		assertNoProblems(ctx, 'while starting the household');
	});

	await t.test('register a new member of the household', async () => {
		const add = page.locator('main a[href^="/people/new?household="]');
		assert.match(await add.innerText(), /Registrar/, 'the link to register a new member is Spanish');
		await clickAndLoad(page, add);
		assert.equal(new URL(page.url()).pathname, '/people/new');
		assert.equal(await page.locator('form.person-form input[name=household_id]').count(), 1,
			'the form carries the household');
		assert.equal(await page.locator('form.person-form .notice a[href^="/households/"]').count(), 1,
			'the form says which household the person joins');
		assert.equal(await page.locator('#f-relationship').count(), 1, 'the relationship to the head is asked');
		await fillPerson(page, CHILD);
		await submitPerson(page);
		childUrl = new URL(page.url()).pathname;
		assert.match(childUrl, /^\/people\/[^/]+$/, `saving the member opens the profile, got ${page.url()}`);
		assert.notEqual(childUrl, headUrl);
		assert.equal((await page.locator('main h1').innerText()).replace(/\s+/g, ' ').trim(), fullName(CHILD));
		assertNoProblems(ctx, 'while registering the member');
	});

	await t.test('the household page lists both members', async () => {
		await page.goto(householdUrl);
		const body = (await page.locator('main table.members tbody').innerText()).replace(/\s+/g, ' ');
		assert.match(body, /María de los Ángeles Pérez González/);
		assert.match(body, /José Ángel Pérez Núñez/);
		assert.equal(await page.locator('main table.members tbody tr').count(), 2);
		assertNoProblems(ctx, 'on the household page');
	});

	await t.test('live search (htmx) finds "jose angel peres"', async () => {
		await clickAndLoad(page, page.locator('header nav a[href="/people"]'));
		const box = page.locator('main form[role=search] input[name=q]');
		await box.click();
		// Typed key by key, as a person does; htmx waits for a pause.
		const answer = page.waitForResponse(r => {
			const u = new URL(r.url());
			return u.pathname === '/people' && u.searchParams.get('q') === 'jose angel peres' &&
				r.request().headers()['hx-request'] === 'true';
		});
		await box.pressSequentially('jose angel peres', { delay: 20 });
		const res = await answer;
		assert.equal(res.status(), 200);
		assert.equal(new URL(page.url()).pathname, '/people', 'live search stays on the page');
		assert.equal(new URL(page.url()).searchParams.get('q'), null, 'live search did not reload the page');
		const hit = page.locator(`#results a[href="${childUrl}"]`);
		await assert.doesNotReject(hit.first().waitFor(), 'the child appears in the live results');
		assert.match((await hit.last().innerText()).replace(/\s+/g, ' '), /José Ángel Pérez Núñez/);
		assert.equal(await page.locator('#results').count(), 1, 'the results are swapped, not nested');
		assertNoProblems(ctx, 'during the live search');
	});

	await t.test('the search form works as a plain form too', async () => {
		// Submitting the form (the no-JS path) loads /people?q=...
		await clickAndLoad(page, page.locator('main form[role=search] button[type=submit]'));
		const u = new URL(page.url());
		assert.equal(u.pathname, '/people');
		assert.equal(u.searchParams.get('q'), 'jose angel peres');
		assert.equal(await page.locator('main form[role=search] input[name=q]').inputValue(), 'jose angel peres',
			'the search box keeps the words');
		assert.equal(await page.locator(`#results a[href="${childUrl}"]`).count() > 0, true, 'the child is found');
		// And the address itself, as a bookmark or a link would load it.
		await page.goto('/people?q=' + encodeURIComponent('jose angel peres'));
		assert.equal(await page.locator(`#results a[href="${childUrl}"]`).count() > 0, true,
			'/people?q=jose+angel+peres finds the child');
		assertNoProblems(ctx, 'on the search page');
	});

	await t.test('the profile shows the name and both household members', async () => {
		await clickAndLoad(page, page.locator(`#results a[href="${childUrl}"]`).last());
		assert.equal(new URL(page.url()).pathname, childUrl);
		assert.equal((await page.locator('main h1').innerText()).replace(/\s+/g, ' ').trim(), fullName(CHILD));
		const hh = page.locator('#household');
		assert.equal(await hh.locator(`a[href="${householdUrl}"]`).count(), 1, 'the profile links to the household');
		assert.equal(await hh.locator(`li a[href="${headUrl}"]`).count(), 1, 'the head is listed');
		assert.equal(await hh.locator(`li a[href="${childUrl}"]`).count(), 1, 'the child is listed');
		const text = (await hh.innerText()).replace(/\s+/g, ' ');
		assert.match(text, /María de los Ángeles Pérez/);
		assert.match(text, /José Ángel Pérez/);
		assertNoProblems(ctx, 'on the profile');
	});
});
