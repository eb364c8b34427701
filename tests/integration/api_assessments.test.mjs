// Psychosocial assessments through the API (issue 5): a psychosocial
// caseworker records a PHQ-9 and reads its score, band and the item-9
// alert; a livelihoods caseworker gets 403 (health data stays with the
// case's area); bad answers give 400 naming the field; a closed case 409.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });

test('a PHQ-9 recorded and read by the psychosocial caseworker, not by livelihoods', opts, async () => {
	const psy = await tokenFor('psy');
	const live = await tokenFor('live');
	const p = await createPerson({ given_names: 'Rosalba', surname1: uniqueWord('Zs') });
	const c = await post('/api/v1/cases', { person_id: p.id, area: 'psychosocial' }, psy);
	assert.equal(c.status, 201, c.text);
	const k = c.json;
	const url = `/api/v1/cases/${k.id}/assessments`;

	const r = await post(url, { instrument: 'phq9', answers: [2, 2, 2, 1, 1, 1, 1, 1, 1], taken_on: '2026-01-15' }, psy);
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.instrument, 'phq9');
	assert.equal(r.json.total, 12);
	assert.equal(r.json.band.code, 'moderate');
	assert.equal(typeof r.json.band.label, 'string');
	assert.ok(r.json.band.label.length > 0);
	assert.equal(r.json.alert, true);
	assert.deepEqual(r.json.answers, [2, 2, 2, 1, 1, 1, 1, 1, 1]);
	assert.equal(r.json.taken_on, '2026-01-15');

	const g = await post(url, { instrument: 'gad7', answers: [0, 0, 1, 0, 0, 0, 0] }, psy);
	assert.equal(g.status, 201, g.text);
	assert.equal(g.json.total, 1);
	assert.equal(g.json.band.code, 'minimal');
	assert.equal(g.json.alert, false);

	const l = await api(url, { token: psy });
	assert.equal(l.status, 200, l.text);
	assert.equal(l.json.total, 2);
	assert.deepEqual(l.json.items.map((a) => a.instrument), ['phq9', 'gad7']);
	assert.equal(l.json.items[0].total, 12);

	// Health data: a livelihoods caseworker may neither read nor record.
	assertApiError(await api(url, { token: live }), 403, 'livelihoods reads assessments');
	assertApiError(await post(url, { instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] }, live), 403, 'livelihoods records');

	// Bad answers: the field that is wrong.
	const few = assertApiError(await post(url, { instrument: 'phq9', answers: [1, 2] }, psy), 400, 'too few answers');
	assert.equal(few.field, 'answers');
	const out = assertApiError(await post(url, { instrument: 'who5', answers: [1, 2, 9, 1, 1] }, psy), 400, 'answer out of range');
	assert.equal(out.field, 'answers.3');
	const unknown = assertApiError(await post(url, { instrument: 'bdi', answers: [1] }, psy), 400, 'unknown instrument');
	assert.equal(unknown.field, 'instrument');
	const notList = assertApiError(await post(url, { instrument: 'gad7', answers: 'many' }, psy), 400, 'answers not a list');
	assert.equal(notList.field, 'answers');
	assertApiError(await post(`/api/v1/cases/C-999999/assessments`, { instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] }, psy), 404, 'no such case');

	// A closed case takes no more.
	const s = await post(`/api/v1/cases/${k.id}/status`, { status: 'closed', reason: 'goals_met' }, psy);
	assert.equal(s.status, 200, s.text);
	assertApiError(await post(url, { instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] }, psy), 409, 'closed case');
});
