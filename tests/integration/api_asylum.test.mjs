// The asylum procedure through the API (issue 5): a legal caseworker
// records stages, the file number, a document obtained, a detention and
// its release; the order rules answer 409 or 400 naming the field; a
// psychosocial caseworker sees the current stage only; a psychosocial
// case has no procedure; access to rights on a legal service.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });

async function legalCase(lex) {
	const p = await createPerson({ given_names: 'Yusmely', surname1: uniqueWord('Zl') });
	const c = await post('/api/v1/cases', { person_id: p.id, area: 'legal' }, lex);
	assert.equal(c.status, 201, c.text);
	return c.json;
}

test('stages, file number and a document obtained on a legal case', opts, async () => {
	const lex = await tokenFor('lex');
	const psy = await tokenFor('psy');
	const k = await legalCase(lex);
	const url = `/api/v1/cases/${k.ref}/procedure`;

	const empty = await api(url, { token: lex });
	assert.equal(empty.status, 200, empty.text);
	assert.equal(empty.json.current_stage, null);
	assert.deepEqual(empty.json.stages, []);
	assert.equal(empty.json.restricted, false);

	let r = await post(`${url}/stages`, { stage: 'application_filed', date: '2025-02-03', notes: 'Presentada con apoyo' }, lex);
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.stage, 'application_filed');
	assert.equal(r.json.person_id, k.person_id);
	r = await post(`${url}/stages`, { stage: 'admissibility', date: '2025-03-10', result: 'admitted' }, lex);
	assert.equal(r.status, 201, r.text);

	// The order: back to orientation is 409; an earlier date 400 on date.
	const back = assertApiError(await post(`${url}/stages`, { stage: 'orientation', date: '2025-03-11' }, lex), 409, 'back in order');
	assert.equal(back.field, 'stage');
	const early = assertApiError(await post(`${url}/stages`, { stage: 'interview', date: '2025-03-01' }, lex), 400, 'date before');
	assert.equal(early.field, 'date');
	const noResult = assertApiError(await post(`${url}/stages`, { stage: 'eligibility_decision', date: '2025-04-01' }, lex), 400, 'no decision');
	assert.equal(noResult.field, 'result');
	const unknown = assertApiError(await post(`${url}/stages`, { stage: 'granted_by_magic', date: '2025-04-01' }, lex), 400, 'unknown stage');
	assert.equal(unknown.field, 'stage');
	const card = assertApiError(await post(`${url}/stages`, { stage: 'card_issued', date: '2025-04-01' }, lex), 409, 'card before recognition');
	assert.equal(card.field, 'stage');

	const f = await post(url, { file_number: 'ONPAR-2025-1187' }, lex);
	assert.equal(f.status, 200, f.text);
	assert.equal(f.json.file_number, 'ONPAR-2025-1187');
	assert.equal(f.json.current_stage.stage, 'admissibility');
	assert.equal(f.json.stages.length, 2);

	const d = await post(`${url}/documents`, { type: 'work_permit', number: 'PT-55120', issued_on: '2025-05-02' }, lex);
	assert.equal(d.status, 201, d.text);
	const badDoc = assertApiError(await post(`${url}/documents`, { type: 'passport', number: 'X' }, lex), 400, 'not a procedure document');
	assert.equal(badDoc.field, 'type');
	// Also the person's document in the registry.
	const docs = await api(`/api/v1/people/${k.person_id}/documents`, { token: lex });
	assert.equal(docs.status, 200, docs.text);
	assert.ok(docs.json.items.some((x) => x.type === 'work_permit' && x.number === 'PT-55120'), docs.text);

	const full = await api(url, { token: lex });
	assert.equal(full.json.documents.length, 1);
	assert.equal(full.json.stages[0].notes, 'Presentada con apoyo');

	// Another area's caseworker: the current stage, no notes, no file number.
	const other = await api(url, { token: psy });
	assert.equal(other.status, 200, other.text);
	assert.equal(other.json.restricted, true);
	assert.equal(other.json.current_stage.stage, 'admissibility');
	assert.equal(other.json.current_stage.notes, null);
	assert.equal(other.json.file_number, null);
	assert.deepEqual(other.json.stages, []);
	assert.deepEqual(other.json.documents, []);
	assertApiError(await post(`${url}/stages`, { stage: 'interview', date: '2025-04-01' }, psy), 403, 'psy writes');

	// The case's audit log names fields, never the notes.
	const hist = await api(`/api/v1/people/${k.person_id}/history`, { token: lex });
	assert.equal(hist.status, 200, hist.text);
	assert.doesNotMatch(hist.text, /Presentada con apoyo/);
});

