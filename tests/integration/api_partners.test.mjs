// The partner directory API: add, read, change, deactivate and reactivate,
// list with filters; only administrators and supervisors change it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function createPartner(body) {
	const r = await api('/api/v1/partners', { method: 'POST', body });
	assert.equal(r.status, 201, `create partner ${JSON.stringify(body)}: ${r.text}`);
	return r.json;
}

test('add a partner, read it, change it, deactivate and reactivate it', opts, async () => {
	const word = uniqueWord('Alb');
	const c = await api('/api/v1/partners', {
		method: 'POST',
		body: { name: `Albergue ${word}`, kind: 'shelter', areas: 'community, assistance', phone: '6555-0199' },
	});
	assert.equal(c.status, 201, c.text);
	const p = c.json;
	assert.equal(c.headers.get('location'), `/api/v1/partners/${p.id}`);
	assert.equal(p.name, `Albergue ${word}`);
	assert.equal(p.kind, 'shelter');
	assert.equal(p.areas, 'assistance,community');
	assert.equal(p.active, 1);

	const g = await api(`/api/v1/partners/${p.id}`);
	assert.equal(g.status, 200, g.text);
	assert.equal(g.json.phone, '6555-0199');

	const u = await api(`/api/v1/partners/${p.id}`, { method: 'PATCH', body: { description: 'Alojamiento temporal', phone: null } });
	assert.equal(u.status, 200, u.text);
	assert.equal(u.json.description, 'Alojamiento temporal');
	assert.equal(u.json.phone, null);
	assert.equal(u.json.name, `Albergue ${word}`);

	const d = await api(`/api/v1/partners/${p.id}`, { method: 'PATCH', body: { active: false } });
	assert.equal(d.status, 200, d.text);
	assert.equal(d.json.active, 0);
	let l = await api(`/api/v1/partners?q=${word}`);
	assert.equal(l.json.total, 0, 'an inactive partner leaves the default list');
	l = await api(`/api/v1/partners?q=${word}&active=false`);
	assert.equal(l.json.total, 1);
	l = await api(`/api/v1/partners?q=${word}&active=all`);
	assert.equal(l.json.total, 1);

	const a = await api(`/api/v1/partners/${p.id}`, { method: 'PATCH', body: { active: true } });
	assert.equal(a.status, 200, a.text);
	assert.equal(a.json.active, 1);
});

test('the list filters by area and by name, accents and case ignored', opts, async () => {
	const word = uniqueWord('Cli');
	const legal = await createPartner({ name: `Clínica Jurídica ${word}`, kind: 'ngo', areas: 'legal' });
	const health = await createPartner({ name: `Policlínica ${word}`, kind: 'clinic', areas: 'psychosocial' });
	let l = await api(`/api/v1/partners?q=${word.toLowerCase()}&limit=500`);
	assert.equal(l.status, 200, l.text);
	assert.equal(l.json.total, 2);
	assert.deepEqual(l.json.items.map((x) => x.id), [legal.id, health.id], 'by name');
	l = await api(`/api/v1/partners?q=${word}&area=legal`);
	assert.deepEqual(l.json.items.map((x) => x.id), [legal.id]);
	l = await api(`/api/v1/partners?q=CLINICA+juridica+${word}`);
	assert.deepEqual(l.json.items.map((x) => x.id), [legal.id]);
	l = await api('/api/v1/partners?area=legal&limit=500');
	assert.ok(l.json.items.every((x) => x.areas.split(',').includes('legal')));
});

test('bad input answers 400 naming the field', opts, async () => {
	let e = assertApiError(await api('/api/v1/partners', { method: 'POST', body: { kind: 'bank', email: 'nope' } }), 400, 'create');
	assert.ok(e.fields.name && e.fields.kind && e.fields.email, JSON.stringify(e));
	e = assertApiError(await api('/api/v1/partners', { method: 'POST', body: { name: 'X', kind: 'ngo', areas: 'cooking' } }), 400, 'area');
	assert.ok(e.fields.areas, JSON.stringify(e));
	e = assertApiError(await api('/api/v1/partners?area=cooking'), 400, 'filter area');
	assert.ok(e.fields.area, JSON.stringify(e));
	e = assertApiError(await api('/api/v1/partners?active=maybe'), 400, 'filter active');
	assert.ok(e.fields.active, JSON.stringify(e));
	const p = await createPartner({ name: `ONG ${uniqueWord('Ong')}`, kind: 'ngo' });
	e = assertApiError(await api(`/api/v1/partners/${p.id}`, { method: 'PATCH', body: { active: 'no' } }), 400, 'active');
	assert.ok(e.fields.active, JSON.stringify(e));
	e = assertApiError(await api(`/api/v1/partners/${p.id}`, { method: 'PATCH', body: { id: 'x' } }), 400, 'server field');
	assertApiError(await api('/api/v1/partners/nope'), 404, 'absent');
	assertApiError(await api('/api/v1/partners', { token: null }), 401, 'no credentials');
});

test('a caseworker reads partners but may not add or change one (403)', opts, async () => {
	const p = await createPartner({ name: `Escuela ${uniqueWord('Esc')}`, kind: 'school', areas: 'community' });
	const clerk = await tokenFor('clerk');
	const l = await api('/api/v1/partners', { token: clerk });
	assert.equal(l.status, 200, l.text);
	assert.equal((await api(`/api/v1/partners/${p.id}`, { token: clerk })).status, 200);
	assertApiError(await api('/api/v1/partners', { method: 'POST', token: clerk, body: { name: 'X', kind: 'ngo' } }), 403, 'create');
	assertApiError(await api(`/api/v1/partners/${p.id}`, { method: 'PATCH', token: clerk, body: { phone: '6555-0000' } }), 403, 'update');
	assertApiError(await api(`/api/v1/partners/${p.id}`, { method: 'PATCH', token: clerk, body: { active: false } }), 403, 'deactivate');
	const ethics = await tokenFor('ethics');
	assertApiError(await api('/api/v1/partners', { token: ethics }), 403, 'ethics officer');
});
