// Referrals through the API (issue 5): an external referral needs the
// person's consent (400 naming "consent", in Spanish by default), an
// inactive partner is refused, internal referrals reach the receiving
// area's inbox, which accepts and opens a case there in one step; only the
// listed moves are allowed (409), declining needs a reason, the reason of a
// legal referral is withheld from other areas, and filters work.
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

// A legal case opened by lex for a new person.
async function legalCase(lex) {
	const p = await createPerson({ given_names: 'Yorgelis', surname1: uniqueWord('Zr') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'legal' }, token: lex });
	return { p, k };
}

async function partner(name, active = true) {
	const p = await ok('/api/v1/partners', { method: 'POST', body: { name, kind: 'clinic', areas: 'psychosocial' } });
	if (!active)
		await ok(`/api/v1/partners/${p.id}`, { method: 'PATCH', body: { active: false } });
	return p;
}

test('an external referral without consent is refused with a clear message', opts, async () => {
	const lex = await tokenFor('lex');
	const { p, k } = await legalCase(lex);
	const clinic = await partner(uniqueWord('Clínica '));
	const body = { case_id: k.id, to_partner_id: clinic.id, reason: 'Atención médica por una lesión' };

	const es = assertApiError(await post('/api/v1/referrals', body, lex, { 'Accept-Language': 'es' }), 400, 'no consent');
	assert.equal(es.field, 'consent');
	assert.equal(es.fields.consent, 'Para remitir a un aliado, la persona debe dar su consentimiento para compartir sus datos.');
	assert.match(es.message, /^consent: Para remitir a un aliado/);
	const refused = assertApiError(await post('/api/v1/referrals', { ...body, consent: false }, lex), 400, 'consent false');
	assert.equal(refused.field, 'consent');
	const en = assertApiError(await post('/api/v1/referrals?lang=en', body, lex), 400, 'in English');
	assert.equal(en.fields.consent, 'To refer to a partner, the person must consent to sharing their data.');
	const list = await ok(`/api/v1/referrals?case_id=${k.id}`, { token: lex });
	assert.equal(list.total, 0, 'nothing refused was stored');

	const old = await partner(uniqueWord('Albergue '), false);
	const inactive = assertApiError(await post('/api/v1/referrals', { ...body, to_partner_id: old.id, consent: true }, lex), 400, 'inactive partner');
	assert.equal(inactive.field, 'to_partner_id');
	assert.match(inactive.fields.to_partner_id, /inactivo/);

	// The person's consents and an agreement with the partner (docs/consent.md).
	for (const purpose of ['referral', 'sharing_partners'])
		await ok(`/api/v1/people/${p.id}/consents`, { method: 'POST', body: { purpose, state: 'given', method: 'signed' } });
	await ok('/api/v1/sharing-agreements', { method: 'POST', body: { partner_id: clinic.id, purpose: 'Atención en salud', fields: ['identity', 'case_summary'], legal_basis: 'consent', starts_on: '2020-01-01', expires_on: '2099-12-31', signed_by: 'Directora' } });
	const r = await post('/api/v1/referrals', { ...body, consent: true, shared: ['case_summary', 'identity'], urgency: 'urgent' }, lex);
	assert.equal(r.status, 201, r.text);
	assert.match(r.json.ref, /^R-\d{6}$/);
	assert.equal(r.json.status, 'sent');
	assert.equal(r.json.consent, true);
	assert.deepEqual(r.json.shared, ['identity', 'case_summary']);
	assert.equal(r.json.to_area, null);
	assert.equal(r.json.overdue, false);
	assert.equal(r.headers.get('location'), `/api/v1/referrals/${r.json.id}`);

	// The partner has no login: the sender records its answer.
	const psy = await tokenFor('psy');
	assertApiError(await post(`/api/v1/referrals/${r.json.id}/accept`, {}, psy), 403, 'another area records the partner\'s answer');
	const noCase = assertApiError(await post(`/api/v1/referrals/${r.json.id}/accept`, { open_case: true }, lex), 400, 'open a case at a partner');
	assert.equal(noCase.field, 'open_case');
	const accepted = await ok(`/api/v1/referrals/${r.json.ref}/accept`, { method: 'POST', body: { note: 'Cita el lunes' }, token: lex });
	assert.equal(accepted.status, 'accepted');
	const done = await ok(`/api/v1/referrals/${r.json.id}/complete`, { method: 'POST', body: { feedback: 'Atendida y dada de alta' }, token: lex });
	assert.equal(done.status, 'completed');
	assert.equal(done.feedback, 'Atendida y dada de alta');
	assert.ok(done.completed_at);
});

