// Cases from the pages, without JavaScript: a psychosocial caseworker opens
// a case from a person's profile, records a service with a note, changes
// the risk and closes it with a reason; "Mis casos" filters. A livelihoods
// caseworker sees the service but "Nota restringida" instead of the note.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('open a case from the profile, record a service, change risk and status; the note stays in its area', opts, async () => {
	const p = await createPerson({ given_names: 'Rosmary', surname1: uniqueWord('Zk') });
	const psy = await loggedIn('psy');

	const profile = await psy.get(`/people/${p.id}`);
	assert.equal(profile.status, 200);
	assert.match(profile.text, /<h2>Casos<\/h2>/);
	assert.match(profile.text, /Aún no tiene casos\./);
	assert.match(profile.text, /<form method="post" action="\/cases"/);
	assert.match(profile.text, /<option value="psychosocial">Psicosocial<\/option>/);
	assert.doesNotMatch(profile.text, /<option value="legal">/, 'only her own areas');
	assert.match(profile.text, /href="\/cases"[^>]*>Mis casos</);
	const csrf = csrfOf(profile.text);

	const opened = await psy.post('/cases', { csrf, person_id: p.id, area: 'psychosocial' });
	assert.equal(opened.status, 303, opened.text.slice(0, 300));
	const path = opened.headers.get('location');
	assert.match(path, /^\/cases\/[0-9a-f-]{36}$/);
	const again = await psy.post('/cases', { csrf, person_id: p.id, area: 'psychosocial' });
	assert.equal(again.status, 409);
	assert.match(again.text, /Esta persona ya tiene un caso abierto en esta área/);
	assert.equal((await psy.post('/cases', { person_id: p.id, area: 'psychosocial' })).status, 403, 'no CSRF token');

	const page = await psy.get(path);
	assert.equal(page.status, 200);
	assert.match(page.text, /<html lang="es"/);
	assert.match(page.text, /Caso · C-\d{6}/);
	assert.match(page.text, /<td class="case-status">Abierto<\/td>/);
	assert.match(page.text, /Abierto el<\/th><td>\d{2}\/\d{2}\/\d{4}<\/td>/);
	assert.match(page.text, /Registrar un servicio/);
	assert.match(page.text, /<option value="pfa">Primeros auxilios psicológicos<\/option>/);

	// A service: field-level errors first, then a good one.
	const bad = await psy.post(`${path}/services`, { csrf, type: '', date: '2999-01-01', notes: 'x' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /id="e-type"/);
	assert.match(bad.text, /id="e-date"/);
	const secret = 'Refiere pesadillas y miedo a salir';
	const sv = await psy.post(`${path}/services`, { csrf, type: 'pfa', date: '15/01/2026', duration_minutes: '40', outcome: 'Más tranquila', notes: secret });
	assert.equal(sv.status, 303, sv.text.slice(0, 300));
	const withService = await psy.get(path);
	assert.ok(withService.text.includes(secret), 'the caseworker of the area reads the note');
	assert.match(withService.text, /15\/01\/2026|2026-01-15/);

	// Risk and status.
	assert.equal((await psy.post(`${path}/risk`, { csrf, risk: 'high', risk_reason: 'amenazas' })).status, 303);
	const withRisk = await psy.get(path);
	assert.match(withRisk.text, /<td>Bajo → Alto<\/td><td>amenazas<\/td>/, 'the history keeps the reason');
	assert.equal((withRisk.text.match(/id="f-reason"/g) || []).length, 1, 'one field per id');
	const noReason = await psy.post(`${path}/status`, { csrf, status: 'closed', closure_reason: '' });
	assert.equal(noReason.status, 400);
	assert.match(noReason.text, /id="e-closure_reason"/);
	assert.match(noReason.text, /Elija por qué se cierra el caso/);
	const notAllowed = await psy.post(`${path}/status`, { csrf, status: 'open' });
	assert.equal(notAllowed.status, 409);

	// The livelihoods caseworker sees the service but not the note.
	const live = await loggedIn('live');
	const theirs = await live.get(path);
	assert.equal(theirs.status, 200);
	assert.match(theirs.text, /Nota restringida/);
	assert.ok(!theirs.text.includes(secret), 'the note is hidden outside its area');
	assert.doesNotMatch(theirs.text, /Registrar un servicio/, 'no form outside the area');
	assert.doesNotMatch(theirs.text, /Cambiar el estado/);

	// "Mis casos" with filters.
	const mine = await psy.get('/cases?area=psychosocial&risk=high');
	assert.equal(mine.status, 200);
	assert.ok(mine.text.includes(path), 'the case is in her caseload');
	assert.ok(mine.text.includes('Rosmary'));
	const low = await psy.get('/cases?area=psychosocial&risk=low');
	assert.ok(!low.text.includes(path), 'filtered out by risk');
	assert.equal((await psy.get('/cases?status=lost')).status, 400);
	// Only supervisors and administrators see every caseworker's cases.
	const notAll = await psy.get('/cases?who=all&area=psychosocial&risk=high');
	assert.match(notAll.text, /<h1>Mis casos<\/h1>/);
	assert.doesNotMatch(notAll.text, /name="who"/);
	const admin = await loggedIn('admin');
	const adminMine = await admin.get('/cases?area=psychosocial&risk=high');
	assert.ok(!adminMine.text.includes(path), 'not in the administrator\'s own caseload');
	const everyone = await admin.get('/cases?who=all&area=psychosocial&risk=high');
	assert.equal(everyone.status, 200);
	assert.match(everyone.text, /<h1>Todos los casos<\/h1>/);
	assert.ok(everyone.text.includes(path), 'in every caseworker\'s cases');

	const closed = await psy.post(`${path}/status`, { csrf, status: 'closed', closure_reason: 'goals_met' });
	assert.equal(closed.status, 303);
	const after = await psy.get(path);
	assert.match(after.text, /<td class="case-status">Cerrado<\/td>/);
	assert.match(after.text, /Objetivos cumplidos/);
	assert.match(after.text, /Historial del caso/);
	assert.doesNotMatch(after.text, /Registrar un servicio/, 'a closed case takes no services');
	const back = await psy.get(`/people/${p.id}`);
	assert.ok(back.text.includes(path), 'the profile lists the case');
	const history = await psy.get(`/people/${p.id}/history`);
	assert.match(history.text, /<td data-label="Qué">Caso abierto<\/td><td data-label="Campos">Área<\/td>/, 'the history page names the opening');
});
