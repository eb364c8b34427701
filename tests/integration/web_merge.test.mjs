// Merging two records from the pages, without JavaScript: a supervisor
// opens a profile, gives the other reference, chooses field by field,
// merges, sees the notice and undoes it; a caseworker is offered nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

// The value of the checked radio for a field on the comparison page.
function checked(html, field) {
	const m = html.match(new RegExp(`<input type="radio" name="${field}" value="(this|other)" checked>`));
	return m && m[1];
}

test('merge two people from the profile, then undo it, in Spanish', opts, async () => {
	const word = uniqueWord('Zw');
	const a = await createPerson({ given_names: 'Yorman', surname1: word, nationality: 'VEN' });
	const b = await createPerson({ given_names: 'Yorman José', surname1: word, phone: '6555-0142', nationality: 'COL' });
	await api(`/api/v1/people/${b.id}/documents`, { method: 'POST', body: { type: 'passport', number: `P${word}` } });
	const admin = await loggedIn('admin');

	const profile = await admin.get(`/people/${a.id}`);
	assert.equal(profile.status, 200);
	assert.match(profile.text, new RegExp(`href="/people/${a.id}/merge"[^>]*>Fusionar con otro registro<`));

	// Step 1: the reference of the other record (a GET form).
	const ask = await admin.get(`/people/${a.id}/merge`);
	assert.equal(ask.status, 200, ask.text.slice(0, 300));
	assert.match(ask.text, /<form method="get" action="\/people\/[^"]+\/merge">/);
	assert.match(ask.text, /name="with"/);
	const wrong = await admin.get(`/people/${a.id}/merge?with=P-999999`);
	assert.equal(wrong.status, 400);
	assert.match(wrong.text, /Ninguna persona tiene esta referencia/);

	// Step 2: side by side, a radio per differing field.
	const cmp = await admin.get(`/people/${a.id}/merge?with=${encodeURIComponent(b.ref)}`);
	assert.equal(cmp.status, 200, cmp.text.slice(0, 300));
	assert.match(cmp.text, /<html lang="es"/);
	assert.match(cmp.text, /Fusionar dos registros/);
	assert.equal(checked(cmp.text, 'given_names'), 'this', 'the survivor\'s name by default');
	assert.equal(checked(cmp.text, 'phone'), 'other', 'the non-empty phone by default');
	assert.equal(checked(cmp.text, 'nationality'), 'this');
	assert.equal(checked(cmp.text, 'surname1'), null, 'equal fields offer no choice');
	assert.match(cmp.text, /Documentos: <strong>1<\/strong>/);
	assert.match(cmp.text, /Colombia/, 'codes are shown by their names');

	// Step 3: merge, taking the other's nationality.
	const r = await admin.post(`/people/${a.id}/merge`, {
		csrf: csrfOf(cmp.text), other_id: b.id, given_names: 'this', phone: 'other', nationality: 'other',
	});
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.headers.get('location'), `/people/${a.id}`);
	const after = await admin.get(`/people/${a.id}`);
	assert.match(after.text, new RegExp(`Fusionado con ${b.ref}`));
	assert.match(after.text, /Colombia/);
	assert.match(after.text, new RegExp(`P${word}`), 'the other record\'s document is on the profile');
	assert.match((await admin.get(`/people/${a.id}/history`)).text, /Fusionado con otro registro/, 'the history says so');
	const undo = after.text.match(/<form method="post" action="(\/merges\/[^"]+\/undo)"/);
	assert.ok(undo, 'an undo button');

	// The merged record's page points to the survivor instead of a 404.
	const gone = await admin.get(`/people/${b.id}`);
	assert.equal(gone.status, 200);
	assert.match(gone.text, new RegExp(`Este registro se fusionó con <a href="/people/${a.id}">${a.ref}</a>`));
	const list = await admin.get(`/people?q=${word}`);
	assert.doesNotMatch(list.text, new RegExp(b.ref), 'the merged person is not listed');

	// Undo.
	const u = await admin.post(undo[1], { csrf: csrfOf(after.text) });
	assert.equal(u.status, 303, u.text.slice(0, 300));
	const back = await admin.get(`/people/${b.id}`);
	assert.doesNotMatch(back.text, /Este registro se fusionó/);
	assert.match(back.text, new RegExp(`P${word}`));
	const again = await admin.post(undo[1], { csrf: csrfOf(after.text) });
	assert.equal(again.status, 409);
	assert.match(again.text, /Esta fusión ya se deshizo/);
	const l2 = await admin.get(`/people?q=${word}`);
	assert.match(l2.text, new RegExp(b.ref), 'listed again');
});

test('the merge URL of the review queue, and its refusals', opts, async () => {
	const a = await createPerson({ given_names: 'Keila', surname1: uniqueWord('Zr') });
	const b = await createPerson({ given_names: 'Keila', surname1: uniqueWord('Zr') });
	const admin = await loggedIn('admin');
	// By id, as the queue links it.
	const cmp = await admin.get(`/people/${a.id}/merge?with=${b.id}`);
	assert.equal(cmp.status, 200);
	assert.match(cmp.text, new RegExp(`name="other_id" value="${b.id}"`));
	const self = await admin.get(`/people/${a.id}/merge?with=${a.id}`);
	assert.equal(self.status, 409);
	assert.match(self.text, /no se puede fusionar consigo mismo/);
	// Without the CSRF token nothing happens.
	const forged = await admin.post(`/people/${a.id}/merge`, { other_id: b.id });
	assert.equal(forged.status, 403);

	const clerk = await loggedIn('clerk');
	const p = await clerk.get(`/people/${a.id}`);
	assert.equal(p.status, 200);
	assert.doesNotMatch(p.text, /Fusionar con otro registro/, 'no merge offered to a caseworker');
	assert.equal((await clerk.get(`/people/${a.id}/merge?with=${b.id}`)).status, 403);
	assert.equal((await clerk.post(`/people/${a.id}/merge`, { csrf: csrfOf(p.text), other_id: b.id })).status, 403);
});

test('merge two households from the household page', opts, async () => {
	const word = uniqueWord('Zv');
	const h1 = (await api('/api/v1/households', { method: 'POST', body: { head_id: (await createPerson({ given_names: 'Elvis', surname1: word })).id } })).json;
	const h2 = (await api('/api/v1/households', { method: 'POST', body: { head_id: (await createPerson({ given_names: 'Norma', surname1: word })).id, phone: '6555-7788' } })).json;
	const admin = await loggedIn('admin');
	const page = await admin.get(`/households/${h1.id}`);
	assert.match(page.text, /Fusionar con otro hogar/);
	const cmp = await admin.get(`/households/${h1.id}/merge?with=${h2.ref}`);
	assert.equal(cmp.status, 200, cmp.text.slice(0, 300));
	assert.match(cmp.text, /Miembros: <strong>1<\/strong>/);
	const r = await admin.post(`/households/${h1.id}/merge`, { csrf: csrfOf(cmp.text), other_id: h2.id, phone: 'other' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const after = await admin.get(`/households/${h1.id}`);
	assert.match(after.text, new RegExp(`Fusionado con ${h2.ref}`));
	assert.match(after.text, /6555-7788/);
	assert.match(after.text, /Norma/);
	const gone = await admin.get(`/households/${h2.id}`);
	assert.match(gone.text, /Este registro se fusionó con/);
});
