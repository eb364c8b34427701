// matches.test.mjs: a caseworker types a person who is already registered
// under another spelling; the possible matches appear beside the form as she
// types (htmx), with their reasons in Spanish, and saving asks her to
// confirm that it is a different person.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	LUCIA, assertNoProblems, checkA11y, clickAndLoad, fillPerson, login, openPage, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => {
	({ browser, ctx, page } = await openPage());
	ctx.expectStatus = new Set([400]);
	await login(page, LUCIA);
});
after(() => browser?.close());

const FIRST = {
	given: 'Josmar', surname1: 'Gonzálvez', surname2: 'Itriago', birth: '1986-05-17',
	sex: 'male', nationality: 'VEN',
};

test('matches appear as the caseworker types, and a likely one asks for confirmation', async () => {
	await page.goto('/people/new');
	await fillPerson(page, FIRST);
	await submitPerson(page);
	assert.match(new URL(page.url()).pathname, /^\/people\/[0-9a-f-]{36}$/, 'the first one is saved');

	await page.goto('/people/new');
	const panel = page.locator('#matches');
	await panel.waitFor();
	await fillPerson(page, { given: 'Yosmar', surname1: 'Gonzalves', surname2: 'Itriago', birth: '1986-05-17' });
	// fill() sends input events, as typing does.
	// htmx replaces the panel after the typing pause.
	await page.locator('#matches article.match').first().waitFor({ timeout: 10_000 });
	const text = await page.locator('#matches').innerText();
	assert.match(text, /Josmar Gonzálvez Itriago/);
	assert.match(text, /Probablemente la misma persona/);
	assert.match(text, /Fecha de nacimiento: igual/);
	await checkA11y(page, 'registration form with matches');

	// Saving without confirming brings the form back with the checkbox.
	await submitPerson(page, { confirm: false });
	assert.equal(new URL(page.url()).pathname, '/people');
	const box = page.locator('#f-match_confirmed');
	assert.equal(await box.count(), 1, 'the confirmation box is shown');
	assert.equal(await page.locator('.error-summary a[href="#f-match_confirmed"]').count(), 1);
	await box.check();
	await clickAndLoad(page, page.locator('form.person-form button[type=submit]'));
	assert.match(new URL(page.url()).pathname, /^\/people\/[0-9a-f-]{36}$/, 'saved after confirming');
	assertNoProblems(ctx, 'registering a likely duplicate');
});
