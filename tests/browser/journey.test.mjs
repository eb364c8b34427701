// journey.test.mjs: a person's way across two service areas (issue 5's
// must-show). A legal caseworker opens a legal case, records two stages of
// the asylum procedure and an individual counselling session, and refers
// the person to psychosocial; the psychosocial caseworker finds the
// referral in "Remisiones", accepts it and opens the case in one step,
// records a PHQ-9 and sees its score; the legal case then shows the
// referral "Aceptada". Each page passes axe-core and fits a phone.
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

test('legal case, two asylum stages, counselling, referral to psychosocial; accepted, PHQ-9 scored', async () => {
	await login(page, LEX);
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Yusmeiri', surname1: 'Contreras', birth: '1992-11-20', sex: 'female', nationality: 'VEN' });
	await submitPerson(page);
	await page.locator('#f-area').selectOption('legal');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	const legalCase = new URL(page.url()).pathname;
	assert.match(legalCase, /^\/cases\/[0-9a-f-]{36}$/);

	// Two stages of the asylum procedure.
	const procedure = page.locator('#procedure');
	for (const [stage, date] of [['orientation', '05/01/2026'], ['application_filed', '14/01/2026']]) {
		await procedure.getByText('Registrar una etapa').click();
		await page.locator('#f-stage').selectOption(stage);
		await page.locator('#f-stage_date').fill(date);
		await clickAndLoad(page, page.getByRole('button', { name: 'Registrar la etapa' }));
	}
	const stages = await procedure.locator('ol.timeline li').allInnerTexts();
	assert.equal(stages.length, 2, 'two stages recorded');
	assert.match(stages[0], /05\/01\/2026\s+Orientación/);
	assert.match(stages[1], /14\/01\/2026\s+Solicitud presentada ante la ONPAR/);
	assert.match(await procedure.locator('.current-stage').innerText(), /Solicitud presentada ante la ONPAR \(14\/01\/2026\)/);

	// An individual counselling session.
	await page.locator('#services summary').click();
	await page.locator('#f-type').selectOption('legal_counselling');
	await page.locator('#f-date').fill('14/01/2026');
	await page.locator('#f-duration_minutes').fill('45');
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar', exact: true }));
	assert.match(await page.locator('#services tbody').innerText(), /14\/01\/2026\s+Asesoría legal individual\s+45/);

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

	// A PHQ-9 on the new case, and its score.
	await page.locator('#assessments summary', { hasText: 'Registrar una evaluación' }).click();
	await page.locator('#f-choose-instrument').selectOption('phq9');
	await clickAndLoad(page, page.getByRole('button', { name: 'Mostrar sus preguntas' }));
	const answers = [2, 2, 1, 1, 2, 1, 1, 1, 0];
	for (const [i, v] of answers.entries())
		await page.locator(`input[name="a${i + 1}"][value="${v}"]`).check();
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar la evaluación' }));
	const scored = await page.locator('#assessments').innerText();
	assert.match(scored, /Cuestionario de depresión PHQ-9/);
	assert.match(scored, /11 \/ 27/, 'the score is the sum of the answers');
	assert.match(scored, /Moderada/, 'and its band');
	assert.equal(await page.locator('.assessment-alert').count(), 0, 'question 9 at 0 raises no alert');
	await logout(page);

	await login(page, LEX);
	await page.goto(legalCase);
	const status = await page.locator('#referrals tbody tr', { hasText: ref }).innerText();
	assert.match(status, /Aceptada/, 'lex sees "Aceptada" on the legal case');
	await checkA11y(page, 'the case page with a referral');
	assertNoProblems(ctx, 'while referring a case');
});
