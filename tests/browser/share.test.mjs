// share.test.mjs: a legal caseworker of the main office shares one case
// with Darién's caseworker, read-only, until a date: a date in the past is
// refused beside its field, keeping what was typed. Darién's caseworker
// then opens the case; once the share is revoked, it is gone for him
// again. The section passes axe-core and fits a phone (docs/access.md).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	DARIO, LUCIA, bothSizes, checkA11y, clickAndLoad, fillPerson, login, logout, openPage,
	submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

const inDays = (n) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

test('share a case with Darién read-only until a date, then revoke it', async () => {
	await login(page, LUCIA);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Yamileth', surname1: 'Caicedo', birth: '1987-03-02', sex: 'female', nationality: 'COL' });
	await submitPerson(page);
	await page.locator('#f-area').selectOption('legal');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	const casePath = new URL(page.url()).pathname;
	assert.match(await page.locator('#shares').innerText(), /no está compartido con nadie/);

	await page.locator('#shares summary').click();
	await page.locator('#shares #f-share_user').fill('dario');
	await page.locator('#shares #f-share_until').fill('2020-01-01');
	ctx.expectStatus = new Set([400]);
	await clickAndLoad(page, page.getByRole('button', { name: 'Compartir', exact: true }));
	ctx.expectStatus = null;
	assert.match(await page.locator('#shares').innerText(), /debe terminar después de hoy/);
	assert.equal(await page.locator('#shares #f-share_user').inputValue(), 'dario', 'what was typed comes back');
	await checkA11y(page, 'the share form with an error');
	await page.locator('#shares #f-share_until').fill(inDays(14));
	await clickAndLoad(page, page.getByRole('button', { name: 'Compartir', exact: true }));
	assert.match(await page.locator('#shares').innerText(), /Caseworker dario/);
	assert.match(await page.locator('#shares').innerText(), /Solo lectura/);
	await bothSizes(page, 'a case shared', 'case-shared');
	await logout(page);

	await login(page, DARIO);
	const opened = await page.goto(casePath);
	assert.equal(opened.status(), 200);
	assert.match(await page.locator('main').innerText(), /Yamileth Caicedo/);
	assert.equal(await page.locator('#shares').count(), 0, 'the shared user does not manage shares');
	await logout(page);

	await login(page, LUCIA);
	await page.goto(casePath);
	await clickAndLoad(page, page.locator('#shares').getByRole('button', { name: 'Revocar' }));
	assert.match(await page.locator('#shares').innerText(), /Revocado/);
	await logout(page);

	await login(page, DARIO);
	ctx.expectStatus = new Set([404]);
	const gone = await page.goto(casePath);
	ctx.expectStatus = null;
	assert.equal(gone.status(), 404);
});
