// Data-subject requests through the API and the pages (issue 7,
// docs/data-rights.md): the data-protection officer registers a request,
// its due date counts business days over Panama's holidays, an old one
// shows as overdue, a refusal needs a reason, a rectification closes on
// the person's edit; caseworkers may not.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { amparo, api, assertApiError, createPerson, csrfOf, DB, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });

test('datarequests: register, deadline, overdue, refuse and rectify through the API', opts, async () => {
	const [dpo, clerk] = await Promise.all(['dpo', 'clerk'].map(tokenFor));
	const p = await createPerson({ given_names: 'Yuleisy', surname1: uniqueWord('Zd') });

	// Received on Monday 2 November 2026: the 3rd, 5th and 10th are holidays.
	const r = await post('/api/v1/data-requests', { person_id: p.ref, kind: 'access', channel: 'email', received_on: '2026-11-02', details: 'Quiere copia de su expediente' }, dpo);
	assert.equal(r.status, 201, r.text);
	const a = r.json;
	assert.equal(a.person_id, p.id);
	assert.equal(a.due_on, '2026-11-19');
	assert.equal(a.status, 'open');
	assert.equal(a.kind_label, 'Acceso');
	assert.match(a.ref, /^D-\d{6}$/);

	const old = (await post('/api/v1/data-requests', { person_id: p.id, kind: 'rectification', channel: 'in_person', received_on: '2025-01-06' }, dpo)).json;
	assert.equal(old.overdue, true);
	const overdue = await api(`/api/v1/data-requests?overdue=true&person_id=${p.id}`, { token: dpo });
	assert.ok(overdue.json.items.some((d) => d.id === old.id));
	assert.ok(overdue.json.items.every((d) => d.overdue && d.status === 'open'));
	const mine = await api(`/api/v1/data-requests?person_id=${p.ref}`, { token: dpo });
	assert.equal(mine.json.total, 2);

	// Bad input names the field; other roles are refused.
	assertApiError(await post('/api/v1/data-requests', { person_id: p.id, kind: 'olvido', channel: 'email' }, dpo), 400, 'an unknown kind');
	assertApiError(await post('/api/v1/data-requests', { person_id: p.id, kind: 'access', channel: 'email', received_on: '2999-01-01' }, dpo), 400, 'a future date');
	assertApiError(await post('/api/v1/data-requests', { person_id: 'P-999999', kind: 'access', channel: 'email' }, dpo), 400, 'an unknown person');
	assertApiError(await post('/api/v1/data-requests', { person_id: p.id, kind: 'access', channel: 'email', extra: 1 }, dpo), 400, 'an unknown key');
	assertApiError(await post('/api/v1/data-requests', { person_id: p.id, kind: 'access', channel: 'email' }, clerk), 403, 'a caseworker');
	assertApiError(await api('/api/v1/data-requests', { token: clerk }), 403, 'a caseworker listing');
	assertApiError(await api('/api/v1/data-requests?status=maybe', { token: dpo }), 400, 'a bad status');

	// A refusal needs its reason; closing twice conflicts.
	assertApiError(await post(`/api/v1/data-requests/${a.id}/close`, { status: 'refused' }, dpo), 400, 'a refusal without a note');
	const refused = await post(`/api/v1/data-requests/${a.ref}/close`, { status: 'refused', outcome_note: 'No acreditó su identidad' }, dpo);
	assert.equal(refused.status, 200, refused.text);
	assert.equal(refused.json.status, 'refused');
	assertApiError(await post(`/api/v1/data-requests/${a.id}/close`, { status: 'done' }, dpo), 409, 'closing twice');

	// The rectification closes on the person's edit (its audit event).
	const upd = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', body: { phone: '6123-4567' } });
	assert.equal(upd.status, 200, upd.text);
	const hist = await api(`/api/v1/people/${p.id}/history`);
	const edit = hist.json.items.find((e) => e.action === 'update');
	assert.ok(edit, 'the edit is in the history');
	const done = await post(`/api/v1/data-requests/${old.id}/close`, { status: 'done', rectified_event: Number(edit.seq) }, dpo);
	assert.equal(done.status, 200, done.text);
	assert.equal(String(done.json.rectified_event), String(edit.seq));
	assert.equal(done.json.overdue, false);
});

