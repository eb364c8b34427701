// assistance_recon.test.mjs: a supervisor adds a programme; on its page,
// the supervisor uploads a provider statement whose one line was not
// expected and reads it under "No esperado"; the result page passes
// axe-core and fits a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { SARA, bothSizes, clickAndLoad, login, logout, openPage } from './lib.mjs';

let browser, page;
before(async () => ({ browser, page } = await openPage()));
after(() => browser?.close());

test('a supervisor uploads a provider statement on the programme page', async () => {
	await login(page, SARA);
	await page.goto('/assistance');
	await page.getByText('Agregar un programa').click();
	await page.locator('#f-name').fill(`Conciliación ${Date.now()}`);
	await page.locator('#f-kind').selectOption('multipurpose_cash');
	await page.locator('#f-budget').fill('10.000,00');
	await page.locator('#f-cap').fill('150');
	await clickAndLoad(page, page.getByRole('button', { name: 'Agregar el programa' }));
	assert.match(await page.locator('#payments h2').innerText(), /Pagos y conciliación/);
	await page.locator('#payments input[type=file]').setInputFiles({
		name: 'extracto.csv', mimeType: 'text/csv', buffer: Buffer.from('referencia,monto\nBG-404,25.00\n'),
	});
	await clickAndLoad(page, page.getByRole('button', { name: 'Conciliar' }));
	assert.equal(await page.locator('main h1').innerText(), 'Conciliación');
	assert.match(await page.locator('.summary').innerText(), /0 conciliados, 0 diferencias de monto, 1 no esperados/);
	assert.match(await page.locator('table.recon-2').innerText(), /BG-404[\s\S]*\$25\.00/);
	await bothSizes(page, 'the reconciliation page', 'assistance-reconcile');
	await logout(page);
});
