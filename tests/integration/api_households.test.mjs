// The households API: a household is made around its head; members join
// with a relationship; the household answers its members and size.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function createHousehold(body) {
	const r = await api('/api/v1/households', { method: 'POST', body });
	assert.equal(r.status, 201, `create household ${JSON.stringify(body)}: ${r.text}`);
	return r.json;
}

test('create a household with a head, add a member, read members and size', opts, async () => {
	const head = await createPerson({
		given_names: 'Rosa Elena', surname1: 'Villalobos', sex: 'female', phone: '6555-0101',
		address: 'Calle 50, Bella Vista',
	});
	const spouse = await createPerson({ given_names: 'Luis', surname1: 'Villalobos', sex: 'male' });
	const child = await createPerson({ given_names: 'Camila', surname1: 'Villalobos', birth_date: '2015-06-01' });

	const c = await api('/api/v1/households', { method: 'POST', body: { head_id: head.id, notes: 'Llegaron en octubre' } });
	assert.equal(c.status, 201, c.text);
	const h = c.json;
	assert.match(h.ref, /^H-\d{6}$/);
	assert.equal(c.headers.get('location'), `/api/v1/households/${h.id}`);
	assert.equal(h.head_id, head.id);
	assert.equal(h.size, 1);
	assert.equal(h.members.length, 1);
	assert.equal(h.members[0].id, head.id);
	assert.equal(h.members[0].relationship, 'head');
	// The household takes the head's contact details when none are given.
	assert.equal(h.phone, '6555-0101');
	assert.equal(h.address, 'Calle 50, Bella Vista');

	const m1 = await api(`/api/v1/households/${h.id}/members`, { method: 'POST', body: { person_id: spouse.id, relationship: 'spouse' } });
	assert.equal(m1.status, 200, m1.text);
	assert.equal(m1.json.size, 2);
	const m2 = await api(`/api/v1/households/${h.id}/members`, { method: 'POST', body: { person_id: child.id, relationship: 'child' } });
	assert.equal(m2.status, 200, m2.text);
	assert.equal(m2.json.size, 3);

	const g = await api(`/api/v1/households/${h.id}`);
	assert.equal(g.status, 200, g.text);
	assert.equal(g.json.size, 3);
	const byId = Object.fromEntries(g.json.members.map((m) => [m.id, m]));
	assert.equal(byId[head.id]?.relationship, 'head');
	assert.equal(byId[spouse.id]?.relationship, 'spouse');
	assert.equal(byId[child.id]?.relationship, 'child');
	assert.equal(byId[child.id]?.ref, child.ref);
	assert.equal(byId[child.id]?.given_names, 'Camila');

	// The reference finds the household too.
	const byRef = await api(`/api/v1/households/${h.ref}`);
	assert.equal(byRef.status, 200, byRef.text);
	assert.equal(byRef.json.id, h.id);

	// Each person now points at the household.
	const p = await api(`/api/v1/people/${child.id}`);
	assert.equal(p.json.household_id, h.id);
	assert.equal(p.json.relationship, 'child');

	// The list holds it.
	const l = await api('/api/v1/households?limit=500');
	assert.equal(l.status, 200, l.text);
	assert.equal(typeof l.json.total, 'number');
	assert.ok(l.json.total >= 1);
	assert.ok(l.json.items.some((x) => x.id === h.id), 'listed');
});

test('a person can be created straight into a household', opts, async () => {
	const head = await createPerson({ given_names: 'Mirlande', surname1: 'Joseph', nationality: 'HTI' });
	const h = await createHousehold({ head_id: head.id });
	const r = await api('/api/v1/people', {
		method: 'POST',
		body: { given_names: 'Wilson', surname1: 'Joseph', household_id: h.id, relationship: 'child' },
	});
	assert.equal(r.status, 201, r.text);
	const g = await api(`/api/v1/households/${h.id}`);
	assert.equal(g.json.size, 2);
	assert.ok(g.json.members.some((m) => m.id === r.json.id && m.relationship === 'child'));

	// Joining a household needs the relationship.
	const nr = await api('/api/v1/people', { method: 'POST', body: { given_names: 'Sin', household_id: h.id } });
	const err = assertApiError(nr, 400, 'household without relationship');
	assert.ok(err.fields?.relationship, nr.text);
});

test('household errors: no head, unknown head, bad member, unknown household', opts, async () => {
	const noHead = await api('/api/v1/households', { method: 'POST', body: { notes: 'x' } });
	assert.ok(assertApiError(noHead, 400, 'no head').fields?.head_id, noHead.text);

	const ghost = await api('/api/v1/households', { method: 'POST', body: { head_id: '01a00000-0000-7000-8000-000000000000' } });
	assert.ok(assertApiError(ghost, 400, 'unknown head').fields?.head_id, ghost.text);

	const head = await createPerson({ given_names: 'Omar', surname1: 'Cedeño' });
	const h = await createHousehold({ head_id: head.id });
	const other = await createPerson({ given_names: 'Iris', surname1: 'Cedeño' });

	const badRel = await api(`/api/v1/households/${h.id}/members`, { method: 'POST', body: { person_id: other.id, relationship: 'cousin-ish' } });
	assert.ok(assertApiError(badRel, 400, 'bad relationship').fields?.relationship, badRel.text);

	const badPerson = await api(`/api/v1/households/${h.id}/members`, { method: 'POST', body: { person_id: 'nobody', relationship: 'sibling' } });
	assert.ok(assertApiError(badPerson, 400, 'unknown person').fields?.person_id, badPerson.text);

	// The head cannot be demoted by adding them again with another relationship.
	const demote = await api(`/api/v1/households/${h.id}/members`, { method: 'POST', body: { person_id: head.id, relationship: 'sibling' } });
	assertApiError(demote, 409, 'demote the head');

	const unknown = await api('/api/v1/households/01a00000-0000-7000-8000-000000000000/members', {
		method: 'POST', body: { person_id: other.id, relationship: 'sibling' },
	});
	assertApiError(unknown, 404, 'members of an unknown household');

	const g = await api(`/api/v1/households/${h.id}`);
	assert.equal(g.json.size, 1, 'the refused additions changed nothing');
});

test('PATCH a household', opts, async () => {
	const head = await createPerson({ given_names: 'Yusleidy', surname1: 'Paz', nationality: 'CUB' });
	const h = await createHousehold({ head_id: head.id });
	const r = await api(`/api/v1/households/${h.id}`, { method: 'PATCH', body: { phone: '6777-8888', notes: 'Cambio de domicilio' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.phone, '6777-8888');
	assert.equal(r.json.notes, 'Cambio de domicilio');
	assert.equal(r.json.head_id, head.id);
	const bad = await api(`/api/v1/households/${h.id}`, { method: 'PATCH', body: { phone: 'no phone' } });
	assert.ok(assertApiError(bad, 400, 'bad phone').fields?.phone, bad.text);
});
