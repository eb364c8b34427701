// The people API as an integrator uses it: create, read, change, search,
// list and page through people with a bearer token.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('POST /api/v1/people creates a person: 201, Location, a P-###### reference', opts, async () => {
	const r = await api('/api/v1/people', {
		method: 'POST',
		body: {
			given_names: 'Ana Lucía',
			surname1: 'Rondón',
			surname2: 'Márquez',
			sex: 'female',
			birth_date: '1988-03-14',
			nationality: 'VEN',
			legal_status: 'asylum_seeker',
			phone: '6123-4567',
		},
	});
	assert.equal(r.status, 201, r.text);
	assert.match(r.headers.get('content-type'), /^application\/json/);
	const p = r.json;
	assert.match(p.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUIDv7 id');
	assert.match(p.ref, /^P-\d{6}$/);
	// 200 demo people were registered first.
	assert.ok(Number(p.ref.slice(2)) > 200, `ref ${p.ref} follows the 200 demo people`);
	assert.equal(r.headers.get('location'), `/api/v1/people/${p.id}`);
	assert.equal(p.given_names, 'Ana Lucía');
	assert.equal(p.surname1, 'Rondón');
	assert.equal(p.birth_date, '1988-03-14');
	assert.equal(p.legal_status, 'asylum_seeker');
	assert.equal(p.status, 'active');
	assert.ok(p.created_at, 'created_at is set');

	// The Location answers the same record.
	const g = await api(r.headers.get('location'));
	assert.equal(g.status, 200, g.text);
	assert.equal(g.json.id, p.id);
	assert.equal(g.json.ref, p.ref);
	assert.equal(g.json.given_names, 'Ana Lucía');
	assert.equal(g.json.phone, '6123-4567');

	// The short reference finds it too.
	const byRef = await api(`/api/v1/people/${p.ref}`);
	assert.equal(byRef.status, 200, byRef.text);
	assert.equal(byRef.json.id, p.id);
});

test('PATCH /api/v1/people/{id} changes only the given fields', opts, async () => {
	const p = await createPerson({ given_names: 'Pedro', surname1: 'Alcázar', phone: '6000-1111', nationality: 'COL' });
	const r = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', body: { phone: '+507 6222-3333' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.phone, '+507 6222-3333');
	assert.equal(r.json.given_names, 'Pedro');
	assert.equal(r.json.nationality, 'COL');
	assert.equal(r.json.ref, p.ref);

	const g = await api(`/api/v1/people/${p.id}`);
	assert.equal(g.json.phone, '+507 6222-3333');
	assert.equal(g.json.surname1, 'Alcázar');

	// null clears a field.
	const c = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', body: { phone: null } });
	assert.equal(c.status, 200, c.text);
	assert.equal(c.json.phone, null);

	// A bad value is refused and nothing changes.
	const bad = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', body: { phone: 'call me', given_names: 'Changed' } });
	const err = assertApiError(bad, 400, 'PATCH bad phone');
	assert.ok(err.fields && err.fields.phone, `error.fields.phone: ${bad.text}`);
	const after = await api(`/api/v1/people/${p.id}`);
	assert.equal(after.json.given_names, 'Pedro', 'a refused PATCH changes nothing');
});

test('search ?q= finds a person by a misspelt, unaccented name', opts, async () => {
	const p = await createPerson({ given_names: 'María José', surname1: 'Pérez', surname2: 'García', sex: 'female' });
	for (const q of ['maria jose peres', 'MARIA JOSE PEREZ GARCIA', 'María José Pérez', 'jose garsia']) {
		const r = await api(`/api/v1/people?q=${encodeURIComponent(q)}&limit=500`);
		assert.equal(r.status, 200, r.text);
		assert.ok(r.json.items.some((x) => x.id === p.id), `"${q}" finds ${p.ref} (total ${r.json.total})`);
	}
	// The reference finds it as well.
	const byRef = await api(`/api/v1/people?q=${encodeURIComponent(p.ref)}`);
	assert.equal(byRef.status, 200);
	assert.ok(byRef.json.items.some((x) => x.id === p.id), `search by ${p.ref}`);
});