test('detention and release; one open episode; not on other areas', opts, async () => {
	const lex = await tokenFor('lex');
	const psy = await tokenFor('psy');
	const k = await legalCase(lex);
	const url = `/api/v1/cases/${k.id}/detentions`;

	const d = await post(url, { place: 'Estación de recepción migratoria', detained_on: '2025-06-01', notes: 'Sin acceso a abogado' }, lex);
	assert.equal(d.status, 201, d.text);
	assert.equal(d.json.open, true);
	assert.equal(d.json.released_on, null);
	assert.equal(d.json.open_key, undefined);
	const twice = assertApiError(await post(url, { place: 'Otra', detained_on: '2025-06-02' }, lex), 409, 'second open episode');
	assert.equal(twice.field, 'detained_on');
	const missing = assertApiError(await post(url, { detained_on: '2025-06-02' }, lex), 400, 'no place');
	assert.equal(missing.field, 'place');

	const rel = `${url}/${d.json.id}/release`;
	const before = assertApiError(await post(rel, { released_on: '2025-05-30' }, lex), 400, 'release before detention');
	assert.equal(before.field, 'released_on');
	const r = await post(rel, { released_on: '2025-06-15', release_reason: 'Orden de libertad' }, lex);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.open, false);
	assert.equal(r.json.released_on, '2025-06-15');
	assertApiError(await post(rel, { released_on: '2025-06-16' }, lex), 409, 'released twice');
	assertApiError(await post(`${url}/00000000-0000-7000-8000-000000000000/release`, { released_on: '2025-06-16' }, lex), 404, 'no such episode');

	const l = await api(url, { token: lex });
	assert.equal(l.status, 200, l.text);
	assert.equal(l.json.total, 1);
	assert.equal(l.json.items[0].release_reason, 'Orden de libertad');
	assertApiError(await api(url, { token: psy }), 403, 'psy reads detentions');

	// A psychosocial case has no procedure.
	const p = await createPerson({ given_names: 'Nairelys', surname1: uniqueWord('Zl') });
	const pc = await post('/api/v1/cases', { person_id: p.id, area: 'psychosocial' }, psy);
	assert.equal(pc.status, 201, pc.text);
	const wrong = assertApiError(await post(`/api/v1/cases/${pc.json.id}/procedure/stages`, { stage: 'orientation', date: '2025-01-01' }, psy), 409, 'psychosocial case');
	assert.equal(wrong.field, 'case');
	assertApiError(await api(`/api/v1/cases/${pc.json.id}/procedure`, { token: psy }), 409, 'psychosocial procedure');
});

test('access to rights on a legal service, refused elsewhere', opts, async () => {
	const lex = await tokenFor('lex');
	const live = await tokenFor('live');
	const k = await legalCase(lex);
	const s = await post(`/api/v1/cases/${k.id}/services`, { type: 'accompaniment', date: '2025-02-01', rights: 'work,health' }, lex);
	assert.equal(s.status, 201, s.text);
	assert.equal(s.json.rights, 'work,health');
	const bad = assertApiError(await post(`/api/v1/cases/${k.id}/services`, { type: 'accompaniment', date: '2025-02-01', rights: 'work,luck' }, lex), 400, 'unknown right');
	assert.equal(bad.field, 'rights');

	const p = await createPerson({ given_names: 'Oriana', surname1: uniqueWord('Zl') });
	const lc = await post('/api/v1/cases', { person_id: p.id, area: 'livelihoods' }, live);
	assert.equal(lc.status, 201, lc.text);
	const elsewhere = assertApiError(await post(`/api/v1/cases/${lc.json.id}/services`, { type: 'career_counselling', date: '2025-02-01', rights: 'work' }, live), 400, 'rights on livelihoods');
	assert.equal(elsewhere.field, 'rights');
});
