// Flags from the pages, without JavaScript (docs/flags.md): a psychosocial
// caseworker raises an SGBV flag and a "do not call" flag on the profile;
// the banner shows on the profile, the case page, the edit page and the
// merge page; a community officer's profile HTML never names the SGBV
// flag; field-level errors; lifting keeps the history.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, csrfOf, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('flags on the pages: raise, banner on every page of the person, hidden SGBV, lift', opts, async () => {
	const p = await createPerson({ given_names: 'Dayana', surname1: uniqueWord('Zg') });
	const live = await tokenFor('live');
	const k = (await api('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live })).json;
	const psy = await loggedIn('psy');

	const profile = await psy.get(`/people/${p.id}`);
	assert.equal(profile.status, 200);
	assert.match(profile.text, /<section id="flags"><h2>Alertas<\/h2>/);
	assert.match(profile.text, /No tiene alertas activas\./);
	assert.doesNotMatch(profile.text, /class="flags-banner"/, 'no banner without flags');
	assert.match(profile.text, /<option value="no_phone_contact">No contactar por teléfono<\/option>/);
	// Only the cases one may work on are offered.
	assert.doesNotMatch(profile.text, new RegExp(`<option value="${k.id}"`), 'psy does not work the livelihoods case');
	const liveProfile = await (await loggedIn('live')).get(`/people/${p.id}`);
	assert.match(liveProfile.text, new RegExp(`<option value="${k.id}">Caso ${k.ref} · Medios de vida</option>`));
	const csrf = csrfOf(profile.text);

	// Field-level errors, in Spanish, on a page of their own.
	const bad = await psy.post(`/people/${p.id}/flags`, { csrf, type: 'haunted', reason: '' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /<h1>Registrar una alerta<\/h1>/);
	assert.match(bad.text, /href="#f-type"/);
	assert.match(bad.text, /href="#f-reason"/);
	assert.match(bad.text, /id="f-reason"[^>]*aria-invalid="true"/);
	assert.equal((await psy.post(`/people/${p.id}/flags`, { type: 'other', reason: 'x' })).status, 403, 'no CSRF token');

	const secret = 'Sobreviviente de violencia; atención en el área psicosocial';
	const raised = await psy.post(`/people/${p.id}/flags`, { csrf, type: 'sgbv_survivor', reason: secret });
	assert.equal(raised.status, 303, raised.text.slice(0, 300));
	assert.equal(raised.headers.get('location'), `/people/${p.id}?saved=1#flags`);
	const twice = await psy.post(`/people/${p.id}/flags`, { csrf, type: 'sgbv_survivor', reason: 'otra' });
	assert.equal(twice.status, 409);
	assert.match(twice.text, /Esta alerta ya está activa/);
	assert.equal((await psy.post(`/people/${p.id}/flags`, { csrf, type: 'no_phone_contact', reason: 'Su expareja revisa su teléfono', case_id: '' })).status, 303);
	// A case flag needs one who works the case: psy may not, live may.
	assert.equal((await psy.post(`/people/${p.id}/flags`, { csrf, type: 'safety_risk', reason: 'Amenazas en su barrio', case_id: k.id })).status, 403);
	assert.equal((await api(`/api/v1/people/${p.id}/flags`, { method: 'POST', body: { type: 'safety_risk', reason: 'Amenazas en su barrio', case_id: k.id }, token: live })).status, 201);

	// The banner: profile, case page (person flags and that case's), edit and merge pages.
	const withFlags = await psy.get(`/people/${p.id}`);
	assert.match(withFlags.text, /<div class="flags-banner" role="alert"/, 'a safety risk is announced');
	assert.match(withFlags.text, /Alertas activas/);
	assert.match(withFlags.text, /<strong>No contactar por teléfono<\/strong>: Su expareja revisa su teléfono/);
	assert.match(withFlags.text, new RegExp(`<strong>Riesgo de seguridad</strong> \\(${k.ref}\\)`));
	assert.ok(withFlags.text.includes(secret), 'psychosocial sees the SGBV flag');
	const casePage = await psy.get(`/cases/${k.id}`);
	assert.match(casePage.text, /class="flags-banner"/);
	assert.match(casePage.text, /<li class="flag flag-sgbv_survivor"><strong>Sobreviviente de VBG<\/strong>/);
	assert.match(casePage.text, /Riesgo de seguridad/);
	for (const path of [`/people/${p.id}/edit`]) {
		const page = await psy.get(path);
		assert.equal(page.status, 200, path);
		assert.match(page.text, /No contactar por teléfono/, path);
	}
	const admin = await loggedIn('admin');
	const merge = await admin.get(`/people/${p.id}/merge`);
	assert.equal(merge.status, 200);
	assert.match(merge.text, /class="flags-banner"[\s\S]*No contactar por teléfono/);
	// Comparing with another record: both records' banners, and the flags move.
	const other = await createPerson({ given_names: 'Dayana', surname1: uniqueWord('Zg') });
	const compare = await admin.get(`/people/${other.id}/merge?with=${p.ref}`);
	assert.equal(compare.status, 200);
	assert.match(compare.text, /class="flags-banner"[\s\S]*No contactar por teléfono/);
	assert.match(compare.text, /<li>Alertas: <strong>3<\/strong><\/li>/);

	// A community officer: the other flags, never the SGBV one.
	const com = await loggedIn('com');
	for (const path of [`/people/${p.id}`, `/cases/${k.id}`, `/people/${p.id}/edit`]) {
		const page = await com.get(path);
		assert.equal(page.status, 200, path);
		assert.match(page.text, /No contactar por teléfono/, path);
		assert.doesNotMatch(page.text, /flag-sgbv_survivor/, `${path}: no SGBV flag for a community officer`);
		assert.doesNotMatch(page.text.match(/<div class="flags-banner"[^]*?<\/div>/)[0], /VBG/, path);
		assert.ok(!page.text.includes(secret), path);
	}

	// Lifting: a reason first; the lifted flag stays in the history.
	const page = await psy.get(`/people/${p.id}`);
	// The lift form in the "do not call" flag's own row: flags raised in
	// the same second may come in either order.
	const flagId = page.text.match(/<tr class="flag-no_phone_contact">(?:(?!<\/tr>)[^])*?action="\/flags\/([0-9a-f-]{36})\/lift"/);
	assert.ok(flagId, 'a lift form for the "do not call" flag');
	const id = flagId[1];
	const noReason = await psy.post(`/flags/${id}/lift`, { csrf, lift_reason: '' });
	assert.equal(noReason.status, 400);
	assert.match(noReason.text, /href="#f-lift_reason"/);
	assert.match(noReason.text, /Por qué ya no aplica/);
	assert.equal((await com.post(`/flags/${id}/lift`, { csrf: csrfOf((await com.get(`/people/${p.id}`)).text), lift_reason: 'x' })).status, 403, 'only who raised it or a supervisor');
	const lifted = await psy.post(`/flags/${id}/lift`, { csrf, lift_reason: 'Cambió de número' });
	assert.equal(lifted.status, 303);
	const after = await psy.get(`/people/${p.id}`);
	assert.match(after.text, /<h3>Alertas levantadas<\/h3>/);
	assert.match(after.text, /Cambió de número/);
	const banner = after.text.match(/<div class="flags-banner"[^]*?<\/div>/)[0];
	assert.doesNotMatch(banner, /No contactar por teléfono/, 'a lifted flag leaves the banner');
	const history = await psy.get(`/people/${p.id}/history`);
	assert.match(history.text, /Alerta registrada/, 'the activity names the event');
	assert.ok(!history.text.match(/<table class="audit stack">[^]*?<\/table>/)[0].includes('expareja'), 'no reason in the activity');
});