test('a search lists the name as typed, then names that sound the same, then longer names', opts, async () => {
	const surname = uniqueWord('Rank');
	const made = {};
	// Registered in the opposite order, so the order found is not the age.
	for (const given of ['Gonsalesa', 'Luis González', 'González', 'Gonsales'])
		made[given] = (await createPerson({ given_names: given, surname1: surname })).id;
	const r = await api(`/api/v1/people?q=${encodeURIComponent(`gonsales ${surname}`)}`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.total, 4);
	assert.deepEqual(r.json.items.map((x) => x.given_names), ['Gonsales', 'González', 'Luis González', 'Gonsalesa']);
});

test('a search that matches nobody answers an empty list, not an error', opts, async () => {
	const r = await api(`/api/v1/people?q=${uniqueWord('Xx')}`);
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.json.items, []);
	assert.equal(r.json.total, 0);
});

test('GET /api/v1/people answers {items, total, limit, offset}', opts, async () => {
	const r = await api('/api/v1/people');
	assert.equal(r.status, 200, r.text);
	assert.match(r.headers.get('content-type'), /^application\/json/);
	assert.ok(Array.isArray(r.json.items), 'items is an array');
	assert.equal(typeof r.json.total, 'number');
	assert.ok(r.json.total >= 200, `total ${r.json.total} counts the demo people`);
	assert.equal(r.json.limit, 50, 'default limit');
	assert.equal(r.json.offset, 0, 'default offset');
	assert.equal(r.json.items.length, 50);
	for (const p of r.json.items) {
		assert.equal(typeof p.id, 'string');
		assert.match(p.ref, /^P-\d{6}$/);
		assert.ok('given_names' in p);
	}
});

test('limit and offset page through search results without gaps or repeats', opts, async () => {
	const surname = uniqueWord('Pag');
	const made = [];
	for (let i = 0; i < 7; i++)
		made.push((await createPerson({ given_names: `Niño ${String.fromCharCode(65 + i)}`, surname1: surname })).id);
	const seen = [];
	for (const offset of [0, 3, 6]) {
		const r = await api(`/api/v1/people?q=${surname}&limit=3&offset=${offset}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.total, 7);
		assert.equal(r.json.limit, 3);
		assert.equal(r.json.offset, offset);
		assert.equal(r.json.items.length, offset === 6 ? 1 : 3);
		seen.push(...r.json.items.map((x) => x.id));
	}
	assert.equal(new Set(seen).size, 7, 'no person twice');
	assert.deepEqual([...seen].sort(), [...made].sort(), 'every person once');

	const past = await api(`/api/v1/people?q=${surname}&limit=3&offset=100`);
	assert.equal(past.status, 200);
	assert.deepEqual(past.json.items, []);
	assert.equal(past.json.total, 7);

	// Paging the whole list works the same way.
	const a = await api('/api/v1/people?limit=2&offset=150');
	assert.equal(a.status, 200, a.text);
	assert.equal(a.json.items.length, 2);
	assert.equal(a.json.limit, 2);
	assert.equal(a.json.offset, 150);
});

test('a bad limit or offset is a 400 naming the parameter', opts, async () => {
	for (const [q, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=ten', 'limit'],
		['limit=-1', 'limit'], ['offset=-5', 'offset'], ['offset=x', 'offset']]) {
		const r = await api(`/api/v1/people?${q}`);
		const err = assertApiError(r, 400, q);
		assert.ok(err.fields && field in err.fields, `${q}: error.fields.${field} in ${r.text}`);
	}
	const ok = await api('/api/v1/people?limit=500');
	assert.equal(ok.status, 200, 'limit=500 is allowed');
});

test('person documents: add one, list it, and search finds the number', opts, async () => {
	const p = await createPerson({ given_names: 'Jean', surname1: 'Pierre', nationality: 'HTI' });
	const number = `PA${Date.now() % 1e8}`;
	const r = await api(`/api/v1/people/${p.id}/documents`, {
		method: 'POST',
		body: { type: 'passport', number, issued_on: '2019-01-10', expires_on: '2029-01-09' },
	});
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.number, number);
	assert.equal(r.json.type, 'passport');
	const l = await api(`/api/v1/people/${p.id}/documents`);
	assert.equal(l.status, 200, l.text);
	assert.ok(l.json.items.some((d) => d.number === number), 'the document is listed');
	const s = await api(`/api/v1/people?q=${number}`);
	assert.ok(s.json.items.some((x) => x.id === p.id), 'search by document number');
});
