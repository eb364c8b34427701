// POST /api/v1/people/matches: possible duplicates of a person about to be
// registered, with their reasons (issue 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, sleep, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

// Asks for matches, waiting while the index still loads (503).
async function matches(body) {
	for (let i = 0; i < 100; i++) {
		const r = await api('/api/v1/people/matches', { method: 'POST', body });
		if (r.status !== 503)
			return r;
		assertApiError(r, 503, 'index loading');
		await sleep(100);
	}
	throw new Error('the matching index never became ready');
}

test('a near-duplicate is found with its reasons; an unrelated person is not', opts, async () => {
	const reg = await createPerson({
		given_names: 'Josmar',
		surname1: 'González',
		birth_date: '1987-06-23',
		sex: 'male',
		nationality: 'VEN',
	});
	const r = await matches({ given_names: 'Yosmar', surname1: 'Gonzales', birth_date: '1987-06-23' });
	assert.equal(r.status, 200, r.text);
	assert.equal(typeof r.json.total, 'number');
	const hit = r.json.items.find((m) => m.id === reg.id);
	assert.ok(hit, `Josmar González is among the matches: ${r.text}`);
	assert.equal(hit.ref, reg.ref);
	assert.equal(hit.given_names, 'Josmar');
	assert.equal(hit.surname1, 'González');
	assert.equal(hit.birth_date, '1987-06-23');
	assert.match(hit.verdict, /^(likely|possible)$/);
	assert.equal(typeof hit.score, 'number');
	const field = (f) => hit.reasons.find((x) => x.field === f);
	assert.ok(field('given_names'), 'a reason for the given names');
	assert.ok(field('family_names'), 'a reason for the surnames');
	assert.equal(field('birth_date').level, 'exact');
	assert.ok(field('birth_date').weight > 0);
	for (const x of hit.reasons)
		assert.deepEqual(Object.keys(x).sort(), ['field', 'level', 'weight']);

	const other = await matches({
		given_names: uniqueWord('Qx'),
		surname1: uniqueWord('Wk'),
		birth_date: '1950-01-02',
	});
	assert.equal(other.status, 200, other.text);
	assert.equal(other.json.items.length, 0, other.text);
	assert.equal(other.json.total, 0);
});

test('a registration made after the index loaded is found', opts, async () => {
	await matches({ given_names: 'x' });
	const sur = uniqueWord('Zv');
	const reg = await createPerson({ given_names: 'Maritza', surname1: sur, birth_date: '1979-02-11' });
	const r = await matches({ given_names: 'Maritza', surname1: sur, birth_date: '1979-11-02' });
	assert.equal(r.status, 200, r.text);
	assert.ok(r.json.items.some((m) => m.id === reg.id), r.text);
});

test('matches: 400 on bad JSON or unknown fields, 401 without credentials', opts, async () => {
	assertApiError(await api('/api/v1/people/matches', { method: 'POST', body: '{"given_names":' }), 400, 'bad JSON');
	assertApiError(await api('/api/v1/people/matches', { method: 'POST', body: { nope: 1 } }), 400, 'unknown field');
	assertApiError(
		await api('/api/v1/people/matches', { method: 'POST', token: null, body: { given_names: 'Ana' } }),
		401,
		'no credentials',
	);
});
