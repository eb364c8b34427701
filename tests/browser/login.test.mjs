// login.test.mjs: two-step login in a real browser: a psychosocial
// caseworker sets up the authenticator app from the QR page (the code is
// computed here from the key the page shows, as the app would), keeps the
// recovery codes, logs out, and logs in again with a code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	assertNoProblems, checkA11y, clickAndLoad, logout, openPage, shot, typeCode,
} from './lib.mjs';

const NURIA = { name: 'nuria', password: process.env.AMPARO_CW_PASSWORD };

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

async function password(user) {
	await page.goto('/login');
	await page.locator('#f-name').fill(user.name);
	await page.locator('#f-password').fill(user.password);
	await clickAndLoad(page, page.locator('form[action="/login"] button[type=submit]'));
}

test('two-step login: set up the app from the QR page, then log in with a code', async () => {
	await password(NURIA);
	assert.equal(new URL(page.url()).pathname, '/login/enrol', 'sent to set up the app');
	assert.equal(await page.locator('h1').innerText(), 'Configurar el inicio de sesión en dos pasos');
	const qr = page.locator('svg.qr');
	await qr.waitFor();
	const box = await qr.boundingBox();
	assert.ok(box.width >= 120 && Math.abs(box.width - box.height) < 1, `a square QR code big enough to scan: ${box.width}x${box.height}`);
	assert.equal(await qr.getAttribute('aria-label'), 'Código QR para la aplicación de autenticación');
	const secret = await page.locator('#totp-secret').getAttribute('data-secret');
	assert.match(secret, /^[A-Z2-7]{32}$/);
	assert.equal((await page.locator('#totp-secret').innerText()).replace(/\s/g, ''), secret, 'the key as shown, in groups');
	await checkA11y(page, 'enrolment page');
	await shot(page, 'login-enrol');

	// Nothing else opens yet.
	await page.goto('/people');
	assert.equal(new URL(page.url()).pathname, '/login/enrol');

	await typeCode(page, 'nuria', secret);
	assert.equal(await page.locator('h1').innerText(), 'Códigos de recuperación');
	const codes = await page.locator('ul.recovery-codes code').allInnerTexts();
	assert.equal(codes.length, 10);
	assert.equal(new Set(codes).size, 10, 'ten different codes');
	await clickAndLoad(page, page.getByRole('button', { name: 'Ya los guardé: continuar' }));
	assert.notEqual(new URL(page.url()).pathname, '/login/enrol');
	await page.goto('/people');
	assert.equal(new URL(page.url()).pathname, '/people', 'logged in');
	await logout(page);

	// The next login asks for a code after the password.
	await password(NURIA);
	assert.equal(new URL(page.url()).pathname, '/login/code');
	assert.equal(await page.locator('h1').innerText(), 'Código de verificación');
	await checkA11y(page, 'code page');
	await page.locator('#f-code').fill('000000');
	await clickAndLoad(page, page.locator('form[action="/login/code"] button[type=submit]'));
	assert.match(await page.locator('#e-code').innerText(), /incorrecto o ya se usó/);
	// The refused code is a 401 the browser reports; nothing else may be there.
	const seen = ctx.problems.splice(0);
	assert.ok(seen.every((p) => /401/.test(p)), seen.join('\n'));
	await typeCode(page, 'nuria', secret);
	assert.notEqual(new URL(page.url()).pathname, '/login/code', 'in after the right code');
	await page.goto('/people');
	assert.equal(new URL(page.url()).pathname, '/people');
	assertNoProblems(ctx, 'during two-step login');
});