test('datarequests: the page lists requests and the history tab registers one', opts, async () => {
	const p = await createPerson({ given_names: 'Marleny', surname1: uniqueWord('Zd') });
	const b = await loggedIn('dpo');
	const front = await b.get(`/people/${p.id}`);
	assert.equal(front.status, 200);
	assert.doesNotMatch(front.text, /Derechos de protección de datos/, 'not on the profile itself');
	assert.ok(front.text.includes(`<a href="/people/${p.id}/history">Historial</a>`), 'the History tab');
	const profile = await b.get(`/people/${p.id}/history`);
	assert.equal(profile.status, 200);
	assert.match(profile.text, /<a href="\/people\/[^"]+\/history" aria-current="page">Historial<\/a>/);
	assert.match(profile.text, /Actividad del registro/);
	assert.match(profile.text, /Derechos de protección de datos/);
	// The change history numbers the registration for a rectification.
	assert.match(profile.text, /Historial de cambios/);
	assert.match(profile.text, /<tr><td data-label="N\.º">\d+<\/td><td data-label="Cuándo">[^<]+<\/td><td data-label="Quién">[^<]*<\/td><td data-label="Qué">Registro creado<\/td>/);
	const csrf = csrfOf(profile.text);
	const bad = await b.post(`/people/${p.id}/data-requests`, { csrf, kind: '', channel: 'phone', received_on: '' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /aria-invalid/);
	const ok = await b.post(`/people/${p.id}/data-requests`, { csrf, kind: 'portability', channel: 'phone', received_on: '06/01/2025', details: 'Pide sus datos para llevarlos a otra organización' });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	const list = await b.get('/data-requests?overdue=1');
	assert.equal(list.status, 200);
	assert.match(list.text, /Solicitudes de derechos/);
	assert.ok(list.text.includes(p.ref), 'the overdue request is listed with its person');
	assert.match(list.text, /Vencida/);
	// The readable PDF of the record, audited as an export.
	const pdf = await b.request(`/people/${p.id}/export.pdf`, { method: 'GET' });
	assert.equal(pdf.status, 200);
	assert.equal(pdf.headers.get('content-type'), 'application/pdf');
	assert.match(pdf.headers.get('content-disposition'), new RegExp(`filename="amparo-${p.ref}.pdf"`));
	assert.ok(pdf.text.startsWith('%PDF-'), 'a PDF document');
	assert.ok(pdf.text.length > 2000, 'with its pages');
	const hist = await api(`/api/v1/people/${p.id}/history`);
	assert.ok(hist.json.items.some((e) => e.action === 'export' && e.fields === 'pdf'), 'the PDF export is audited');
	// A caseworker sees neither the page nor the section.
	const clerk = await loggedIn('clerk');
	assert.equal((await clerk.get('/data-requests')).status, 403);
	assert.equal((await clerk.get(`/people/${p.id}/export.pdf`)).status, 403);
	const clerkHistory = await clerk.get(`/people/${p.id}/history`);
	assert.equal(clerkHistory.status, 200, 'the record\'s activity is not secret to its readers');
	assert.doesNotMatch(clerkHistory.text, /Derechos de protección de datos/);
});

test('datarequests: the complete record as JSON, audited as an export', opts, async () => {
	const [dpo, clerk, psy] = await Promise.all(['dpo', 'clerk', 'psy'].map(tokenFor));
	const p = await createPerson({ given_names: 'Rosaura', surname1: uniqueWord('Zx'), phone: '6000-1122' });
	const k = (await post('/api/v1/cases', { person_id: p.id, area: 'psychosocial' }, psy)).json;
	assert.ok(k.id, 'case opened');
	await post(`/api/v1/people/${p.id}/flags`, { type: 'no_phone_contact', reason: 'Prefiere visitas' }, psy);

	const r = await api(`/api/v1/people/${p.ref}/export`, { token: dpo });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.match(r.headers.get('content-disposition'), new RegExp(`attachment; filename="amparo-${p.ref}.json"`));
	const x = r.json;
	assert.equal(x.format, 'amparo-person-export');
	assert.equal(x.person_id, p.id);
	assert.equal(x.sections.people[0].phone, '6000-1122');
	assert.deepEqual(x.sections.cases.map((c) => c.id), [k.id]);
	assert.equal(x.sections.flags.length, 1);
	for (const t of ['services', 'referrals', 'assistance_requests', 'asylum_stages', 'match_pairs', 'merges', 'audit_events'])
		assert.ok(Array.isArray(x.sections[t]), `section ${t}`);
	assert.ok(x.sections.audit_events.some((e) => e.action === 'create'), 'the registration is in the audit section');

	assertApiError(await api(`/api/v1/people/${p.id}/export`, { token: clerk }), 403, 'a caseworker exporting');
	assertApiError(await api('/api/v1/people/P-999999/export', { token: dpo }), 404, 'an unknown person');
	const hist = await api(`/api/v1/people/${p.id}/history`);
	assert.ok(hist.json.items.some((e) => e.action === 'export' && e.fields === 'json'), 'the export is audited');
});

test('datarequests: anonymising a person keeps their records and erases who they are', opts, async () => {
	const [sup, psy, clerk] = await Promise.all(['sup', 'psy', 'clerk'].map(tokenFor));
	const name = uniqueWord('Zan');
	const p = await createPerson({ given_names: 'Yamileth', surname1: name, phone: '6555-0101', sex: 'female', nationality: 'COL' });
	const k = (await post('/api/v1/cases', { person_id: p.id, area: 'psychosocial' }, psy)).json;
	await post(`/api/v1/cases/${k.id}/services`, { type: 'emotional_support', date: '2026-02-10', notes: `Sesión con ${name} sobre su hermana` }, psy);
	assert.equal((await api(`/api/v1/people?q=${name}`)).json.total, 1);

	assertApiError(await post(`/api/v1/people/${p.id}/anonymise`, { reason: 'x' }, clerk), 403, 'a caseworker');
	assertApiError(await post(`/api/v1/people/${p.id}/anonymise`, {}, sup), 400, 'no reason');
	const r = await post(`/api/v1/people/${p.ref}/anonymise`, { reason: 'Solicitud de cancelación' }, sup);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.anonymised, true);
	assert.equal(r.json.phone, null);
	assert.equal(r.json.sex, 'female');
	assert.equal(r.json.nationality, 'COL');
	assertApiError(await post(`/api/v1/people/${p.id}/anonymise`, { reason: 'otra vez' }, sup), 409, 'twice');

	assert.equal((await api(`/api/v1/people?q=${name}`)).json.total, 0, 'the old name finds nobody');
	const services = await api(`/api/v1/cases/${k.id}/services`, { token: psy });
	assert.equal(services.json.items.length, 1, 'the service is still counted');
	assert.ok(!services.text.includes(name), 'the note no longer names the person');
	const b = await loggedIn('sup');
	const page = await b.get(`/people/${p.id}`);
	assert.match(page.text, /Persona anonimizada/);
	assert.ok(!page.text.includes(name));
});

