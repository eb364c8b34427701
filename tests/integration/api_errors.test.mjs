// API errors and permissions: every failure is JSON with the right status,
// never an HTML page; roles limit what a token may do.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('401 JSON without a token', opts, async () => {
	for (const path of ['/api/v1/people', '/api/v1/households', '/api/v1/me']) {
		const r = await api(path, { token: null });
		assertApiError(r, 401, `GET ${path} without token`);
		assert.match(r.headers.get('www-authenticate') || '', /^Bearer/i, 'WWW-Authenticate: Bearer');
	}
	const post = await api('/api/v1/people', { method: 'POST', token: null, body: { given_names: 'Nadie' } });
	assertApiError(post, 401, 'POST without token');
});

test('401 JSON with a bad token, never a redirect to the login page', opts, async () => {
	const fakes = [
		'x'.repeat(43), // the right length, not issued
		'short',
		'',
		'Ab-_'.repeat(20),
	];
	for (const t of fakes) {
		const r = await api('/api/v1/people', { token: null, headers: { Authorization: `Bearer ${t}` } });
		assertApiError(r, 401, `token "${t.slice(0, 10)}"`);
		assert.equal(r.headers.get('location'), null);
	}
	const basic = await api('/api/v1/people', { token: null, headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } });
	assertApiError(basic, 401, 'Basic auth');
});

test('GET /api/v1/me tells who the token acts for, without secrets', opts, async () => {
	const r = await api('/api/v1/me');
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.name, 'admin');
	assert.equal(r.json.role, 'admin');
	assert.ok(!('password_hash' in r.json), 'no password hash');
	assert.doesNotMatch(r.text, /argon2/);
});

test('400 with a field-level error for an impossible date', opts, async () => {
	for (const [date, why] of [['1990-02-30', 'not in the calendar'], ['31/05/1990', 'not ISO'],
		['2999-01-01', 'in the future']]) {
		const r = await api('/api/v1/people', { method: 'POST', body: { given_names: 'Fecha', birth_date: date } });
		const err = assertApiError(r, 400, `birth_date ${date} (${why})`);
		assert.ok(err.fields, `error.fields present: ${r.text}`);
		assert.equal(typeof err.fields.birth_date, 'string', `error.fields.birth_date for ${date}: ${r.text}`);
	}
});

test('400 when a required field is missing', opts, async () => {
	const r = await api('/api/v1/people', { method: 'POST', body: { surname1: 'Solo' } });
	const err = assertApiError(r, 400, 'no given_names');
	assert.ok(err.fields && err.fields.given_names, r.text);
});

test('400 for an unknown field or a field the server sets', opts, async () => {
	const r = await api('/api/v1/people', { method: 'POST', body: { given_names: 'Ana', favourite_colour: 'blue' } });
	const err = assertApiError(r, 400, 'unknown field');
	assert.ok(err.fields && err.fields.favourite_colour, r.text);

	const s = await api('/api/v1/people', { method: 'POST', body: { given_names: 'Ana', ref: 'P-999999' } });
	const err2 = assertApiError(s, 400, 'server-set field');
	assert.ok(err2.fields && err2.fields.ref, s.text);

	const t = await api('/api/v1/people', { method: 'POST', body: { given_names: 42 } });
	const err3 = assertApiError(t, 400, 'wrong type');
	assert.ok(err3.fields && err3.fields.given_names, t.text);
});

test('400 for a body that is not a JSON object', opts, async () => {
	const cases = [
		['{"given_names": "Ana"', 'application/json', 'truncated JSON'],
		['given_names=Ana', 'application/x-www-form-urlencoded', 'a form body'],
		['["Ana"]', 'application/json', 'an array'],
		['"Ana"', 'application/json', 'a string'],
		['{"given_names":"Ana","given_names":"Eva"}', 'application/json', 'duplicate keys'],
		['', 'application/json', 'empty'],
	];
	for (const [body, ct, what] of cases) {
		const r = await api('/api/v1/people', { method: 'POST', body, headers: { 'Content-Type': ct } });
		assertApiError(r, 400, what);
	}
	const none = await api('/api/v1/people', { method: 'POST', body: '{"given_names":"Ana"}', headers: { 'Content-Type': 'text/plain' } });
	assertApiError(none, 400, 'JSON sent as text/plain');
});

