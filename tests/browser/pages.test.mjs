// pages.test.mjs: every main page at a desktop width (1280x800) and a phone
// width (360x740): a screenshot in screenshots/, no horizontal scrolling,
// no serious or critical axe-core accessibility problem, no console error
// or CSP violation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	DESKTOP, LUCIA, PHONE, assertNoProblems, checkA11y, fillPerson, horizontalOverflow, launch,
	login, newContext, registerHousehold, shot, submitPerson,
} from './lib.mjs';

let browser, urls;
before(async () => {
	browser = await launch();
	// The household to look at, registered once through the pages at the
	// desktop width.
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	await login(page, LUCIA);
	urls = await registerHousehold(page, HEAD, CHILD);
	assertNoProblems(ctx, 'while registering the household to look at');
	await ctx.close();
});
after(async () => {
	await browser?.close();
});

const HEAD = {
	given: 'María de los Ángeles', surname1: 'Pérez', surname2: 'González',
	birth: '1988-03-14', sex: 'female', nationality: 'VEN', origin: 'VEN', legal: 'asylum_seeker',
};
const CHILD = {
	given: 'José Ángel', surname1: 'Pérez', surname2: 'Núñez',
	birth: '2015-11-02', sex: 'male', nationality: 'VEN', relationship: 'child',
};

// Checks one loaded page; every finding is gathered, so one run reports
// them all, and the screenshot is taken first, whatever else fails.
async function checkPage(ctx, page, name, what) {
	await page.waitForLoadState('load');
	what = `${what} at ${page.viewportSize().width}px`;
	const file = await shot(page, name);
	const failures = [];
	const overflow = await horizontalOverflow(page);
	if (overflow)
		failures.push(`${what} scrolls sideways: the page is ${overflow.scrollWidth}px wide on a ${overflow.innerWidth}px screen; ` +
			`too wide: ${overflow.wide.join(', ')} (see ${file})`);
	try {
		await checkA11y(page, what);
	} catch (e) {
		failures.push(e.message);
	}
	try {
		assertNoProblems(ctx, `on ${what}`);
	} catch (e) {
		failures.push(e.message);
	}
	assert.ok(failures.length === 0, failures.join('\n\n'));
}

