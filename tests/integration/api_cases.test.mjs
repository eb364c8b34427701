// Cases and services through the API (issue 5): opening one case per
// person and area, the transitions, risk and assignment with their
// history, caseloads, the service catalogue, and the must-show: a
// livelihoods caseworker cannot read a psychosocial note (null in lists
// with notes_restricted, 403 on the service itself). Every change is in
// the audit log (run.sh's `amparo audit verify` checks the chain).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

const post = (path, body, token) => api(path, { method: 'POST', body, token });

test('a case: one per person and area, transitions, risk, assignment, history', opts, async () => {
	const psy = await tokenFor('psy');
	const live = await tokenFor('live');
	const p = await createPerson({ given_names: 'Marisol', surname1: uniqueWord('Zc') });

	const r = await post('/api/v1/cases', { person_id: p.ref, area: 'psychosocial' }, psy);
	assert.equal(r.status, 201, r.text);
	const k = r.json;
	assert.match(k.ref, /^C-\d{6}$/);
	assert.equal(k.status, 'open');
	assert.equal(k.risk, 'low');
	assert.equal(k.person_id, p.id);
	assert.equal(k.open_key, undefined);
	const me = await ok('/api/v1/me', { token: psy });
	assert.equal(k.assigned_to, me.id);

	const again = assertApiError(await post('/api/v1/cases', { person_id: p.id, area: 'psychosocial' }, psy), 409, 'second open case');
	assert.equal(again.field, 'area');
	assertApiError(await post('/api/v1/cases', { person_id: p.id, area: 'legal' }, psy), 403, 'outside her areas');
	assertApiError(await post('/api/v1/cases', { person_id: p.id, area: 'nowhere' }, psy), 400, 'unknown area');
	assertApiError(await post('/api/v1/cases', { area: 'psychosocial' }, psy), 400, 'no person');

	// By reference too.
	assert.equal((await ok(`/api/v1/cases/${k.ref}`, { token: psy })).id, k.id);

	const s = `/api/v1/cases/${k.id}/status`;
	assert.equal((await ok(s, { method: 'POST', body: { status: 'active' }, token: psy })).status, 'active');
	assertApiError(await post(s, { status: 'open' }, psy), 409, 'active back to open');
	const noReason = assertApiError(await post(s, { status: 'closed' }, psy), 400, 'closing without a reason');
	assert.equal(noReason.field, 'reason');
	assertApiError(await post(s, { status: 'active' }, live), 403, 'livelihoods changes a psychosocial case');
	assert.equal((await ok(`/api/v1/cases/${k.id}/risk`, { method: 'POST', body: { risk: 'high', reason: 'amenazas' }, token: psy })).risk, 'high');
	assertApiError(await post(`/api/v1/cases/${k.id}/risk`, { risk: 'extreme' }, psy), 400, 'unknown risk');
	assertApiError(await post(`/api/v1/cases/${k.id}/assign`, { user_id: 'psy' }, psy), 403, 'caseworkers do not assign');
	assertApiError(await post(`/api/v1/cases/${k.id}/assign`, { user_id: 'live' }), 400, 'an assignee outside the area');
	assert.equal((await ok(`/api/v1/cases/${k.id}/assign`, { method: 'POST', body: { user_id: 'admin' } })).assigned_to !== me.id, true);
	const closed = await ok(s, { method: 'POST', body: { status: 'closed', reason: 'goals_met' }, token: psy });
	assert.equal(closed.status, 'closed');
	assert.equal(closed.closure_reason, 'goals_met');
	assert.ok(closed.closed_at);
	const reopened = await ok(s, { method: 'POST', body: { status: 'open', reason: 'volvió' }, token: psy });
	assert.equal(reopened.status, 'open');
	assert.equal(reopened.closure_reason, null);

	const h = await ok(`/api/v1/cases/${k.id}/history`, { token: psy });
	assert.deepEqual(h.items.map((c) => `${c.kind}:${c.from_value ?? ''}>${c.to_value}`),
		['status:closed>open', 'status:active>closed', `assign:${me.id}>${h.items[2].to_value}`, 'risk:low>high', 'status:open>active']);
	assert.deepEqual(h.items.map((c) => c.seq), [5, 4, 3, 2, 1]);

	// The person's own history says a case was opened (the case's events
	// are on the case: tests/unit/domain/test_case.c reads them).
	const ph = await ok(`/api/v1/people/${p.id}/history?limit=100`);
	assert.ok(ph.items.some((e) => e.action === 'open_case' && e.fields === 'area'));
});

