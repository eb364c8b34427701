// Offices and case transfers through the API (issue 5): administrators
// manage offices; a caseworker of one office gets 404 for a case of
// another; a transfer needs consent, the receiving office accepts or
// rejects it, and the sending office keeps what it sent.
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

test('administrators add, rename and deactivate offices; others read them', opts, async () => {
	const psy = await tokenFor('psy');
	const code = uniqueWord('o').toLowerCase().slice(0, 12);
	const r = await post('/api/v1/offices', { id: code.toUpperCase(), name: 'Chiriquí' });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.id, code, 'codes are lowercase');
	assert.equal(r.json.name, 'Chiriquí');
	assert.equal(r.json.active, 1);
	assert.equal(assertApiError(await post('/api/v1/offices', { id: code, name: 'Otra' }), 400, 'a taken code').field, 'id');
	assert.equal(assertApiError(await post('/api/v1/offices', { id: 'a b', name: 'x' }), 400, 'a bad code').field, 'id');
	assertApiError(await post('/api/v1/offices', { id: 'zz9', name: 'Colón' }, psy), 403, 'a caseworker adds an office');

	const list = await ok('/api/v1/offices', { token: psy });
	assert.ok(list.items.some((o) => o.id === 'main'));
	assert.ok(list.items.some((o) => o.id === 'dar' && o.name === 'Darién'));
	assert.equal(list.total, list.items.length);

	const renamed = await ok(`/api/v1/offices/${code}`, { method: 'PATCH', body: { name: 'Chiriquí (David)', active: false } });
	assert.equal(renamed.name, 'Chiriquí (David)');
	assert.equal(renamed.active, 0);
	assert.ok(!(await ok('/api/v1/offices')).items.some((o) => o.id === code), 'inactive offices leave the list');
	assert.ok((await ok('/api/v1/offices?all=true')).items.some((o) => o.id === code));
	assertApiError(await api('/api/v1/offices/atlantis'), 404, 'an unknown office');
	assertApiError(await api('/api/v1/offices', { token: await tokenFor('ethics') }), 403, 'the ethics officer');
});

