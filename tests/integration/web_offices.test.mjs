// Offices and transfers from the pages, without JavaScript: the
// administrator's office list, a caseworker of the main office sends a
// case to Darién (refused without consent), Darién's caseworker sees it in
// "Traslados" and accepts it; the case page of another office is 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('administrators manage offices on /offices', opts, async () => {
	const admin = await loggedIn('admin');
	const page = await admin.get('/offices');
	assert.equal(page.status, 200);
	assert.match(page.text, /<h1>Oficinas<\/h1>/);
	assert.match(page.text, /<code>dar<\/code><\/td><td data-label="Nombre">Darién<\/td>/);
	const csrf = csrfOf(page.text);
	const bad = await admin.post('/offices', { csrf, id: 'x', name: '' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /id="e-id"/);
	assert.match(bad.text, /id="e-name"/);
	const code = uniqueWord('w').toLowerCase().slice(0, 10);
	assert.equal((await admin.post('/offices', { csrf, id: code, name: 'Colón' })).status, 303);
	assert.equal((await admin.post(`/offices/${code}`, { csrf, active: '0' })).status, 303);
	assert.match((await admin.get('/offices')).text, new RegExp(`<code>${code}</code></td><td data-label="Nombre">Colón</td><td data-label="Estado">Desactivada`));
	const psy = await loggedIn('psy');
	assert.doesNotMatch((await psy.get('/cases')).text, /href="\/offices"/, 'no link for caseworkers');
	assert.equal((await psy.post('/offices', { csrf: csrfOf((await psy.get('/offices')).text), id: 'qq', name: 'Q' })).status, 403);
});

test('send a case to Darién with consent; Darién accepts it from its inbox', opts, async () => {
	const p = await createPerson({ given_names: 'Dayana', surname1: uniqueWord('Zw') });
	const psy = await loggedIn('psy');
	const far = await loggedIn('far');
	let csrf = csrfOf((await psy.get(`/people/${p.id}`)).text);
	const opened = await psy.post('/cases', { csrf, person_id: p.id, area: 'psychosocial' });
	assert.equal(opened.status, 303);
	const path = opened.headers.get('location');

	const page = await psy.get(path);
	assert.match(page.text, /<h2>Oficina y traslados<\/h2>/);
	assert.match(page.text, /<strong class="case-office">Oficina principal<\/strong>/);
	assert.match(page.text, /Trasladar a otra oficina/);
	assert.match(page.text, /<option value="dar">Darién<\/option>/);
	assert.doesNotMatch(page.text, /<option value="main">/, 'not its own office');
	assert.equal((await far.get(path)).status, 404, 'another office\'s case page');

	const refused = await psy.post(`${path}/transfer`, { csrf, to_office: 'dar', transfer_reason: 'Se mudó', shared: 'summary' });
	assert.equal(refused.status, 400);
	assert.match(refused.text, /id="e-consent"/);
	assert.match(refused.text, /La persona debe aceptar el traslado/);
	const noReason = await psy.post(`${path}/transfer`, { csrf, to_office: 'dar', transfer_reason: '', consent: '1' });
	assert.equal(noReason.status, 400);
	assert.match(noReason.text, /id="e-transfer_reason"/);
	assert.match(page.text.match(/id="f-reason"/g).length === 1 ? 'ok' : 'dup', /ok/, 'one field per id');
	const sent = await psy.post(`${path}/transfer`, { csrf, to_office: 'dar', transfer_reason: 'Se mudó a Metetí', shared: 'summary', consent: '1' });
	assert.equal(sent.status, 303, sent.text.slice(0, 300));
	const tpath = sent.headers.get('location').replace(/\?.*$/, '');
	assert.match(tpath, /^\/transfers\/[0-9a-f-]{36}$/);
	const mine = await psy.get(tpath);
	assert.match(mine.text, /Esperando respuesta/);
	assert.doesNotMatch(mine.text, /Aceptar el caso/, 'the sender does not decide');
	assert.match(mine.text, /Retirar el traslado/, 'the sender may withdraw it');
	assert.match((await psy.get(path)).text, /Un traslado de este caso espera la respuesta de la otra oficina/);

	const inbox = await far.get('/transfers');
	assert.equal(inbox.status, 200);
	assert.match(inbox.text, /<h1>Traslados<\/h1>/);
	assert.ok(inbox.text.includes(`href="${tpath}"`), 'the transfer is in Darién\'s inbox');
	const view = await far.get(tpath);
	assert.match(view.text, /Lo que se envió/);
	assert.doesNotMatch(view.text, /Retirar el traslado/, 'the receiver does not withdraw');
	assert.match(view.text, new RegExp(`Dayana ${p.surname1}`));
	csrf = csrfOf(view.text);
	const noComment = await far.post(`${tpath}/decide`, { csrf, decision: 'reject', comment: '' });
	assert.equal(noComment.status, 400);
	assert.match(noComment.text, /id="e-comment"/);
	const accepted = await far.post(`${tpath}/decide`, { csrf, decision: 'accept', comment: '' });
	assert.equal(accepted.status, 303);
	const now = await far.get(path);
	assert.equal(now.status, 200);
	assert.match(now.text, /<strong class="case-office">Darién<\/strong>/);
	assert.match(now.text, /<td class="caseworker">Fabiola Darién<\/td>/);
	// The sender: no case, but the record of what it sent.
	assert.equal((await psy.get(path)).status, 404);
	const kept = await psy.get(tpath);
	assert.equal(kept.status, 200);
	assert.match(kept.text, /Aceptado/);
	assert.match(kept.text, /Lo que se envió/);
	assert.doesNotMatch(kept.text, /Retirar el traslado/, 'answered: nothing to withdraw');
});

