// Case plans, progress notes and approvals through the API (issue 5):
// goals with due dates and status (overdue computed), append-only notes
// that stay in their area (null body with notes_restricted in lists, 403
// on the note itself), and, where the office asks for it, a supervisor's
// approval of the plan and of a caseworker's closing (202). The approval
// tests configure the assistance area, which no other test works in, and
// put the settings back to [] at the end: other files share the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, apiOk as ok, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

const post = (path, body, token) => api(path, { method: 'POST', body, token });
const patch = (path, body, token) => api(path, { method: 'PATCH', body, token });

// Sets the areas that need approval (admin); undefined keys are left alone.
async function approvalAreas({ plan, closure }) {
	const body = {};
	if (plan) body.plan_approval_areas = plan;
	if (closure) body.closure_approval_areas = closure;
	const r = await patch('/api/v1/settings', body);
	assert.equal(r.status, 200, r.text);
}

async function openCase(token, area, given) {
	const p = await createPerson({ given_names: given, surname1: uniqueWord('Zp') });
	const r = await post('/api/v1/cases', { person_id: p.id, area }, token);
	assert.equal(r.status, 201, r.text);
	return r.json;
}

test('goals: validated, audited by field, overdue computed, changed by the case\'s workers only', opts, async () => {
	const psy = await tokenFor('psy');
	const live = await tokenFor('live');
	const k = await openCase(psy, 'psychosocial', 'Nayeli');
	const g = `/api/v1/cases/${k.id}/goals`;

	assert.equal(assertApiError(await post(g, {}, psy), 400, 'no title').field, 'title');
	assert.equal(assertApiError(await post(g, { title: 'x', due_on: '2026-02-30' }, psy), 400, 'no such day').field, 'due_on');
	assert.equal(assertApiError(await post(g, { title: 'x'.repeat(201) }, psy), 400, 'too long').field, 'title');
	assert.equal(assertApiError(await post(g, { title: 'x', owner: 'me' }, psy), 400, 'unknown field').field, 'owner');
	assertApiError(await post(g, { title: 'Otra' }, live), 403, 'another area adds a goal');

	const late = await post(g, { title: 'Dormir mejor', due_on: '2020-01-10', details: 'Rutina de sueño' }, psy);
	assert.equal(late.status, 201, late.text);
	assert.equal(late.json.status, 'pending');
	assert.equal(late.json.overdue, true);
	assert.equal(late.json.person_id, k.person_id);
	assert.equal(late.json.seq, undefined);
	const later = await ok(g, { method: 'POST', body: { title: 'Volver a estudiar', due_on: '2199-01-01', status: 'in_progress' }, token: psy });
	assert.equal(later.overdue, false);

	// Another area's caseworker reads the plan; it needs no approval here.
	const plan = await ok(g, { token: live });
	assert.deepEqual(plan.items.map((x) => x.title), ['Dormir mejor', 'Volver a estudiar']);
	assert.equal(plan.plan_state, 'not_required');

	const one = `${g}/${late.json.id}`;
	assertApiError(await patch(one, { status: 'done' }, psy), 400, 'unknown status');
	assertApiError(await patch(one, { status: 'achieved' }, live), 403, 'another area changes a goal');
	assertApiError(await patch(`${g}/${k.id}`, { status: 'achieved' }, psy), 404, 'no such goal');
	const done = await ok(one, { method: 'PATCH', body: { status: 'achieved', due_on: null }, token: psy });
	assert.equal(done.status, 'achieved');
	assert.equal(done.due_on, null);
	assert.equal(done.overdue, false);
	assert.equal(done.details, 'Rutina de sueño');

	// Closed: the plan is frozen.
	await ok(`/api/v1/cases/${k.id}/status`, { method: 'POST', body: { status: 'closed', reason: 'goals_met' }, token: psy });
	assertApiError(await patch(one, { status: 'dropped' }, psy), 409, 'a goal of a closed case');
	assertApiError(await post(g, { title: 'Tarde' }, psy), 409, 'a goal on a closed case');
});

