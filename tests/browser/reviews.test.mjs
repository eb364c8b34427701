// reviews.test.mjs: the review queue of possible duplicates, as a supervisor
// uses it: a caseworker registers a person twice (confirming it is "a
// different person"), the administrator scans the registry, compares the
// pair and decides; the page at a desktop and a phone width has no serious
// accessibility problem and no sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	ADMIN, DESKTOP, LUCIA, PHONE, assertNoProblems, checkA11y, clickAndLoad, clickNav, fillPerson,
	horizontalOverflow, launch, login, newContext, shot, submitPerson,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(() => browser?.close());

const SAME = { given: 'Yuleisy', surname1: 'Carrasquel', surname2: 'Mora', birth: '1993-08-08', sex: 'female', nationality: 'VEN' };

test('a caseworker registers a person twice; a supervisor finds the pair and decides', async () => {
	const cw = await newContext(browser);
	const p = await cw.newPage();
	await login(p, LUCIA);
	assert.equal(await p.locator('header nav a[href="/reviews"]').count(), 0, 'no queue for a caseworker');
	for (const given of ['Yuleisy', 'Yuleisi']) {
		await p.goto('/people/new');
		await fillPerson(p, { ...SAME, given });
		await submitPerson(p);
	}
	assertNoProblems(cw, 'while registering');
	await cw.close();

	const ctx = await newContext(browser, { viewport: DESKTOP });
	const page = await ctx.newPage();
	await login(page, ADMIN);
	await clickNav(page, '/reviews');
	assert.equal(await page.locator('h1').innerText(), 'Posibles duplicados');
	await clickAndLoad(page, page.locator('form[action="/reviews/scan"] button'));
	// The scan runs in the background: reload until it has found the pair.
	const pair = page.locator('article.review', { hasText: 'Yuleisi' });
	for (let i = 0; i < 100 && await pair.count() === 0; i++) {
		await page.waitForTimeout(200);
		await page.goto('/reviews');
	}
	assert.ok(await pair.count() >= 1, 'the pair is in the queue');
	await shot(page, 'reviews');
	await checkA11y(page, 'the review queue at desktop width');
	assert.ok(!(await horizontalOverflow(page)), 'no sideways scrolling at desktop width');
	await page.setViewportSize(PHONE);
	assert.ok(!(await horizontalOverflow(page)), 'no sideways scrolling at phone width');
	await checkA11y(page, 'the review queue at phone width');
	await shot(page, 'reviews-phone');

	await clickAndLoad(page, pair.first().locator('button[value="different"]'));
	assert.match(await page.locator('main [role=status]').innerText(), /personas distintas/i);
	assertNoProblems(ctx, 'on the review queue');
	await ctx.close();
});
