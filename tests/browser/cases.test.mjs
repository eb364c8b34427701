// cases.test.mjs: a legal caseworker opens a legal case from a person's
// profile, records a counselling session with a note and raises the risk;
// a livelihoods caseworker sees the session but "Nota restringida". The
// case page and "Mis casos" pass axe-core and fit a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	LUCIA, LUIS, assertNoProblems, bothSizes, checkA11y, clickAndLoad, fillPerson, login, logout,
	openPage, submitPerson, tableRows,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

test('a legal case: open it, record a session, raise the risk; the note stays in legal', async () => {
	const secret = 'Teme volver a su país por amenazas';
	await login(page, LUCIA);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Dayerlin', surname1: 'Gutiérrez', birth: '1994-03-08', sex: 'female', nationality: 'VEN' });
	await submitPerson(page);
	const person = new URL(page.url()).pathname;

	await page.locator('#f-area').selectOption('legal');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	const casePath = new URL(page.url()).pathname;
	assert.match(casePath, /^\/cases\/[0-9a-f-]{36}$/);
	assert.match(await page.locator('main hgroup').innerText(), /Caso · C-\d{6}/);
	assert.match(await page.locator('#overview').innerText(), /Abierto el\s+\d{2}\/\d{2}\/\d{4}/);

	await page.locator('#services summary').click();
	await page.locator('#f-type').selectOption('legal_counselling');
	await page.locator('#f-date').fill('10/02/2026');
	await page.locator('#f-duration_minutes').fill('60');
	await page.locator('#f-notes').fill(secret);
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar', exact: true }));
	assert.match(await page.locator('#services').innerText(), /Asesoría legal individual/);
	assert.ok((await page.locator('#services').innerText()).includes(secret));

	await page.getByText('Cambiar el nivel de riesgo').click();
	await page.locator('#f-risk').selectOption('high');
	await clickAndLoad(page, page.locator('form[action$="/risk"] button'));
	assert.match(await page.locator('#overview').innerText(), /Alto/);
	assert.match(await page.locator('#history').innerText(), /Bajo → Alto/);
	await bothSizes(page, 'the case page', 'case');

	await page.goto('/cases');
	assert.ok(await page.locator(`a[href="${casePath}"]`).count() === 1, 'the case is in Mis casos');
	const listed = (await tableRows(page, 'main table')).find((row) => row.Persona === 'Dayerlin Gutiérrez');
	assert.ok(listed, 'Mis casos names the person under "Persona"');
	assert.equal(listed['Área'], 'Legal');
	assert.equal(listed['Riesgo'], 'Alto');
	await bothSizes(page, 'Mis casos', 'my-cases');
	await page.goto(person);
	assert.ok(await page.locator(`#cases a[href="${casePath}"]`).count() === 1, 'the profile lists the case');
	const [onProfile] = await tableRows(page, '#cases table');
	assert.equal(onProfile['Área'], 'Legal');
	assert.equal(onProfile['Riesgo'], 'Alto');
	assert.equal(onProfile['Gestor(a) de casos'], 'Caseworker lucia');
	await logout(page);

	await login(page, LUIS);
	await page.goto(casePath);
	const services = await page.locator('#services').innerText();
	assert.match(services, /Nota restringida/);
	assert.ok(!services.includes(secret), 'a livelihoods caseworker reads no legal note');
	await checkA11y(page, 'the case page outside its area');
	assertNoProblems(ctx, 'while working on a case');
});
