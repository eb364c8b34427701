// partners.test.mjs: a supervisor adds a partner to the directory
// ("Aliados") with the plain form, ticking what it offers, and finds it by
// area; the list, the form and the partner's page pass axe-core and fit a
// phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	PHONE, SARA, assertNoProblems, checkA11y, clickAndLoad, clickNav, horizontalOverflow, login, openPage, shot,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

test('a supervisor adds a partner and finds it by what it offers', async () => {
	await login(page, SARA);
	await clickNav(page, '/partners');
	assert.equal(await page.locator('main h1').innerText(), 'Aliados');
	await checkA11y(page, 'the partner list');

	await clickAndLoad(page, page.getByRole('button', { name: 'Añadir un aliado' }));
	await checkA11y(page, 'the new partner form');
	// Sent empty: each required field says what is wrong (a 400 page).
	ctx.expectStatus = new Set([400]);
	await clickAndLoad(page, page.getByRole('button', { name: 'Guardar' }));
	assert.equal(await page.locator('#f-name').getAttribute('aria-invalid'), 'true');
	assert.equal(await page.locator('#f-kind').getAttribute('aria-invalid'), 'true');

	ctx.expectStatus = undefined;
	await page.locator('#f-name').fill('Centro comunitario de Juan Díaz');
	await page.locator('#f-kind').selectOption('ngo');
	await page.getByLabel(/Comunidades y escuelas/).check();
	await page.getByLabel(/Psicosocial/).check();
	await page.locator('#f-description').fill('Actividades de integración y grupos de apoyo.');
	await clickAndLoad(page, page.getByRole('button', { name: 'Guardar' }));
	assert.match(new URL(page.url()).pathname, /^\/partners\/[0-9a-f-]{36}$/);
	assert.equal(await page.locator('main h1').innerText(), 'Centro comunitario de Juan Díaz');
	assert.match(await page.locator('main').innerText(), /Organización no gubernamental/);
	await checkA11y(page, "a partner's page");

	await page.goto('/partners');
	await page.locator('#f-area').selectOption('community');
	await clickAndLoad(page, page.getByRole('button', { name: 'Mostrar aliados' }));
	assert.match(page.url(), /area=community/);
	assert.equal(await page.locator('main table a', { hasText: 'Centro comunitario de Juan Díaz' }).count(), 1);
	await page.setViewportSize(PHONE);
	const overflow = await horizontalOverflow(page);
	assert.ok(!overflow, `the partner list scrolls sideways on a phone: ${JSON.stringify(overflow)}`);
	await shot(page, 'partners');
	assertNoProblems(ctx);
});
