// Need-to-know access (issue 7, docs/access.md): the area alone opens no
// psychosocial note nor assessment, the grant does; a torture flag is
// seen with its grant only and restricts the notes it covers; the case's
// own caseworker keeps reading; grants are set by `amparo user modify`.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { amparo, api, assertApiError, createPerson, DB, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

async function grant(user, list) {
	const r = await amparo(['user', 'modify', user, '--db', DB, '--grants', list]);
	assert.equal(r.code, 0, r.stderr);
}

test('access: a psychosocial note and assessment need the mental_health grant, not the area', opts, async () => {
	const [psy, nogrant, sup] = await Promise.all(['psy', 'nogrant', 'sup'].map(tokenFor));
	const p = await createPerson({ given_names: 'Marta', surname1: uniqueWord('Zg') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	const note = 'Refiere pesadillas desde el cruce de la selva';
	const s = await ok(`/api/v1/cases/${k.id}/services`, { method: 'POST', body: { type: 'emotional_support', date: '2026-02-10', notes: note }, token: psy });
	assert.equal((await post(`/api/v1/cases/${k.id}/assessments`, { instrument: 'gad7', answers: [1, 1, 1, 0, 0, 0, 0] }, psy)).status, 201);

	await grant('nogrant', '');
	// Same area, no grant: the case and that a note exists, not the note.
	const list = await ok(`/api/v1/cases/${k.id}/services`, { token: nogrant });
	assert.equal(list.items[0].notes, null);
	assert.equal(list.items[0].notes_restricted, true);
	assert.ok(!JSON.stringify(list).includes(note));
	assertApiError(await api(`/api/v1/cases/${k.id}/services/${s.id}`, { token: nogrant }), 403, 'a psychosocial note without the grant');
	assertApiError(await api(`/api/v1/cases/${k.id}/assessments`, { token: nogrant }), 403, 'assessments without the grant');
	// The supervisor holds it; so does the case's own caseworker.
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: sup })).notes, note);
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: psy })).notes, note);

	// Her own psychosocial case: she reads its notes without a grant.
	const q = await createPerson({ given_names: 'Elsa', surname1: uniqueWord('Zg') });
	const own = await ok('/api/v1/cases', { method: 'POST', body: { person_id: q.id, area: 'psychosocial' }, token: nogrant });
	const s2 = await ok(`/api/v1/cases/${own.id}/services`, { method: 'POST', body: { type: 'emotional_support', date: '2026-02-11', notes: 'Primera sesión' }, token: nogrant });
	assert.equal((await ok(`/api/v1/cases/${own.id}/services/${s2.id}`, { token: nogrant })).notes, 'Primera sesión');

	// Given the grant, at once (the next request), she reads the other note.
	await grant('nogrant', 'mental_health');
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: nogrant })).notes, note);
	assert.equal((await ok(`/api/v1/cases/${k.id}/assessments`, { token: nogrant })).total, 1);
	await grant('nogrant', '');
	assertApiError(await api(`/api/v1/cases/${k.id}/services/${s.id}`, { token: nogrant }), 403, 'the grant taken back');
});

test('access: a torture flag is seen with the torture grant and restricts the case notes', opts, async () => {
	const [lex, live, psy, com] = await Promise.all(['lex', 'live', 'psy', 'com'].map(tokenFor));
	const p = await createPerson({ given_names: 'Óscar', surname1: uniqueWord('Zt') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live });
	const note = 'Prefiere trabajos sin atención al público';
	const s = await ok(`/api/v1/cases/${k.id}/services`, { method: 'POST', body: { type: 'career_counselling', date: '2026-02-10', notes: note }, token: live });
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: com })).notes, note);

	const reason = 'Relata torturas durante su detención';
	const r = await post(`/api/v1/people/${p.id}/flags`, { type: 'torture_survivor', reason }, lex);
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.type_label, 'Sobreviviente de tortura');
	const seen = async (token) => (await ok(`/api/v1/people/${p.id}/flags`, { token })).items.map((f) => f.type);
	assert.deepEqual(await seen(lex), ['torture_survivor']);
	assert.deepEqual(await seen(psy), [], 'mental health and SGBV grants do not show a torture flag');
	assert.deepEqual(await seen(live), [], 'the livelihoods caseworker has no torture grant');
	const byCom = await api(`/api/v1/people/${p.id}/flags`, { token: com });
	assert.ok(!byCom.text.includes(reason));
	// The flag restricts the livelihoods notes: its caseworker still reads them.
	assertApiError(await api(`/api/v1/cases/${k.id}/services/${s.id}`, { token: com }), 403, 'a note under a torture flag');
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: live })).notes, note);
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: lex })).notes, note);
});

