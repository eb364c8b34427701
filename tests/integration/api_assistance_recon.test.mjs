// Reconciliation and payment list of a programme through the API (issue
// 6): a provider statement with one matching line, one line with a known
// reference but another amount and one unknown reference is answered with
// exactly that match, difference and unexpected line; the payment list of
// approved (not yet disbursed) requests downloads as CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

// A household around a new head named surname; its id.
async function household(surname) {
	const head = await createPerson({ given_names: 'Yusmary', surname1: surname });
	return (await ok('/api/v1/households', { method: 'POST', body: { head_id: head.id } })).id;
}

// A request of household in programme for cents, approved by sup.
async function approved(cash, sup, programme, hh, cents) {
	const rq = await ok('/api/v1/assistance', { method: 'POST', token: cash, body: { household_id: hh, programme_id: programme, amount_cents: cents, reason: 'Alquiler' } });
	await ok(`/api/v1/assistance/${rq.id}/approve`, { method: 'POST', token: sup, body: {} });
	return rq;
}

test('a statement is reconciled against the disbursements; the payment list downloads', opts, async () => {
	const cash = await tokenFor('cash');
	const sup = await tokenFor('sup');
	const p = await ok('/api/v1/programmes', {
		method: 'POST',
		body: { name: uniqueWord('Conciliación '), kind: 'multipurpose_cash', donor: 'ACNUR', budget_cents: 100000,
			currency: 'USD', cap_cents: 15000, period: 'month' },
	});
	const ref1 = uniqueWord('TRX'), ref2 = uniqueWord('TRX');
	const a = await approved(cash, sup, p.id, await household(uniqueWord('Zr')), 12000);
	const b = await approved(cash, sup, p.id, await household(uniqueWord('Zr')), 8000);
	await ok(`/api/v1/assistance/${a.id}/disburse`, { method: 'POST', token: cash, body: { mechanism: 'bank_transfer', reference: ref1 } });
	await ok(`/api/v1/assistance/${b.id}/disburse`, { method: 'POST', token: cash, body: { mechanism: 'mobile_wallet', reference: ref2 } });

	const csv = `referencia,monto,fecha\r\n${ref1},120.00,01/11/2026\r\n${ref2},75.50,01/11/2026\r\nZZ-999,10.00,01/11/2026\r\n`;
	const reconcile = (body, token = cash) => api(`/api/v1/programmes/${p.id}/reconcile`, { method: 'POST', token, body, headers: { 'Content-Type': 'text/csv' } });
	const r = await reconcile(csv);
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.json.matched.map((m) => [m.reference, m.paid_cents, m.disbursement_id]), [[ref1, 12000, a.id]]);
	assert.equal(r.json.differences.length, 1);
	const d = r.json.differences[0];
	assert.deepEqual([d.reference, d.expected_cents, d.paid_cents, d.difference_cents, d.line, d.disbursement_id], [ref2, 8000, 7550, -450, 3, b.id]);
	assert.deepEqual(r.json.unexpected.map((u) => [u.line, u.reference, u.paid_cents]), [[4, 'ZZ-999', 1000]]);
	assert.deepEqual(r.json.missing, []);
	assert.equal(r.json.all_matched, false);

	// A bad amount is refused with its line; nobody without the
	// disbursing permission reconciles.
	const bad = assertApiError(await reconcile(`referencia,monto\r\n${ref1},doce\r\n`), 400, 'bad amount');
	assert.equal(bad.field, 'statement');
	assert.equal(bad.lines[0].line, 2);
	assertApiError(await reconcile(csv, await tokenFor('reader')), 403, 'reader reconciles');

	// The payment list: the approved, not yet disbursed requests only.
	// It leaves the organisation: refused without a data-sharing agreement.
	const c = await approved(cash, sup, p.id, await household('Quintero'), 5000);
	const none = assertApiError(await api(`/api/v1/programmes/${p.id}/payments?format=csv`, { token: cash }), 400, 'no agreement');
	assert.equal(none.field, 'agreement');
	const ag = await ok('/api/v1/sharing-agreements', { method: 'POST', body: { recipient: 'Banco del Istmo', purpose: 'Pagos de asistencia', fields: ['identity', 'contact', 'payment'], legal_basis: 'contract', starts_on: '2020-01-01', expires_on: '2099-12-31', signed_by: 'Directora' } });
	const l = await api(`/api/v1/programmes/${p.id}/payments?format=csv&agreement=${ag.id}`, { token: cash });
	assert.equal(l.status, 200, l.text);
	assert.match(l.headers.get('content-type'), /^text\/csv/);
	assert.match(l.headers.get('content-disposition'), /^attachment; filename="pagos-\d{4}-\d{2}-\d{2}\.csv"$/);
	const rows = l.text.replace(/^\uFEFF/, '').trim().split('\r\n');
	assert.equal(rows.length, 2, l.text);
	assert.equal(rows[0].split(',').length, 8, rows[0]);
	assert.match(rows[1], new RegExp(`^${c.ref},Yusmary Quintero,`));
	assert.match(rows[1], /,50\.00,USD,/);
	const x = await api(`/api/v1/programmes/${p.id}/payments?format=xlsx&agreement=${ag.id}`, { token: cash });
	assert.equal(x.status, 200);
	assert.match(x.headers.get('content-type'), /spreadsheetml/);
	assertApiError(await api(`/api/v1/programmes/${p.id}/payments?format=pdf`, { token: cash }), 400, 'format');
	assertApiError(await api(`/api/v1/programmes/${p.id}/payments`, { token: await tokenFor('reader') }), 403, 'reader exports');
});

