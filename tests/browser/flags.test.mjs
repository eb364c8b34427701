// flags.test.mjs: a legal caseworker raises "No contactar por teléfono" on
// a person's profile; the banner shows it there and on the case page; she
// lifts it with a reason and it moves to the lifted alerts. The profile
// with its alerts passes axe-core and fits a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	DESKTOP, LUCIA, PHONE, assertNoProblems, checkA11y, clickAndLoad, fillPerson,
	horizontalOverflow, login, openPage, shot, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

test('raise "No contactar por teléfono", see it on the profile and the case page, lift it', async () => {
	const reason = 'Su expareja controla el teléfono';
	await login(page, LUCIA);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Yuleisy', surname1: 'Mendoza', birth: '1990-11-21', sex: 'female', nationality: 'COL' });
	await submitPerson(page);
	const person = new URL(page.url()).pathname;
	await page.locator('#f-area').selectOption('legal');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	const casePath = new URL(page.url()).pathname;
	assert.equal(await page.locator('.flags-banner').count(), 0, 'no banner without flags');

	await page.goto(person);
	await page.locator('#flags summary', { hasText: 'Registrar una alerta' }).click();
	await page.getByLabel('Alerta', { exact: true }).selectOption({ label: 'No contactar por teléfono' });
	await page.getByLabel('Motivo').fill(reason);
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar la alerta' }));
	const banner = page.locator('.flags-banner');
	assert.match(await banner.innerText(), /Alertas activas/);
	assert.match(await banner.innerText(), /No contactar por teléfono: Su expareja controla el teléfono/);
	assert.match(await page.locator('#flags').innerText(), /No contactar por teléfono/);
	for (const size of [DESKTOP, PHONE]) {
		await page.setViewportSize(size);
		const overflow = await horizontalOverflow(page);
		assert.ok(!overflow, `the profile with alerts scrolls sideways at ${size.width} px: ${JSON.stringify(overflow)}`);
		await checkA11y(page, `the profile with alerts at ${size.width} px`);
		await shot(page, 'flags-profile');
	}
	await page.setViewportSize(DESKTOP);

	await page.goto(casePath);
	assert.match(await page.locator('.flags-banner').innerText(), /No contactar por teléfono/);
	await checkA11y(page, 'the case page with an alert');

	await page.goto(person);
	await page.locator('#flags summary', { hasText: 'Levantar' }).click();
	await page.getByLabel('Por qué ya no aplica').fill('Tiene un número nuevo y seguro');
	await clickAndLoad(page, page.getByRole('button', { name: 'Levantar la alerta' }));
	assert.equal(await page.locator('.flags-banner').count(), 0, 'the lifted alert leaves the banner');
	const flags = await page.locator('#flags').innerText();
	assert.match(flags, /No tiene alertas activas/);
	assert.match(flags, /Alertas levantadas/);
	assert.match(flags, /Tiene un número nuevo y seguro/);
	await page.goto(casePath);
	assert.equal(await page.locator('.flags-banner').count(), 0, 'nor on the case page');
	assertNoProblems(ctx, 'while raising and lifting an alert');
});
