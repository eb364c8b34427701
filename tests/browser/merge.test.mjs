// merge.test.mjs: a supervisor finds that two registrations are one woman,
// merges them from her profile choosing field by field, and undoes it;
// the comparison page passes axe-core and fits a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	PHONE, SARA, assertNoProblems, checkA11y, clickAndLoad, fillPerson, horizontalOverflow, login,
	openPage, shot, submitPerson,
} from './lib.mjs';

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

async function register(p) {
	await page.goto('/people/new');
	await fillPerson(page, p);
	await submitPerson(page);
	const path = new URL(page.url()).pathname;
	assert.match(path, /^\/people\/[^/]+$/, `registering ${p.given} should open the profile, got ${page.url()}`);
	const ref = (await page.locator('main hgroup p').innerText()).match(/P-\d{6}/)[0];
	return { path, ref };
}

test('a supervisor merges two registrations of one person and undoes it', async () => {
	await login(page, SARA);
	const a = await register({ given: 'Yusneidy Carolina', surname1: 'Martínez', birth: '1992-07-21', sex: 'female', nationality: 'VEN' });
	const b = await register({ given: 'Yusneidy', surname1: 'Martínez', surname2: 'Rojas', birth: '1992-07-21', sex: 'female', nationality: 'COL' });

	await page.goto(a.path);
	await clickAndLoad(page, page.getByRole('button', { name: 'Fusionar con otro registro' }));
	await page.locator('#f-with').fill(b.ref);
	await clickAndLoad(page, page.getByRole('button', { name: 'Comparar' }));
	assert.match(new URL(page.url()).pathname, /\/merge$/);
	// The survivor's values by default; the other's where the survivor has none.
	assert.ok(await page.getByRole('radio', { name: 'Yusneidy Carolina' }).isChecked());
	assert.ok(await page.getByRole('radio', { name: 'Rojas' }).isChecked());
	await shot(page, 'merge');
	await checkA11y(page, 'the merge comparison');
	await page.setViewportSize(PHONE);
	const overflow = await horizontalOverflow(page);
	assert.ok(!overflow, `the merge comparison scrolls sideways on a phone: ${JSON.stringify(overflow)}`);
	await checkA11y(page, 'the merge comparison on a phone');
	await shot(page, 'merge');
	await page.setViewportSize({ width: 1280, height: 800 });

	await page.getByRole('radio', { name: 'Colombia' }).check();
	await clickAndLoad(page, page.getByRole('button', { name: 'Fusionar', exact: true }));
	assert.equal(new URL(page.url()).pathname, a.path);
	await assert.doesNotReject(page.getByText(`Fusionado con ${b.ref}`).waitFor());
	assert.match(await page.locator('#overview').innerText(), /Colombia/);
	await checkA11y(page, 'the profile after a merge');

	await clickAndLoad(page, page.getByRole('button', { name: 'Deshacer' }));
	assert.equal(await page.getByText(`Fusionado con ${b.ref}`).count(), 0);
	assert.match(await page.locator('#overview').innerText(), /Venezuela/);
	await page.goto(b.path);
	assert.equal(await page.getByText('Este registro se fusionó').count(), 0);
	assertNoProblems(ctx, 'while merging and undoing');
});
