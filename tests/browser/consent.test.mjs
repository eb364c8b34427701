// consent.test.mjs: a caseworker registers a person, follows "Dar" on the
// profile's "Consentimientos" for referral to partners, confirms it as a
// signed form on its page, then withdraws it the same way; the state reads
// "Retirado" and the history lists both, newest first. The section and the
// form's page pass axe-core and fit a phone. An administrator registers a
// data-sharing agreement on its page, which passes the same checks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN, LUCIA, bothSizes, clickAndLoad, fillPerson, login, logout, openPage, submitPerson } from './lib.mjs';

let browser, page;
before(async () => ({ browser, page } = await openPage()));
after(() => browser?.close());

test('give and withdraw consent on the profile, and read the history', async () => {
	await login(page, LUCIA);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Rosmary', surname1: 'Aguilera', birth: '1987-03-09', sex: 'female', nationality: 'VEN' });
	await submitPerson(page);
	const section = page.locator('#consents');
	assert.match(await section.locator('h2').innerText(), /Consentimientos/);
	const row = page.locator('#consent-referral');
	assert.match(await row.innerText(), /Remisión a aliados[\s\S]*No registrado/);

	await clickAndLoad(page, row.getByRole('button', { name: 'Dar' }));
	assert.equal(await page.locator('main h1').innerText(), 'Dar consentimiento');
	assert.match(await page.locator('main').innerText(), /Remisión a aliados/);
	await bothSizes(page, 'the page giving a consent', 'consent-give');
	await page.getByLabel('Cómo lo expresó la persona').selectOption('signed');
	await clickAndLoad(page, page.getByRole('button', { name: 'Confirmar: dio su consentimiento' }));
	assert.match(await page.locator('#consent-referral').innerText(), /Dado/);
	assert.match(await page.locator('#consent-referral').innerText(), /Lucía|lucia/i);

	// Withdrawing is as easy: one click, one confirmation.
	await clickAndLoad(page, page.locator('#consent-referral').getByRole('button', { name: 'Retirar' }));
	assert.equal(await page.locator('main h1').innerText(), 'Retirar consentimiento');
	await page.getByLabel('Cómo lo expresó la persona').selectOption('verbal');
	await page.getByLabel('Nota (opcional)').fill('Ya no quiere ser remitida');
	await clickAndLoad(page, page.getByRole('button', { name: 'Confirmar: retiró su consentimiento' }));
	assert.match(await page.locator('#consent-referral').innerText(), /Retirado/);

	const history = page.locator('table.consent-history tbody tr');
	assert.equal(await history.count(), 2);
	assert.match(await history.nth(0).innerText(), /Remisión a aliados[\s\S]*Retirado[\s\S]*Verbal[\s\S]*Ya no quiere ser remitida/);
	assert.match(await history.nth(1).innerText(), /Dado[\s\S]*Formulario firmado/);
	await page.locator('#consents').scrollIntoViewIfNeeded();
	await bothSizes(page, 'the profile with its consents', 'consents-profile');
	await logout(page);
});

test('an administrator registers a data-sharing agreement', async () => {
	await login(page, ADMIN);
	await page.goto('/sharing-agreements');
	assert.equal(await page.locator('main h1').innerText(), 'Acuerdos de intercambio de datos');
	await page.locator('summary', { hasText: 'Registrar un acuerdo' }).click();
	const recipient = `Billetera ${Date.now()}`;
	await page.getByLabel('U otro destinatario').fill(recipient);
	await page.getByLabel('Finalidad').fill('Pagos de asistencia en efectivo');
	for (const field of ['Identidad (nombres, fecha de nacimiento, documentos)', 'Datos de contacto', 'Monto y mecanismo de pago'])
		await page.getByLabel(field).check();
	await page.getByLabel('Base legal').selectOption('contract');
	await page.getByLabel('Vigente desde').fill('2026-01-01');
	await page.getByLabel('Vence el').fill('2099-12-31');
	await page.getByLabel('Firmado por').fill('Directora de país');
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar el acuerdo' }));
	const row = page.locator('table.agreements tr', { hasText: recipient });
	assert.match(await row.innerText(), /Datos de contacto[\s\S]*Vigente/);
	await bothSizes(page, 'the data-sharing agreements page', 'sharing-agreements');
	await logout(page);
});