test('access: user add and modify take --grants, checked and listed', opts, async () => {
	const name = 'gr' + Date.now().toString(36);
	let r = await amparo(['user', 'add', name, '--db', DB, '--role', 'caseworker', '--grants', 'sgbv,psychic'], { AMPARO_PASSWORD: 'a-long-password-1' });
	assert.equal(r.code, 2);
	assert.match(r.stderr, /grants/);
	r = await amparo(['user', 'list', '--db', DB]);
	assert.ok(!r.stdout.split('\n').some((l) => l.startsWith(name + ' ')), 'a bad grant adds no user');
	r = await amparo(['user', 'add', name, '--db', DB, '--role', 'caseworker', '--grants', 'torture,sgbv'], { AMPARO_PASSWORD: 'a-long-password-1' });
	assert.equal(r.code, 0, r.stderr);
	r = await amparo(['user', 'list', '--db', DB]);
	assert.match(r.stdout.split('\n').find((l) => l.startsWith(name + ' ')), /\ssgbv,torture\s+active$/);
	r = await amparo(['user', 'modify', name, '--db', DB, '--grants', '']);
	assert.equal(r.code, 0, r.stderr);
	r = await amparo(['user', 'list', '--db', DB]);
	assert.match(r.stdout.split('\n').find((l) => l.startsWith(name + ' ')), /\s-\s+active$/);
});

test('access: a manager sees cases and caseloads by reference, no name, note nor flag', opts, async () => {
	const [live, boss] = await Promise.all(['live', 'boss'].map(tokenFor));
	const surname = uniqueWord('Zm');
	const p = await createPerson({ given_names: 'Leonor', surname1: surname, phone: '+507 6123-4567' });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live });
	const note = 'Busca empleo de cocinera en el Casco';
	const s = await ok(`/api/v1/cases/${k.id}/services`, { method: 'POST', body: { type: 'career_counselling', date: '2026-02-10', notes: note }, token: live });
	await ok(`/api/v1/people/${p.id}/flags`, { method: 'POST', body: { type: 'no_phone_contact', reason: 'Su pareja revisa el teléfono' }, token: live });

	// The case and its services, with the note withheld.
	const got = await ok(`/api/v1/cases/${k.ref}`, { token: boss });
	assert.equal(got.id, k.id);
	assert.deepEqual(got.flags, [], 'a flag reason is a narrative');
	const list = await ok(`/api/v1/cases/${k.id}/services`, { token: boss });
	assert.equal(list.items[0].notes, null);
	assert.equal(list.items[0].notes_restricted, true);
	assertApiError(await api(`/api/v1/cases/${k.id}/services/${s.id}`, { token: boss }), 403, 'a note');
	assert.ok((await ok('/api/v1/cases?area=livelihoods', { token: boss })).total >= 1);
	// No registry: the person, the search and households are refused.
	assertApiError(await api(`/api/v1/people/${p.id}`, { token: boss }), 403, 'a person');
	assertApiError(await api(`/api/v1/people?q=${surname}`, { token: boss }), 403, 'a search');

	// The case page names the person by reference only.
	const b = await loggedIn('boss');
	const page = await b.get(`/cases/${k.ref}`);
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(p.ref), 'the reference is shown');
	assert.ok(!page.text.includes(surname), 'the surname is not');
	assert.ok(!page.text.includes('6123'), 'nor the phone');
	assert.ok(!page.text.includes(note));
	// Caseloads: the counts.
	const loads = await b.get('/caseloads');
	assert.equal(loads.status, 200);
	assert.match(loads.text, /Luis Livelihoods/);
	assert.ok(!loads.text.includes(surname));
});

