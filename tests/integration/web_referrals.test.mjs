// Referrals from the pages, without JavaScript: a legal caseworker refers
// a case from its "Remisiones" section (field errors first: no consent for
// a partner, no reason), the psychosocial caseworker finds it in her inbox
// with the count in the navigation, accepts it and opens a case in one
// step; the legal case then says "Aceptada". A livelihoods caseworker sees
// the referral exists, not its reason, and cannot answer it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, csrfOf, loggedIn, openCaseFromProfile, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('refer a case from its page; the receiving area accepts and opens a case from the inbox', opts, async () => {
	const p = await createPerson({ given_names: 'Deiby', surname1: uniqueWord('Zw') });
	const clinic = await api('/api/v1/partners', { method: 'POST', body: { name: uniqueWord('Centro '), kind: 'clinic', areas: 'psychosocial' } });
	assert.equal(clinic.status, 201, clinic.text);
	const lex = await loggedIn('lex');
	const { path, csrf } = await openCaseFromProfile(lex, p.id, 'legal');

	const page = await lex.get(path);
	assert.match(page.text, /<section id="referrals"><h2>Remisiones<\/h2>/);
	assert.match(page.text, /Aún no tiene remisiones\./);
	assert.match(page.text, /<summary>Remitir este caso<\/summary>/);
	const areas = page.text.match(/<select id="f-to_area"[^>]*>([^]*?)<\/select>/)[1];
	assert.doesNotMatch(areas, /value="legal"/, 'not to its own area');
	assert.match(areas, /<option value="psychosocial">Psicosocial<\/option>/);
	assert.match(page.text, /<optgroup label="Aliados de esta área \(Legal\)">|<optgroup label="Otros aliados">/);
	assert.ok(page.text.includes(clinic.json.id), 'the active partner is offered');
	assert.equal((page.text.match(/id="f-reason"/g) || []).length, 1, 'one field per id');

	// A partner without consent, and no reason: the form again, 400.
	const bad = await lex.post(`${path}/referrals`, { csrf, to_partner_id: clinic.json.id, ref_reason: '', urgency: 'routine' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /id="e-ref_consent"/);
	assert.match(bad.text, /Para remitir a un aliado, la persona debe dar su consentimiento para compartir sus datos\./);
	assert.match(bad.text, /id="e-ref_reason"/);
	assert.match(bad.text, /<details open class="refer">/);
	assert.equal((await lex.post(`${path}/referrals`, { to_area: 'psychosocial', ref_reason: 'x' })).status, 403, 'no CSRF token');

	const secret = 'Crisis de pánico durante la audiencia';
	const sent = await lex.post(`${path}/referrals`, { csrf, to_area: 'psychosocial', ref_reason: secret, urgency: 'urgent', shared: 'identity' });
	assert.equal(sent.status, 303, sent.text.slice(0, 300));
	const withIt = await lex.get(path);
	const m = withIt.text.match(/<a href="\/referrals\/([0-9a-f-]{36})">(R-\d{6})<\/a>/);
	assert.ok(m, 'the case lists its referral');
	const [, id, ref] = m;
	assert.match(withIt.text, /<span class="referral-status status-sent">Enviada<\/span>/);
	assert.match(withIt.text, /<span class="urgency-urgent">Urgente<\/span>/);

	// Psychosocial: the count in the navigation, the inbox, the page.
	const psy = await loggedIn('psy');
	const inbox = await psy.get('/referrals');
	assert.equal(inbox.status, 200);
	assert.match(inbox.text, /href="\/referrals" aria-current="page">Remisiones \(\d+\)</);
	assert.ok(inbox.text.includes(ref), 'in the psychosocial inbox');
	assert.match(inbox.text, /data-label="Hacia">Psicosocial</);
	const one = await psy.get(`/referrals/${id}`);
	assert.equal(one.status, 200);
	assert.ok(one.text.includes(secret), 'the receiving area reads the reason');
	assert.match(one.text, /Aceptar y abrir caso/);
	const pcsrf = csrfOf(one.text);
	const noWhy = await psy.post(`/referrals/${id}/decline`, { csrf: pcsrf, decline_note: ' ' });
	assert.equal(noWhy.status, 400);
	assert.match(noWhy.text, /id="e-decline_note"/);
	assert.match(noWhy.text, /Indique por qué se rechaza la remisión\./);
	const accepted = await psy.post(`/referrals/${id}/accept`, { csrf: pcsrf, accept_note: '', open_case: '1' });
	assert.equal(accepted.status, 303, accepted.text.slice(0, 300));
	const after = await psy.get(`/referrals/${id}`);
	assert.match(after.text, /status-accepted">Aceptada</);
	const received = after.text.match(/<a href="(\/cases\/[0-9a-f-]{36})" class="received-case">/);
	assert.ok(received, 'the page links the case opened in psychosocial');
	const newCase = await psy.get(received[1]);
	assert.match(newCase.text, /Psicosocial/);
	assert.ok(newCase.text.includes(ref), 'the new case lists the referral');
	const again = await psy.post(`/referrals/${id}/accept`, { csrf: pcsrf, open_case: '1' });
	assert.equal(again.status, 409, 'accepting twice');
	const filtered = await psy.get('/referrals?status=accepted');
	assert.ok(filtered.text.includes(ref));
	assert.ok(!(await psy.get('/referrals?status=sent')).text.includes(ref));

	// The legal case says it was accepted.
	assert.match((await lex.get(path)).text, /status-accepted">Aceptada</);
	assert.match((await lex.get(`${path}?lang=en`)).text, /status-accepted">Accepted</, 'in English, without its context');
	assert.ok((await lex.get('/referrals?view=sent')).text.includes(ref), 'in what lex sent');

	// The supervisor view counts overdue referrals per caseworker.
	const admin = await loggedIn('admin');
	const loads = await admin.get('/caseloads?area=legal');
	assert.equal(loads.status, 200);
	assert.match(loads.text, /<th scope="col" class="num">Remisiones vencidas<\/th>/);
	assert.match(loads.text, /data-label="Remisiones vencidas" class="num overdue-referrals zero">0</);

	// Livelihoods: it exists, but neither its reason nor the forms.
	const live = await loggedIn('live');
	const theirs = await live.get(`/referrals/${id}`);
	assert.equal(theirs.status, 200);
	assert.ok(!theirs.text.includes(secret), 'the reason of a legal referral stays out');
	assert.match(theirs.text, /Restringido/);
	assert.doesNotMatch(theirs.text, /action="\/referrals\/[^"]+\/(accept|decline|complete)"/);
	assert.equal((await live.post(`/referrals/${id}/complete`, { csrf: csrfOf(theirs.text) })).status, 403);
});
