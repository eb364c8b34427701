// assistance.test.mjs: the supervisor adds a cash programme; an assistance
// officer requests assistance for a household from its page (the amount
// typed the local way, "80,50"), and cannot approve it; the supervisor
// finds it in the approval queue under "Más" and approves it there; the
// programme page shows the amount committed. The queue and the request
// page pass axe-core and fit a phone. The payee account typed on the form
// is shown whole to the officer, masked to a caseworker.
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
	assert.equal(await page.locator('article.decision', { has: page.locator(`a[href="${requestPath}"]`) }).count(), 0, 'no longer waiting');

	await page.goto(programmePath);
	assert.equal(await page.locator('#committed').innerText(), '$80.50');
	assert.equal(await page.locator('#remaining').innerText(), '$9,919.50');
	await page.goto(requestPath);
	assert.match(await page.locator('#f-status').innerText(), /Aprobada/);
	await logout(page);

	// A caseworker who does not disburse reads the account masked.
	await login(page, LUCIA);
	await page.goto(requestPath);
	const seen = await page.locator('main').innerText();
	assert.match(seen, /\*\*\*\*6789/);
	assert.doesNotMatch(seen, /4455/);
	await logout(page);
});
