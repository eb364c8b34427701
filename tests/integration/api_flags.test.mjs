// Flags through the API (issue 5, docs/flags.md): raising one on a person
// and on a case, who sees an SGBV flag (a community officer does not, in
// the list nor in the case), the SGBV restriction of a livelihoods case's
// notes, lifting with the history kept, and the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

test('flags: an SGBV flag is hidden from a community officer and restricts a livelihoods note', opts, async () => {
	const [psy, live, com] = await Promise.all(['psy', 'live', 'com'].map(tokenFor));
	const p = await createPerson({ given_names: 'Yessenia', surname1: uniqueWord('Zf') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live });
	const note = 'Busca empleo lejos de la zona donde vive el agresor';
	const s = await ok(`/api/v1/cases/${k.id}/services`, { method: 'POST', body: { type: 'career_counselling', date: '2026-02-10', notes: note }, token: live });
	// Before any flag the community officer reads the livelihoods note.
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: com })).notes, note);

	const reason = 'Refiere violencia de su expareja';
	const r = await post(`/api/v1/people/${p.ref}/flags`, { type: 'sgbv_survivor', reason }, psy);
	assert.equal(r.status, 201, r.text);
	const sgbv = r.json;
	assert.equal(sgbv.person_id, p.id);
	assert.equal(sgbv.case_id, null);
	assert.equal(sgbv.active, true);
	assert.equal(sgbv.type_label, 'Sobreviviente de VBG');
	const phone = await ok(`/api/v1/people/${p.id}/flags`, { method: 'POST', body: { type: 'no_phone_contact', reason: 'El agresor revisa su teléfono' }, token: live });

	// Who sees what.
	const byPsy = await ok(`/api/v1/people/${p.id}/flags`, { token: psy });
	assert.deepEqual(byPsy.items.map((f) => f.type).sort(), ['no_phone_contact', 'sgbv_survivor']);
	const byCom = await api(`/api/v1/people/${p.id}/flags`, { token: com });
	assert.equal(byCom.status, 200);
	assert.deepEqual(byCom.json.items.map((f) => f.type), ['no_phone_contact']);
	assert.ok(!byCom.text.includes(reason), 'the SGBV reason never reaches the community officer');
	const caseByCom = await api(`/api/v1/cases/${k.id}`, { token: com });
	assert.deepEqual(caseByCom.json.flags.map((f) => f.type), ['no_phone_contact']);
	assert.ok(!caseByCom.text.includes('sgbv'));
	const caseByLive = await ok(`/api/v1/cases/${k.id}`, { token: live });
	assert.equal(caseByLive.flags.length, 1, 'livelihoods works the case but sees no person SGBV flag');
	const caseByAdmin = await ok(`/api/v1/cases/${k.id}`);
	assert.deepEqual(caseByAdmin.flags.map((f) => f.type).sort(), ['no_phone_contact', 'sgbv_survivor']);
	assertApiError(await post(`/api/v1/flags/${sgbv.id}/lift`, { reason: 'x' }, com), 404, 'lifting a flag one may not see');

	// The SGBV flag restricts the livelihoods note: the caseworker reads it,
	// the community officer sees only that it exists.
	const list = await ok(`/api/v1/cases/${k.id}/services`, { token: com });
	assert.equal(list.items[0].notes, null);
	assert.equal(list.items[0].notes_restricted, true);
	assertApiError(await api(`/api/v1/cases/${k.id}/services/${s.id}`, { token: com }), 403, 'a note under an SGBV flag');
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: live })).notes, note);

	// Lifting: only who raised it or a supervisor; a reason; once.
	assertApiError(await post(`/api/v1/flags/${phone.id}/lift`, { reason: 'x' }, psy), 403, 'another caseworker lifts');
	const noReason = assertApiError(await post(`/api/v1/flags/${sgbv.id}/lift`, {}, psy), 400, 'no reason');
	assert.equal(noReason.field, 'reason');
	const lifted = await ok(`/api/v1/flags/${sgbv.id}/lift`, { method: 'POST', body: { reason: 'Registrada por error' }, token: psy });
	assert.equal(lifted.active, false);
	assert.equal(lifted.lift_reason, 'Registrada por error');
	assert.ok(lifted.lifted_at);
	assertApiError(await post(`/api/v1/flags/${sgbv.id}/lift`, { reason: 'otra vez' }, psy), 409, 'lifted twice');
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: com })).notes, note, 'lifted, the note is open again');
	const all = await ok(`/api/v1/people/${p.id}/flags`, { token: psy });
	assert.equal(all.total, 2, 'a lifted flag is kept');
	const active = await ok(`/api/v1/people/${p.id}/flags?active=true`, { token: psy });
	assert.deepEqual(active.items.map((f) => f.type), ['no_phone_contact']);

	// The person's history names the fields, never the reason.
	const h = await ok(`/api/v1/people/${p.id}/history?limit=100`);
	assert.ok(h.items.some((e) => e.action === 'raise_flag' && e.fields === 'type,reason'));
	assert.ok(h.items.some((e) => e.action === 'lift_flag'));
	assert.ok(!JSON.stringify(h).includes('violencia'));
});

test('flags: a case flag, and bad requests', opts, async () => {
	const [live, reader] = await Promise.all(['live', 'reader'].map(tokenFor));
	const p = await createPerson({ given_names: 'Anselmo', surname1: uniqueWord('Zf') });
	const other = await createPerson({ given_names: 'Berta', surname1: uniqueWord('Zf') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live });
	const ko = await ok('/api/v1/cases', { method: 'POST', body: { person_id: other.id, area: 'livelihoods' }, token: live });
	const path = `/api/v1/people/${p.id}/flags`;

	const f = await ok(path, { method: 'POST', body: { type: 'legal_deadline', reason: 'Cita en ONPAR el lunes', case_id: k.ref }, token: live });
	assert.equal(f.case_id, k.id);
	assert.equal((await ok(`/api/v1/cases/${k.id}`, { token: live })).flags[0].id, f.id);
	assertApiError(await post(path, { type: 'legal_deadline', reason: 'otra', case_id: k.id }, live), 409, 'the same flag twice');
	assert.equal(assertApiError(await post(path, { type: 'haunted', reason: 'x' }, live), 400, 'unknown type').field, 'type');
	assert.equal(assertApiError(await post(path, { type: 'other' }, live), 400, 'no reason').field, 'reason');
	assert.equal(assertApiError(await post(path, { type: 'other', reason: 'x', case_id: ko.id }, live), 400, "another person's case").field, 'case_id');
	assert.equal(assertApiError(await post(path, { type: 'other', reason: 7 }, live), 400, 'a number').field, 'reason');
	assertApiError(await post(path, { type: 'other', reason: 'x' }, reader), 403, 'a reader raises');
	assertApiError(await post(path, { type: 'other', reason: 'x' }, null), 401, 'no credentials');
	assertApiError(await post('/api/v1/people/P-999999/flags', { type: 'other', reason: 'x' }, live), 404, 'no such person');
	assertApiError(await api('/api/v1/people/P-999999/flags', { token: live }), 404, 'no such person');
	assertApiError(await post('/api/v1/flags/nope/lift', { reason: 'x' }, live), 404, 'no such flag');
	assertApiError(await post(path, '{"type":', live), 400, 'broken JSON');
	const readerSees = await ok(path, { token: reader });
	assert.equal(readerSees.total, 1);
});