const inDays = (n) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

test('access: an explicit share opens one case to a named user, read-only or to work on, until revoked', opts, async () => {
	const [live, far, com, psy, nogrant] = await Promise.all(['live', 'far', 'com', 'psy', 'nogrant'].map(tokenFor));
	const p = await createPerson({ given_names: 'Dilia', surname1: uniqueWord('Zh') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live });
	const note = 'Entrevista en el supermercado el lunes';
	const s = await ok(`/api/v1/cases/${k.id}/services`, { method: 'POST', body: { type: 'career_counselling', date: '2026-02-10', notes: note }, token: live });
	// Darién's caseworker does not know the capital's case exists.
	assertApiError(await api(`/api/v1/cases/${k.id}`, { token: far }), 404, 'another office');

	const bad = await post(`/api/v1/cases/${k.id}/shares`, { user: 'nadie-' + Date.now(), mode: 'maybe', expires_on: '2020-01-01' }, live);
	assert.equal(bad.status, 400, bad.text);
	assert.deepEqual(Object.keys(bad.json.error.fields).sort(), ['expires_on', 'mode', 'user']);
	assertApiError(await post(`/api/v1/cases/${k.id}/shares`, { user: 'far', mode: 'read', expires_on: inDays(400) }, live), 400, 'over a year');
	assertApiError(await post(`/api/v1/cases/${k.id}/shares`, { user: 'far', mode: 'read', expires_on: inDays(5) }, com), 403, 'not the caseworker');
	assertApiError(await post(`/api/v1/cases/${k.id}/shares`, { user: 'boss', mode: 'read', expires_on: inDays(5) }, live), 400, 'the reduced view');

	const sh = await post(`/api/v1/cases/${k.id}/shares`, { user: 'far', mode: 'read', expires_on: inDays(30) }, live);
	assert.equal(sh.status, 201, sh.text);
	assert.equal(sh.json.mode, 'read');
	assert.equal(sh.json.active, true);
	assertApiError(await post(`/api/v1/cases/${k.id}/shares`, { user: 'far', mode: 'write', expires_on: inDays(30) }, live), 409, 'shared twice');
	// Now far opens it and reads the note, and may not work on it.
	assert.equal((await ok(`/api/v1/cases/${k.id}`, { token: far })).id, k.id);
	assert.equal((await ok(`/api/v1/cases/${k.id}/services/${s.id}`, { token: far })).notes, note);
	assertApiError(await post(`/api/v1/cases/${k.id}/services`, { type: 'career_counselling', date: '2026-02-11' }, far), 403, 'a read-only share');
	assertApiError(await api(`/api/v1/cases/${k.id}/shares`, { token: far }), 403, 'the shared user does not manage shares');
	const listed = await ok(`/api/v1/cases/${k.id}/shares`, { token: live });
	assert.equal(listed.items.length, 1);
	// The case's activity names the share (fields only).
	const b = await loggedIn('live');
	const page = await b.get(`/cases/${k.id}`);
	assert.match(page.text, /id="shares"/);
	assert.match(page.text, /Fabiola Darién/);
	assert.ok(!(await (await loggedIn('com')).get(`/cases/${k.id}`)).text.includes('id="shares"'));

	const rv = await post(`/api/v1/cases/${k.id}/shares/${sh.json.id}/revoke`, {}, live);
	assert.equal(rv.status, 200, rv.text);
	assertApiError(await api(`/api/v1/cases/${k.id}`, { token: far }), 404, 'revoked');
	assertApiError(await post(`/api/v1/cases/${k.id}/shares/${sh.json.id}/revoke`, {}, live), 409, 'revoked twice');

	// A write share on a psychosocial case: notes without the grant, and work.
	await grant('nogrant', '');
	const q = await createPerson({ given_names: 'Irma', surname1: uniqueWord('Zh') });
	const pk = await ok('/api/v1/cases', { method: 'POST', body: { person_id: q.id, area: 'psychosocial' }, token: psy });
	const ps = await ok(`/api/v1/cases/${pk.id}/services`, { method: 'POST', body: { type: 'emotional_support', date: '2026-02-10', notes: 'Duelo por su hermano' }, token: psy });
	assertApiError(await api(`/api/v1/cases/${pk.id}/services/${ps.id}`, { token: nogrant }), 403, 'before the share');
	assert.equal((await post(`/api/v1/cases/${pk.id}/shares`, { user: 'nogrant', mode: 'write', expires_on: inDays(7) }, psy)).status, 201);
	assert.equal((await ok(`/api/v1/cases/${pk.id}/services/${ps.id}`, { token: nogrant })).notes, 'Duelo por su hermano');
	assert.equal((await post(`/api/v1/cases/${pk.id}/services`, { type: 'emotional_support', date: '2026-02-12' }, nogrant)).status, 201);
});

