// Case plans, progress notes and approvals from the pages, without
// JavaScript: an assistance caseworker adds goals (errors in Spanish, the
// overdue one marked), changes a goal's status, writes notes, sends the
// plan to approval; the supervisor finds it in "Aprobaciones", cannot
// return it without a comment, approves it; a caseworker's closing waits
// in a banner until the supervisor approves it from the case page. A
// livelihoods caseworker reads "Nota restringida" on a psychosocial case.
// The settings are put back to [] at the end: other files share the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, csrfOf, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function settings(body) {
	const r = await api('/api/v1/settings', { method: 'PATCH', body });
	assert.equal(r.status, 200, r.text);
}

async function openCase(token, area, given) {
	const p = await createPerson({ given_names: given, surname1: uniqueWord('Zw') });
	const r = await api('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area }, token });
	assert.equal(r.status, 201, r.text);
	return r.json;
}

const pending = async (caseId) =>
	(await api(`/api/v1/cases/${caseId}/approvals`)).json.items.find((a) => a.status === 'pending');

test('a plan from the case page: goals, notes, sent to approval, returned and approved in Aprobaciones', opts, async () => {
	const k = await openCase(await tokenFor('aid'), 'assistance', 'Dayana');
	const path = `/cases/${k.id}`;
	try {
		await settings({ plan_approval_areas: ['assistance'] });
		const aid = await loggedIn('aid');
		const page = await aid.get(path);
		assert.equal(page.status, 200);
		assert.match(page.text, /<h2>Plan del caso<\/h2>/);
		assert.match(page.text, /Aún no hay metas\./);
		assert.match(page.text, /Borrador: aún no se ha enviado a aprobación\./);
		assert.doesNotMatch(page.text, /Enviar a aprobación/, 'no plan to send without goals');
		const empty = await aid.post(`${path}/plan`, { csrf: csrfOf(page.text) });
		assert.equal(empty.status, 409);
		assert.match(empty.text, /<a href="#f-kind">Solicitud: Agregue al menos una meta antes de enviar el plan\.<\/a>/);
		assert.match(page.text, /<h2>Notas de seguimiento<\/h2>/);
		assert.doesNotMatch(page.text, /href="\/approvals"/, 'caseworkers have no approvals queue');
		const csrf = csrfOf(page.text);

		// Field-level errors, in Spanish, keeping what was typed.
		const bad = await aid.post(`${path}/goals`, { csrf, title: '', due_on: '31/02/2026', details: 'Con la escuela' });
		assert.equal(bad.status, 400);
		assert.match(bad.text, /id="e-title"/);
		assert.match(bad.text, /id="e-due_on"/);
		assert.match(bad.text, /Este campo es obligatorio/);
		assert.match(bad.text, />Con la escuela<\/textarea>/);
		assert.equal((await aid.post(`${path}/goals`, { title: 'Sin token' })).status, 403, 'no CSRF token');

		assert.equal((await aid.post(`${path}/goals`, { csrf, title: 'Inscribir a los niños en la escuela', due_on: '15/01/2020' })).status, 303);
		assert.equal((await aid.post(`${path}/goals`, { csrf, title: 'Participar en el taller de convivencia' })).status, 303);
		const withGoals = await aid.get(path);
		assert.match(withGoals.text, /<li class="goal overdue"[^>]*><strong class="goal-title">Inscribir a los niños en la escuela<\/strong> · <span class="goal-status">Pendiente<\/span> · vence el 15\/01\/2020 <mark class="overdue">Atrasada<\/mark>/);
		assert.match(withGoals.text, /<li class="goal"[^>]*><strong class="goal-title">Participar en el taller de convivencia/);
		const goals = (await api(`/api/v1/cases/${k.id}/goals`)).json.items;
		const changed = await aid.post(`${path}/goals/${goals[0].id}`, { csrf, goal_status: 'achieved' });
		assert.equal(changed.status, 303);
		const badStatus = await aid.post(`${path}/goals/${goals[0].id}`, { csrf, goal_status: 'listo' });
		assert.equal(badStatus.status, 400);
		assert.match(badStatus.text, /<a href="#f-goal_status">Estado de la meta: /, 'the summary links to the field');
		assert.match(badStatus.text, /<select id="f-goal_status" name="goal_status" aria-invalid="true">/);
		const achieved = await aid.get(path);
		assert.match(achieved.text, /Inscribir a los niños en la escuela<\/strong> · <span class="goal-status">Lograda<\/span>/);
		assert.doesNotMatch(achieved.text, /class="goal overdue"/, 'achieved is not overdue');

		// Editing a goal on its own page: errors there, then saved.
		const edit = await aid.get(`${path}/goals/${goals[1].id}/edit`);
		assert.equal(edit.status, 200);
		assert.match(edit.text, /<h1>Editar la meta<\/h1>/);
		assert.match(edit.text, /value="Participar en el taller de convivencia"/);
		const badEdit = await aid.post(`${path}/goals/${goals[1].id}`, { csrf, title: ' ', due_on: '', status: 'in_progress', details: '' });
		assert.equal(badEdit.status, 400);
		assert.match(badEdit.text, /<h1>Editar la meta<\/h1>/);
		assert.match(badEdit.text, /id="e-title"/);
		const saved = await aid.post(`${path}/goals/${goals[1].id}`, { csrf, title: 'Participar en dos talleres de convivencia', due_on: '30/06/2199', status: 'in_progress', details: 'Los sábados' });
		assert.equal(saved.status, 303);
		const edited = await aid.get(path);
		assert.match(edited.text, /Participar en dos talleres de convivencia<\/strong> · <span class="goal-status">En curso<\/span> · vence el 30\/06\/2199/);
		assert.match(edited.text, /Los sábados/);
		assert.equal((await (await loggedIn('live')).get(`${path}/goals/${goals[1].id}/edit`)).status, 403, 'another area edits');

		const emptyNote = await aid.post(`${path}/notes`, { csrf, body: '  ' });
		assert.equal(emptyNote.status, 400);
		assert.match(emptyNote.text, /id="e-body"/);
		assert.equal((await aid.post(`${path}/notes`, { csrf, body: 'Primera visita al hogar' })).status, 303);
		assert.equal((await aid.post(`${path}/notes`, { csrf, body: 'La familia asistió al taller' })).status, 303);
		const withNotes = await aid.get(path);
		const first = withNotes.text.indexOf('La familia asistió al taller');
		assert.ok(first > 0 && first < withNotes.text.indexOf('Primera visita al hogar'), 'newest note first');
		assert.match(withNotes.text, /Ana Asistencia · \d{2}\/\d{2}\/\d{4}/);

		const sent = await aid.post(`${path}/plan`, { csrf, note: 'Listo para revisar' });
		assert.equal(sent.status, 303);
		const waiting = await aid.get(path);
		assert.match(waiting.text, /Enviado a aprobación: espera la decisión de un supervisor\./);
		assert.match(waiting.text, /Listo para revisar/);
		assert.doesNotMatch(waiting.text, /formaction="\/approvals\//, 'the caseworker does not decide');
		assert.equal((await aid.get('/approvals')).status, 403, 'caseworkers have no queue');
		// The plan's history names who did what, and the fields only.
		assert.match(waiting.text, /Cambios del plan, notas y aprobaciones/);
		assert.match(waiting.text, /<td data-label="Quién">Ana Asistencia<\/td><td data-label="Qué">Aprobación solicitada<\/td><td data-label="Campos">Solicitud, Comentario de la solicitud<\/td>/);
		assert.match(waiting.text, /<td data-label="Qué">Meta modificada<\/td><td data-label="Campos">Estado<\/td>/);
		assert.match(waiting.text, /<td data-label="Qué">Nota de seguimiento escrita<\/td><td data-label="Campos">Nota<\/td>/);

		// The supervisor's queue.
		const sup = await loggedIn('sup');
		const queue = await sup.get('/approvals');
		assert.equal(queue.status, 200);
		assert.match(queue.text, /<a href="\/approvals"[^>]*aria-current="page"[^>]*>Aprobaciones \(\d+\)<\/a>/);
		assert.ok(queue.text.includes(k.ref), 'the case is in the queue');
		assert.match(queue.text, /Plan del caso<\/strong>/);
		assert.match(queue.text, /Solicitado por Ana Asistencia/);
		const a = await pending(k.id);
		const scsrf = csrfOf(queue.text);
		const noComment = await sup.post(`/approvals/${a.id}/reject`, { csrf: scsrf, note: '' });
		assert.equal(noComment.status, 400);
		assert.match(noComment.text, /Indique por qué devuelve la solicitud/);
		assert.match(noComment.text, /<a href="#f-note">Comentario: /);
		assert.match(noComment.text, /<textarea id="f-note" name="note"[^>]*aria-invalid="true"/);
		assert.equal((await aid.post(`/approvals/${a.id}/approve`, { csrf })).status, 403, 'a caseworker approves');
		assert.equal((await sup.post(`/approvals/${a.id}/reject`, { csrf: scsrf, note: 'Agregue una meta de ingresos' })).status, 303);
		const returned = await aid.get(path);
		assert.match(returned.text, /Devuelto por el supervisor: corríjalo y envíelo de nuevo\./);
		assert.match(returned.text, /Agregue una meta de ingresos/);

		assert.equal((await aid.post(`${path}/plan`, { csrf })).status, 303);
		const again = await pending(k.id);
		const approved = await sup.post(`/approvals/${again.id}/approve`, { csrf: scsrf });
		assert.equal(approved.status, 303);
		assert.equal(approved.headers.get('location'), '/approvals?done=approved');
		assert.match((await aid.get(path)).text, /<strong>Plan:<\/strong> Aprobado\./);
		// A new goal: the plan needs approval again.
		assert.equal((await aid.post(`${path}/goals`, { csrf, title: 'Conseguir un ingreso estable' })).status, 303);
		assert.match((await aid.get(path)).text, /Cambió después de aprobarse: envíelo de nuevo a aprobación\./);
	} finally {
		await settings({ plan_approval_areas: [] });
	}
});

test('a caseworker\'s closing waits in a banner; the supervisor approves it from the case page', opts, async () => {
	const k = await openCase(await tokenFor('aid'), 'assistance', 'Yariela');
	const path = `/cases/${k.id}`;
	try {
		await settings({ closure_approval_areas: ['assistance'] });
		const aid = await loggedIn('aid');
		const csrf = csrfOf((await aid.get(path)).text);
		const closing = await aid.post(`${path}/status`, { csrf, status: 'closed', closure_reason: 'relocated' });
		assert.equal(closing.status, 303);
		const waiting = await aid.get(path);
		assert.match(waiting.text, /Cierre enviado a aprobación\./);
		assert.match(waiting.text, /Motivo de cierre: Se mudó o salió del país/);
		assert.match(waiting.text, /<td class="case-status">Abierto<\/td>/);

		const sup = await loggedIn('sup');
		const seen = await sup.get(path);
		assert.match(seen.text, /Cierre enviado a aprobación\./);
		const a = await pending(k.id);
		assert.ok(seen.text.includes(`action="/approvals/${a.id}/approve"`), 'the supervisor decides from the banner');
		const next = `${path}#overview`;
		const bad = await sup.post(`/approvals/${a.id}/approve`, { csrf: csrfOf(seen.text), next: 'https://example.org/' });
		assert.equal(bad.status, 303);
		assert.equal(bad.headers.get('location'), '/approvals?done=approved', 'no redirect off the server');
		const closed = await sup.get(path);
		assert.match(closed.text, /<td class="case-status">Cerrado<\/td>/);
		assert.doesNotMatch(closed.text, /Cierre enviado a aprobación/);
		assert.ok(next);
	} finally {
		await settings({ closure_approval_areas: [] });
	}
});

test('progress notes of a psychosocial case: "Nota restringida" for another area', opts, async () => {
	const psyToken = await tokenFor('psy');
	const k = await openCase(psyToken, 'psychosocial', 'Itzel');
	const secret = 'Refiere insomnio desde la travesía';
	const r = await api(`/api/v1/cases/${k.id}/notes`, { method: 'POST', body: { body: secret }, token: psyToken });
	assert.equal(r.status, 201, r.text);
	const live = await loggedIn('live');
	const page = await live.get(`/cases/${k.id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /Nota restringida/);
	assert.match(page.text, /Paula Psicóloga · \d{2}\/\d{2}\/\d{4}/);
	assert.ok(!page.text.includes(secret), 'the note stays in its area');
	assert.doesNotMatch(page.text, /action="\/cases\/[^"]+\/notes"/, 'no note form outside the area');
	const psy = await loggedIn('psy');
	assert.ok((await psy.get(`/cases/${k.id}`)).text.includes(secret));
});