test('the sending office withdraws a transfer from its page', opts, async () => {
	const p = await createPerson({ given_names: 'Nayeli', surname1: uniqueWord('Zw') });
	const psy = await loggedIn('psy');
	let csrf = csrfOf((await psy.get(`/people/${p.id}`)).text);
	const path = (await psy.post('/cases', { csrf, person_id: p.id, area: 'psychosocial' })).headers.get('location');
	const sent = await psy.post(`${path}/transfer`, { csrf, to_office: 'dar', transfer_reason: 'Se mudó', consent: '1' });
	const tpath = sent.headers.get('location').replace(/\?.*$/, '');
	const far = await loggedIn('far');
	const farView = await far.get(tpath);
	assert.equal((await far.post(`${tpath}/decide`, { csrf: csrfOf(farView.text), decision: 'cancel' })).status, 403);
	const withdrawn = await psy.post(`${tpath}/decide`, { csrf, decision: 'cancel' });
	assert.equal(withdrawn.status, 303);
	assert.match((await psy.get(tpath)).text, /Retirado por la oficina que lo envió/);
	assert.match((await psy.get(path)).text, /Trasladar a otra oficina/, 'the case may be sent again');
});

test('a user of several offices (here the administrator) chooses the case\'s office', opts, async () => {
	const p = await createPerson({ given_names: 'Keila', surname1: uniqueWord('Zw') });
	const admin = await loggedIn('admin');
	const profile = await admin.get(`/people/${p.id}`);
	assert.match(profile.text, /<select id="f-office" name="office"><option value="dar">Darién<\/option><option value="main" selected>Oficina principal<\/option>/);
	const psy = await loggedIn('psy');
	assert.doesNotMatch((await psy.get(`/people/${p.id}`)).text, /name="office"/, 'one office: nothing to choose');
	const csrf = csrfOf(profile.text);
	const opened = await admin.post('/cases', { csrf, person_id: p.id, area: 'legal', office: 'dar' });
	assert.equal(opened.status, 303);
	const path = opened.headers.get('location');
	assert.match((await admin.get(path)).text, /<strong class="case-office">Darién<\/strong>/);
	assert.equal((await psy.get(path)).status, 404, 'the main office does not see it');
	const far = await loggedIn('far');
	assert.equal((await far.get(path)).status, 200, 'Darién does');
	const cases = await admin.get('/cases?who=all&office=dar');
	assert.ok(cases.text.includes(path), 'the caseload filters by office');
	assert.ok(!(await admin.get('/cases?who=all&office=main')).text.includes(path));
});
