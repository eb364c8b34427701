// Cash assistance through the API (issue 6): a request cannot be approved
// by its requester (403), another approver approves it, it is disbursed
// once (a second attempt, and 20 parallel attempts, give 409 and one
// ledger row); an over-cap or over-budget request is refused naming
// amount_cents with the figures as money; a second request in the same
// period is a possible duplicate the approver must confirm; the budget
// figures are sums of the ledger.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

const post = (path, body, token, headers = {}) => api(path, { method: 'POST', body, token, headers });

// A new household around a new head.
async function household() {
	const head = await createPerson({ given_names: 'Yusmary', surname1: uniqueWord('Zc') });
	return ok('/api/v1/households', { method: 'POST', body: { head_id: head.id } });
}

// A new programme (as the admin): $1,000.00 budget, $150.00 cap a month.
async function programme(fields = {}) {
	return ok('/api/v1/programmes', {
		method: 'POST',
		body: { name: uniqueWord('Efectivo '), kind: 'multipurpose_cash', donor: 'ACNUR', budget_cents: 100000,
			currency: 'USD', cap_cents: 15000, period: 'month', ...fields },
	});
}

test('request, self-approval refused, approval by another, one disbursement only', opts, async () => {
	const cash = await tokenFor('cash');
	const sup = await tokenFor('sup');
	const h = await household();
	const p = await programme();
	assert.equal(p.budget_cents, 100000);
	assert.equal(p.remaining_cents, 100000);

	const made = await post('/api/v1/assistance', { household_id: h.id, programme_id: p.id, amount_cents: 12000, reason: 'Alquiler atrasado' }, cash);
	assert.equal(made.status, 201, made.text);
	const rq = made.json;
	assert.match(rq.ref, /^A-\d{6}$/);
	assert.equal(rq.status, 'requested');
	assert.equal(rq.currency, 'USD');
	assert.equal(rq.possible_duplicate, false);
	assert.match(rq.period_key, /^\d{4}-\d{2}$/);

	// The assistance officer may neither approve (not an approver) nor
	// disburse (not approved yet).
	assertApiError(await post(`/api/v1/assistance/${rq.id}/approve`, {}, cash), 403, 'officer approves');
	const early = assertApiError(await post(`/api/v1/assistance/${rq.id}/disburse`, { mechanism: 'cash' }, cash), 409, 'disburse before approval');
	assert.equal(early.field, 'status');

	// A supervisor's own request: they may not approve it themselves.
	const own = await ok('/api/v1/assistance', { method: 'POST', body: { household_id: (await household()).id, programme_id: p.id, amount_cents: 1000, reason: 'Medicinas' }, token: sup });
	const self = assertApiError(await post(`/api/v1/assistance/${own.id}/approve`, {}, sup), 403, 'self-approval');
	assert.equal(self.field, 'status');
	assert.match(self.fields.status, /otra persona/);
	assertApiError(await post(`/api/v1/assistance/${own.id}/reject`, { note: 'No' }, sup), 403, 'self-rejection');
	assert.equal((await ok(`/api/v1/assistance/${own.id}`)).status, 'requested');

	// Another approver (sup) approves the officer's request.
	const approved = await ok(`/api/v1/assistance/${rq.id}/approve`, { method: 'POST', body: { note: 'Visita hecha' }, token: sup });
	assert.equal(approved.status, 'approved');
	let fig = await ok(`/api/v1/programmes/${p.id}`);
	assert.equal(fig.committed_cents, 12000);
	assert.equal(fig.disbursed_cents, 0);
	assert.equal(fig.remaining_cents, 100000 - 12000);

	// A transfer needs its reference; cash does not.
	const noRef = assertApiError(await post(`/api/v1/assistance/${rq.id}/disburse`, { mechanism: 'bank_transfer' }, cash), 400, 'no reference');
	assert.equal(noRef.field, 'reference');
	const paid = await ok(`/api/v1/assistance/${rq.id}/disburse`, { method: 'POST', body: { mechanism: 'bank_transfer', reference: 'TRX-884201' }, token: cash });
	assert.equal(paid.status, 'disbursed');
	assert.equal(paid.reference, 'TRX-884201');
	assert.match(paid.disbursed_on, /^\d{4}-\d{2}-\d{2}$/);

	const again = assertApiError(await post(`/api/v1/assistance/${rq.id}/disburse`, { mechanism: 'bank_transfer', reference: 'TRX-884202' }, cash), 409, 'second disbursement');
	assert.equal(again.field, 'status');
	assert.match(again.fields.status, /TRX-884201/);
	assert.equal((await ok(`/api/v1/assistance/${rq.id}`)).reference, 'TRX-884201', 'the first disbursement stands');

	// Budget remaining = budget - disbursed (nothing else committed now).
	fig = await ok(`/api/v1/programmes/${p.id}`);
	assert.equal(fig.disbursed_cents, 12000);
	assert.equal(fig.committed_cents, 0);
	assert.equal(fig.remaining_cents, fig.budget_cents - fig.disbursed_cents);
	const ledger = await ok(`/api/v1/programmes/${p.id}/ledger?request_id=${rq.id}`);
	assert.deepEqual(ledger.items.map((e) => e.kind), ['request', 'approve', 'disburse']);
	assert.ok(ledger.items.every((e) => e.amount_cents === 12000));
});

