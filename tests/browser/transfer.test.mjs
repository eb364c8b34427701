// transfer.test.mjs: a legal caseworker of the main office sends a case to
// Darién; without the person's consent the form says so beside the box.
// Darién's caseworker finds it in "Traslados", reads what was sent and
// accepts it; the sender then no longer opens the case but still reads the
// transfer. The transfer pages pass axe-core and fit a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	DARIO, LUCIA, assertNoProblems, bothSizes, checkA11y, clickAndLoad, fillPerson, login, logout,
	openPage, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

test('send a case to Darién with consent; Darién accepts it; the sender keeps the record', async () => {
	await login(page, LUCIA);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Yuleisi', surname1: 'Mendoza', birth: '1991-07-19', sex: 'female', nationality: 'COL' });
	await submitPerson(page);
	await page.locator('#f-area').selectOption('legal');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	const casePath = new URL(page.url()).pathname;
	assert.match(await page.locator('#transfers').innerText(), /Oficina principal/);

	await page.locator('#transfers summary').click();
	await page.locator('#f-to_office').selectOption('dar');
	await page.locator('#f-transfer_reason').fill('Se mudó a Metetí con su familia');
	await page.locator('#f-shared').selectOption('services');
	ctx.expectStatus = new Set([400]); /* the form refused without consent */
	await clickAndLoad(page, page.getByRole('button', { name: 'Enviar el caso' }));
	ctx.expectStatus = null;
	assert.match(await page.locator('#e-consent').innerText(), /La persona debe aceptar el traslado/);
	assert.equal(await page.locator('#f-transfer_reason').inputValue(), 'Se mudó a Metetí con su familia', 'what was typed comes back');
	await checkA11y(page, 'the transfer form with an error');
	await page.locator('#f-consent').check();
	await clickAndLoad(page, page.getByRole('button', { name: 'Enviar el caso' }));
	const transferPath = new URL(page.url()).pathname;
	assert.match(transferPath, /^\/transfers\/[0-9a-f-]{36}$/);
	assert.match(await page.locator('main').innerText(), /Esperando respuesta/);
	assert.match(await page.locator('#snapshot').innerText(), /Yuleisi Mendoza/);
	await bothSizes(page, 'a transfer sent', 'transfer-sent');
	await logout(page);

	await login(page, DARIO);
	await page.goto('/transfers');
	await bothSizes(page, 'the transfers inbox', 'transfers');
	await clickAndLoad(page, page.locator(`#incoming a[href="${transferPath}"]`));
	assert.match(await page.locator('#snapshot').innerText(), /Se mudó|Yuleisi/);
	await clickAndLoad(page, page.getByRole('button', { name: 'Aceptar el caso' }));
	assert.equal(new URL(page.url()).pathname, casePath);
	assert.match(await page.locator('#transfers').innerText(), /Darién/);
	assert.match(await page.locator('#overview .caseworker').innerText(), /Caseworker dario/);
	await logout(page);

	await login(page, LUCIA);
	ctx.expectStatus = new Set([404]);
	const gone = await page.goto(casePath);
	ctx.expectStatus = null;
	assert.equal(gone.status(), 404, 'the case left the office');
	await page.goto(transferPath);
	assert.match(await page.locator('main').innerText(), /Aceptado/);
	assert.match(await page.locator('#snapshot').innerText(), /Yuleisi Mendoza/);
	assertNoProblems(ctx, 'while transferring a case');
});
