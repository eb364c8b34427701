// Community needs assessments through the API (issue 5): recorded on
// community and psychosocial cases, refused on other areas; field-level
// errors; texts hidden from caseworkers of other areas on psychosocial
// cases. WHO-5 results carry their percentage score.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });

async function openCase(area, token) {
	const p = await createPerson({ given_names: 'Nereida', surname1: uniqueWord('Zn') });
	const k = await post('/api/v1/cases', { person_id: p.id, area }, token);
	assert.equal(k.status, 201, k.text);
	return k.json;
}

test('a community officer records and reads a needs assessment', opts, async () => {
	const comm = await tokenFor('comm');
	const k = await openCase('community', comm);
	const url = `/api/v1/cases/${k.id}/needs-assessments`;

	const r = await post(url, {
		held_on: '2026-01-20', participants: 14,
		community_needs: 'Guardería para poder trabajar', resources: 'Salón de la junta comunal',
		ideas: 'Feria de emprendimiento con vecinos panameños',
	}, comm);
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.held_on, '2026-01-20');
	assert.equal(r.json.participants, 14);
	assert.equal(r.json.person_id, k.person_id);
	assert.equal(r.json.case_id, k.id);
	const only = await post(url, { held_on: '2026-01-22', ideas: 'Liga de fútbol mixta' }, comm);
	assert.equal(only.status, 201, only.text);

	const l = await api(url, { token: comm });
	assert.equal(l.status, 200, l.text);
	assert.equal(l.json.total, 2);
	assert.deepEqual(l.json.items.map((n) => n.held_on), ['2026-01-22', '2026-01-20']);
	assert.equal(l.json.items[1].community_needs, 'Guardería para poder trabajar');
	assert.equal(l.json.items[0].community_needs, null);

	// Field-level errors.
	assert.equal(assertApiError(await post(url, { community_needs: 'x' }, comm), 400, 'no date').field, 'held_on');
	assert.equal(assertApiError(await post(url, { held_on: '2026-01-20' }, comm), 400, 'no text').field, 'community_needs');
	assert.equal(assertApiError(await post(url, { held_on: '2026-01-20', ideas: 'x', participants: 0 }, comm), 400, 'no participants').field, 'participants');
	assert.equal(assertApiError(await post(url, { held_on: '2999-01-01', ideas: 'x' }, comm), 400, 'future date').field, 'held_on');
	assert.equal(assertApiError(await post(url, { held_on: '2026-01-20', ideas: 'x'.repeat(5001) }, comm), 400, 'long text').field, 'ideas');
	assert.equal(assertApiError(await post(url, { held_on: '2026-01-20', ideas: 'x', mood: 'good' }, comm), 400, 'unknown key').field, 'mood');
	assertApiError(await post('/api/v1/cases/C-999999/needs-assessments', { held_on: '2026-01-20', ideas: 'x' }, comm), 404, 'no such case');
	// Another area's worker may not record.
	const live = await tokenFor('live');
	assertApiError(await post(url, { held_on: '2026-01-20', ideas: 'x' }, live), 403, 'livelihoods records');

	// A closed case takes no more.
	assert.equal((await post(`/api/v1/cases/${k.id}/status`, { status: 'closed', reason: 'goals_met' }, comm)).status, 200);
	assertApiError(await post(url, { held_on: '2026-01-20', ideas: 'x' }, comm), 409, 'closed case');
});

test('needs assessments belong to community and psychosocial cases', opts, async () => {
	const live = await tokenFor('live');
	const psy = await tokenFor('psy');
	const lk = await openCase('livelihoods', live);
	const wrong = assertApiError(await post(`/api/v1/cases/${lk.id}/needs-assessments`, { held_on: '2026-01-20', ideas: 'x' }, live), 409, 'livelihoods case');
	assert.equal(wrong.field, 'case_id');

	const pk = await openCase('psychosocial', psy);
	const url = `/api/v1/cases/${pk.id}/needs-assessments`;
	assert.equal((await post(url, { held_on: '2026-01-21', community_needs: 'Grupo de apoyo para madres' }, psy)).status, 201);
	assert.equal((await api(url, { token: psy })).json.total, 1);
	// The texts of a psychosocial case stay with its area.
	assertApiError(await api(url, { token: live }), 403, 'livelihoods reads');
});

test('WHO-5 results carry the percentage score; other instruments do not', opts, async () => {
	const psy = await tokenFor('psy');
	const k = await openCase('psychosocial', psy);
	const url = `/api/v1/cases/${k.id}/assessments`;
	const w = await post(url, { instrument: 'who5', answers: [3, 3, 3, 3, 1], taken_on: '2026-01-10' }, psy);
	assert.equal(w.status, 201, w.text);
	assert.equal(w.json.total, 13);
	assert.equal(w.json.percent, 52);
	const g = await post(url, { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1] }, psy);
	assert.equal(g.status, 201, g.text);
	assert.equal(g.json.percent, null);
	const l = await api(url, { token: psy });
	assert.equal(l.json.items.find((a) => a.instrument === 'who5').percent, 52);
});
