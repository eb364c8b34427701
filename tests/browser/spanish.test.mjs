// spanish.test.mjs: the interface speaks Spanish first. Every page a
// caseworker visits, in a Spanish browser, says lang="es" and shows none of
// the program's English source texts that po/es.po translates: an English
// text there means a string that skips gettext, a catalogue label shown
// without _(), or a machine without the Spanish locale.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	LUCIA, assertNoProblems, fillPerson, htmlLang, login, newContext, openPage, pageTexts,
	registerHousehold, spanishCatalogue, submitPerson, untranslatedMsgids,
} from './lib.mjs';

let browser, ctx, page;
const catalogue = spanishCatalogue();
before(async () => ({ browser, ctx, page } = await openPage()));
after(() => browser?.close());

const escape = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// English msgids worth looking for: a single word must be a whole text; a
// phrase of two words or more must not appear anywhere.
const probes = [...catalogue.keys()]
	.filter(id => /[A-Za-z]{2}/.test(id) && !/%/.test(id))
	.map(id => ({
		id,
		re: id.trim().includes(' ')
			? new RegExp(`(^|[^\\p{L}])${escape(id.trim())}($|[^\\p{L}])`, 'u')
			: new RegExp(`^${escape(id.trim())}:?$`, 'u'),
	}));

async function englishOn(what) {
	assert.equal(await htmlLang(page), 'es', `${what} should be Spanish (html lang="es")`);
	const texts = await pageTexts(page);
	const found = [];
	for (const t of texts)
		for (const p of probes)
			if (p.re.test(t))
				found.push(`"${p.id}" (Spanish: "${catalogue.get(p.id)}") in "${t.slice(0, 80)}"`);
	return found;
}

test('po/es.po translates every message of the program', () => {
	const missing = [...untranslatedMsgids()];
	assert.ok(missing.length === 0, `${missing.length} messages lack a Spanish translation in po/es.po:\n  ${missing.slice(0, 40).join('\n  ')}`);
});

test('every page a caseworker visits is in Spanish', async () => {
	const report = [];
	const visit = async (what, go) => {
		await go();
		const f = await englishOn(what);
		if (f.length)
			report.push(`${what} (${new URL(page.url()).pathname}):\n    ${[...new Set(f)].join('\n    ')}`);
	};
	await visit('the login page', () => page.goto('/login'));
	await visit('the login page after a wrong password', async () => {
		ctx.expectStatus = new Set([401]);
		await page.locator('#f-name').fill(LUCIA.name);
		await page.locator('#f-password').fill('wrong-password');
		await page.locator('form[action="/login"] button[type=submit]').click();
		await page.waitForLoadState('load');
	});
	ctx.expectStatus = null;
	await login(page, LUCIA);
	const urls = await registerHousehold(page,
		{ given: 'Rosa Elvira', surname1: 'Quintero', surname2: 'Mújica', birth: '1975-01-20', sex: 'female', nationality: 'COL', legal: 'refugee' },
		{ given: 'Wilmer', surname1: 'Quintero', birth: '2010-05-05', sex: 'male', nationality: 'COL', relationship: 'child' });
	await visit('the people list', () => page.goto('/people'));
	await visit('the search results', () => page.goto('/people?q=quintero'));
	await visit('a search without results', () => page.goto('/people?q=zzzqqq'));
	await visit('the registration form', () => page.goto('/people/new'));
	await visit('the registration form with errors', async () => {
		ctx.expectStatus = new Set([400]);
		await fillPerson(page, { given: 'Prueba', birth: '2099-01-01', surname1: 'Error' });
		await page.locator('#f-consent_scope').selectOption({ index: 1 });
		await submitPerson(page);
		assert.ok(await page.locator('.field-error').count() >= 2, 'two fields are wrong');
	});
	ctx.expectStatus = null;
	await visit('the profile of the head', () => page.goto(urls.headUrl + '?saved=1'));
	await visit('the history of the head', () => page.goto(urls.headUrl + '/history'));
	// The record activity says what was done: "Registered" as an action is
	// not the "Registered" column of the households list (a date).
	const actions = await page.locator('#history table tbody tr td:nth-child(3)').allInnerTexts();
	assert.ok(actions.length >= 1, 'the history page lists the record activity');
	for (const a of actions)
		assert.ok(!/^Fecha de registro$/i.test(a.trim()),
			`the record activity names the creation "${a.trim()}", the Spanish of the households list column ` +
			`"Registered" (a date); the action needs its own translation (msgctxt), e.g. "Registro" or "Registrado"`);
	await visit('the profile of the member', () => page.goto(urls.memberUrl));
	await visit('the household page', () => page.goto(urls.householdUrl + '?saved=1'));
	await visit('the households list', () => page.goto('/households'));
	await visit('the edit form', () => page.goto(urls.memberUrl + '/edit'));
	await visit('the not-found page', async () => {
		ctx.expectStatus = new Set([404]);
		await page.goto('/people/no-such-person');
	});
	ctx.expectStatus = null;
	assertNoProblems(ctx);
	assert.ok(report.length === 0, `English texts on Spanish pages:\n  ${report.join('\n  ')}`);
});

test('the words a caseworker steers by are Spanish', async () => {
	// A few texts checked word for word, so a broken translation shows up
	// even if the English source text changes.
	const ctx2 = await newContext(browser);
	const p = await ctx2.newPage();
	await p.goto('/login');
	assert.match(await p.locator('main h1').innerText(), /Iniciar sesión/);
	assert.match(await p.locator('form[action="/login"] button[type=submit]').innerText(), /Iniciar sesión|Entrar/);
	await login(p, LUCIA);
	const nav = (await p.locator('header nav').innerText()).replace(/\s+/g, ' ');
	for (const w of ['Personas', 'Hogares', 'Registrar', 'Cerrar sesión'])
		assert.ok(nav.includes(w), `the navigation shows "${w}" (it shows: ${nav})`);
	await p.goto('/people'); /* a caseworker lands on "Mi día" */
	assert.match(await p.locator('main h1').innerText(), /Personas/);
	assert.match(await p.locator('main form[role=search] button').innerText(), /Buscar/);
	await p.goto('/people/new');
	assert.match(await p.locator('main h1').innerText(), /Registrar/);
	assert.match(await p.locator('form.person-form button[type=submit]').innerText(), /Guardar/);
	assert.match(await p.locator('label[for=f-given_names]').innerText(), /Nombres?/);
	assert.match(await p.locator('label[for=f-birth_date]').innerText(), /Fecha de nacimiento/);
	assertNoProblems(ctx2);
	await ctx2.close();
});
