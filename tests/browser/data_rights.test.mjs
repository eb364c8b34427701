// data_rights.test.mjs: an administrator registers a data-protection
// request from the History tab of a person's profile, sees it with its due date on
// "Solicitudes de derechos", and downloads the person's complete record as
// JSON from the profile. The section passes axe-core and fits a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	ADMIN, DESKTOP, PHONE, checkA11y, clickAndLoad, fillPerson, horizontalOverflow, login,
	openPage, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

test('register an access request on the profile and download the record', async () => {
	await login(page, ADMIN);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Marisela', surname1: 'Quintero', birth: '1987-04-02', sex: 'female', nationality: 'VEN' });
	await submitPerson(page);
	const person = new URL(page.url()).pathname;

	await clickAndLoad(page, page.locator('nav.tabs').getByRole('link', { name: 'Historial' }));
	assert.equal(new URL(page.url()).pathname, `${person}/history`);
	assert.match(await page.locator('#activity + div').innerText(), /Registro creado/);
	await page.locator('#data-rights summary', { hasText: 'Registrar una solicitud' }).click();
	await page.locator('#f-kind').selectOption({ label: 'Acceso' });
	await page.locator('#f-channel').selectOption({ label: 'Por correo electrónico' });
	await page.getByLabel('Qué pide la persona').fill('Copia de todo lo que tienen sobre ella');
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar la solicitud' }));
	assert.equal(new URL(page.url()).pathname, `${person}/history`);
	const section = page.locator('#data-rights');
	assert.match(await section.innerText(), /Acceso · Por correo electrónico/);
	assert.match(await section.innerText(), /Abierta/);
	assert.match(await section.innerText(), /Historial de cambios/);
	for (const size of [DESKTOP, PHONE]) {
		await page.setViewportSize(size);
		const overflow = await horizontalOverflow(page);
		assert.ok(!overflow, `the history page scrolls sideways at ${size.width} px: ${JSON.stringify(overflow)}`);
		await checkA11y(page, `the history page's data-protection section at ${size.width} px`);
	}
	await page.setViewportSize(DESKTOP);

	// The button is a link to the export with "download"; fetch it with the
	// page's session as the browser's download does.
	const link = page.getByRole('button', { name: 'Descargar el expediente completo (JSON)' });
	assert.equal(await link.getAttribute('download'), '');
	const res = await ctx.request.get(await link.getAttribute('href'));
	assert.equal(res.status(), 200);
	assert.match(res.headers()['content-disposition'], /^attachment; filename="amparo-P-\d{6}\.json"$/);
	const record = await res.json();
	assert.equal(record.format, 'amparo-person-export');
	assert.equal(record.sections.people[0].given_names, 'Marisela');
	assert.equal(record.sections.data_subject_requests.length, 1);
	assert.equal(record.sections.data_subject_requests[0].kind, 'access');

	await page.goto('/data-requests');
	const row = page.locator('table.data-requests tr', { hasText: record.person_ref });
	assert.match(await row.innerText(), /Acceso/);
	assert.match(await row.innerText(), /\d{2}\/\d{2}\/\d{4}/, 'the due date is shown');
	await checkA11y(page, 'Solicitudes de derechos');
	await page.goto(person);
});
