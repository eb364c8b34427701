// The programme page's payments section (issue 6): an assistance officer
// uploads a provider statement and reads the differences and unexpected
// lines; a bad statement is explained with its line; a reader sees no
// section and may not download the payment list.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, csrfOf, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

test('the programme page reconciles an uploaded statement', opts, async () => {
	const cash = await tokenFor('cash');
	const sup = await tokenFor('sup');
	const p = await ok('/api/v1/programmes', { method: 'POST', body: { name: uniqueWord('Conciliación '), kind: 'multipurpose_cash', budget_cents: 100000, currency: 'USD', cap_cents: 15000, period: 'month' } });
	const head = await createPerson({ given_names: 'Yusmary', surname1: 'Barrios' });
	const hh = await ok('/api/v1/households', { method: 'POST', body: { head_id: head.id } });
	const rq = await ok('/api/v1/assistance', { method: 'POST', token: cash, body: { household_id: hh.id, programme_id: p.id, amount_cents: 12000, reason: 'Alquiler' } });
	await ok(`/api/v1/assistance/${rq.id}/approve`, { method: 'POST', token: sup, body: {} });
	const ref = uniqueWord('BG');
	await ok(`/api/v1/assistance/${rq.id}/disburse`, { method: 'POST', token: cash, body: { mechanism: 'bank_transfer', reference: ref } });

	const b = await loggedIn('cash');
	const page = await b.get(`/assistance/programmes/${p.id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`action="/assistance/programmes/${p.id}/reconcile" enctype="multipart/form-data"`));
	assert.match(page.text, /payments\.csv/);
	const upload = (csv) => {
		const form = new FormData();
		form.append('csrf', csrfOf(page.text));
		form.append('statement', new Blob([csv], { type: 'text/csv' }), 'extracto.csv');
		return b.request(`/assistance/programmes/${p.id}/reconcile`, { method: 'POST', body: form });
	};
	const r = await upload(`referencia;monto\n${ref};115,00\nXX-1;9,00\n`);
	assert.equal(r.status, 200, r.text.slice(0, 500));
	assert.match(r.text, /class="summary">0 conciliados, 1 diferencias de monto, 1 no esperados, 0 faltan en el estado de cuenta/);
	assert.match(r.text, new RegExp(`${ref}</a>`));
	assert.match(r.text, /<td data-label="Diferencia">-\$5\.00<\/td>/);
	assert.match(r.text, /XX-1/);
	const bad = await upload('referencia,monto\nA1,doce\n');
	assert.equal(bad.status, 400);
	assert.match(bad.text, /id="statement-error"/);
	assert.match(bad.text, /<li>Línea 2:/);

	const reader = await loggedIn('reader');
	assert.doesNotMatch((await reader.get(`/assistance/programmes/${p.id}`)).text, /reconcile/);
	assert.equal((await reader.get(`/assistance/programmes/${p.id}/payments.csv`)).status, 403);
});