test('a reconciliation is stored: the run, and only matched disbursements marked reconciled', opts, async () => {
	const cash = await tokenFor('cash');
	const sup = await tokenFor('sup');
	const p = await ok('/api/v1/programmes', {
		method: 'POST',
		body: { name: uniqueWord('Conciliada '), kind: 'rent', budget_cents: 100000, currency: 'USD', cap_cents: 15000, period: 'month' },
	});
	const ref1 = uniqueWord('TRX'), ref2 = uniqueWord('TRX');
	const a = await approved(cash, sup, p.id, await household(uniqueWord('Zr')), 12000);
	const b = await approved(cash, sup, p.id, await household(uniqueWord('Zr')), 8000);
	await ok(`/api/v1/assistance/${a.id}/disburse`, { method: 'POST', token: cash, body: { mechanism: 'bank_transfer', reference: ref1 } });
	await ok(`/api/v1/assistance/${b.id}/disburse`, { method: 'POST', token: cash, body: { mechanism: 'mobile_wallet', reference: ref2 } });
	const reconcile = (csv, name) => api(`/api/v1/programmes/${p.id}/reconcile${name ? `?file_name=${encodeURIComponent(name)}` : ''}`, { method: 'POST', token: cash, body: csv, headers: { 'Content-Type': 'text/csv' } });

	// One match, one amount difference, one unexpected line.
	const first = await reconcile(`referencia,monto\r\n${ref1},120.00\r\n${ref2},75.50\r\nZZ-1,10.00\r\n`, 'banco noviembre.csv');
	assert.equal(first.status, 200, first.text);
	const run = first.json.run;
	assert.equal(run.file_name, 'banco noviembre.csv');
	assert.deepEqual([run.lines, run.matched, run.differences, run.unexpected, run.missing, run.newly_reconciled], [3, 1, 1, 1, 0, 1]);
	let fig = await ok(`/api/v1/programmes/${p.id}`);
	assert.deepEqual([fig.disbursements, fig.reconciled, fig.reconciled_cents], [2, 1, 12000]);
	assert.equal(fig.remaining_cents, 100000 - 20000, 'reconciling moves no budget');
	const steps = async (id) => (await ok(`/api/v1/programmes/${p.id}/ledger?request_id=${id}`)).items.map((e) => e.kind);
	assert.deepEqual(await steps(a.id), ['request', 'approve', 'disburse', 'reconciled']);
	assert.deepEqual(await steps(b.id), ['request', 'approve', 'disburse'], 'an amount difference is not reconciled');

	// Again, corrected: the difference is reconciled now, the match not twice.
	const second = await reconcile(`referencia,monto\r\n${ref1},120.00\r\n${ref2},80.00\r\n`);
	assert.equal(second.status, 200, second.text);
	assert.deepEqual([second.json.run.matched, second.json.run.newly_reconciled, second.json.run.file_name], [2, 1, null]);
	assert.deepEqual(await steps(a.id), ['request', 'approve', 'disburse', 'reconciled']);
	fig = await ok(`/api/v1/programmes/${p.id}`);
	assert.deepEqual([fig.reconciled, fig.reconciled_cents], [2, 20000]);

	// The runs, newest first; a statement that cannot be read stores none.
	assertApiError(await reconcile(`referencia,monto\r\n${ref1},doce\r\n`), 400, 'bad amount');
	const runs = await ok(`/api/v1/programmes/${p.id}/reconciliations`);
	assert.equal(runs.total, 2);
	assert.deepEqual(runs.items.map((r) => r.id), [second.json.run.id, run.id]);
	assert.ok(runs.items.every((r) => typeof r.run_by === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(r.run_at)));
	assertApiError(await reconcile('referencia,monto\r\n', 'x'.repeat(300)), 400, 'file name too long');
});