for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
	describe(`pages at ${label} width (${viewport.width}x${viewport.height})`, () => {
		let ctx, page;
		before(async () => {
			ctx = await newContext(browser, { viewport, isMobile: label === 'phone', hasTouch: label === 'phone' });
			page = await ctx.newPage();
		});
		after(async () => {
			await ctx?.close();
		});

		test('login page', async () => {
			await page.goto('/login');
			await checkPage(ctx, page, 'login', 'the login page');
		});

		test('login page with a wrong password', async () => {
			ctx.expectStatus = new Set([401]);
			await page.locator('#f-name').fill(LUCIA.name);
			await page.locator('#f-password').fill('not-the-password');
			await page.locator('form[action="/login"] button[type=submit]').click();
			await page.waitForLoadState('load');
			assert.equal(await page.locator('main [role=alert]').count(), 1, 'a wrong password is said in an alert');
			assert.equal(await page.locator('#f-name').inputValue(), LUCIA.name, 'the user name is kept');
			await checkPage(ctx, page, 'login-error', 'the login page after a wrong password');
			ctx.expectStatus = null;
		});

		test('log in', async () => {
			await login(page, LUCIA);
			assert.equal(new URL(page.url()).pathname, '/today'); // Mi día, the home page
			assertNoProblems(ctx);
		});

		test('people list', async () => {
			await page.goto('/people');
			assert.ok(await page.locator('#results tbody tr').count() > 1);
			await checkPage(ctx, page, 'people', 'the people list');
		});

		test('people search results', async () => {
			await page.goto('/people?q=' + encodeURIComponent('maria perez'));
			await checkPage(ctx, page, 'people-search', 'the search results');
		});

		test('people search with no match', async () => {
			await page.goto('/people?q=zzzqqqxxx');
			await checkPage(ctx, page, 'people-nomatch', 'a search that finds no one');
		});

		test('registration form', async () => {
			await page.goto('/people/new');
			await checkPage(ctx, page, 'register', 'the registration form');
		});

		test('registration form layout: labels above their fields, nothing covers a checkbox', async () => {
			await page.goto('/people/new');
			const bad = await page.evaluate(() => {
				const out = [];
				const px = n => Math.round(n);
				for (const lab of document.querySelectorAll('main form label[for]')) {
					const c = document.getElementById(lab.htmlFor);
					if (!c) {
						out.push(`label for="${lab.htmlFor}" has no field`);
						continue;
					}
					const l = lab.getBoundingClientRect(), r = c.getBoundingClientRect();
					const above = l.bottom <= r.top + 4 && r.top - l.bottom < 24;
					const aligned = Math.abs(l.left - r.left) < 8;
					if (!above || !aligned)
						out.push(`label "${lab.textContent.replace('*', '').trim()}" is not just above its field #${c.id} ` +
							`(label at x=${px(l.left)} y=${px(l.top)}..${px(l.bottom)}, field at x=${px(r.left)} y=${px(r.top)})`);
				}
				for (const cb of document.querySelectorAll('main form input[type=checkbox]')) {
					// Those inside a closed "more precisely" are not on screen.
					if (!cb.checkVisibility())
						continue;
					cb.scrollIntoView({ block: 'center' });
					const r = cb.getBoundingClientRect();
					const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
					if (hit !== cb)
						out.push(`checkbox ${cb.name}=${cb.value} is covered by <${hit?.tagName.toLowerCase()}> "${hit?.textContent.trim()}"`);
				}
				window.scrollTo(0, 0);
				return out;
			});
			assert.ok(bad.length === 0, `the registration form at ${viewport.width}px:\n  ${bad.join('\n  ')}`);
		});

		test('registration form with a validation error', async () => {
			ctx.expectStatus = new Set([400]);
			await page.goto('/people/new');
			await fillPerson(page, { ...HEAD, given: 'Ana Lucía', birth: '2099-06-15' });
			await submitPerson(page);
			assert.equal(await page.locator('#e-birth_date').count(), 1);
			// Screenshot the state a caseworker sees: the summary at the top.
			await page.evaluate(() => window.scrollTo(0, 0));
			await checkPage(ctx, page, 'register-error', 'the registration form with an error');
			ctx.expectStatus = null;
		});

		test('registration form of a household member', async () => {
			await page.goto(urls.householdUrl);
			await page.goto(await page.locator('main a[href^="/people/new?household="]').getAttribute('href'));
			await checkPage(ctx, page, 'register-member', 'the registration form of a household member');
		});

		test('profile', async () => {
			await page.goto(urls.headUrl + '?saved=1');
			await checkPage(ctx, page, 'profile', 'the profile of the head');
		});

		test('history of the profile', async () => {
			await page.goto(urls.headUrl);
			await page.locator('nav.tabs a', { hasText: 'Historial' }).click();
			await page.waitForURL(/\/history$/);
			assert.ok(await page.locator('#activity + div table tbody tr').count() >= 1, 'the record activity');
			await checkPage(ctx, page, 'profile-history', 'the history of the head');
		});

		test('profile with the add-a-document form open', async () => {
			await page.goto(urls.memberUrl);
			// Opened by a click event, not a mouse at coordinates: on a page
			// that is too wide a phone zooms out and the mouse misses.
			await page.locator('#documents details summary').dispatchEvent('click');
			await checkPage(ctx, page, 'profile-document', 'the profile with the document form open');
		});

		test('household page', async () => {
			await page.goto(urls.householdUrl);
			await page.locator('main details summary').dispatchEvent('click');
			await checkPage(ctx, page, 'household', 'the household page');
		});

		test('households list', async () => {
			await page.goto('/households');
			await checkPage(ctx, page, 'households', 'the households list');
		});

		test('a page that does not exist', async () => {
			ctx.expectStatus = new Set([404]);
			await page.goto('/people/no-such-person');
			await checkPage(ctx, page, 'not-found', 'the not-found page');
			ctx.expectStatus = null;
		});
	});
}
