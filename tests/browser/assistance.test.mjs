// assistance.test.mjs: the supervisor adds a cash programme; an assistance
// officer requests assistance for a household from its page (the amount
// typed the local way, "80,50"), and cannot approve it; the supervisor
// finds it in the approval queue under "Más" and approves it there; the
// programme page shows the amount committed. The supervisor disburses it
// by transfer and reconciles the provider's statement on the programme
// page: the disbursement is stored as reconciled, in the programme's runs
// and the request's history. The edit form refuses a budget under what is
// paid, and deactivates the programme, which then leaves the request
// form. The queue, the request and programme pages pass axe-core and fit
// a phone. The payee account typed on the form is shown whole to the
// officer, masked to a caseworker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ANA, LUCIA, SARA, bothSizes, clickAndLoad, clickNav, login, logout, openPage } from './lib.mjs';

let browser, page;
before(async () => ({ browser, page } = await openPage()));
after(() => browser?.close());

test('an assistance officer requests; a supervisor approves in the queue', async () => {
	const name = `Efectivo multipropósito ${Date.now()}`;
	await login(page, SARA);
	await page.goto('/assistance');
	await page.getByText('Agregar un programa').click();
	await page.locator('#f-name').fill(name);
	await page.locator('#f-kind').selectOption('multipurpose_cash');
	await page.locator('#f-donor').fill('ACNUR');
	await page.locator('#f-budget').fill('10.000,00');
	await page.locator('#f-cap').fill('150');
	await clickAndLoad(page, page.getByRole('button', { name: 'Agregar el programa' }));
	const programmePath = new URL(page.url()).pathname;
	assert.match(programmePath, /^\/assistance\/programmes\/[0-9a-f-]{36}$/);
	assert.equal(await page.locator('#budget').innerText(), '$10,000.00');
	await logout(page);

	await login(page, ANA);
	await page.goto('/households');
	await clickAndLoad(page, page.locator('main a[href^="/households/"]').first());
	const householdPath = new URL(page.url()).pathname;
	await page.locator('#assistance summary').click();
	await page.locator('#f-programme_id').selectOption(programmePath.split('/').pop());
	await page.locator('#f-amount').fill('80,50');
	await page.locator('#f-reason').fill('Alquiler atrasado de noviembre');
	await page.locator('#f-payee_account').fill('0401-2233-4455-6789');
	await clickAndLoad(page, page.getByRole('button', { name: 'Solicitar asistencia' }));
	const requestPath = new URL(page.url()).pathname;
	assert.match(requestPath, /^\/assistance\/[0-9a-f-]{36}$/);
	assert.match(await page.locator('main').innerText(), /\$80\.50/);
	// The officer disburses: the account whole (stored encrypted).
	assert.match(await page.locator('main').innerText(), /0401-2233-4455-6789/);
	assert.equal(await page.locator(`form[action="${requestPath}/approve"]`).count(), 0, 'the officer cannot approve');
	assert.match(await page.locator('.why-not').innerText(), /Solo supervisores y administradores/);
	await bothSizes(page, 'the request page', 'assistance-request');
	await logout(page);

	await login(page, SARA);
	await page.goto(householdPath);
	await clickNav(page, '/assistance');
	await clickAndLoad(page, page.locator('main a[href="/assistance/approvals"]'));
	assert.equal(await page.locator('main h1').innerText(), 'Cola de aprobación');
	const item = page.locator('article.decision', { has: page.locator(`a[href="${requestPath}"]`) });
	assert.equal(await item.count(), 1, 'the request is in the queue');
	assert.match(await item.innerText(), /\$80\.50/);
	await bothSizes(page, 'the approval queue', 'assistance-queue');
	await clickAndLoad(page, item.getByRole('button', { name: 'Aprobar' }));
	assert.equal(new URL(page.url()).pathname, '/assistance/approvals');
	assert.match(await page.locator('main [role=status]').innerText(), /Guardado/, 'the approval is confirmed');
	assert.equal(await page.locator('article.decision', { has: page.locator(`a[href="${requestPath}"]`) }).count(), 0, 'no longer waiting');

	await page.goto(programmePath);
	assert.equal(await page.locator('#committed').innerText(), '$80.50');
	assert.equal(await page.locator('#remaining').innerText(), '$9,919.50');
	await page.goto(requestPath);
	assert.match(await page.locator('#f-status').innerText(), /Aprobada/);

	// Disbursed by transfer, then the provider's statement reconciles it.
	const ref = `BG-${Date.now()}`;
	await page.locator('#f-mechanism').selectOption('bank_transfer');
	await page.locator('#f-reference').fill(ref);
	await clickAndLoad(page, page.getByRole('button', { name: 'Registrar el desembolso' }));
	assert.match(await page.locator('#f-status').innerText(), /Desembolsada/);
	await page.goto(programmePath);
	await page.locator('#payments input[type=file]').setInputFiles({
		name: 'banco-noviembre.csv', mimeType: 'text/csv', buffer: Buffer.from(`referencia,monto\n${ref},80.50\n`),
	});
	await clickAndLoad(page, page.getByRole('button', { name: 'Conciliar' }));
	assert.match(await page.locator('#stored').innerText(), /Guardado: 1 desembolsos quedan marcados como conciliados/);
	await page.goto(programmePath);
	assert.match(await page.locator('#recon-count').innerText(), /^1 de 1 desembolsos conciliados .*\(\$80\.50 de \$80\.50\)/);
	assert.match(await page.locator('table.recon-runs tbody').innerText(), /banco-noviembre\.csv/);
	await page.goto(requestPath);
	assert.match(await page.locator('#history tr.step-reconciled').innerText(), /Conciliada con el estado de cuenta del proveedor[\s\S]*\$80\.50/);

	// The edit form: not under what is paid; then deactivated.
	await page.goto(programmePath);
	await page.getByText('Editar el programa').click();
	await page.locator('#f-budget').fill('50');
	await clickAndLoad(page, page.getByRole('button', { name: 'Guardar los cambios' }));
	assert.match(await page.locator('#edit').innerText(), /no se puede bajar a \$50\.00: ya hay \$80\.50 comprometidos o pagados/);
	assert.equal(await page.locator('#f-budget').inputValue(), '50', 'what was typed stays');
	await page.locator('#f-budget').fill('5.000');
	await page.locator('#f-donor').fill('UE');
	await page.locator('#f-min_score').fill('20');
	await page.locator('#edit input[name=active]').uncheck();
	await clickAndLoad(page, page.getByRole('button', { name: 'Guardar los cambios' }));
	assert.equal(await page.locator('#budget').innerText(), '$5,000.00');
	assert.equal(await page.locator('#min-score').innerText(), '20 de 100');
	assert.match(await page.locator('#inactive').innerText(), /desactivado/);
	assert.match(await page.locator('main hgroup').innerText(), /UE/);
	await bothSizes(page, 'the programme page', 'assistance-programme');
	await page.goto(householdPath);
	assert.equal(await page.locator(`#f-programme_id option[value="${programmePath.split('/').pop()}"]`).count(), 0,
		'a deactivated programme takes no requests');
	assert.match(await page.locator('#household-score').textContent(), /Puntaje de vulnerabilidad de este hogar: \d+/);
	await logout(page);

	// A caseworker who does not disburse reads the account masked.
	await login(page, LUCIA);
	await page.goto(requestPath);
	const seen = await page.locator('main').innerText();
	assert.match(seen, /\*\*\*\*6789/);
	assert.doesNotMatch(seen, /4455/);
	await logout(page);
});