// Views are written by the server's queue within milliseconds: ask again
// for a few seconds.
async function auditUntil(args, want) {
	let r;
	for (let i = 0; i < 30; i++) {
		r = await amparo(args);
		if (r.code === 0 && want(r.stdout))
			return r;
		await new Promise((ok) => setTimeout(ok, 200));
	}
	assert.fail(`amparo ${args.join(' ')}: ${r.code} ${r.stdout} ${r.stderr}`);
}

test('access: who-saw lists the people an account viewed; refusals are audited', opts, async () => {
	const [live, com, reader] = await Promise.all(['live', 'com', 'reader'].map(tokenFor));
	const today = new Date().toISOString().slice(0, 10);
	const surname = uniqueWord('Zw');
	const p = await createPerson({ given_names: 'Zoila', surname1: surname });
	const q = await createPerson({ given_names: 'Ramiro', surname1: uniqueWord('Zw') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: q.id, area: 'livelihoods' }, token: live });
	await ok(`/api/v1/people/${p.id}`, { token: reader });
	await ok(`/api/v1/cases/${k.ref}`, { token: reader });

	const r = await auditUntil(['audit', 'who-saw', '--db', DB, '--since', today, '--user', 'reader'],
		(out) => out.includes(p.ref) && out.includes(q.ref));
	const line = r.stdout.split('\n').find((l) => l.startsWith(p.ref + '\t'));
	assert.match(line, new RegExp(`^${p.ref}\\tZoila ${surname}\\t1\\t`));
	assert.ok(!r.stdout.includes('\t0\t'));
	// Another account saw neither; a bad date and an unknown user are refused.
	assert.ok(!(await amparo(['audit', 'who-saw', '--db', DB, '--since', today, '--user', 'ethics'])).stdout.includes(p.ref));
	const bad = await amparo(['audit', 'who-saw', '--db', DB, '--since', '28/11/2026', '--user', 'reader']);
	assert.equal(bad.code, 2);
	assert.match(bad.stderr, /since/);
	assert.equal((await amparo(['audit', 'who-saw', '--db', DB, '--since', today, '--user', 'nobody-here'])).code, 2);

	// A refusal (403, and 404 on a hidden record) is recorded with the
	// route and the record's id, never more.
	const psy = await tokenFor('psy');
	const pk = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	const s = await ok(`/api/v1/cases/${pk.id}/services`, { method: 'POST', body: { type: 'emotional_support', date: '2026-02-10', notes: 'x' }, token: psy });
	assertApiError(await api(`/api/v1/cases/${pk.id}/services/${s.id}`, { token: com }), 403, 'a psychosocial note');
	assertApiError(await api(`/api/v1/cases/${pk.id}/services/${s.id}`, { token: await tokenFor('far') }), 404, 'another office');
	const d = await auditUntil(['audit', 'denied', '--db', DB, '--since', today, '--user', 'com'],
		(out) => out.includes(pk.id));
	assert.match(d.stdout, new RegExp(`\\tGET /api/v1/cases/:id/services/:sid\\t${pk.id}\\n`));
	await auditUntil(['audit', 'denied', '--db', DB, '--since', today, '--user', 'far'], (out) => out.includes(pk.id));
	// The chain stays intact.
	assert.equal((await amparo(['audit', 'verify', '--db', DB])).code, 0);
});

