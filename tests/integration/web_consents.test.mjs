// Consents and data-sharing agreements from the pages, without JavaScript
// (docs/consent.md): the profile's "Consentimientos" section links each
// purpose to a page that gives or withdraws it, and keeps the history; a
// missing method is explained on that page; a reader sees the states but
// no links and may not open the page; the phone number
// warns once phone contact is withdrawn; administrators register and end
// agreements; the payment list download names the missing agreement.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, csrfOf, loggedIn, openCaseFromProfile, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

// The row of purpose in the profile's consents table.
function row(html, purpose) {
	const m = html.match(new RegExp(`<tr id="consent-${purpose}"[\\s\\S]*?</tr>`));
	assert.ok(m, `no row for ${purpose}`);
	return m[0];
}

test('the profile gives and withdraws consent and shows the history', opts, async () => {
	const p = await createPerson({ given_names: 'Mariela', surname1: uniqueWord('Zw'), phone: '6123-4567' });
	const lex = await loggedIn('lex');
	const profile = await lex.get(`/people/${p.id}`);
	assert.equal(profile.status, 200);
	assert.match(profile.text, /<section id="consents"><h2>Consentimientos<\/h2>/);
	assert.match(row(profile.text, 'referral'), /No registrado/);
	const give = `/people/${p.id}/consents/new?purpose=referral&amp;state=given`;
	assert.ok(row(profile.text, 'referral').includes(`href="${give}"`), 'a Dar link');
	assert.ok(row(profile.text, 'referral').includes('state=withdrawn'), 'a Retirar link');
	const form = await lex.get(give.replace('&amp;', '&'));
	assert.equal(form.status, 200);
	assert.match(form.text, /<h1>Dar consentimiento<\/h1>/);
	assert.match(form.text, /Remisión a aliados<\/strong><br>Estado actual: No registrado/);
	assert.match(form.text, /Confirmar: dio su consentimiento/);
	assert.match((await lex.get(`/people/${p.id}/consents/new?purpose=referral&state=withdrawn`)).text, /Confirmar: retiró su consentimiento/);
	assert.equal((await lex.get(`/people/${p.id}/consents/new?purpose=nonsense&state=given`)).status, 404);
	assert.equal((await lex.get(`/people/${p.id}/consents/new?purpose=referral&state=maybe`)).status, 404);
	const csrf = csrfOf(form.text);

	const missing = await lex.post(`/people/${p.id}/consents`, { csrf, purpose: 'referral', state: 'given' });
	assert.equal(missing.status, 400);
	assert.match(missing.text, /error-summary|class="field-error"|<li>/);
	assert.match(missing.text, /Confirmar: dio su consentimiento/, 'the form again, to correct');

	const given = await lex.post(`/people/${p.id}/consents`, { csrf, purpose: 'phone_contact', state: 'given', method: 'signed' });
	assert.equal(given.status, 303, given.text.slice(0, 300));
	assert.match(given.headers.get('location'), /#consents$/);
	let page = (await lex.get(`/people/${p.id}`)).text;
	assert.match(row(page, 'phone_contact'), /<strong>Dado<\/strong>/);
	assert.match((await lex.get(`/people/${p.id}/consents/new?purpose=phone_contact&state=withdrawn`)).text,
		/Estado actual: Dado · [^<]+, \d{2}\/\d{2}\/\d{4}/, 'the page says what is being changed');
	assert.doesNotMatch(row(page, 'phone_contact'), /state=given/, 'no second give');
	assert.doesNotMatch(page, /no llamar/);

	assert.equal((await lex.post(`/people/${p.id}/consents`, { csrf, purpose: 'phone_contact', state: 'withdrawn', method: 'verbal', note: 'Prefiere mensajes' })).status, 303);
	page = (await lex.get(`/people/${p.id}`)).text;
	assert.match(row(page, 'phone_contact'), /<strong>Retirado<\/strong>/);
	assert.match(page, /6123-4567 \(⚠ no llamar: la persona retiró su consentimiento para el contacto por teléfono\)/);
	const history = page.match(/<table class="consent-history[\s\S]*?<\/table>/)[0];
	assert.equal((history.match(/<tr class="consent-/g) || []).length, 2);
	assert.match(history, /Prefiere mensajes/);
	assert.match(history, /Formulario firmado/);

	const readerSession = await loggedIn('reader');
	const reader = (await readerSession.get(`/people/${p.id}`)).text;
	assert.match(row(reader, 'phone_contact'), /Retirado/);
	assert.doesNotMatch(reader, /\/consents\/new/, 'a reader gets no links to the form');
	assert.equal((await readerSession.get(`/people/${p.id}/consents/new?purpose=referral&state=given`)).status, 403);
});

test('administrators register and end agreements; the payment list asks for one', opts, async () => {
	const admin = await loggedIn('admin');
	const page = await admin.get('/sharing-agreements');
	assert.equal(page.status, 200);
	assert.match(page.text, /<h1>Acuerdos de intercambio de datos<\/h1>/);
	const csrf = csrfOf(page.text);
	const recipient = uniqueWord('Pagos ');
	const bad = await admin.post('/sharing-agreements', { csrf, recipient, purpose: 'Pagos', legal_basis: 'contract', starts_on: '2026-05-01', expires_on: '2026-04-01', signed_by: 'Directora' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /El acuerdo no puede vencer antes de empezar\./);
	const form = new URLSearchParams({ csrf, recipient, purpose: 'Pagos de asistencia', legal_basis: 'contract', starts_on: '2020-01-01', expires_on: '2099-12-31', signed_by: 'Directora', document_ref: 'CONV-2026-07' });
	for (const f of ['identity', 'contact', 'payment'])
		form.append('fields', f);
	const made = await admin.request('/sharing-agreements', { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(made.status, 303, made.text.slice(0, 500));
	const list = (await admin.get('/sharing-agreements')).text;
	const id = list.match(new RegExp(`<tr id="agreement-([^"]+)"><td data-label="Destinatario">${recipient}`))[1];
	assert.match(list, /Vigente/);

	// The payment list: the form offers the agreement; without one, the
	// download is refused with the reason.
	const cash = await loggedIn('cash');
	const p = await api('/api/v1/programmes', { method: 'POST', body: { name: uniqueWord('Pagos '), kind: 'rent', budget_cents: 100000, currency: 'USD', cap_cents: 15000, period: 'month' } });
	const programme = (await cash.get(`/assistance/programmes/${p.json.id}`)).text;
	assert.match(programme, new RegExp(`<option value="${id}">${recipient} · Pagos de asistencia`));
	const refused = await cash.get(`/assistance/programmes/${p.json.id}/payments.csv`);
	assert.equal(refused.status, 400);
	assert.match(refused.text, /Elija el acuerdo de intercambio de datos con el destinatario/);
	assert.equal((await cash.get(`/assistance/programmes/${p.json.id}/payments.csv?agreement=${id}`)).status, 200);

	// Ending it takes a reason; then it no longer lets the list out.
	const ended = await admin.post(`/sharing-agreements/${id}/end`, { csrf, end_reason: 'Cambio de proveedor' });
	assert.equal(ended.status, 303);
	assert.match((await admin.get('/sharing-agreements')).text, /Cambio de proveedor/);
	assert.equal((await cash.get(`/assistance/programmes/${p.json.id}/payments.csv?agreement=${id}`)).status, 400);
	// Only administrators register.
	const lex = await loggedIn('lex');
	assert.doesNotMatch((await lex.get('/sharing-agreements')).text, /action="\/sharing-agreements"/);
	assert.equal((await lex.post('/sharing-agreements', { csrf: csrfOf((await lex.get(`/people/${(await createPerson({ given_names: 'Ana', surname1: uniqueWord('Zw') })).id}`)).text), recipient: 'X' })).status, 403);
});

test('the referral form names the missing consent; a supervisor overrides it from the page', opts, async () => {
	const p = await createPerson({ given_names: 'Oriana', surname1: uniqueWord('Zw') });
	const clinic = (await api('/api/v1/partners', { method: 'POST', body: { name: uniqueWord('Centro '), kind: 'clinic', areas: 'legal' } })).json;
	const lex = await loggedIn('lex');
	const { path, csrf } = await openCaseFromProfile(lex, p.id, 'legal');
	const page = (await lex.get(path)).text;
	assert.match(page, /<select id="f-agreement_id" name="agreement_id">/);
	assert.doesNotMatch(page, /name="override_reason"/, 'only supervisors may override');
	const form = { csrf, to_partner_id: clinic.id, ref_reason: 'Evaluación médica', urgency: 'routine', ref_consent: '1' };
	const refused = await lex.post(`${path}/referrals`, form);
	assert.equal(refused.status, 400);
	assert.match(refused.text, /El consentimiento de la persona para «Remisión a aliados» no está registrado: regístrelo primero en su perfil\./);

	const sup = await loggedIn('sup');
	const supPage = (await sup.get(path)).text;
	assert.match(supPage, /name="override_reason"/);
	const over = await sup.post(`${path}/referrals`, { ...form, csrf: csrfOf(supPage), override_reason: 'La persona está hospitalizada y no puede firmar' });
	assert.equal(over.status, 303, over.text.slice(0, 500));
	const history = (await sup.get(`/people/${p.id}`)).text.match(/<table class="consent-history[\s\S]*?<\/table>/)[0];
	assert.match(history, /Excepción sin consentimiento/);
	assert.match(history, /La persona está hospitalizada y no puede firmar \(remisión R-\d{6}\)/);
});
