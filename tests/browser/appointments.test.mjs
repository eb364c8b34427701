// appointments.test.mjs: a legal caseworker books a follow-up for today
// and one for yesterday from the case page, finds both in "Mi día" (the
// one of yesterday under "Atrasados"), and marks today's done with the
// button on its row. "Mi día" passes axe-core and fits a phone (390 px);
// screenshots at both widths.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	DESKTOP, LUCIA, assertNoProblems, checkA11y, clickAndLoad, fillPerson, horizontalOverflow,
	SHOTS, login, openPage, shot, submitPerson,
} from './lib.mjs';

const PHONE_390 = { width: 390, height: 844 };

let browser, ctx, page;
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

// A moment in Panama (UTC-5) hours from now: [DD/MM/YYYY, HH:MM].
function panama(hours) {
	const iso = new Date(Date.now() + (hours - 5) * 3600e3).toISOString();
	const [y, m, d] = iso.slice(0, 10).split('-');
	return [`${d}/${m}/${y}`, iso.slice(11, 16)];
}

async function book(day, time, kind, withWhom) {
	await page.locator('#appointments summary').click();
	await page.locator('#f-starts_on').fill(day);
	await page.locator('#f-starts_time').fill(time);
	await page.locator('#f-appt_kind').selectOption(kind);
	await page.locator('#f-with_whom').fill(withWhom);
	await clickAndLoad(page, page.getByRole('button', { name: 'Agendar', exact: true }));
	assert.match(page.url(), /#appointments$/);
}

test('book today and yesterday, see them in Mi día, mark today done; yesterday stays overdue', async () => {
	await login(page, LUCIA);
	assert.equal(new URL(page.url()).pathname, '/today', 'Mi día is the home page after login');
	await page.goto('/people/new');
	await fillPerson(page, { given: 'Yelitza', surname1: 'Montilla', birth: '1989-07-21', sex: 'female', nationality: 'VEN' });
	await submitPerson(page);
	await page.locator('#f-area').selectOption('legal');
	await clickAndLoad(page, page.getByRole('button', { name: 'Abrir caso' }));
	const casePath = new URL(page.url()).pathname;

	// Today, half an hour ago (just after midnight: at midnight), so it
	// has started and can be marked done; yesterday at ten.
	const [today] = panama(0);
	const [halfDay, halfTime] = panama(-0.5);
	const todayTime = halfDay === today ? halfTime : '00:00';
	const [yesterday] = panama(-24);
	await book(today, todayTime, 'follow_up', 'Intérprete de creole');
	await book(yesterday, '10:00', 'home_visit', 'Promotora comunitaria');
	const section = await page.locator('#appointments').innerText();
	assert.match(section, /Intérprete de creole/);
	assert.match(section, /Visita domiciliaria/);
	assert.match(section, new RegExp(`${yesterday} 10:00`));
	await page.setViewportSize(PHONE_390);
	assert.ok(!(await horizontalOverflow(page)), 'the case page fits a phone with its appointments');
	await checkA11y(page, 'the case page with appointments at 390 px');
	await page.locator('#appointments').screenshot({ path: `${SHOTS}/case-appointments-390.png` });
	await page.setViewportSize(DESKTOP);

	await clickAndLoad(page, page.locator('header nav a[href="/today"]'));
	assert.equal(await page.locator('main h1').innerText(), 'Mi día');
	const dayRow = page.locator('#day tr', { hasText: 'Intérprete de creole' });
	assert.equal(await dayRow.count(), 1, 'today\'s appointment is in the day');
	assert.match(await dayRow.innerText(), new RegExp(`${todayTime}[\\s\\S]*Yelitza Montilla[\\s\\S]*C-\\d{6}`));
	const lateRow = page.locator('#overdue tr', { hasText: 'Promotora comunitaria' });
	assert.equal(await lateRow.count(), 1, 'yesterday\'s is overdue');
	assert.match(await lateRow.innerText(), /Atrasada/);

	for (const size of [DESKTOP, PHONE_390]) {
		await page.setViewportSize(size);
		const overflow = await horizontalOverflow(page);
		assert.ok(!overflow, `Mi día scrolls sideways at ${size.width} px: ${JSON.stringify(overflow)}`);
		await checkA11y(page, `Mi día at ${size.width} px`);
		await shot(page, 'today');
	}
	await page.setViewportSize(DESKTOP);

	await clickAndLoad(page, dayRow.getByRole('button', { name: 'Realizada' }));
	assert.equal(new URL(page.url()).pathname, '/today');
	assert.match(await page.locator('main [role=status]').innerText(), /Guardado/);
	const doneRow = page.locator('#day tr', { hasText: 'Intérprete de creole' });
	assert.match(await doneRow.innerText(), /Realizada/);
	assert.equal(await doneRow.getByRole('button').count(), 0, 'no buttons on a marked appointment');
	assert.equal(await page.locator('#overdue tr', { hasText: 'Intérprete de creole' }).count(), 0);
	assert.equal(await page.locator('#overdue tr', { hasText: 'Promotora comunitaria' }).count(), 1);

	await page.goto(casePath);
	assert.match(await page.locator('#appointments').innerText(), /Realizada/);
	assertNoProblems(ctx);
});
