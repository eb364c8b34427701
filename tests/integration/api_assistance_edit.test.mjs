// Editing and deactivating an assistance programme through the API (issue
// 6): PATCH /api/v1/programmes/{id} changes only the fields given; the
// budget cannot fall under what is committed or disbursed, the currency
// cannot change once there are requests, a deactivated programme takes no
// new requests while its approved ones are still disbursed and reconciled;
// only supervisors and administrators edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, apiOk, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const patch = (id, body, token) => api(`/api/v1/programmes/${id}`, { method: 'PATCH', body, token });

async function household() {
	const head = await createPerson({ given_names: 'Yusmary', surname1: uniqueWord('Ze') });
	return (await apiOk('/api/v1/households', { method: 'POST', body: { head_id: head.id } })).id;
}

async function programme(fields = {}) {
	return apiOk('/api/v1/programmes', {
		method: 'POST',
		body: { name: uniqueWord('Renta '), kind: 'rent', donor: 'ACNUR', budget_cents: 100000,
			currency: 'USD', cap_cents: 15000, period: 'month', ...fields },
	});
}

test('assistance programme edit: budget not under committed, currency fixed, deactivation', opts, async () => {
	const cash = await tokenFor('cash');
	const sup = await tokenFor('sup');
	const p = await programme();
	const ask = async (cents) => apiOk('/api/v1/assistance', { method: 'POST', token: cash, body: { household_id: await household(), programme_id: p.id, amount_cents: cents, reason: 'Alquiler' } });
	const a = await ask(12000), b = await ask(8000);
	await apiOk(`/api/v1/assistance/${a.id}/approve`, { method: 'POST', token: sup, body: {} });
	await apiOk(`/api/v1/assistance/${b.id}/approve`, { method: 'POST', token: sup, body: {} });
	const ref = uniqueWord('TRX');
	await apiOk(`/api/v1/assistance/${a.id}/disburse`, { method: 'POST', token: cash, body: { mechanism: 'bank_transfer', reference: ref } });

	// An assistance officer may not edit programmes.
	assertApiError(await patch(p.id, { budget_cents: 50000 }, cash), 403, 'officer edits');

	// $120 disbursed and $80 committed: the budget cannot go under $200.
	const low = assertApiError(await patch(p.id, { budget_cents: 19999 }, sup), 400, 'budget under committed');
	assert.equal(low.field, 'budget_cents');
	assert.match(low.fields.budget_cents, /\$200\.00/);
	assert.match(low.fields.budget_cents, /\$120\.00/);
	assert.match(low.fields.budget_cents, /\$80\.00/);
	assert.equal((await apiOk(`/api/v1/programmes/${p.id}`)).budget_cents, 100000, 'nothing changed');

	// Lowering it to exactly that is fine; only the given fields change.
	const edited = (await patch(p.id, { budget_cents: 20000, donor: 'BPRM', eligibility: null }, sup));
	assert.equal(edited.status, 200, edited.text);
	assert.equal(edited.json.budget_cents, 20000);
	assert.equal(edited.json.donor, 'BPRM');
	assert.equal(edited.json.eligibility, null);
	assert.equal(edited.json.cap_cents, 15000);
	assert.equal(edited.json.remaining_cents, 0);
	assert.equal(edited.json.disbursed_cents, 12000);

	// The currency is fixed once there are requests; a new programme may change it.
	const cur = assertApiError(await patch(p.id, { currency: 'PAB' }, sup), 400, 'currency with requests');
	assert.equal(cur.field, 'currency');
	const fresh = await programme();
	assert.equal((await patch(fresh.id, { currency: 'PAB' }, sup)).json.currency, 'PAB');

	// Bad input names the field.
	assert.equal(assertApiError(await patch(p.id, { min_score: 101 }, sup), 400, 'score 101').field, 'min_score');
	assert.equal(assertApiError(await patch(p.id, { active: 'no' }, sup), 400, 'active string').field, 'active');
	assert.equal(assertApiError(await patch(p.id, { budget_cents: '200' }, sup), 400, 'budget as string').field, 'budget_cents');
	assert.equal(assertApiError(await patch(p.id, { name: null }, sup), 400, 'name emptied').field, 'name');
	assert.equal(assertApiError(await patch(p.id, { name: fresh.name }, sup), 409, 'name taken').field, 'name');
	assertApiError(await patch(p.id, { created_by: 'x' }, sup), 400, 'server field');
	assertApiError(await patch('no-such-programme', { donor: 'UE' }, sup), 404, 'unknown programme');

	// Deactivated: a new request is refused naming the programme...
	const off = await patch(p.id, { active: false }, sup);
	assert.equal(off.status, 200, off.text);
	assert.equal(off.json.active, false);
	const refused = assertApiError(await api('/api/v1/assistance', { method: 'POST', token: cash, body: { household_id: await household(), programme_id: p.id, amount_cents: 100, reason: 'Alquiler' } }), 400, 'request in a deactivated programme');
	assert.equal(refused.field, 'programme_id');
	assert.match(refused.fields.programme_id, /desactivado/);
	// ...while its approved request is disbursed and reconciled.
	const paid = await apiOk(`/api/v1/assistance/${b.id}/disburse`, { method: 'POST', token: cash, body: { mechanism: 'mobile_wallet', reference: `${ref}B` } });
	assert.equal(paid.status, 'disbursed');
	const rec = await api(`/api/v1/programmes/${p.id}/reconcile`, { method: 'POST', token: cash, body: `referencia,monto\r\n${ref},120.00\r\n${ref}B,80.00\r\n`, headers: { 'Content-Type': 'text/csv' } });
	assert.equal(rec.status, 200, rec.text);
	assert.equal(rec.json.matched.length, 2);

	// Reactivated, it takes requests again.
	assert.equal((await patch(p.id, { active: true }, sup)).json.active, true);
});
