// nojs.test.mjs: with JavaScript off (old phones, strict browsers, a slow
// connection where htmx has not loaded) a caseworker can still log in,
// search, open a profile, register a person and switch language.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	ADMIN, assertNoProblems, clickAndLoad, fillPerson, htmlLang, login, logout, openPage,
	submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage({ javaScriptEnabled: false })));
after(() => browser?.close());

test('without JavaScript: log in, search, open a profile', async () => {
	await login(page, ADMIN);
	assert.equal(new URL(page.url()).pathname, '/today');
	await page.goto('/people');
	const htmx = await page.evaluate(() => typeof window.htmx).catch(() => 'off');
	assert.ok(htmx === 'undefined' || htmx === 'off', 'JavaScript really is off (htmx did not load)');

	// The demo data has people; search for the first listed surname.
	const first = page.locator('#results tbody tr').first();
	const name = (await first.locator('td').nth(1).innerText()).trim();
	const surname = name.split(/\s+/).slice(-2, -1)[0] || name.split(/\s+/)[0];
	const box = page.locator('main form[role=search] input[name=q]');
	await box.fill(surname);
	await clickAndLoad(page, page.locator('main form[role=search] button[type=submit]'));
	const u = new URL(page.url());
	assert.equal(u.pathname, '/people');
	assert.equal(u.searchParams.get('q'), surname, 'the form sent the search as ?q=');
	const rows = page.locator('#results tbody tr');
	assert.ok(await rows.count() >= 1, `searching "${surname}" finds at least one person`);
	const text = (await page.locator('#results').innerText());
	assert.ok(text.includes(surname), `the results show "${surname}"`);

	const link = rows.first().locator('td').nth(1).locator('a');
	const href = await link.getAttribute('href');
	await clickAndLoad(page, link);
	assert.equal(new URL(page.url()).pathname, href);
	assert.ok((await page.locator('main h1').innerText()).trim().length > 0, 'the profile has a heading');
	for (const id of ['overview', 'consents', 'household', 'documents', 'cases'])
		assert.equal(await page.locator(`section#${id}`).count(), 1, `the profile has its ${id} section`);
	// The History tab is a plain link to a page of its own.
	await clickAndLoad(page, page.locator('nav.tabs a', { hasText: 'Historial' }));
	assert.equal(new URL(page.url()).pathname, `${href}/history`);
	assert.equal(await page.locator('section#history').count(), 1, 'the history page has its section');
	assertNoProblems(ctx);
});

test('without JavaScript: register a person and see validation', async () => {
	ctx.expectStatus = new Set([400]);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Nadège', surname1: 'Pierre-Louis', sex: 'female', nationality: 'HTI', birth: '2099-01-01' });
	await submitPerson(page);
	assert.equal(await page.locator('#f-birth_date').getAttribute('aria-invalid'), 'true');
	assert.equal(await page.locator('#f-given_names').inputValue(), 'Nadège');
	await page.locator('#f-birth_date').fill('1979-12-24');
	await submitPerson(page);
	assert.match(new URL(page.url()).pathname, /^\/people\/[^/]+$/);
	assert.match(await page.locator('main h1').innerText(), /Nadège Pierre-Louis/);
	ctx.expectStatus = null;
	assertNoProblems(ctx);
});

test('without JavaScript: the language button and logout are plain forms', async () => {
	await clickAndLoad(page, page.locator('form[action="/lang"] button[type=submit]'));
	assert.equal(await htmlLang(page), 'en');
	await clickAndLoad(page, page.locator('form[action="/lang"] button[type=submit]'));
	assert.equal(await htmlLang(page), 'es');
	await logout(page);
	await page.goto('/people');
	assert.equal(new URL(page.url()).pathname, '/login', 'after logout the pages ask for a login again');
	assertNoProblems(ctx);
});
