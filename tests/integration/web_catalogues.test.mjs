// The catalogues page ("Catálogos", administrators only): an administrator
// adds a livelihoods service type with plain forms, renames it, sees
// field-level errors, deactivates and reactivates it; the case page's
// service form offers it only while it is active, and an old service
// keeps showing its name. Others get 403 and no navigation link.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const LIVELIHOODS = '/catalogues?catalogue=service_type&area=livelihoods';

test('an administrator edits the livelihoods service types from /catalogues', opts, async () => {
	const admin = await loggedIn('admin');
	const start = await admin.get('/catalogues');
	assert.equal(start.status, 200, start.text.slice(0, 300));
	assert.match(start.text, /<a href="\/catalogues" aria-current="page">Catálogos<\/a>/, 'the nav links the page');
	assert.match(start.text, /<h1>Catálogos<\/h1>/);
	assert.match(start.text, /Tipos de servicio: Psicosocial/);
	assert.match(start.text, /Motivos de cierre/);
	assert.match(start.text, /<code>pfa<\/code>/, 'the first catalogue by default');

	const page = await admin.get(LIVELIHOODS);
	assert.equal(page.status, 200);
	assert.match(page.text, /<h2>Tipos de servicio: Medios de vida<\/h2>/);
	assert.match(page.text, /<code>career_counselling<\/code> <small>\(incorporada\)<\/small>/);
	assert.match(page.text, /data-label="Nombre en español"/, 'rows stack on a phone');
	const csrf = csrfOf(page.text);

	// Field-level errors, in Spanish; what was typed comes back.
	const bad = await admin.post('/catalogues/service_type/entries', { csrf, area: 'livelihoods', label_es: '', label_en: '', code: 'Mal Código' });
	assert.equal(bad.status, 400, bad.text.slice(0, 300));
	assert.match(bad.text, /id="f-label_es"[^>]*aria-invalid="true"/);
	assert.match(bad.text, /id="f-code"[^>]*aria-invalid="true"/);
	assert.match(bad.text, /Escriba el nombre en español, en inglés o en ambos\./);
	assert.match(bad.text, /value="Mal Código"/);

	const word = uniqueWord('Barista');
	const made = await admin.post('/catalogues/service_type/entries', { csrf, area: 'livelihoods', label_es: `Curso de barismo ${word}`, label_en: '', code: '' });
	assert.equal(made.status, 303, made.text.slice(0, 300));
	assert.equal(made.headers.get('location'), `${LIVELIHOODS}&saved=1#entries`);
	// The code is made from the name (cut to a length codes may have).
	let now = await admin.get(LIVELIHOODS);
	const row = now.text.match(new RegExp(`<code>([a-z0-9_]+)</code></td><td data-label="Nombre en español" lang="es">Curso de barismo ${word}</td>`));
	assert.ok(row, 'the new entry is listed');
	const code = row[1];
	assert.ok(`curso_de_barismo_${word.toLowerCase()}`.startsWith(code), code);

	// A caseworker's service form offers it, and a service records it.
	const live = await loggedIn('live');
	const p = await createPerson({ given_names: 'Marisol', surname1: uniqueWord('Zw') });
	const profile = await live.get(`/people/${p.id}`);
	const lcsrf = csrfOf(profile.text);
	const opened = await live.post('/cases', { csrf: lcsrf, person_id: p.id, area: 'livelihoods' });
	assert.equal(opened.status, 303, opened.text.slice(0, 300));
	const path = opened.headers.get('location').replace(/\?.*$/, '');
	let kase = await live.get(path);
	assert.match(kase.text, new RegExp(`<option value="${code}">Curso de barismo ${word}</option>`));
	const rec = await live.post(`${path}/services`, { csrf: lcsrf, type: code, date: '12/01/2026' });
	assert.equal(rec.status, 303, rec.text.slice(0, 300));

	// Renamed: the service shows the new name.
	const ren = await admin.post(`/catalogues/service_type/entries/${code}`, { csrf, label_es: `Barismo ${word}`, label_en: `Barista course ${word}` });
	assert.equal(ren.status, 303, ren.text.slice(0, 300));
	kase = await live.get(path);
	assert.match(kase.text, new RegExp(`<td>Barismo ${word}</td>`));

	// Deactivated: no longer offered; the old service still shows it.
	const off = await admin.post(`/catalogues/service_type/entries/${code}/active`, { csrf, active: '0' });
	assert.equal(off.status, 303, off.text.slice(0, 300));
	now = await admin.get(LIVELIHOODS);
	assert.match(now.text, new RegExp(`<tr id="entry-${code}" class="inactive">`));
	assert.match(now.text, /<mark>Desactivada<\/mark>/);
	kase = await live.get(path);
	assert.doesNotMatch(kase.text, new RegExp(`<option value="${code}"`));
	assert.match(kase.text, new RegExp(`<td>Barismo ${word}</td>`));
	const refused = await live.post(`${path}/services`, { csrf: lcsrf, type: code, date: '13/01/2026' });
	assert.equal(refused.status, 400, refused.text.slice(0, 300));
	assert.match(refused.text, /Esta entrada ya no está en uso: elija otra de la lista\./);

	// Used, so it cannot be removed: the page says why (409).
	const rm = await admin.post(`/catalogues/service_type/entries/${code}/remove`, { csrf });
	assert.equal(rm.status, 409, rm.text.slice(0, 300));
	assert.match(rm.text, /Hay registros que usan esta entrada: desactívela en su lugar\./);
	assert.match(rm.text, new RegExp(`<li><a href="#entry-${code}">Código: Hay registros`));
	// A name too long: the error links to that row's field, which is marked.
	const long = await admin.post(`/catalogues/service_type/entries/${code}`, { csrf, label_es: 'x'.repeat(121), label_en: '' });
	assert.equal(long.status, 400, long.text.slice(0, 300));
	assert.match(long.text, new RegExp(`<li><a href="#f-${code}-label_es">Nombre en español: Use como máximo 120 caracteres\\.`));
	assert.match(long.text, new RegExp(`id="f-${code}-label_es"[^>]*aria-invalid="true"`));

	const on = await admin.post(`/catalogues/service_type/entries/${code}/active`, { csrf, active: '1' });
	assert.equal(on.status, 303);
	// The page lists the changes, from the audit log, without the names.
	now = await admin.get(LIVELIHOODS);
	const changes = now.text.slice(now.text.indexOf('<section id="changes">'));
	assert.match(changes, /<h3 id="changes-title">Cambios recientes<\/h3>/);
	for (const what of ['Entrada de catálogo agregada', 'Entrada de catálogo renombrada', 'Entrada de catálogo desactivada', 'Entrada de catálogo reactivada'])
		assert.match(changes, new RegExp(`${what}</td><td data-label="Código"><code>${code}</code>`));
	assert.doesNotMatch(changes, new RegExp(`Barismo ${word}`));
	kase = await live.get(path);
	assert.match(kase.text, new RegExp(`<option value="${code}">Barismo ${word}</option>`));
});

test('a caseworker has no catalogues page: 403, no link, no changes', opts, async () => {
	const live = await loggedIn('live');
	const home = await live.get('/people');
	assert.doesNotMatch(home.text, /href="\/catalogues"/);
	const page = await live.get(LIVELIHOODS);
	assert.equal(page.status, 403, page.text.slice(0, 300));
	const csrf = csrfOf(home.text);
	const add = await live.post('/catalogues/service_type/entries', { csrf, area: 'livelihoods', label_es: 'No' });
	assert.equal(add.status, 403);
	const off = await live.post('/catalogues/service_type/entries/career_counselling/active', { csrf, active: '0' });
	assert.equal(off.status, 403);
	// Without the CSRF token even an administrator changes nothing.
	const admin = await loggedIn('admin');
	const forged = await admin.post('/catalogues/service_type/entries/career_counselling/active', { active: '0' });
	assert.equal(forged.status, 403);
	const still = await admin.get(LIVELIHOODS);
	assert.doesNotMatch(still.text, /<tr id="entry-career_counselling" class="inactive">/);
});
