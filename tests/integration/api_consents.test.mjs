// Consent per purpose and data-sharing agreements through the API (issue
// 7; docs/consent.md): giving and withdrawing append to the history and
// change the current state; a referral to a partner is refused from the
// moment of withdrawal, naming the consent; a supervisor overrides with a
// reason, which shows in the history; a phone call is refused after a
// withdrawal; an expired, ended or too narrow agreement does not let the
// payment list out.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

const post = (path, body, token) => api(path, { method: 'POST', body, token });
const consent = (personId, purpose, state, token) =>
	post(`/api/v1/people/${personId}/consents`, { purpose, state, method: 'verbal' }, token);
const agreement = (fields) => ({ purpose: 'Prueba', fields, legal_basis: 'consent', starts_on: '2020-01-01', expires_on: '2099-12-31', signed_by: 'Directora' });

test('consent is given and withdrawn; the history keeps both', opts, async () => {
	const p = await createPerson({ given_names: 'Yelitza', surname1: uniqueWord('Zc') });
	const lex = await tokenFor('lex');
	const given = await consent(p.id, 'phone_contact', 'given', lex);
	assert.equal(given.status, 201, given.text);
	assert.equal(given.json.state, 'given');
	assert.equal(given.json.purpose_label, 'Contacto por teléfono');
	assert.ok(given.json.notice_version);
	assert.equal((await consent(p.ref, 'phone_contact', 'withdrawn', lex)).status, 201);

	const c = await ok(`/api/v1/people/${p.id}/consents`, { token: await tokenFor('reader') });
	assert.equal(c.current.phone_contact.state, 'withdrawn');
	assert.equal(c.current.referral, null);
	assert.deepEqual(c.items.map((k) => k.state), ['withdrawn', 'given'], 'newest first');

	const bad = assertApiError(await post(`/api/v1/people/${p.id}/consents`, { purpose: 'marketing', state: 'yes' }, lex), 400, 'bad input');
	assert.ok(bad.fields.purpose && bad.fields.state && bad.fields.method, JSON.stringify(bad.fields));
	assertApiError(await consent(p.id, 'referral', 'given', await tokenFor('reader')), 403, 'a reader records');
	assertApiError(await consent('P-999999', 'referral', 'given', lex), 404, 'nobody');
});

test('a referral is refused after a withdrawal, and a supervisor overrides it with a reason', opts, async () => {
	const lex = await tokenFor('lex');
	const sup = await tokenFor('sup');
	const p = await createPerson({ given_names: 'Dayana', surname1: uniqueWord('Zc') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'legal' }, token: lex });
	const clinic = await ok('/api/v1/partners', { method: 'POST', body: { name: uniqueWord('Clínica '), kind: 'clinic', areas: 'legal' } });
	const body = { case_id: k.id, to_partner_id: clinic.id, reason: 'Atención en salud mental', consent: true, shared: ['identity'] };

	const none = assertApiError(await post('/api/v1/referrals', body, lex), 400, 'nothing recorded');
	assert.match(none.fields.consent, /«Remisión a aliados» no está registrado/);
	assert.match(none.fields.agreement_id, /no hay un acuerdo/i);

	await ok('/api/v1/sharing-agreements', { method: 'POST', body: { ...agreement(['identity', 'contact']), partner_id: clinic.id } });
	for (const purpose of ['referral', 'sharing_partners'])
		assert.equal((await consent(p.id, purpose, 'given', lex)).status, 201);
	assert.equal((await post('/api/v1/referrals', body, lex)).status, 201, 'given and covered');

	assert.equal((await consent(p.id, 'sharing_partners', 'withdrawn', lex)).status, 201);
	const refused = assertApiError(await post('/api/v1/referrals', body, lex), 400, 'withdrawn');
	assert.equal(refused.field, 'consent');
	assert.match(refused.fields.consent, /retiró su consentimiento para «Compartir sus datos con aliados» el \d\d\/\d\d\/\d{4}/);
	// Sharing nothing needs no sharing consent.
	assert.equal((await post('/api/v1/referrals', { ...body, shared: [] }, lex)).status, 201);

	const notSup = assertApiError(await post('/api/v1/referrals', { ...body, override_reason: 'Urgencia' }, lex), 400, 'caseworker override');
	assert.equal(notSup.field, 'override_reason');
	const over = await post('/api/v1/referrals', { ...body, override_reason: 'Riesgo vital: la persona no puede ser localizada' }, sup);
	assert.equal(over.status, 201, over.text);
	const c = await ok(`/api/v1/people/${p.id}/consents`);
	assert.equal(c.items[0].state, 'override');
	assert.equal(c.items[0].purpose, 'sharing_partners');
	assert.equal(c.items[0].note, 'Riesgo vital: la persona no puede ser localizada');
	assert.equal(c.items[0].context, `referral ${over.json.ref}`);
	assert.equal(c.current.sharing_partners.state, 'withdrawn', 'an override does not give consent');
});

