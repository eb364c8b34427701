// validation.test.mjs: a registration with a wrong date of birth comes back
// with a message beside the field, every typed value kept, and nothing
// stored.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	LUCIA, assertNoProblems, fillPerson, htmlLang, login, openPage, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => {
	({ browser, ctx, page } = await openPage());
	// The invalid form answers 400, which Chromium logs to the console.
	ctx.expectStatus = new Set([400]);
	await login(page, LUCIA);
});
after(() => browser?.close());

// A name nobody else has, to prove nothing was stored.
const PERSON = {
	given: 'Ximena Guadalupe', surname1: 'Quiñónez', surname2: 'Úbeda',
	sex: 'female', nationality: 'COL', origin: 'COL', legal: 'refugee',
};

// How many people with exactly this name the search finds.
async function peopleFound(name) {
	const p = await ctx.newPage();
	await p.goto('/people?q=' + encodeURIComponent(name));
	const names = await p.locator('#results table tbody tr td:nth-child(2)').allInnerTexts();
	await p.close();
	return names.filter(n => n.replace(/\s+/g, ' ').trim() === name).length;
}

async function expectFieldError(field, pattern) {
	assert.equal(new URL(page.url()).pathname, '/people', 'the form comes back from POST /people');
	assert.equal(await htmlLang(page), 'es');
	const input = page.locator(`#f-${field}`);
	assert.equal(await input.getAttribute('aria-invalid'), 'true', `#f-${field} is marked invalid`);
	const msg = page.locator(`#e-${field}`);
	assert.equal(await msg.count(), 1, `a message #e-${field} is shown`);
	assert.equal(await input.getAttribute('aria-describedby'), `e-${field}`,
		'the message is tied to the field for screen readers');
	const text = (await msg.innerText()).trim();
	assert.ok(text.length > 5, 'the message says something');
	if (pattern)
		assert.match(text, pattern);
	// Beside the field: just below it, in the same column.
	const a = await input.boundingBox(), b = await msg.boundingBox();
	assert.ok(b.y >= a.y + a.height - 12 && b.y - (a.y + a.height) < 40,
		`the message sits right under the field (field ends at ${a.y + a.height}, message at ${b.y})`);
	assert.ok(Math.abs(b.x - a.x) < 20, 'the message is aligned with the field');
	// The summary at the top links to the field.
	const link = page.locator(`.error-summary a[href="#f-${field}"]`);
	assert.equal(await link.count(), 1, 'the error summary links to the field');
	assert.equal(await page.locator('.error-summary').getAttribute('role'), 'alert');
	// app.js puts the cursor in the first wrong field.
	assert.equal(await page.evaluate(() => document.activeElement?.id), `f-${field}`,
		'the first wrong field has the focus');
	return text;
}

async function expectValuesKept(extra = {}, person = PERSON) {
	const v = id => page.locator(`#f-${id}`).inputValue();
	assert.equal(await v('given_names'), person.given, 'given names kept');
	assert.equal(await v('surname1'), person.surname1, 'first surname kept');
	assert.equal(await v('surname2'), person.surname2, 'second surname kept');
	assert.equal(await v('sex'), person.sex, 'sex kept');
	assert.equal(await v('nationality'), person.nationality, 'nationality kept');
	assert.equal(await v('origin_country'), person.origin, 'country of origin kept');
	assert.equal(await v('legal_status'), person.legal, 'legal status kept');
	for (const [k, val] of Object.entries(extra))
		assert.equal(await v(k), val, `${k} kept`);
}

// Dates are typed day first into a text field (a browser date picker shows
// its own order and silently empties a date that does not exist).
test('an impossible date typed day first (30/02/2023) is refused, not dropped, and stays visible', async () => {
	const person = { ...PERSON, surname2: 'Ábalos' };
	await page.goto('/people/new');
	await fillPerson(page, person);
	const field = page.locator('#f-birth_date');
	assert.equal(await field.getAttribute('type'), 'text', 'the date is a text field');
	assert.equal(await field.getAttribute('placeholder'), 'DD/MM/AAAA', 'the field says the order');
	await field.click();
	await page.keyboard.type('30/02/2023');
	await submitPerson(page);
	await expectFieldError('birth_date', /no existe|fecha/i);
	await expectValuesKept({ birth_date: '30/02/2023' }, person);
	assert.equal(await peopleFound('Ximena Guadalupe Quiñónez Ábalos'), 0, 'nothing was stored');
	assertNoProblems(ctx, 'on the impossible date');
});

test('an impossible ISO date (2023-02-30) is refused beside the field and stays visible', async () => {
	const person = { ...PERSON, surname2: 'Íñiguez' };
	await page.goto('/people/new');
	await fillPerson(page, person);
	await page.locator('#f-birth_date').fill('2023-02-30');
	await page.locator('#f-phone').fill('+507 6123-4567');
	await submitPerson(page);
	await expectFieldError('birth_date', /no existe|fecha/i);
	await expectValuesKept({ phone: '+507 6123-4567', birth_date: '2023-02-30' }, person);
	assert.equal(await peopleFound('Ximena Guadalupe Quiñónez Íñiguez'), 0, 'nothing was stored');
	assertNoProblems(ctx, 'on the impossible date');
});

test('a date in no known format says how to write it', async () => {
	const person = { ...PERSON, surname2: 'Ordóñez' };
	await page.goto('/people/new');
	await fillPerson(page, person);
	await page.locator('#f-birth_date').fill('31 de mayo');
	await submitPerson(page);
	await expectFieldError('birth_date', /día\/mes\/año/i);
	await expectValuesKept({ birth_date: '31 de mayo' }, person);
	assert.equal(await peopleFound('Ximena Guadalupe Quiñónez Ordóñez'), 0, 'nothing was stored');
	assertNoProblems(ctx, 'on the malformed date');
});

test('a date of birth in the future is refused, values kept, nothing stored', async () => {
	await page.goto('/people/new');
	await fillPerson(page, { ...PERSON, birth: '15/06/2099' });
	await page.locator('#f-languages').fill('Español, wayuunaiki');
	// Ticked by its words, as people do (the label toggles the box).
	await page.locator('fieldset.checks label', { has: page.locator('input[value=SP]') }).click();
	await submitPerson(page);
	await expectFieldError('birth_date', /futuro/i);
	await expectValuesKept({ birth_date: '15/06/2099', languages: 'Español, wayuunaiki' });
	assert.equal(await page.locator('input[name=needs][value=SP]').isChecked(), true, 'the ticked need stays ticked');
	assert.equal(await peopleFound('Ximena Guadalupe Quiñónez Úbeda'), 0, 'nothing was stored');
	assertNoProblems(ctx, 'on the future date');
});

test('after correcting the date the person is saved once', async () => {
	// Continue from the refused form: only the date changes.
	await page.locator('#f-birth_date').fill('09/07/1992');
	await submitPerson(page);
	assert.match(new URL(page.url()).pathname, /^\/people\/[^/]+$/, `the corrected form saves, got ${page.url()}`);
	assert.equal((await page.locator('main h1').innerText()).replace(/\s+/g, ' ').trim(),
		'Ximena Guadalupe Quiñónez Úbeda');
	assert.equal(await peopleFound('Ximena Guadalupe Quiñónez Úbeda'), 1, 'exactly one person was stored');
	assertNoProblems(ctx, 'after correcting');
});
