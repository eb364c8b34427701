// The partner directory's pages ("Aliados"): the list and its filters, a
// partner's page, adding and editing with plain forms (no JavaScript),
// field-level errors, and who may change it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Browser, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('an administrator adds, edits, deactivates and reactivates a partner', opts, async () => {
	const admin = await loggedIn('admin');
	const home = await admin.get('/people');
	assert.match(home.text, /<a href="\/partners"[^>]*>Aliados<\/a>/, 'the nav links the directory');

	const list = await admin.get('/partners');
	assert.equal(list.status, 200, list.text.slice(0, 300));
	assert.match(list.text, /<h1>Aliados<\/h1>/);
	assert.match(list.text, /href="\/partners\/new"/, 'an administrator may add one');
	assert.match(list.text, /ACNUR \(UNHCR\) Panamá/, 'amparo demo seeded the directory');
	assert.doesNotMatch(list.text, /<script>/, 'no inline script');

	const form = await admin.get('/partners/new');
	assert.equal(form.status, 200);
	assert.match(form.text, /<h1>Añadir un aliado<\/h1>/);
	const csrf = csrfOf(form.text);

	// Field-level errors, in Spanish, with what was typed kept.
	const bad = await admin.post('/partners', { csrf, name: '', kind: '', email: 'no-es-correo', phone: '6555-0101' });
	assert.equal(bad.status, 400, bad.text.slice(0, 300));
	assert.match(bad.text, /id="f-name"[^>]*aria-invalid="true"/);
	assert.match(bad.text, /id="f-kind"[^>]*aria-invalid="true"/);
	assert.match(bad.text, /id="f-email"[^>]*aria-invalid="true"/);
	assert.match(bad.text, /value="6555-0101"/);

	const word = uniqueWord('Fund');
	const body = new URLSearchParams({ csrf, name: `Fundación ${word}`, kind: 'ngo', contact_name: 'Oficina de atención' });
	body.append('areas', 'legal');
	body.append('areas', 'psychosocial');
	const made = await admin.request('/partners', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(made.status, 303, made.text.slice(0, 300));
	const where = made.headers.get('location');
	assert.match(where, /^\/partners\/[0-9a-f-]{36}\?saved=1$/);
	const id = where.slice('/partners/'.length, where.indexOf('?'));

	let page = await admin.get(where);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`<h1>Fundación ${word}</h1>`));
	assert.match(page.text, /Organización no gubernamental/);
	assert.match(page.text, /Psicosocial, Legal|Legal, Psicosocial/);
	assert.match(page.text, /Oficina de atención/);

	const edit = await admin.get(`/partners/${id}/edit`);
	assert.equal(edit.status, 200);
	assert.match(edit.text, /name="areas" value="legal" checked/);
	const upd = await admin.post(`/partners/${id}`, {
		csrf: csrfOf(edit.text), name: `Fundación ${word}`, kind: 'ngo', areas: 'legal', phone: '6555-0202',
	});
	assert.equal(upd.status, 303, upd.text.slice(0, 300));
	page = await admin.get(`/partners/${id}`);
	assert.match(page.text, /6555-0202/);
	assert.doesNotMatch(page.text, /Psicosocial/);

	// Deactivate: it leaves the default list, stays under "Inactivos".
	const off = await admin.post(`/partners/${id}/active`, { csrf: csrfOf(page.text), active: '0' });
	assert.equal(off.status, 303);
	page = await admin.get(`/partners/${id}`);
	assert.match(page.text, /<mark>inactivo<\/mark>/);
	assert.match(page.text, />Reactivar</);
	let found = await admin.get(`/partners?q=${word}`);
	assert.doesNotMatch(found.text, new RegExp(`/partners/${id}`));
	found = await admin.get(`/partners?q=${word}&active=0`);
	assert.match(found.text, new RegExp(`/partners/${id}`));
	const on = await admin.post(`/partners/${id}/active`, { csrf: csrfOf(page.text), active: '1' });
	assert.equal(on.status, 303);
	found = await admin.get(`/partners?q=${word}&area=legal`);
	assert.match(found.text, new RegExp(`/partners/${id}`));
	found = await admin.get(`/partners?q=${word}&area=community`);
	assert.doesNotMatch(found.text, new RegExp(`/partners/${id}`));

	// A bad filter is named, not a crash.
	const badFilter = await admin.get('/partners?area=cocina');
	assert.equal(badFilter.status, 400);
	assert.match(badFilter.text, /id="f-area"/);
});

test('a caseworker reads the directory but may not change it; forms need the CSRF token', opts, async () => {
	const clerk = await loggedIn('clerk');
	const list = await clerk.get('/partners');
	assert.equal(list.status, 200);
	assert.doesNotMatch(list.text, /href="\/partners\/new"/);
	const m = list.text.match(/href="\/partners\/([0-9a-f-]{36})"/);
	assert.ok(m, 'a partner is listed');
	const page = await clerk.get(`/partners/${m[1]}`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /\/edit"/);
	assert.doesNotMatch(page.text, /action="\/partners\/[^"]*\/active"/);
	assert.equal((await clerk.get('/partners/new')).status, 403);
	assert.equal((await clerk.get(`/partners/${m[1]}/edit`)).status, 403);
	const csrf = csrfOf(list.text);
	assert.equal((await clerk.post('/partners', { csrf, name: 'X', kind: 'ngo' })).status, 403);
	assert.equal((await clerk.post(`/partners/${m[1]}/active`, { csrf, active: '0' })).status, 403);

	const admin = await loggedIn('admin');
	const noToken = await admin.post('/partners', { name: 'Sin token', kind: 'ngo' });
	assert.equal(noToken.status, 403);
	const anon = await new Browser().get('/partners');
	assert.equal(anon.status, 303, 'the directory needs a login');
});
