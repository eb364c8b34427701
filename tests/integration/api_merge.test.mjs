// Merging two records of one person (or household) through the API, and
// undoing it: nothing linked to either record is lost either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

async function addDocument(person, number) {
	return ok(`/api/v1/people/${person.id}/documents`, { method: 'POST', body: { type: 'passport', number } });
}

const ids = (l) => l.items.map((x) => x.id).sort();

async function snapshot(person) {
	return {
		person: await ok(`/api/v1/people/${person.id}`),
		documents: ids(await ok(`/api/v1/people/${person.id}/documents`)),
		history: (await ok(`/api/v1/people/${person.id}/history?limit=500`)).items
			.filter((e) => e.action !== 'view').map((e) => e.seq),
	};
}

async function search(q) {
	return ids(await ok(`/api/v1/people?q=${encodeURIComponent(q)}&limit=500`));
}

test('merge and undo keep every linked record', opts, async () => {
	const word = uniqueWord('Zm');
	const a = await createPerson({ given_names: 'Dayana', surname1: word, legal_status: 'asylum_seeker', birth_date: '1991-02-03' });
	const b = await createPerson({ given_names: 'Dayana Isabel', surname1: word, legal_status: 'refugee', phone: '6555-0199', nationality: 'VEN' });
	await addDocument(a, `A${word}`);
	await addDocument(b, `B1${word}`);
	await addDocument(b, `B2${word}`);
	// b heads a household with a child; a is in none.
	const child = await createPerson({ given_names: 'Mateo', surname1: word });
	const h = await ok('/api/v1/households', { method: 'POST', body: { head_id: b.id } });
	await ok(`/api/v1/households/${h.id}/members`, { method: 'POST', body: { person_id: child.id, relationship: 'child' } });
	await ok(`/api/v1/people/${b.id}`, { method: 'PATCH', body: { email: 'dayana@example.org' } });

	const beforeA = await snapshot(a), beforeB = await snapshot(b);
	assert.equal(beforeA.documents.length, 1);
	assert.equal(beforeB.documents.length, 2);
	assert.deepEqual(await search(word), [a.id, b.id, child.id].sort());

	const m = await api(`/api/v1/people/${a.ref}/merge`, {
		method: 'POST',
		body: { other_id: b.ref, fields: { given_names: 'other', legal_status: 'other' } },
	});
	assert.equal(m.status, 200, m.text);
	assert.equal(m.json.id, a.id);
	assert.match(m.json.merge_id, /^[0-9a-f-]{36}$/);
	// The chosen values, and what the survivor lacked.
	assert.equal(m.json.given_names, 'Dayana Isabel');
	assert.equal(m.json.legal_status, 'refugee');
	assert.equal(m.json.birth_date, '1991-02-03');
	assert.equal(m.json.phone, '6555-0199');
	assert.equal(m.json.email, 'dayana@example.org');
	// The household: the survivor takes the merged person's place as head.
	assert.equal(m.json.household_id, h.id);
	assert.equal(m.json.relationship, 'head');
	const hh = await ok(`/api/v1/households/${h.id}`);
	assert.equal(hh.head_id, a.id);
	assert.deepEqual(hh.members.map((x) => x.id).sort(), [a.id, child.id].sort());

	// Every document, and both people's history, on the survivor.
	const afterA = await snapshot(a);
	assert.deepEqual(afterA.documents, [...beforeA.documents, ...beforeB.documents].sort());
	for (const seq of [...beforeA.history, ...beforeB.history])
		assert.ok(afterA.history.includes(seq), `event ${seq} is in the survivor's history`);
	assert.ok((await ok(`/api/v1/people/${a.id}/history?limit=500`)).items.some((e) => e.action === 'merge'));
	// The merged record says where it went; it is in no list or search.
	const gone = await ok(`/api/v1/people/${b.id}`);
	assert.equal(gone.status, 'merged');
	assert.equal(gone.merged_into, a.id);
	assert.deepEqual(await ok(`/api/v1/people/${b.id}/documents`).then(ids), []);
	assert.deepEqual(await search(word), [a.id, child.id].sort());
	assert.deepEqual(await search(`B2${word}`), [a.id]);
	assert.deepEqual(await search(b.ref), []);
	const list = await ok('/api/v1/people?limit=500');
	assert.ok(!list.items.some((x) => x.id === b.id), 'the merged person is not listed');
	const merge = await ok(`/api/v1/merges/${m.json.merge_id}`);
	assert.equal(merge.survivor_id, a.id);
	assert.equal(merge.merged_id, b.id);
	assert.equal(merge.survivor_before, undefined);

	// Undo: each record as it was, with exactly its own rows.
	const u = await api(`/api/v1/merges/${m.json.merge_id}/undo`, { method: 'POST' });
	assert.equal(u.status, 200, u.text);
	assert.ok(u.json.undone_at);
	const undoneA = await snapshot(a), undoneB = await snapshot(b);
	assert.deepEqual(undoneA.documents, beforeA.documents);
	assert.deepEqual(undoneB.documents, beforeB.documents);
	for (const k of ['given_names', 'legal_status', 'phone', 'email', 'household_id', 'relationship', 'status'])
		assert.equal(undoneA.person[k], beforeA.person[k], `survivor's ${k}`);
	for (const k of ['given_names', 'legal_status', 'phone', 'email', 'household_id', 'relationship', 'status'])
		assert.equal(undoneB.person[k], beforeB.person[k], `merged person's ${k}`);
	for (const seq of beforeB.history)
		assert.ok(undoneB.history.includes(seq), `event ${seq} is in b's history`);
	assert.ok(!undoneA.history.some((s) => beforeB.history.includes(s)), "b's events left a's history");
	const hu = await ok(`/api/v1/households/${h.id}`);
	assert.equal(hu.head_id, b.id);
	assert.deepEqual(hu.members.map((x) => x.id).sort(), [b.id, child.id].sort());
	assert.deepEqual(await search(word), [a.id, b.id, child.id].sort());
	// The legal status rows went back too: b's status history is b's again.
	assert.equal(undoneB.person.legal_status, 'refugee');

	// Twice: 409.
	const again = await api(`/api/v1/merges/${m.json.merge_id}/undo`, { method: 'POST' });
	assert.equal(assertApiError(again, 409, 'undo twice').code, 'conflict');
});

