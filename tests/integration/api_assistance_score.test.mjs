// Eligibility by vulnerability score (issue 6): a programme with a
// minimum score refuses a request for a household under it, naming the
// household's score and the minimum, unless the requester says why it is
// an exception; the reason is kept on the request, shown to the approver
// in the queue, and the score is shown on the household's request form.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, apiOk, assertApiError, createPerson, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('assistance minimum vulnerability score: refused with the score, or asked as an exception', opts, async () => {
	const cash = await tokenFor('cash');
	const head = await createPerson({ given_names: 'Yusmary', surname1: uniqueWord('Zs') });
	const hh = await apiOk('/api/v1/households', { method: 'POST', body: { head_id: head.id } });
	const score = (await apiOk(`/api/v1/households/${hh.id}/vulnerability`)).score;
	assert.ok(score < 90, `a lone adult scores low: ${score}`);
	const p = await apiOk('/api/v1/programmes', {
		method: 'POST',
		body: { name: uniqueWord('Vulnerables '), kind: 'multipurpose_cash', budget_cents: 100000, cap_cents: 15000,
			period: 'month', min_score: 90 },
	});
	assert.equal(p.min_score, 90);
	const ask = (extra = {}) => api('/api/v1/assistance', { method: 'POST', token: cash, body: { household_id: hh.id, programme_id: p.id, amount_cents: 5000, reason: 'Desalojo', ...extra } });

	const refused = assertApiError(await ask(), 400, 'under the minimum');
	assert.equal(refused.field, 'eligibility_override');
	assert.match(refused.fields.eligibility_override, new RegExp(`puntaje de vulnerabilidad de este hogar es ${score}\\b`));
	assert.match(refused.fields.eligibility_override, /mínimo de 90/);
	assert.equal((await apiOk(`/api/v1/assistance?programme_id=${p.id}`)).total, 0, 'nothing stored');
	assertApiError(await ask({ eligibility_override: '   ' }), 400, 'a blank reason');

	const made = await ask({ eligibility_override: 'Madre sola con orden de desalojo' });
	assert.equal(made.status, 201, made.text);
	assert.equal(made.json.vulnerability_score, score);
	assert.equal(made.json.eligibility_override, 'Madre sola con orden de desalojo');

	// The approver reads the exception in the queue; the form shows the score.
	const sup = await loggedIn('sup');
	const queue = (await sup.get('/assistance/approvals')).text;
	const card = queue.slice(queue.indexOf(`id="q-${made.json.ref}"`));
	assert.match(card.slice(0, card.indexOf('</article>')), /Madre sola con orden de desalojo/);
	assert.match(card.slice(0, card.indexOf('</article>')), new RegExp(`${score}.*90`));
	const page = (await sup.get(`/households/${hh.id}`)).text;
	assert.match(page, new RegExp(`id="household-score"[^]*?<strong>${score}</strong>`));
	assert.match(page, /mínimo 90/);

	// A household at or over the minimum needs no reason.
	await apiOk(`/api/v1/programmes/${p.id}`, { method: 'PATCH', body: { min_score: score } });
	const plain = await ask();
	assert.equal(plain.status, 201, plain.text);
	assert.equal(plain.json.eligibility_override, null);
});