test('an internal referral: inbox, accept and open a case in one step, moves', opts, async () => {
	const lex = await tokenFor('lex');
	const psy = await tokenFor('psy');
	const live = await tokenFor('live');
	const { p, k } = await legalCase(lex);
	const secret = 'Relata violencia en el trayecto por el Darién';

	assertApiError(await post('/api/v1/referrals', { case_id: k.id, to_area: 'legal', reason: 'x' }, lex), 400, 'its own area');
	assertApiError(await post('/api/v1/referrals', { case_id: k.id, to_area: 'psychosocial' }, lex), 400, 'no reason');
	assertApiError(await post('/api/v1/referrals', { case_id: k.id, to_area: 'psychosocial', reason: 'x', colour: 'red' }, lex), 400, 'unknown key');
	assertApiError(await post('/api/v1/referrals', { case_id: k.id, to_area: 'psychosocial', reason: 'x' }, live), 403, 'not her case');
	assertApiError(await post('/api/v1/referrals', { case_id: k.id, to_area: 'psychosocial', reason: 'x' }, null), 401, 'no credentials');
	// A list of what is shared as long as a request may be (once this took
	// the server's memory whole, from any account): refused, naming the field.
	const huge = assertApiError(await post('/api/v1/referrals', { case_id: k.id, to_area: 'psychosocial', reason: 'x',
		shared: new Array(100000).fill('contact') }, live), 400, 'a list of 100,000 codes');
	assert.ok(huge.fields && huge.fields.shared, `error.fields.shared: ${JSON.stringify(huge).slice(0, 300)}`);
	await ok('/healthz');

	const rf = await ok('/api/v1/referrals', { method: 'POST', body: { case_id: k.ref, to_area: 'psychosocial', reason: secret, urgency: 'priority' }, token: lex });
	assert.equal(rf.from_area, 'legal');
	assert.equal(rf.to_area, 'psychosocial');
	assert.equal(rf.consent, false, 'internal referrals do not need it');

	// Psychosocial's inbox has it, with the reason; livelihoods' does not,
	// and livelihoods reads that it exists, not the reason.
	const inbox = await ok('/api/v1/referrals?direction=incoming&status=sent&limit=500', { token: psy });
	const mine = inbox.items.find((x) => x.id === rf.id);
	assert.ok(mine, 'in the psychosocial inbox');
	assert.equal(mine.reason, secret);
	const theirs = await ok('/api/v1/referrals?direction=incoming&limit=500', { token: live });
	assert.ok(!theirs.items.some((x) => x.id === rf.id), 'not in the livelihoods inbox');
	const seen = await ok(`/api/v1/referrals/${rf.id}`, { token: live });
	assert.equal(seen.reason, null);
	assert.equal(seen.reason_restricted, true);
	const sent = await ok('/api/v1/referrals?direction=outgoing&limit=500', { token: lex });
	assert.ok(sent.items.some((x) => x.id === rf.id), 'in the sender\'s outgoing list');

	assertApiError(await post(`/api/v1/referrals/${rf.id}/accept`, {}, lex), 403, 'the sender accepts for psychosocial');
	assertApiError(await post(`/api/v1/referrals/${rf.id}/complete`, {}, psy), 409, 'complete before accepting');
	const accepted = await ok(`/api/v1/referrals/${rf.id}/accept`, { method: 'POST', body: { open_case: true }, token: psy });
	assert.equal(accepted.status, 'accepted');
	assert.ok(accepted.received_case_id);
	const opened = await ok(`/api/v1/cases/${accepted.received_case_id}`, { token: psy });
	assert.equal(opened.area, 'psychosocial');
	assert.equal(opened.person_id, p.id);
	const me = await ok('/api/v1/me', { token: psy });
	assert.equal(opened.assigned_to, me.id);
	assertApiError(await post(`/api/v1/referrals/${rf.id}/decline`, { note: 'tarde' }, psy), 409, 'decline after accepting');
	assertApiError(await post(`/api/v1/referrals/${rf.id}/accept`, {}, psy), 409, 'accept twice');

	// The received case lists it too; the sending case's list says accepted.
	const byCase = await ok(`/api/v1/referrals?case_id=${opened.id}`, { token: psy });
	assert.deepEqual(byCase.items.map((x) => x.id), [rf.id]);
	const fromCase = await ok(`/api/v1/referrals?case_id=${k.id}&direction=outgoing`, { token: lex });
	assert.equal(fromCase.items.find((x) => x.id === rf.id).status, 'accepted');

	// A second referral to psychosocial links the case already open.
	const again = await ok('/api/v1/referrals', { method: 'POST', body: { case_id: k.id, to_area: 'psychosocial', reason: 'Seguimiento' }, token: lex });
	const linked = await ok(`/api/v1/referrals/${again.id}/accept`, { method: 'POST', body: { open_case: true }, token: psy });
	assert.equal(linked.received_case_id, opened.id);

	// Declining needs a reason.
	const toLive = await ok('/api/v1/referrals', { method: 'POST', body: { case_id: k.id, to_area: 'livelihoods', reason: 'Busca empleo' }, token: lex });
	const why = assertApiError(await post(`/api/v1/referrals/${toLive.id}/decline`, {}, live), 400, 'decline without a reason');
	assert.equal(why.field, 'note');
	const declined = await ok(`/api/v1/referrals/${toLive.id}/decline`, { method: 'POST', body: { note: 'Sin permiso de trabajo todavía' }, token: live });
	assert.equal(declined.status, 'declined');
	assert.equal(declined.answer_note, 'Sin permiso de trabajo todavía');
	assertApiError(await post(`/api/v1/referrals/${toLive.id}/complete`, {}, live), 409, 'complete a declined referral');

	// A closed case refers no more.
	await ok(`/api/v1/cases/${k.id}/status`, { method: 'POST', body: { status: 'closed', reason: 'referred' }, token: lex });
	assertApiError(await post('/api/v1/referrals', { case_id: k.id, to_area: 'community', reason: 'x' }, lex), 409, 'from a closed case');
});