test('progress notes: append-only, newest first, psychosocial words stay in the area', opts, async () => {
	const psy = await tokenFor('psy');
	const live = await tokenFor('live');
	const sup = await tokenFor('sup');
	const k = await openCase(psy, 'psychosocial', 'Oriana');
	const n = `/api/v1/cases/${k.id}/notes`;
	const secret = 'Refiere amenazas del exesposo';

	assert.equal(assertApiError(await post(n, { body: '   ' }, psy), 400, 'an empty note').field, 'body');
	assert.equal(assertApiError(await post(n, { body: 'x'.repeat(10001) }, psy), 400, 'a too long note').field, 'body');
	assertApiError(await post(n, { body: 'x' }, live), 403, 'another area writes');
	const first = await post(n, { body: secret }, psy);
	assert.equal(first.status, 201, first.text);
	assert.equal(first.json.body, secret);
	assert.equal(first.json.notes_restricted, false);
	const second = await ok(n, { method: 'POST', body: { body: 'Corrección: fue el hermano' }, token: psy });

	// No way to change or remove a note.
	assert.equal((await api(`${n}/${first.json.id}`, { method: 'PATCH', body: { body: 'x' }, token: psy })).status, 405);
	assert.ok([404, 405].includes((await api(`${n}/${first.json.id}`, { method: 'DELETE', token: psy })).status));

	const mine = await ok(n, { token: psy });
	assert.equal(mine.total, 2);
	assert.deepEqual(mine.items.map((x) => x.id), [second.id, first.json.id]);
	assert.equal(mine.items[1].body, secret);

	const theirs = await api(n, { token: live });
	assert.equal(theirs.status, 200);
	assert.ok(!theirs.text.includes('amenazas'), 'the livelihoods caseworker reads no psychosocial note');
	assert.equal(theirs.json.items[1].body, null);
	assert.equal(theirs.json.items[1].notes_restricted, true);
	assert.equal(theirs.json.items[1].written_by, first.json.written_by);
	assert.ok(theirs.json.items[1].written_at);
	assertApiError(await api(`${n}/${first.json.id}`, { token: live }), 403, 'a restricted note');
	assert.equal((await ok(`${n}/${first.json.id}`, { token: sup })).body, secret);
	assertApiError(await api(`/api/v1/cases/${k.id}/notes/${k.id}`, { token: psy }), 404, 'no such note');
});

test('a caseworker\'s closing waits for a supervisor where the office wants it; rejecting changes nothing', opts, async () => {
	const aid = await tokenFor('aid');
	const sup = await tokenFor('sup');
	try {
		await approvalAreas({ closure: ['assistance'] });
		const k = await openCase(aid, 'assistance', 'Yamileth');
		const s = `/api/v1/cases/${k.id}/status`;

		assert.equal(assertApiError(await post(s, { status: 'closed' }, aid), 400, 'no reason').field, 'reason');
		const asked = await post(s, { status: 'closed', reason: 'goals_met' }, aid);
		assert.equal(asked.status, 202, asked.text);
		assert.equal(asked.json.kind, 'closure');
		assert.equal(asked.json.status, 'pending');
		assert.equal(asked.json.closure_reason, 'goals_met');
		assert.equal(asked.json.pending_key, undefined);
		assert.equal((await ok(`/api/v1/cases/${k.id}`, { token: aid })).status, 'open');
		assert.equal(assertApiError(await post(s, { status: 'closed', reason: 'referred' }, aid), 409, 'a second request').field, 'status');

		assertApiError(await api('/api/v1/approvals', { token: aid }), 403, 'a caseworker reads the queue');
		const queue = await ok('/api/v1/approvals?limit=500', { token: sup });
		assert.ok(queue.items.some((a) => a.id === asked.json.id), 'the request is in the queue');
		assertApiError(await post(`/api/v1/approvals/${asked.json.id}/reject`, { note: 'no' }, aid), 403, 'a caseworker decides');
		assert.equal(assertApiError(await post(`/api/v1/approvals/${asked.json.id}/reject`, {}, sup), 400, 'rejecting without a comment').field, 'note');

		const rejected = await ok(`/api/v1/approvals/${asked.json.id}/reject`, { method: 'POST', body: { note: 'Aún asiste a talleres' }, token: sup });
		assert.equal(rejected.status, 'rejected');
		assert.equal(rejected.decision_note, 'Aún asiste a talleres');
		const still = await ok(`/api/v1/cases/${k.id}`, { token: aid });
		assert.equal(still.status, 'open');
		assert.equal((await ok(`/api/v1/cases/${k.id}/history`, { token: aid })).total, 0);

		// Asked again and approved (no body needed): closed with the reason asked for.
		const again = await post(s, { status: 'closed', reason: 'relocated' }, aid);
		assert.equal(again.status, 202, again.text);
		const approved = await api(`/api/v1/approvals/${again.json.id}/approve`, { method: 'POST', token: sup });
		assert.equal(approved.status, 200, approved.text);
		const closed = await ok(`/api/v1/cases/${k.id}`, { token: aid });
		assert.equal(closed.status, 'closed');
		assert.equal(closed.closure_reason, 'relocated');
		const me = await ok('/api/v1/me', { token: sup });
		const h = await ok(`/api/v1/cases/${k.id}/history`, { token: aid });
		assert.equal(h.items[0].to_value, 'closed');
		assert.equal(h.items[0].changed_by, me.id);
		assertApiError(await post(`/api/v1/approvals/${again.json.id}/approve`, {}, sup), 409, 'decided twice');
		const all = await ok(`/api/v1/cases/${k.id}/approvals`, { token: aid });
		assert.deepEqual(all.items.map((a) => a.status), ['approved', 'rejected']);

		// A supervisor closes at once.
		const k2 = await openCase(sup, 'assistance', 'Keyla');
		const direct = await post(`/api/v1/cases/${k2.id}/status`, { status: 'closed', reason: 'goals_met' }, sup);
		assert.equal(direct.status, 200, direct.text);
		assert.equal(direct.json.status, 'closed');
	} finally {
		await approvalAreas({ closure: [] });
	}
	// Not configured: closing is as before.
	const k3 = await openCase(aid, 'assistance', 'Lisbeth');
	const r = await post(`/api/v1/cases/${k3.id}/status`, { status: 'closed', reason: 'goals_met' }, aid);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.status, 'closed');
});

