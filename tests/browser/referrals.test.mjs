// referrals.test.mjs: a legal caseworker opens a legal case for a person
// and refers it to psychosocial; the psychosocial caseworker finds it in
// "Remisiones", accepts it and opens the case in one step; the legal case
// then shows "Aceptada". The inbox passes axe-core and fits a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	DESKTOP, LEX, PSY, assertNoProblems, bothSizes, checkA11y, clickAndLoad, fillPerson,
	login, logout, openPage, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

// A common phone width, besides the desktop.
const PHONE_390 = { width: 390, height: 844 };

test('lex refers a legal case to psychosocial; psy accepts and opens the case in one step', async () => {
	await login(page, LEX);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Yusmeiri', surname1: 'Contreras', birth: '1992-11-20', sex: 'female', nationality: 'VEN' });
	await submitPerson(page);
	await page.locator('#f-area').selectOption('legal');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	const legalCase = new URL(page.url()).pathname;
	assert.match(legalCase, /^\/cases\/[0-9a-f-]{36}$/);

	await page.locator('#referrals summary').click();
	await page.locator('#f-to_area').selectOption('psychosocial');
	await page.locator('#f-urgency').selectOption('priority');
	await page.locator('#f-ref_reason').fill('Ansiedad intensa antes de la entrevista con ONPAR');
	await page.locator('#referrals input[name="shared"][value="identity"]').check();
	await bothSizes(page, 'the case page with the referral form', 'case-refer', [DESKTOP, PHONE_390]);
	await clickAndLoad(page, page.locator('#referrals form button[type=submit]'));
	const row = page.locator('#referrals tbody tr').first();
	assert.match(await row.innerText(), /Psicosocial/);
	assert.match(await row.innerText(), /Enviada/);
	const ref = (await row.locator('a').first().innerText()).trim();
	assert.match(ref, /^R-\d{6}$/);
	await logout(page);

	await login(page, PSY);
	const nav = page.locator('header nav a[href="/referrals"]');
	assert.match(await nav.innerText(), /Remisiones \(\d+\)/, 'the navigation counts pending referrals');
	await clickAndLoad(page, nav);
	const inboxRow = page.locator('table.referrals tbody tr', { hasText: ref });
	assert.equal(await inboxRow.count(), 1, 'the referral is in the psychosocial inbox');
	await bothSizes(page, 'the referrals inbox', 'referrals-inbox', [DESKTOP, PHONE_390]);
	await clickAndLoad(page, inboxRow.locator(`a:has-text("${ref}")`));
	assert.match(await page.locator('main hgroup').innerText(), new RegExp(`Remisión · ${ref}`));
	assert.match(await page.locator('#overview').innerText(), /Ansiedad intensa/);
	await bothSizes(page, 'the referral page', 'referral', [DESKTOP, PHONE_390]);
	await clickAndLoad(page, page.getByRole('button', { name: 'Aceptar y abrir caso' }));
	assert.match(await page.locator('#overview').innerText(), /Aceptada/);
	const received = page.locator('a.received-case');
	assert.equal(await received.count(), 1, 'the page links the case opened in psychosocial');
	await clickAndLoad(page, received);
	assert.match(await page.locator('#overview').innerText(), /Psicosocial/);
	assert.match(await page.locator('#referrals').innerText(), new RegExp(ref));
	await logout(page);

	await login(page, LEX);
	await page.goto(legalCase);
	const status = await page.locator('#referrals tbody tr', { hasText: ref }).innerText();
	assert.match(status, /Aceptada/, 'lex sees "Aceptada" on the legal case');
	await checkA11y(page, 'the case page with a referral');
	assertNoProblems(ctx, 'while referring a case');
});