test('merge: 400, 403, 404 and 409', opts, async () => {
	const a = await createPerson({ given_names: 'Kevin', surname1: uniqueWord('Zk') });
	const b = await createPerson({ given_names: 'Kevin', surname1: uniqueWord('Zk') });
	const c = await createPerson({ given_names: 'Kevin', surname1: uniqueWord('Zk') });
	const path = `/api/v1/people/${a.id}/merge`;

	const clerk = await tokenFor('clerk');
	assertApiError(await api(path, { method: 'POST', body: { other_id: b.id }, token: clerk }), 403, 'caseworker');
	assertApiError(await api(path, { method: 'POST', body: { other_id: b.id }, token: null }), 401, 'anonymous');
	assertApiError(await api('/api/v1/people/P-999999/merge', { method: 'POST', body: { other_id: b.id } }), 404, 'no survivor');

	let e = assertApiError(await api(path, { method: 'POST', body: {} }), 400, 'no other_id');
	assert.ok(e.fields.other_id);
	e = assertApiError(await api(path, { method: 'POST', body: { other_id: 'P-999999' } }), 400, 'unknown other');
	assert.ok(e.fields.other_id);
	e = assertApiError(await api(path, { method: 'POST', body: { other_id: b.id, fields: { given_names: 'both' } } }), 400, 'bad choice');
	assert.ok(e.fields.given_names);
	e = assertApiError(await api(path, { method: 'POST', body: { other_id: b.id, fields: { ref: 'other' } } }), 400, 'server field');
	assert.ok(e.fields.ref);

	e = assertApiError(await api(path, { method: 'POST', body: { other_id: a.ref } }), 409, 'itself');
	assert.ok(e.fields.other_id);
	const m = await api(path, { method: 'POST', body: { other_id: b.id } });
	assert.equal(m.status, 200, m.text);
	e = assertApiError(await api(`/api/v1/people/${c.id}/merge`, { method: 'POST', body: { other_id: b.id } }), 409, 'with a merged person');
	assert.match(e.message, new RegExp(b.ref));
	assertApiError(await api(`/api/v1/people/${b.id}`, { method: 'PATCH', body: { phone: '6000-1111' } }), 409, 'edit a merged person');
	assertApiError(await api(`/api/v1/merges/${m.json.merge_id}/undo`, { method: 'POST', token: clerk }), 403, 'caseworker undo');
	assertApiError(await api('/api/v1/merges/0190b1d4-0000-7000-8000-000000000000/undo', { method: 'POST' }), 404, 'no merge');

	// The survivor edited since the merge: the undo names the field.
	await ok(`/api/v1/people/${a.id}`, { method: 'PATCH', body: { phone: '6000-2222' } });
	e = assertApiError(await api(`/api/v1/merges/${m.json.merge_id}/undo`, { method: 'POST' }), 409, 'edited since');
	assert.ok(e.fields.phone, JSON.stringify(e));
	await ok(`/api/v1/people/${a.id}`, { method: 'PATCH', body: { phone: null } });
	await ok(`/api/v1/merges/${m.json.merge_id}/undo`, { method: 'POST' });
});

test('merge two households and undo it', opts, async () => {
	const word = uniqueWord('Zh');
	const h1head = await createPerson({ given_names: 'Ramón', surname1: word });
	const h2head = await createPerson({ given_names: 'Luisa', surname1: word });
	const kid = await createPerson({ given_names: 'Ana', surname1: word });
	const h1 = await ok('/api/v1/households', { method: 'POST', body: { head_id: h1head.id } });
	const h2 = await ok('/api/v1/households', { method: 'POST', body: { head_id: h2head.id, notes: 'Llegaron en marzo' } });
	await ok(`/api/v1/households/${h2.id}/members`, { method: 'POST', body: { person_id: kid.id, relationship: 'child' } });

	const clerk = await tokenFor('clerk');
	assertApiError(await api(`/api/v1/households/${h1.id}/merge`, { method: 'POST', body: { other_id: h2.ref }, token: clerk }), 403, 'caseworker');
	const m = await api(`/api/v1/households/${h1.id}/merge`, { method: 'POST', body: { other_id: h2.ref } });
	assert.equal(m.status, 200, m.text);
	assert.equal(m.json.size, 3);
	assert.equal(m.json.head_id, h1head.id);
	assert.equal(m.json.notes, 'Llegaron en marzo');
	const l = await ok('/api/v1/households?limit=500');
	assert.ok(!l.items.some((x) => x.id === h2.id), 'the merged household is not listed');
	assertApiError(await api(`/api/v1/households/${h1.id}/merge`, { method: 'POST', body: { other_id: h2.id } }), 409, 'again');

	await ok(`/api/v1/merges/${m.json.merge_id}/undo`, { method: 'POST' });
	const b1 = await ok(`/api/v1/households/${h1.id}`), b2 = await ok(`/api/v1/households/${h2.id}`);
	assert.equal(b1.size, 1);
	assert.equal(b1.notes, null);
	assert.equal(b2.size, 2);
	assert.equal(b2.status, 'active');
	assert.equal(b2.members.find((x) => x.id === h2head.id).relationship, 'head');
});
