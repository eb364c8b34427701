// Cash assistance from the pages, without JavaScript: an assistance
// officer requests for a household from its page (an amount typed
// "150,50" is refused over the cap in Spanish, as money; "60,50" is
// taken), sees no approve button on the request and why; the supervisor
// finds it in the approval queue and approves it; the officer records the
// disbursement (a transfer without its reference first: field error);
// the programme page shows the figures summed from the ledger.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('request from the household page, approve in the queue, disburse on the request page', opts, async () => {
	const head = await createPerson({ given_names: 'Oriana', surname1: uniqueWord('Zh') });
	const h = (await api('/api/v1/households', { method: 'POST', body: { head_id: head.id } })).json;
	const name = uniqueWord('Alquiler ');

	// The supervisor adds the programme: money typed the Panamanian way.
	const sup = await loggedIn('sup');
	const list = await sup.get('/assistance');
	assert.equal(list.status, 200);
	assert.match(list.text, /<summary>Agregar un programa<\/summary>/);
	const badProg = await sup.post('/assistance/programmes', { csrf: csrfOf(list.text), name, kind: 'rent', budget: 'mucho', currency: 'USD', cap: '100', period: 'month' });
	assert.equal(badProg.status, 400);
	assert.match(badProg.text, /id="e-budget"/);
	const made = await sup.post('/assistance/programmes', { csrf: csrfOf(list.text), name, kind: 'rent', donor: 'ACNUR', budget: '5.000,00', currency: 'USD', cap: '150', period: 'month' });
	assert.equal(made.status, 303, made.text.slice(0, 300));
	const progPath = made.headers.get('location');
	const prog = await sup.get(progPath);
	assert.match(prog.text, /<td id="budget">\$5,000\.00<\/td>/);
	assert.match(prog.text, /<td id="remaining"><strong>\$5,000\.00<\/strong><\/td>/);
	const programmeId = progPath.split('/').pop();

	const cash = await loggedIn('cash');
	const hh = await cash.get(`/households/${h.id}`);
	assert.match(hh.text, /<section id="assistance"><h2>Asistencia<\/h2>/);
	assert.match(hh.text, /No se ha solicitado asistencia para este hogar\./);
	const csrf = csrfOf(hh.text);
	const over = await cash.post(`/households/${h.id}/assistance`, { csrf, programme_id: programmeId, amount: '150,50', reason: 'Alquiler de noviembre' });
	assert.equal(over.status, 400);
	assert.match(over.text, /id="e-amount"/);
	assert.match(over.text, /\$150\.50 supera el tope del programa de \$150\.00 por hogar/);
	const bad = await cash.post(`/households/${h.id}/assistance`, { csrf, programme_id: programmeId, amount: '12.3.4', reason: 'x' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /Indique un monto como 150, 150\.50 o 150,50\./);

	const ok = await cash.post(`/households/${h.id}/assistance`, { csrf, programme_id: programmeId, amount: '60,50', reason: 'Alquiler de noviembre' });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	const reqPath = ok.headers.get('location').replace(/\?.*/, '');
	const mine = await cash.get(reqPath);
	assert.match(mine.text, /\$60\.50/);
	assert.match(mine.text, /Solicitada/);
	assert.doesNotMatch(mine.text, /action="[^"]*\/approve"/, 'no approve form for the officer');
	assert.match(mine.text, /class="why-not">Solo supervisores y administradores/);

	// The queue: the supervisor approves it there.
	const queue = await sup.get('/assistance/approvals');
	assert.equal(queue.status, 200);
	assert.ok(queue.text.includes(reqPath), 'the request is in the queue');
	const approved = await sup.post(`${reqPath}/approve`, { csrf: csrfOf(queue.text), next: '/assistance/approvals' });
	assert.equal(approved.status, 303);
	assert.equal(approved.headers.get('location'), '/assistance/approvals');
	assert.ok(!(await sup.get('/assistance/approvals')).text.includes(reqPath), 'no longer waiting');

	// The officer disburses: a transfer needs its reference.
	const page = await cash.get(reqPath);
	assert.match(page.text, /<section id="disburse">/);
	const noRef = await cash.post(`${reqPath}/disburse`, { csrf, mechanism: 'bank_transfer', reference: '', date: '' });
	assert.equal(noRef.status, 400);
	assert.match(noRef.text, /id="e-reference"/);
	const paid = await cash.post(`${reqPath}/disburse`, { csrf, mechanism: 'bank_transfer', reference: 'BG-7741', date: '' });
	assert.equal(paid.status, 303, paid.text.slice(0, 300));
	const twice = await cash.post(`${reqPath}/disburse`, { csrf, mechanism: 'cash', reference: '', date: '' });
	assert.equal(twice.status, 409);
	assert.match(twice.text, /ya se desembolsó el \d{4}-\d{2}-\d{2} \(referencia BG-7741\)/);

	const after = await sup.get(progPath);
	assert.match(after.text, /<td id="disbursed">\$60\.50<\/td>/);
	assert.match(after.text, /<td id="remaining"><strong>\$4,939\.50<\/strong><\/td>/);
	assert.match((await cash.get(`/households/${h.id}`)).text, /Desembolsada/);
});

test('a supervisor sees their own request in the queue without an approve button, and why', opts, async () => {
	const head = await createPerson({ given_names: 'Keila', surname1: uniqueWord('Zh') });
	const h = (await api('/api/v1/households', { method: 'POST', body: { head_id: head.id } })).json;
	const p = (await api('/api/v1/programmes', { method: 'POST', body: { name: uniqueWord('Kits '), kind: 'hygiene_kit', budget_cents: 50000, cap_cents: 3000, period: 'quarter' } })).json;
	const sup = await loggedIn('sup');
	const hh = await sup.get(`/households/${h.id}`);
	const made = await sup.post(`/households/${h.id}/assistance`, { csrf: csrfOf(hh.text), programme_id: p.id, amount: '25', reason: 'Kit de higiene' });
	assert.equal(made.status, 303, made.text.slice(0, 300));
	const reqPath = made.headers.get('location').replace(/\?.*/, '');
	const queue = await sup.get('/assistance/approvals');
	const id = reqPath.split('/').pop();
	assert.ok(queue.text.includes(reqPath));
	assert.doesNotMatch(queue.text, new RegExp(`action="/assistance/${id}/approve"`));
	assert.match(queue.text, /Usted solicitó esta asistencia: otra persona debe aprobarla o rechazarla/);
	const self = await sup.post(`${reqPath}/approve`, { csrf: csrfOf(queue.text) });
	assert.equal(self.status, 403);
	assert.match(self.text, /Usted solicitó esta asistencia/);
});
