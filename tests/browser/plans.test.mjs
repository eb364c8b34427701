// plans.test.mjs: where the office wants legal plans approved, a legal
// caseworker opens a case, adds two goals and a progress note and sends
// the plan to approval; the supervisor finds it under "Aprobaciones" in
// the navigation and approves it. The case page and the queue pass
// axe-core and fit a phone. The administrator puts the setting back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	ADMIN, LUCIA, SARA, assertNoProblems, bothSizes, clickAndLoad, fillPerson, login, logout, openPage,
	submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

// The administrator ticks or unticks legal among the areas whose plans
// need approval.
async function legalPlansNeedApproval(on) {
	await login(page, ADMIN);
	await page.goto('/settings');
	const box = page.locator('input[name="plan_approval_areas"][value="legal"]');
	await (on ? box.check() : box.uncheck());
	await clickAndLoad(page, page.getByRole('button', { name: 'Guardar' }));
	assert.equal(await page.locator('input[name="plan_approval_areas"][value="legal"]').isChecked(), on);
	await logout(page);
}

test('a caseworker sends a plan of two goals to approval; the supervisor approves it', async () => {
	await legalPlansNeedApproval(true);
	try {
		await login(page, LUCIA);
		await page.goto('/people/new');
		await fillPerson(page, { given: 'Yusmary', surname1: 'Colmenares', birth: '1991-11-23', sex: 'female', nationality: 'VEN' });
		await submitPerson(page);
		await page.locator('#f-area').selectOption('legal');
		await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
		const casePath = new URL(page.url()).pathname;
		assert.match(casePath, /^\/cases\/[0-9a-f-]{36}$/);
		const plan = page.locator('#plan');
		assert.match(await plan.innerText(), /Borrador: aún no se ha enviado a aprobación/);

		for (const [title, due] of [['Presentar la solicitud de refugio ante la ONPAR', '15/03/2026'],
			['Obtener el carné de solicitante', '']]) {
			await plan.getByText('Agregar una meta').click();
			await page.locator('#f-title').fill(title);
			await page.locator('#f-due_on').fill(due);
			await clickAndLoad(page, page.getByRole('button', { name: 'Agregar la meta' }));
			assert.ok((await page.locator('#plan .goals').innerText()).includes(title), `the goal "${title}" is listed`);
		}
		assert.equal(await page.locator('#plan li.goal').count(), 2);
		assert.match(await page.locator('#plan li.goal').first().innerText(), /vence el 15\/03\/2026/);

		await page.locator('#f-body').fill('Trae copia del pasaporte; falta la partida de nacimiento.');
		await clickAndLoad(page, page.getByRole('button', { name: 'Agregar la nota' }));
		assert.match(await page.locator('#notes').innerText(), /falta la partida de nacimiento/);

		await page.locator('#f-note').fill('Listo para revisión');
		await clickAndLoad(page, page.getByRole('button', { name: 'Enviar a aprobación' }));
		assert.match(await page.locator('#plan').innerText(), /Enviado a aprobación: espera la decisión de un supervisor/);
		await bothSizes(page, 'the case page with a plan', 'case-plan');
		await logout(page);

		await login(page, SARA);
		const link = page.locator('header nav a[href="/approvals"]');
		assert.match(await link.innerText(), /^Aprobaciones \(\d+\)$/);
		await clickAndLoad(page, link);
		assert.equal(await page.locator('main h1').innerText(), 'Aprobaciones');
		const request = page.locator('article.approval', { has: page.locator(`a[href^="${casePath}"]`) });
		assert.equal(await request.count(), 1, 'the request is in the queue');
		assert.match(await request.innerText(), /Plan del caso/);
		assert.match(await request.innerText(), /Yusmary Colmenares/);
		assert.match(await request.innerText(), /Solicitado por Caseworker lucia/);
		await bothSizes(page, 'the approvals queue', 'approvals');
		await request.getByLabel(/Comentario/).fill('De acuerdo con las metas');
		await clickAndLoad(page, request.getByRole('button', { name: 'Aprobar' }));
		assert.match(await page.locator('main').innerText(), /Aprobado\./);
		assert.equal(await page.locator(`article.approval a[href^="${casePath}"]`).count(), 0, 'no longer waiting');

		await page.goto(casePath);
		assert.match(await page.locator('#plan').innerText(), /Plan: Aprobado\./);
		assert.match(await page.locator('#plan').innerText(), /De acuerdo con las metas/);
		await logout(page);
	} finally {
		await legalPlansNeedApproval(false);
	}
	assertNoProblems(ctx, 'while working on a plan');
});