test('caseloads filter by area, status, risk and caseworker', opts, async () => {
	const live = await tokenFor('live');
	const me = await ok('/api/v1/me', { token: live });
	const a = await createPerson({ given_names: 'Óscar', surname1: uniqueWord('Zc') });
	const b = await createPerson({ given_names: 'Wilmer', surname1: uniqueWord('Zc') });
	const ka = await ok('/api/v1/cases', { method: 'POST', body: { person_id: a.id, area: 'livelihoods' }, token: live });
	await ok('/api/v1/cases', { method: 'POST', body: { person_id: b.id, area: 'livelihoods', risk: 'medium' }, token: live });
	const mine = await ok(`/api/v1/cases?assigned_to=${me.id}&limit=500`, { token: live });
	assert.ok(mine.total >= 2);
	assert.ok(mine.items.every((c) => c.assigned_to === me.id));
	const medium = await ok(`/api/v1/cases?assigned_to=${me.id}&risk=medium&area=livelihoods&status=open`, { token: live });
	assert.ok(medium.items.every((c) => c.risk === 'medium' && c.area === 'livelihoods' && c.status === 'open'));
	assert.ok(medium.items.some((c) => c.person_id === b.id));
	assert.ok(!medium.items.some((c) => c.id === ka.id));
	const ofA = await ok(`/api/v1/cases?person_id=${a.id}`, { token: live });
	assert.deepEqual(ofA.items.map((c) => c.id), [ka.id]);
	assert.equal(ofA.total, 1);
	const paged = await ok(`/api/v1/cases?assigned_to=${me.id}&limit=1&offset=1`, { token: live });
	assert.equal(paged.items.length, 1);
	assert.equal(paged.limit, 1);
	assert.equal(paged.offset, 1);
	// Every filter at once, with overdue: seven conditions overflowed a
	// six-slot array and killed the server (found by sqlmap).
	const all = await ok(`/api/v1/cases?person_id=${b.id}&area=livelihoods&status=open&risk=medium&assigned_to=${me.id}&office=${ka.office}&overdue=0`, { token: live });
	assert.equal(all.total, 1);
	const allLate = await ok(`/api/v1/cases?person_id=${b.id}&area=livelihoods&status=open&risk=medium&assigned_to=${me.id}&office=${ka.office}&overdue=1`, { token: live });
	assert.ok(allLate.items.every((c) => c.person_id === b.id));
	assert.equal((await api('/healthz', { token: null })).status, 200, 'the server is still up');
	assertApiError(await api('/api/v1/cases?status=lost', { token: live }), 400, 'unknown status filter');
	assertApiError(await api('/api/v1/cases', { token: null }), 401, 'no credentials');
	const ethics = await tokenFor('ethics');
	assertApiError(await api('/api/v1/cases', { token: ethics }), 403, 'ethics officer');
});

test('the service catalogue per area, in the user\'s language', opts, async () => {
	const legal = await ok('/api/v1/catalogues/services?area=legal');
	const codes = legal.items.map((i) => i.code);
	for (const c of ['legal_information', 'legal_counselling', 'accompaniment', 'detention_visit', 'documentation_support'])
		assert.ok(codes.includes(c), c);
	const psy = await ok('/api/v1/catalogues/services?area=psychosocial', { headers: { 'Accept-Language': 'es' } });
	for (const c of ['pfa', 'emotional_support', 'group_support', 'mh_referral'])
		assert.ok(psy.items.some((i) => i.code === c), c);
	assertApiError(await api('/api/v1/catalogues/services?area=nowhere'), 400, 'unknown area');
	assertApiError(await api('/api/v1/catalogues/services'), 400, 'no area');
});

test('a livelihoods caseworker cannot read a psychosocial note', opts, async () => {
	const psy = await tokenFor('psy');
	const live = await tokenFor('live');
	const p = await createPerson({ given_names: 'Yaneth', surname1: uniqueWord('Zc') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	const secret = 'Relata amenazas de la pandilla en su barrio';
	const bad = assertApiError(await post(`/api/v1/cases/${k.id}/services`, { type: 'legal_counselling', date: '2026-01-10' }, psy), 400, 'a legal type on a psychosocial case');
	assert.equal(bad.field, 'type');
	assertApiError(await post(`/api/v1/cases/${k.id}/services`, { type: 'pfa', date: '2999-01-10' }, psy), 400, 'a future date');
	assertApiError(await post(`/api/v1/cases/${k.id}/services`, { type: 'pfa', date: '2026-01-10', duration_minutes: 0 }, psy), 400, 'no duration');
	const r = await post(`/api/v1/cases/${k.id}/services`, { type: 'pfa', date: '2026-01-10', duration_minutes: 45, outcome: 'estable', notes: secret }, psy);
	assert.equal(r.status, 201, r.text);
	const sv = r.json;
	assert.equal(sv.notes, secret);
	assert.equal(sv.notes_restricted, false);
	assert.equal(r.headers.get('location'), `/api/v1/cases/${k.id}/services/${sv.id}`);
	await ok(`/api/v1/cases/${k.id}/services`, { method: 'POST', body: { type: 'emotional_support', date: '2026-01-12' }, token: psy });

	// The livelihoods caseworker sees that the note exists, not what it says.
	const list = await api(`/api/v1/cases/${k.id}/services`, { token: live });
	assert.equal(list.status, 200, list.text);
	assert.equal(list.json.total, 2);
	const seen = list.json.items.find((x) => x.id === sv.id);
	assert.equal(seen.notes, null);
	assert.equal(seen.notes_restricted, true);
	assert.equal(list.json.items.find((x) => x.id !== sv.id).notes_restricted, false, 'a service without a note');
	assert.ok(!list.text.includes('amenazas'));
	const one = await api(`/api/v1/cases/${k.id}/services/${sv.id}`, { token: live });
	assertApiError(one, 403, 'a livelihoods user reads a psychosocial note');
	assert.ok(!one.text.includes('amenazas'));
	assertApiError(await post(`/api/v1/cases/${k.id}/services`, { type: 'pfa', date: '2026-01-10' }, live), 403, 'recording outside the area');

	// The caseworker of the area, and the administrator, read it.
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${sv.id}`, { token: psy })).notes, secret);
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${sv.id}`)).notes, secret);
	assertApiError(await api(`/api/v1/cases/${k.id}/services/01900000-0000-7000-8000-000000000000`, { token: psy }), 404, 'no such service');

	// Closed, the case takes no services.
	await ok(`/api/v1/cases/${k.id}/status`, { method: 'POST', body: { status: 'closed', reason: 'referred' }, token: psy });
	assertApiError(await post(`/api/v1/cases/${k.id}/services`, { type: 'pfa', date: '2026-01-10' }, psy), 409, 'a service on a closed case');
});