test('an over-cap or over-budget request is refused with the figures as money', opts, async () => {
	const cash = await tokenFor('cash');
	const sup = await tokenFor('sup');
	const h = await household();
	const p = await programme({ budget_cents: 20000 });

	const over = assertApiError(await post('/api/v1/assistance', { household_id: h.id, programme_id: p.id, amount_cents: 15001, reason: 'Alquiler' }, cash), 400, 'over the cap');
	assert.equal(over.field, 'amount_cents');
	assert.match(over.fields.amount_cents, /\$150\.01/);
	assert.match(over.fields.amount_cents, /\$150\.00/);

	// $100 approved: the household has $50 left of its cap this month.
	const first = await ok('/api/v1/assistance', { method: 'POST', body: { household_id: h.id, programme_id: p.id, amount_cents: 10000, reason: 'Alquiler' }, token: cash });
	await ok(`/api/v1/assistance/${first.id}/approve`, { method: 'POST', body: {}, token: sup });
	const capped = assertApiError(await post('/api/v1/assistance', { household_id: h.id, programme_id: p.id, amount_cents: 6000, reason: 'Comida' }, cash), 400, 'over the cap with what was approved');
	assert.match(capped.fields.amount_cents, /\$100\.00/);
	assert.match(capped.fields.amount_cents, /\$50\.00/);

	// The budget: $200 - $100 committed leaves $100; another household asks $120.
	const other = await household();
	const broke = assertApiError(await post('/api/v1/assistance', { household_id: other.id, programme_id: p.id, amount_cents: 12000, reason: 'Salud' }, cash), 400, 'over the budget');
	assert.equal(broke.field, 'amount_cents');
	assert.match(broke.fields.amount_cents, /\$100\.00/);
	const en = assertApiError(await post('/api/v1/assistance?lang=en', { household_id: other.id, programme_id: p.id, amount_cents: 12000, reason: 'Salud' }, cash), 400, 'in English');
	assert.match(en.fields.amount_cents, /remaining budget of \$100\.00/);

	const list = await ok(`/api/v1/assistance?programme_id=${p.id}`);
	assert.equal(list.total, 1, 'nothing refused was stored');

	// Bad input names its field.
	assertApiError(await post('/api/v1/assistance', { household_id: h.id, programme_id: p.id, amount_cents: 10.5, reason: 'x' }, cash), 400, 'a fraction of a cent');
	const neg = assertApiError(await post('/api/v1/assistance', { household_id: h.id, programme_id: p.id, amount_cents: -5, reason: 'x' }, cash), 400, 'negative');
	assert.equal(neg.field, 'amount_cents');
	const noReason = assertApiError(await post('/api/v1/assistance', { household_id: h.id, programme_id: p.id, amount_cents: 100 }, cash), 400, 'no reason');
	assert.equal(noReason.field, 'reason');
	const badProg = assertApiError(await post('/api/v1/programmes', { name: uniqueWord('P '), kind: 'rent', budget_cents: 100, cap_cents: 100, period: 'week' }), 400, 'bad period');
	assert.equal(badProg.field, 'period');
	assertApiError(await post('/api/v1/programmes', { name: uniqueWord('P '), kind: 'rent', budget_cents: 100, cap_cents: 100, period: 'month' }, cash), 403, 'an officer manages no programmes');
});