test('404 JSON for an unknown id', opts, async () => {
	for (const id of ['01a00000-0000-7000-8000-000000000000', 'P-999999', 'nonsense']) {
		const r = await api(`/api/v1/people/${id}`);
		assertApiError(r, 404, `person ${id}`);
	}
	const h = await api('/api/v1/households/01a00000-0000-7000-8000-000000000000');
	assertApiError(h, 404, 'unknown household');
	const patch = await api('/api/v1/people/01a00000-0000-7000-8000-000000000000', { method: 'PATCH', body: { phone: '6123-4567' } });
	assertApiError(patch, 404, 'PATCH unknown person');
});

test('404 JSON for an unknown API path, with or without a token', opts, async () => {
	for (const token of [undefined, null]) {
		for (const path of ['/api/v1/whatever', '/api/v1/people/x/y/z', '/api/v2/people', '/api/']) {
			const r = await api(path, token === null ? { token: null } : {});
			assertApiError(r, 404, `${path} (${token === null ? 'no token' : 'token'})`);
		}
	}
});

test('405 JSON with an Allow header for a method the resource does not have', opts, async () => {
	const r = await api('/api/v1/people', { method: 'DELETE' });
	assertApiError(r, 405, 'DELETE /api/v1/people');
	const allow = r.headers.get('allow') || '';
	assert.match(allow, /GET/, `Allow header lists GET (RFC 9110 15.5.6), got "${allow}"`);
	assert.match(allow, /POST/, `Allow header lists POST, got "${allow}"`);
});

test('a read-only user may read but not write: 403 on POST and PATCH', opts, async () => {
	const token = await tokenFor('reader');
	const me = await api('/api/v1/me', { token });
	assert.equal(me.status, 200, me.text);
	assert.equal(me.json.role, 'readonly');

	const list = await api('/api/v1/people?limit=1', { token });
	assert.equal(list.status, 200, list.text);

	const post = await api('/api/v1/people', { method: 'POST', token, body: { given_names: 'Intruso' } });
	assertApiError(post, 403, 'readonly POST');

	const p = await createPerson({ given_names: 'Lectura', surname1: 'Sola' });
	const patch = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', token, body: { phone: '6123-4567' } });
	assertApiError(patch, 403, 'readonly PATCH');
	const g = await api(`/api/v1/people/${p.id}`, { token });
	assert.equal(g.status, 200);
	assert.equal(g.json.phone, null, 'the refused PATCH changed nothing');

	const hh = await api('/api/v1/households', { method: 'POST', token, body: { head_id: p.id } });
	assertApiError(hh, 403, 'readonly household POST');
});

test('an ethics officer has no access to the registry: 403 on GET people', opts, async () => {
	const token = await tokenFor('ethics');
	const me = await api('/api/v1/me', { token });
	assert.equal(me.status, 200, me.text);
	assert.equal(me.json.role, 'ethics');
	assertApiError(await api('/api/v1/people', { token }), 403, 'ethics GET people');
	assertApiError(await api('/api/v1/households', { token }), 403, 'ethics GET households');
	const p = await createPerson({ given_names: 'Privada', surname1: 'Persona' });
	const one = await api(`/api/v1/people/${p.id}`, { token });
	assert.ok(one.status === 403 || one.status === 404, `ethics GET one person: ${one.status}`);
	assertApiError(one, one.status, 'ethics GET one person');
	assertApiError(await api('/api/v1/people', { method: 'POST', token, body: { given_names: 'X' } }), 403, 'ethics POST');
});

test('a session cookie without the CSRF header cannot write through the API', opts, async () => {
	const { loggedIn } = await import('./lib.mjs');
	const b = await loggedIn('clerk');
	const headers = { Cookie: b.cookieHeader(), 'Content-Type': 'application/json', Accept: 'application/json' };
	const read = await api('/api/v1/people?limit=1', { token: null, headers });
	assert.equal(read.status, 200, `a logged-in session may read the API: ${read.text}`);
	const r = await api('/api/v1/people', { method: 'POST', token: null, headers, body: JSON.stringify({ given_names: 'Forja' }) });
	assertApiError(r, 403, 'cookie POST without X-CSRF-Token');

	// With the session's token in X-CSRF-Token, the same call works.
	const { csrfOf } = await import('./lib.mjs');
	const page = await b.get('/people/new');
	assert.equal(page.status, 200);
	const ok = await api('/api/v1/people', {
		method: 'POST', token: null, headers: { ...headers, 'X-CSRF-Token': csrfOf(page.text) },
		body: JSON.stringify({ given_names: 'Legítima' }),
	});
	assert.equal(ok.status, 201, ok.text);
});