test('a case of another office is 404; a transfer needs consent; accepted, it moves', opts, async () => {
	const psy = await tokenFor('psy');
	const far = await tokenFor('far');
	const p = await createPerson({ given_names: 'Yessenia', surname1: uniqueWord('Zo') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	assert.equal(k.office, 'main');

	// Darién does not see a case of the main office, not even that it exists.
	assertApiError(await api(`/api/v1/cases/${k.id}`, { token: far }), 404, 'another office\'s case');
	assertApiError(await api(`/api/v1/cases/${k.id}/services`, { token: far }), 404, 'its services');
	assert.ok(!(await ok('/api/v1/cases?limit=500', { token: far })).items.some((c) => c.id === k.id));
	assert.equal(assertApiError(await api('/api/v1/cases?office=main', { token: far }), 400, 'a filter for another office').field, 'office');
	// The administrator sees every office, and filters by one.
	assert.ok((await ok(`/api/v1/cases?office=main&person_id=${p.id}`)).items.some((c) => c.id === k.id));
	assert.equal((await ok(`/api/v1/cases?office=dar&person_id=${p.id}`)).total, 0);

	const t = `/api/v1/cases/${k.id}/transfer`;
	const noConsent = assertApiError(await post(t, { to_office: 'dar', reason: 'Se mudó a Metetí' }, psy), 400, 'no consent');
	assert.equal(noConsent.field, 'consent');
	assertApiError(await post(t, { to_office: 'dar', reason: 'x', consent: 'yes' }, psy), 400, 'consent must be true');
	assert.equal(assertApiError(await post(t, { to_office: 'atlantis', reason: 'x', consent: true }, psy), 400, 'unknown office').field, 'to_office');
	assertApiError(await post(t, { to_office: 'dar', reason: 'x', consent: true }, far), 404, 'Darién sends a case it cannot see');

	const sent = await post(t, { to_office: 'dar', reason: 'Se mudó a Metetí', consent: true, shared: 'services' }, psy);
	assert.equal(sent.status, 201, sent.text);
	const tr = sent.json;
	assert.equal(tr.status, 'sent');
	assert.equal(tr.from_office, 'main');
	assert.equal(tr.to_office, 'dar');
	assert.equal(tr.consent, true);
	assert.equal(tr.snapshot.case.ref, k.ref);
	assert.equal(tr.snapshot.person.ref, p.ref);
	assert.deepEqual(tr.snapshot.services, []);
	assert.equal(tr.pending_key, undefined);
	assertApiError(await post(t, { to_office: 'dar', reason: 'otra', consent: true }, psy), 409, 'one pending transfer per case');

	const inbox = await ok('/api/v1/transfers?box=incoming&status=sent', { token: far });
	assert.ok(inbox.items.some((x) => x.id === tr.id));
	assert.ok(!(await ok('/api/v1/transfers?box=incoming', { token: psy })).items.some((x) => x.id === tr.id));
	assert.ok((await ok('/api/v1/transfers?box=outgoing', { token: psy })).items.some((x) => x.id === tr.id));
	assertApiError(await api('/api/v1/transfers?box=sideways', { token: psy }), 400, 'unknown box');
	assertApiError(await post(`/api/v1/transfers/${tr.id}/accept`, {}, psy), 403, 'the sender accepts');

	const accepted = await post(`/api/v1/transfers/${tr.id}/accept`, undefined, far);
	assert.equal(accepted.status, 200, accepted.text);
	assert.equal(accepted.json.status, 'accepted');
	const moved = await ok(`/api/v1/cases/${k.id}`, { token: far });
	assert.equal(moved.office, 'dar');
	assert.equal(moved.assigned_to, (await ok('/api/v1/me', { token: far })).id);
	assertApiError(await post(`/api/v1/transfers/${tr.id}/reject`, { comment: 'tarde' }, far), 409, 'already answered');

	// The sender no longer sees the case, but keeps what it sent.
	assertApiError(await api(`/api/v1/cases/${k.id}`, { token: psy }), 404, 'the case left the office');
	const kept = await ok(`/api/v1/transfers/${tr.id}`, { token: psy });
	assert.equal(kept.snapshot.case.ref, k.ref);
	assert.equal(kept.status, 'accepted');

	// Events on the case: sent and accepted (field names only).
	const h = await ok(`/api/v1/people/${p.id}/history?limit=100`);
	assert.ok(h.items.every((e) => !String(e.fields || '').includes('Metet')));
});

test('a rejected or withdrawn transfer changes nothing; rejecting needs a comment', opts, async () => {
	const psy = await tokenFor('psy');
	const far = await tokenFor('far');
	const p = await createPerson({ given_names: 'Anyelo', surname1: uniqueWord('Zo') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	const tr = await ok(`/api/v1/cases/${k.ref}/transfer`, { method: 'POST', body: { to_office: 'dar', reason: 'Familia en Yaviza', consent: true }, token: psy });
	assert.equal(assertApiError(await post(`/api/v1/transfers/${tr.id}/reject`, {}, far), 400, 'no comment').field, 'comment');
	const rejected = await ok(`/api/v1/transfers/${tr.id}/reject`, { method: 'POST', body: { comment: 'Sin cupo este mes' }, token: far });
	assert.equal(rejected.status, 'rejected');
	assert.equal(rejected.comment, 'Sin cupo este mes');
	const still = await ok(`/api/v1/cases/${k.id}`, { token: psy });
	assert.equal(still.office, 'main');
	assertApiError(await api(`/api/v1/cases/${k.id}`, { token: far }), 404, 'still not Darién\'s');
	// Darién still reads the transfer it answered.
	assert.equal((await ok(`/api/v1/transfers/${tr.id}`, { token: far })).status, 'rejected');
	assertApiError(await api('/api/v1/transfers/01900000-0000-7000-8000-000000000000', { token: far }), 404, 'unknown transfer');

	// Sent again, then withdrawn by the sender: Darién may not withdraw it.
	const again = await ok(`/api/v1/cases/${k.id}/transfer`, { method: 'POST', body: { to_office: 'dar', reason: 'Otra vez', consent: true }, token: psy });
	assertApiError(await post(`/api/v1/transfers/${again.id}/cancel`, {}, far), 403, 'the receiver withdraws');
	const cancelled = await post(`/api/v1/transfers/${again.id}/cancel`, undefined, psy);
	assert.equal(cancelled.status, 200, cancelled.text);
	assert.equal(cancelled.json.status, 'cancelled');
	assertApiError(await post(`/api/v1/transfers/${again.id}/accept`, undefined, far), 409, 'accepting a withdrawn transfer');
	assert.equal((await ok(`/api/v1/cases/${k.id}`, { token: psy })).office, 'main');
});