test('a plan sent to approval: draft, pending, approved, changed by a goal, sent again and returned', opts, async () => {
	const aid = await tokenFor('aid');
	const sup = await tokenFor('sup');
	try {
		await approvalAreas({ plan: ['assistance'] });
		const k = await openCase(aid, 'assistance', 'Anyelis');
		const g = `/api/v1/cases/${k.id}/goals`;
		const a = `/api/v1/cases/${k.id}/approvals`;
		const state = async () => (await ok(g, { token: aid })).plan_state;

		assert.equal(await state(), 'draft');
		assert.equal(assertApiError(await post(a, { kind: 'plan' }, aid), 409, 'an empty plan').field, 'kind');
		assert.equal(assertApiError(await post(a, { kind: 'closure' }, aid), 400, 'a closure this way').field, 'kind');
		assert.equal(assertApiError(await post(a, {}, aid), 400, 'no kind').field, 'kind');
		const goal = await ok(g, { method: 'POST', body: { title: 'Inscribir a los hijos en la escuela', due_on: '2026-03-01' }, token: aid });
		const sent = await post(a, { kind: 'plan', note: 'Revisar, por favor' }, aid);
		assert.equal(sent.status, 201, sent.text);
		assert.equal(sent.json.request_note, 'Revisar, por favor');
		assert.equal(assertApiError(await post(a, { kind: 'plan' }, aid), 409, 'sent twice').field, 'kind');
		assert.equal(await state(), 'pending');

		await ok(`/api/v1/approvals/${sent.json.id}/approve`, { method: 'POST', body: { note: 'Bien' }, token: sup });
		assert.equal(await state(), 'approved');
		assertApiError(await post(a, { kind: 'plan' }, aid), 409, 'an approved plan');

		await ok(`${g}/${goal.id}`, { method: 'PATCH', body: { status: 'in_progress' }, token: aid });
		assert.equal(await state(), 'changed');
		const again = await ok(a, { method: 'POST', body: { kind: 'plan' }, token: aid });
		await ok(`/api/v1/approvals/${again.id}/reject`, { method: 'POST', body: { note: 'Falta una meta de ingresos' }, token: sup });
		assert.equal(await state(), 'returned');
		const all = await ok(a, { token: aid });
		assert.deepEqual(all.items.map((x) => `${x.kind}:${x.status}`), ['plan:rejected', 'plan:approved']);
		assert.equal(all.items[0].decision_note, 'Falta una meta de ingresos');
		assert.ok(all.items[1].superseded_at);
	} finally {
		await approvalAreas({ plan: [] });
	}
});
