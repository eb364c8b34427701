// The asylum procedure from the case page, without JavaScript (issue 5):
// a legal caseworker records stages (an error keeps what was typed), the
// file number, a document obtained, a detention and its release; the
// profile shows the current stage; a psychosocial caseworker sees the
// current stage only; a psychosocial case has no such section.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, loggedIn, openCaseFromProfile, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('record the procedure from the case page; others see the current stage only', opts, async () => {
	const p = await createPerson({ given_names: 'Dayana', surname1: uniqueWord('Zl') });
	const lex = await loggedIn('lex');
	const { path, csrf } = await openCaseFromProfile(lex, p.id, 'legal');

	const page = await lex.get(path);
	assert.equal(page.status, 200);
	assert.match(page.text, /<h2>Procedimiento de asilo<\/h2>/);
	assert.match(page.text, /Aún no hay etapas registradas\./);
	assert.match(page.text, /<option value="application_filed">Solicitud presentada ante la ONPAR<\/option>/);
	// Access to rights on the legal service form.
	assert.match(page.text, /name="rights" value="work"/);

	let r = await lex.post(`${path}/procedure/stages`, { csrf, stage: 'application_filed', stage_date: '03/02/2025', stage_notes: 'Con apoyo de la abogada' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	// Before the current stage's date: 400, the date named, values kept.
	r = await lex.post(`${path}/procedure/stages`, { csrf, stage: 'admissibility', stage_date: '01/02/2025', result: 'admitted' });
	assert.equal(r.status, 400, r.text.slice(0, 300));
	assert.match(r.text, /href="#f-stage_date"/);
	assert.match(r.text, /La fecha es anterior a la de la etapa actual \(Solicitud presentada ante la ONPAR, 03\/02\/2025\)/);
	assert.match(r.text, /<option value="admitted" selected>/);
	// Back in the order: 409 with the message.
	r = await lex.post(`${path}/procedure/stages`, { csrf, stage: 'orientation', stage_date: '05/02/2025' });
	assert.equal(r.status, 409, r.text.slice(0, 300));
	assert.match(r.text, /Esta etapa es anterior a la etapa actual/);
	r = await lex.post(`${path}/procedure/stages`, { csrf, stage: 'admissibility', stage_date: '10/03/2025', result: 'admitted' });
	assert.equal(r.status, 303, r.text.slice(0, 300));

	r = await lex.post(`${path}/procedure`, { csrf, file_number: 'ONPAR-2025-3301' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	r = await lex.post(`${path}/procedure/documents`, { csrf, document_type: 'refugee_card', document_number: '', issued_on: '' });
	assert.equal(r.status, 400, r.text.slice(0, 300));
	assert.match(r.text, /href="#f-document_number"/);
	r = await lex.post(`${path}/procedure/documents`, { csrf, document_type: 'work_permit', document_number: 'PT-77001', issued_on: '02/05/2025' });
	assert.equal(r.status, 303, r.text.slice(0, 300));

	r = await lex.post(`${path}/detentions`, { csrf, detention_place: 'Estación migratoria de Lajas Blancas', detained_on: '01/06/2025', detention_notes: 'Sin intérprete' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	let after = await lex.get(path);
	assert.match(after.text, /class="detention detention-open"/);
	assert.match(after.text, /Detenido\(a\) actualmente/);
	const release = after.text.match(/action="(\/cases\/[0-9a-f-]{36}\/detentions\/[0-9a-f-]{36}\/release)"/);
	assert.ok(release, 'a release form for the open episode');
	// No form to record another detention while one is open.
	assert.doesNotMatch(after.text, /action="\/cases\/[0-9a-f-]{36}\/detentions"/);
	r = await lex.post(release[1], { csrf, released_on: '30/05/2025' });
	assert.equal(r.status, 400, r.text.slice(0, 300));
	assert.match(r.text, /La fecha de liberación es anterior a la fecha de detención/);
	r = await lex.post(release[1], { csrf, released_on: '20/06/2025', release_reason: 'Orden de libertad' });
	assert.equal(r.status, 303, r.text.slice(0, 300));

	after = await lex.get(path);
	assert.match(after.text, /<td class="current-stage">Decisión de admisibilidad \(10\/03\/2025\)<\/td>/);
	assert.match(after.text, /<td class="file-number">ONPAR-2025-3301<\/td>/);
	assert.match(after.text, /Con apoyo de la abogada/);
	assert.match(after.text, /Admitida/);
	assert.match(after.text, /PT-77001/);
	assert.match(after.text, /Orden de libertad/);
	assert.doesNotMatch(after.text, /detention-open/);

	const profile = await lex.get(`/people/${p.id}`);
	assert.match(profile.text, /Procedimiento de asilo/);
	assert.match(profile.text, /Decisión de admisibilidad \(10\/03\/2025\)/);

	// Another area: the current stage, not the notes, file number or detention.
	const psy = await loggedIn('psy');
	const theirs = await psy.get(path);
	assert.equal(theirs.status, 200);
	assert.match(theirs.text, /Decisión de admisibilidad \(10\/03\/2025\)/);
	assert.match(theirs.text, /restringidos al equipo legal/);
	assert.doesNotMatch(theirs.text, /Con apoyo de la abogada/);
	assert.doesNotMatch(theirs.text, /ONPAR-2025-3301/);
	assert.doesNotMatch(theirs.text, /Lajas Blancas/);
	assert.doesNotMatch(theirs.text, /Registrar una etapa/);
	const denied = await psy.post(`${path}/procedure/stages`, { csrf: csrfOf(theirs.text), stage: 'interview', stage_date: '01/04/2025' });
	assert.equal(denied.status, 403);
});

test('a psychosocial case has no asylum procedure section', opts, async () => {
	const p = await createPerson({ given_names: 'Yorbelis', surname1: uniqueWord('Zl') });
	const psy = await loggedIn('psy');
	const profile = await psy.get(`/people/${p.id}`);
	assert.doesNotMatch(profile.text, /Procedimiento de asilo/);
	const csrf = csrfOf(profile.text);
	const opened = await psy.post('/cases', { csrf, person_id: p.id, area: 'psychosocial' });
	assert.equal(opened.status, 303);
	const page = await psy.get(opened.headers.get('location'));
	assert.doesNotMatch(page.text, /Procedimiento de asilo/);
	assert.doesNotMatch(page.text, /name="rights"/);
});