test('access: viewing more records than the setting within its minutes alerts the administrators', opts, async () => {
	const lex = await tokenFor('lex');
	const people = await Promise.all([0, 1, 2, 3, 4, 5].map(() => createPerson({ given_names: 'Bulk', surname1: uniqueWord('Zb') })));
	assert.equal((await api('/api/v1/settings', { method: 'PATCH', body: { bulk_view_records: 5, bulk_view_minutes: 30 } })).status, 200);
	try {
		// The view writer reads the settings again within 5 s.
		await new Promise((ok) => setTimeout(ok, 5500));
		for (const p of people)
			await ok(`/api/v1/people/${p.id}`, { token: lex });
		const admin = await loggedIn('admin');
		let page;
		for (let i = 0; i < 30; i++) {
			page = await admin.get('/access-alerts');
			if (page.text.includes('Lorena Legal'))
				break;
			await new Promise((ok) => setTimeout(ok, 200));
		}
		assert.equal(page.status, 200);
		assert.match(page.text, /Lorena Legal/);
		assert.match(page.text, /6 en 30 minutos/);
		assert.match(page.text, /href="\/access-alerts"/, 'the administrators\' menu links it');
		// Others may not read the alerts.
		assert.equal((await (await loggedIn('lex')).get('/access-alerts')).status, 403);
	} finally {
		await api('/api/v1/settings', { method: 'PATCH', body: { bulk_view_records: 50, bulk_view_minutes: 10 } });
	}
});

test('access: one export of more people than the setting alerts at once; who-saw lists them', opts, async () => {
	const [cash, sup, payer] = await Promise.all(['cash', 'sup', 'payer'].map(tokenFor));
	const p = await ok('/api/v1/programmes', {
		method: 'POST',
		body: { name: uniqueWord('Alerta '), kind: 'multipurpose_cash', donor: 'ACNUR', budget_cents: 100000,
			currency: 'USD', cap_cents: 15000, period: 'month' },
	});
	const heads = [];
	for (let i = 0; i < 6; i++) {
		const head = await createPerson({ given_names: 'Exportada', surname1: uniqueWord('Ze') });
		heads.push(head);
		const hh = await ok('/api/v1/households', { method: 'POST', body: { head_id: head.id } });
		const rq = await ok('/api/v1/assistance', { method: 'POST', token: cash, body: { household_id: hh.id, programme_id: p.id, amount_cents: 1000, reason: 'Alquiler' } });
		await ok(`/api/v1/assistance/${rq.id}/approve`, { method: 'POST', token: sup, body: {} });
	}
	const ag = await ok('/api/v1/sharing-agreements', { method: 'POST', body: { recipient: 'Banco del Istmo', purpose: 'Pagos de asistencia', fields: ['identity', 'contact', 'payment'], legal_basis: 'contract', starts_on: '2020-01-01', expires_on: '2099-12-31', signed_by: 'Directora' } });
	assert.equal((await api('/api/v1/settings', { method: 'PATCH', body: { bulk_view_records: 5, bulk_view_minutes: 30 } })).status, 200);
	try {
		await new Promise((ok) => setTimeout(ok, 5500));
		// One request, no view at all: six people leave in one file.
		const l = await api(`/api/v1/programmes/${p.id}/payments?format=csv&agreement=${ag.id}`, { token: payer });
		assert.equal(l.status, 200, l.text);
		const admin = await loggedIn('admin');
		let page;
		for (let i = 0; i < 30; i++) {
			page = await admin.get('/access-alerts');
			if (page.text.includes('Pablo Pagos'))
				break;
			await new Promise((ok) => setTimeout(ok, 200));
		}
		assert.match(page.text, /Pablo Pagos/);
		assert.match(page.text, /6 en 30 minutos/);
	} finally {
		await api('/api/v1/settings', { method: 'PATCH', body: { bulk_view_records: 50, bulk_view_minutes: 10 } });
	}
	const today = new Date().toISOString().slice(0, 10);
	const r = await auditUntil(['audit', 'who-saw', '--db', DB, '--since', today, '--user', 'payer'],
		(out) => heads.every((h) => out.includes(h.ref)));
	for (const h of heads)
		assert.match(r.stdout, new RegExp(`^${h.ref}\\tExportada ${h.surname1}\\t1\\t`, 'm'));
});