test('a second request in the period is a possible duplicate the approver confirms; rejection needs a reason', opts, async () => {
	const cash = await tokenFor('cash');
	const sup = await tokenFor('sup');
	const h = await household();
	const p = await programme();
	const a = await ok('/api/v1/assistance', { method: 'POST', body: { household_id: h.id, programme_id: p.id, amount_cents: 5000, reason: 'Comida' }, token: cash });
	const b = await ok('/api/v1/assistance', { method: 'POST', body: { household_id: h.id, programme_id: p.id, amount_cents: 5000, reason: 'Comida otra vez' }, token: cash });
	assert.equal(a.possible_duplicate, false);
	assert.equal(b.possible_duplicate, true);
	assert.equal(b.duplicate_of, a.id);

	const unconfirmed = assertApiError(await post(`/api/v1/assistance/${b.id}/approve`, {}, sup), 400, 'duplicate not confirmed');
	assert.equal(unconfirmed.field, 'confirm_duplicate');
	const noWhy = assertApiError(await post(`/api/v1/assistance/${a.id}/reject`, {}, sup), 400, 'rejection without reason');
	assert.equal(noWhy.field, 'note');
	const rejected = await ok(`/api/v1/assistance/${a.id}/reject`, { method: 'POST', body: { note: 'Ya recibió un kit' }, token: sup });
	assert.equal(rejected.status, 'rejected');
	assert.equal(rejected.decision_note, 'Ya recibió un kit');
	assertApiError(await post(`/api/v1/assistance/${a.id}/disburse`, { mechanism: 'cash' }, cash), 409, 'disbursing a rejected request');
	const approved = await ok(`/api/v1/assistance/${b.id}/approve`, { method: 'POST', body: { confirm_duplicate: true }, token: sup });
	assert.equal(approved.duplicate_confirmed, true);
	const queue = await ok(`/api/v1/assistance?status=requested&programme_id=${p.id}`);
	assert.equal(queue.total, 0);
});

test('20 parallel disbursements of one approved request make exactly one', opts, async () => {
	const cash = await tokenFor('cash');
	const sup = await tokenFor('sup');
	const h = await household();
	const p = await programme();
	const rq = await ok('/api/v1/assistance', { method: 'POST', body: { household_id: h.id, programme_id: p.id, amount_cents: 9000, reason: 'Alquiler' }, token: cash });
	await ok(`/api/v1/assistance/${rq.id}/approve`, { method: 'POST', body: {}, token: sup });

	const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
		post(`/api/v1/assistance/${rq.id}/disburse`, { mechanism: 'mobile_wallet', reference: `YAPPY-${i}` }, cash)));
	const statuses = answers.map((r) => r.status).sort();
	assert.equal(statuses.filter((s) => s === 200).length, 1, `statuses: ${statuses}`);
	assert.equal(statuses.filter((s) => s === 409).length, 19, `statuses: ${statuses}`);
	for (const r of answers.filter((x) => x.status === 409))
		assert.equal(r.json.error.field, 'status');
	const winner = answers.find((r) => r.status === 200).json;
	assert.equal((await ok(`/api/v1/assistance/${rq.id}`)).reference, winner.reference);
	const ledger = await ok(`/api/v1/programmes/${p.id}/ledger?request_id=${rq.id}`);
	assert.equal(ledger.items.filter((e) => e.kind === 'disburse').length, 1);
	const fig = await ok(`/api/v1/programmes/${p.id}`);
	assert.equal(fig.disbursed_cents, 9000);
	assert.equal(fig.remaining_cents, 100000 - 9000);
});
