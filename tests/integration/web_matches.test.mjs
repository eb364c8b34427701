// Possible duplicates on the registration form: the htmx panel's fragment
// route, and the confirmation a normal submit asks for (issue 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, csrfOf, loggedIn, sleep, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function ready() {
	for (let i = 0; i < 100; i++) {
		const r = await api('/api/v1/people/matches', { method: 'POST', body: { given_names: 'x' } });
		if (r.status === 200)
			return;
		await sleep(100);
	}
	throw new Error('the matching index never became ready');
}

test('the registration form has the htmx matches panel', opts, async () => {
	const b = await loggedIn('admin');
	const r = await b.get('/people/new');
	assert.equal(r.status, 200);
	assert.match(r.text, /<form[^>]*hx-post="\/people\/matches"[^>]*hx-target="#matches"/);
	assert.match(r.text, /<aside id="matches"/);
	assert.doesNotMatch(r.text, /<script>/, 'no inline script');
});

test('the fragment lists a near duplicate with its reasons in Spanish', opts, async () => {
	await ready();
	const sur = uniqueWord('Gonz');
	const reg = await createPerson({ given_names: 'Josmar', surname1: sur, surname2: 'Rivas', birth_date: '1984-02-19' });
	const b = await loggedIn('admin');
	const csrf = csrfOf((await b.get('/people/new')).text);
	const r = await b.post('/people/matches', {
		csrf, given_names: 'Yosmar', surname1: sur, surname2: 'Rivas', birth_date: '1984-02-19',
	}, { headers: { 'HX-Request': 'true' } });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.match(r.text, /^<aside id="matches"/);
	assert.ok(r.text.includes(reg.ref), r.text);
	assert.match(r.text, /Fecha de nacimiento: igual/);
	assert.match(r.text, /Probablemente la misma persona/);
	assert.match(r.text, /19\/02\/1984/, 'the birth date shown as caseworkers write it');
	assert.doesNotMatch(r.text, /<html/);
});

test('saving a likely duplicate asks for confirmation, which the audit records', opts, async () => {
	await ready();
	const sur = uniqueWord('Perz');
	await createPerson({ given_names: 'José', surname1: sur, surname2: 'González', birth_date: '1990-04-12' });
	const b = await loggedIn('admin');
	const csrf = csrfOf((await b.get('/people/new')).text);
	const form = { csrf, given_names: 'Jose', surname1: 'Gonzales', surname2: sur, birth_date: '1990-12-04' };
	const first = await b.post('/people', form);
	assert.equal(first.status, 400, first.text.slice(0, 300));
	assert.match(first.text, /name="match_confirmed"[^>]*required/);
	assert.match(first.text, /id="matches"/);

	const second = await b.post('/people', { ...form, match_confirmed: '1' });
	assert.equal(second.status, 303, second.text.slice(0, 300));
	const id = second.headers.get('location').match(/\/people\/([^?]+)/)[1];
	const h = await api(`/api/v1/people/${id}/history`);
	assert.equal(h.status, 200, h.text);
	const created = h.json.items.find((e) => e.action === 'create');
	assert.ok(created, h.text);
	assert.match(created.fields, /(^|,)match_confirmed(,|$)/);

	// Someone unrelated saves at once.
	const other = await b.post('/people', { csrf, given_names: uniqueWord('Qa'), surname1: uniqueWord('Wb') });
	assert.equal(other.status, 303, other.text.slice(0, 300));
});