test('a phone call is refused once phone contact is withdrawn', opts, async () => {
	const psy = await tokenFor('psy');
	const p = await createPerson({ given_names: 'Keila', surname1: uniqueWord('Zc') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	const call = { case_id: k.id, starts_at: '2026-12-01T15:00:00Z', kind: 'phone_call' };
	assert.equal((await post('/api/v1/appointments', call, psy)).status, 201, 'never asked: allowed');
	assert.equal((await consent(p.id, 'phone_contact', 'withdrawn', psy)).status, 201);
	const refused = assertApiError(await post('/api/v1/appointments', call, psy), 400, 'withdrawn');
	assert.equal(refused.field, 'kind');
	assert.match(refused.fields.kind, /Contacto por teléfono/);
	assert.equal((await post('/api/v1/appointments', { ...call, kind: 'appointment' }, psy)).status, 201, 'a visit is fine');
});

test('an expired, ended or too narrow agreement does not let the payment list out', opts, async () => {
	const cash = await tokenFor('cash');
	const p = await ok('/api/v1/programmes', { method: 'POST', body: { name: uniqueWord('Acuerdos '), kind: 'rent', budget_cents: 100000, currency: 'USD', cap_cents: 15000, period: 'month' } });
	const pay = (id) => api(`/api/v1/programmes/${p.id}/payments?agreement=${id}`, { token: cash });

	const expired = await ok('/api/v1/sharing-agreements', { method: 'POST', body: { ...agreement(['identity', 'contact', 'payment']), recipient: 'Banco', expires_on: '2021-06-30' } });
	assert.equal(expired.valid, false);
	const e = assertApiError(await pay(expired.id), 400, 'expired');
	assert.equal(e.field, 'agreement');
	assert.match(e.fields.agreement, /venció el 30\/06\/2021/);

	const narrow = await ok('/api/v1/sharing-agreements', { method: 'POST', body: { ...agreement('identity,payment'), recipient: 'Banco' } });
	assert.deepEqual(narrow.fields, ['identity', 'payment']);
	assert.match(assertApiError(await pay(narrow.id), 400, 'narrow').fields.agreement, /no cubre: Datos de contacto/);

	const good = await ok('/api/v1/sharing-agreements', { method: 'POST', body: { ...agreement(['identity', 'contact', 'payment']), recipient: 'Banco' } });
	assert.equal((await pay(good.id)).status, 200);
	const ended = await ok(`/api/v1/sharing-agreements/${good.id}/end`, { method: 'POST', body: { reason: 'Cambio de proveedor' } });
	assert.ok(ended.ended_at);
	assert.match(assertApiError(await pay(good.id), 400, 'ended').fields.agreement, /terminó/);
	assertApiError(await post(`/api/v1/sharing-agreements/${good.id}/end`, { reason: 'otra vez' }), 409, 'ended twice');

	const listed = await ok('/api/v1/sharing-agreements?valid=true', { token: cash });
	assert.ok(!listed.items.some((a) => a.id === good.id || a.id === expired.id), 'only those in force');
	const bad = assertApiError(await post('/api/v1/sharing-agreements', { fields: ['dna'], starts_on: '2026-05-01', expires_on: '2026-04-01' }), 400, 'bad agreement');
	for (const f of ['recipient', 'purpose', 'fields', 'legal_basis', 'expires_on', 'signed_by'])
		assert.ok(bad.fields[f], `error on ${f}: ${JSON.stringify(bad.fields)}`);
	assertApiError(await post('/api/v1/sharing-agreements', { ...agreement(['identity']), recipient: 'X' }, cash), 403, 'only administrators');
});