test('referral lists: filters, overdue and bad input', opts, async () => {
	const lex = await tokenFor('lex');
	const list = await ok('/api/v1/referrals?overdue=1&limit=500', { token: lex });
	assert.ok(list.items.every((x) => x.status === 'sent' && x.overdue === true));
	assert.equal((await ok('/api/v1/referrals?overdue=1&status=accepted', { token: lex })).total, 0);
	const accepted = await ok('/api/v1/referrals?status=accepted&area=psychosocial&limit=500', { token: lex });
	assert.ok(accepted.items.every((x) => x.status === 'accepted' && (x.to_area === 'psychosocial' || x.from_area === 'psychosocial')));
	assertApiError(await api('/api/v1/referrals?status=lost', { token: lex }), 400, 'unknown status');
	assertApiError(await api('/api/v1/referrals?direction=up', { token: lex }), 400, 'unknown direction');
	assertApiError(await api('/api/v1/referrals/R-999999', { token: lex }), 404, 'no such referral');
	const ethics = await tokenFor('ethics');
	assertApiError(await api('/api/v1/referrals', { token: ethics }), 403, 'ethics officer');
	assertApiError(await api('/api/v1/referrals', { method: 'POST', body: 'not json', token: lex, headers: { 'Content-Type': 'application/json' } }), 400, 'bad JSON');
});
