// catalogues.test.mjs: an administrator adds a service type to the
// livelihoods catalogue from "Catálogos"; a livelihoods caseworker is
// offered it on a case and records a service with it. The catalogues page
// passes axe-core and fits a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	ADMIN, DESKTOP, LUIS, PHONE, assertNoProblems, checkA11y, clickAndLoad, clickNav, fillPerson,
	horizontalOverflow, login, logout, openPage, shot, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

test('an administrator adds a livelihoods service type; a caseworker records a service with it', async () => {
	const label = 'Taller de costura industrial';
	await login(page, ADMIN);
	await clickNav(page, '/catalogues');
	assert.equal(new URL(page.url()).pathname, '/catalogues');
	await clickAndLoad(page, page.getByRole('link', { name: 'Tipos de servicio: Medios de vida' }));
	assert.match(await page.locator('#entries h2').innerText(), /Medios de vida/);

	await page.locator('#f-label_es').fill(label);
	await page.locator('#f-label_en').fill('Industrial sewing workshop');
	await clickAndLoad(page, page.locator('#add button[type=submit]'));
	assert.match(await page.locator('[role=status]').innerText(), /Guardado/);
	const row = page.locator('#entries tr', { hasText: label });
	assert.equal(await row.count(), 1, 'the new type is listed');
	assert.match(await row.innerText(), /industrial_sewing_workshop/);
	assert.match(await row.innerText(), /En uso/);

	for (const size of [DESKTOP, PHONE]) {
		await page.setViewportSize(size);
		const overflow = await horizontalOverflow(page);
		assert.ok(!overflow, `the catalogues page scrolls sideways at ${size.width} px: ${JSON.stringify(overflow)}`);
		await checkA11y(page, `the catalogues page at ${size.width} px`);
		await shot(page, 'catalogues');
	}
	await page.setViewportSize(DESKTOP);
	await logout(page);

	await login(page, LUIS);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Rosmary', surname1: 'Quintero', birth: '1991-07-14', sex: 'female', nationality: 'COL' });
	await submitPerson(page);
	await page.locator('#f-area').selectOption('livelihoods');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	assert.match(new URL(page.url()).pathname, /^\/cases\/[0-9a-f-]{36}$/);

	await page.locator('#services summary').click();
	await page.locator('#f-type').selectOption({ label });
	await page.locator('#f-date').fill('12/02/2026');
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar', exact: true }));
	assert.match(await page.locator('#services table').innerText(), new RegExp(label));
	assertNoProblems(ctx, 'while editing a catalogue and using it');
});