test('access: lists, counts and searches of another office never show its case', opts, async () => {
	const [live, far] = await Promise.all(['live', 'far'].map(tokenFor));
	const p = await createPerson({ given_names: 'Lista', surname1: uniqueWord('Zl') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live });
	const day = inDays(1);
	const rf = await post('/api/v1/referrals', { case_id: k.id, to_area: 'psychosocial', reason: 'Ansiedad' }, live);
	assert.equal(rf.status, 201, rf.text);
	for (const path of ['/api/v1/cases?limit=500', `/api/v1/cases?person_id=${p.id}`, '/api/v1/referrals?limit=500',
		'/api/v1/referrals?direction=incoming&limit=500', `/api/v1/appointments?from=${day}&to=${day}&limit=500`, '/api/v1/approvals', '/api/v1/transfers']) {
		const r = await api(path, { token: far });
		assert.ok([200, 400, 403, 404].includes(r.status), `${path}: ${r.status}`);
		assert.ok(!r.text.includes(k.id) && !r.text.includes(k.ref), `${path} shows another office's case`);
	}
	const b = await loggedIn('far');
	for (const path of ['/cases', '/cases?who=all', '/today', '/referrals', `/people/${p.id}`])
		assert.ok(!(await b.get(path)).text.includes(k.ref), `${path} shows another office's case`);
});

test('access: a goal\'s details need the grants of the case notes; who may not read them keeps them unchanged', opts, async () => {
	const [psy, nogrant, boss, sup] = await Promise.all(['psy', 'nogrant', 'boss', 'sup'].map(tokenFor));
	await grant('nogrant', '');
	const p = await createPerson({ given_names: 'Iris', surname1: uniqueWord('Zd') });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	const details = `Trabajar el duelo por su hermano ${uniqueWord('Kmeta')}`;
	const g = await ok(`/api/v1/cases/${k.id}/goals`, { method: 'POST', body: { title: 'Duelo', details }, token: psy });
	for (const token of [nogrant, boss]) {
		const list = await api(`/api/v1/cases/${k.id}/goals`, { token });
		assert.equal(list.status, 200, list.text);
		assert.ok(!list.text.includes(details), 'a psychosocial goal\'s details without the grant');
		assert.equal(list.json.items[0].title, 'Duelo', 'the plan itself stays readable');
		assert.equal(list.json.items[0].details, null);
		assert.equal(list.json.items[0].details_restricted, true);
	}
	const page = await (await loggedIn('nogrant')).get(`/cases/${k.id}`);
	assert.ok(!page.text.includes(details) && page.text.includes('Detalle restringido'), 'the case page withholds them');
	// She works on psychosocial cases: she changes the status, not the details she cannot read.
	const changed = await api(`/api/v1/cases/${k.id}/goals/${g.id}`, { method: 'PATCH', body: { status: 'in_progress' }, token: nogrant });
	assert.equal(changed.status, 200, changed.text);
	assert.equal(changed.json.details, null);
	assertApiError(await api(`/api/v1/cases/${k.id}/goals/${g.id}`, { method: 'PATCH', body: { details: '' }, token: nogrant }), 400, 'clearing unseen details');
	const kept = (await ok(`/api/v1/cases/${k.id}/goals`, { token: sup })).items[0];
	assert.deepEqual([kept.status, kept.details, kept.details_restricted], ['in_progress', details, false]);
});
