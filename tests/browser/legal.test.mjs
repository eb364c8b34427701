// legal.test.mjs: a legal caseworker opens a legal case, records two
// stages of the asylum procedure, the file number, a detention and the
// release, and sees them on the case page (timeline, current stage, the
// episode no longer open) and the current stage on the profile. The
// section passes axe-core and fits a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	DESKTOP, LEX, PHONE, assertNoProblems, checkA11y, clickAndLoad, fillPerson,
	horizontalOverflow, login, openPage, shot, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

test('the asylum procedure: two stages, a detention and its release', async () => {
	await login(page, LEX);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Yeferson', surname1: 'Castellanos', birth: '1991-11-23', sex: 'male', nationality: 'COL' });
	await submitPerson(page);
	const person = new URL(page.url()).pathname;

	await page.locator('#f-area').selectOption('legal');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	const procedure = page.locator('#procedure');
	assert.match(await procedure.locator('h2').innerText(), /Procedimiento de asilo/);
	assert.match(await procedure.locator('.current-stage').innerText(), /Ninguna todavía/);

	await procedure.getByText('Registrar una etapa').click();
	await page.locator('#f-stage').selectOption('application_filed');
	await page.locator('#f-stage_date').fill('14/01/2026');
	await page.locator('#f-stage_notes').fill('Solicitud presentada con la abogada');
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar la etapa' }));

	await procedure.getByText('Registrar una etapa').click();
	await page.locator('#f-stage').selectOption('admissibility');
	await page.locator('#f-stage_date').fill('20/02/2026');
	await page.locator('#f-result').selectOption('admitted');
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar la etapa' }));

	const stages = await procedure.locator('ol.timeline li').allInnerTexts();
	assert.equal(stages.length, 2);
	assert.match(stages[0], /14\/01\/2026\s+Solicitud presentada ante la ONPAR/);
	assert.match(stages[1], /20\/02\/2026\s+Decisión de admisibilidad · Admitida/);
	assert.match(await procedure.locator('.current-stage').innerText(), /Decisión de admisibilidad \(20\/02\/2026\)/);

	await procedure.getByText('Registrar el número de expediente').click();
	await page.locator('#f-file_number').fill('ONPAR-2026-0142');
	await clickAndLoad(page, page.locator('form.file-number-form button'));
	assert.match(await procedure.locator('.file-number').innerText(), /ONPAR-2026-0142/);

	await procedure.getByText('Registrar una detención').click();
	await page.locator('#f-detention_place').fill('Estación de recepción migratoria de San Vicente');
	await page.locator('#f-detained_on').fill('01/03/2026');
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar la detención' }));
	assert.equal(await procedure.locator('.detention-open').count(), 1);
	assert.match(await procedure.locator('.detention-open').innerText(), /Detenido\(a\) actualmente/);

	await procedure.locator('summary', { hasText: 'Registrar la liberación' }).click();
	await page.locator('#f-released_on').fill('05/03/2026');
	await page.locator('#f-release_reason').fill('Orden de libertad');
	await clickAndLoad(page, page.locator('form.release-form button'));
	assert.equal(await procedure.locator('.detention-open').count(), 0);
	const episode = await procedure.locator('.detention').innerText();
	assert.match(episode, /San Vicente/);
	assert.match(episode, /05\/03\/2026/);
	assert.match(episode, /Orden de libertad/);

	for (const size of [DESKTOP, PHONE]) {
		await page.setViewportSize(size);
		const overflow = await horizontalOverflow(page);
		assert.ok(!overflow, `the case page scrolls sideways at ${size.width} px: ${JSON.stringify(overflow)}`);
		await checkA11y(page, `the asylum procedure at ${size.width} px`);
		await shot(page, 'case-legal');
	}
	await page.setViewportSize(DESKTOP);

	await page.goto(person);
	assert.match(await page.locator('#overview').innerText(), /Decisión de admisibilidad \(20\/02\/2026\)/);
	assertNoProblems(ctx, 'while recording an asylum procedure');
});