test('datarequests: amparo retention run --dry-run lists who the rules name and changes nothing', opts, async () => {
	const off = await amparo(['retention', 'run', '--dry-run', '--db', DB]);
	assert.equal(off.code, 0, off.stderr);
	assert.match(off.stderr, /0 due, 0 anonymised \(dry run\)/, 'rules are off by default');
	const p = await createPerson({ given_names: 'Eulalia', surname1: uniqueWord('Zr') });
	const set = await api('/api/v1/settings', { method: 'PATCH', body: { retention_inactive_years: '1' } });
	assert.equal(set.status, 200, set.text);
	try {
		const r = await amparo(['retention', 'run', '--dry-run', '--now', '2100-01-01T08:00:00Z', '--db', DB]);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`^${p.ref}\tinactive\t.*\twould be anonymised$`, 'm'));
		assert.match(r.stderr, /anonymised \(dry run\)/);
		const still = await api(`/api/v1/people/${p.id}`);
		assert.equal(still.json.given_names, 'Eulalia', 'a dry run changes nothing');
		const bad = await amparo(['retention', 'run', '--now', 'mañana', '--db', DB]);
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /--now/);
	} finally {
		await api('/api/v1/settings', { method: 'PATCH', body: { retention_inactive_years: '0' } });
	}
});
