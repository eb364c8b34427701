// The supervisor's view of every caseload ("Cargas de casos"): counts per
// caseworker that link to the cases they count, the area filter, the
// PHQ-9 self-harm alerts, and nobody but supervisors and administrators
// may see it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

// The numbers of a caseworker's row, by column label.
function rowOf(html, name) {
	const rows = html.split('<tr').filter((r) => r.includes(`<th scope="row">${name}<br>`));
	assert.equal(rows.length, 1, `one row for ${name}`);
	const cells = {};
	for (const m of rows[0].matchAll(/<td data-label="([^"]+)"[^>]*>(?:<a href="([^"]+)">)?(?:<strong>)?(\d+)/g))
		cells[m[1]] = { n: Number(m[3]), href: m[2]?.replaceAll('&amp;', '&') };
	return cells;
}

test('an administrator sees each caseload counted, linked and with its alerts', opts, async () => {
	const admin = await loggedIn('admin');
	const before = rowOf((await admin.get('/caseloads')).text, 'Paula Psicóloga');

	const psy = await tokenFor('psy');
	const p = await createPerson({ given_names: 'Rosaura', surname1: uniqueWord('Zq') });
	const k = await api('/api/v1/cases', { method: 'POST', token: psy, body: { person_id: p.id, area: 'psychosocial' } });
	assert.equal(k.status, 201, k.text);
	const risk = await api(`/api/v1/cases/${k.json.id}/risk`, { method: 'POST', token: psy, body: { risk: 'critical' } });
	assert.equal(risk.status, 200, risk.text);
	const phq = await api(`/api/v1/cases/${k.json.id}/assessments`, {
		method: 'POST', token: psy, body: { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 3] },
	});
	assert.equal(phq.status, 201, phq.text);

	const page = await admin.get('/caseloads');
	assert.equal(page.status, 200, page.text.slice(0, 300));
	assert.match(page.text, /<h1>Cargas de casos<\/h1>/);
	const row = rowOf(page.text, 'Paula Psicóloga');
	assert.equal(row.Abierto.n, before.Abierto.n + 1, 'one more open case');
	assert.equal(row['En curso'].n, before['En curso'].n + 1);
	assert.equal(row['Crítico'].n, (before['Crítico']?.n ?? 0) + 1);
	assert.ok(row['Alertas de autolesión'].n >= 1);
	// The count links to exactly the cases it counts.
	assert.match(row['Crítico'].href, /^\/cases\?who=[0-9a-f-]{36}&area=&risk=critical$/);
	const listed = await admin.get(row['Crítico'].href);
	assert.equal(listed.status, 200);
	assert.match(listed.text, /<h1>Casos de Paula Psicóloga<\/h1>/);
	assert.match(listed.text, new RegExp(k.json.ref));
	assert.equal((listed.text.match(/<a href="\/cases\/[0-9a-f-]{36}">C-/g) || []).length, row['Crítico'].n);

	// The alert names the case.
	const alerts = page.text.slice(page.text.indexOf('id="alerts"'));
	assert.match(alerts, /Alertas de autolesión \(PHQ-9, pregunta 9\)/);
	assert.match(alerts, new RegExp(`<a href="/cases/${k.json.id}">${k.json.ref}</a>`));
	assert.match(alerts, /Rosaura/);

	// One area: the livelihoods caseworker is there, the psychologist is not.
	const live = await admin.get('/caseloads?area=livelihoods');
	assert.equal(live.status, 200);
	assert.match(live.text, /Luis Livelihoods<br>/);
	assert.doesNotMatch(live.text, /Paula Psicóloga<br>/);
	assert.doesNotMatch(live.text.slice(live.text.indexOf('id="alerts"')), new RegExp(k.json.ref));
	const bad = await admin.get('/caseloads?area=cocina');
	assert.equal(bad.status, 400);
	assert.match(bad.text, /Elija un valor de la lista/);
});

test('caseworkers get 403 on the caseloads and no link to them', opts, async () => {
	const psy = await loggedIn('psy');
	const r = await psy.get('/caseloads');
	assert.equal(r.status, 403);
	const mine = await psy.get('/cases');
	assert.doesNotMatch(mine.text, /href="\/caseloads"/);
	// Asking for someone else's caseload shows one's own.
	const other = await psy.get('/cases?who=00000000-0000-7000-8000-000000000000');
	assert.match(other.text, /<h1>Mis casos<\/h1>/);
});

test('a caseload filtered to cases with something overdue', opts, async () => {
	const psy = await tokenFor('psy');
	const open = async (given) => {
		const p = await createPerson({ given_names: given, surname1: uniqueWord('Zq') });
		const k = await api('/api/v1/cases', { method: 'POST', token: psy, body: { person_id: p.id, area: 'psychosocial' } });
		assert.equal(k.status, 201, k.text);
		return k.json;
	};
	const late = await open('Atrasada'), calm = await open('Tranquila');
	const when = new Date(Date.now() - 3 * 86400e3).toISOString().slice(0, 10);
	const b = await api('/api/v1/appointments', {
		method: 'POST', token: psy, body: { case_id: late.id, starts_at: `${when}T09:00` },
	});
	assert.equal(b.status, 201, b.text);

	const api1 = await api('/api/v1/cases?overdue=1&limit=500', { token: psy });
	assert.equal(api1.status, 200, api1.text);
	const ids = api1.json.items.map((k) => k.id);
	assert.ok(ids.includes(late.id), 'the case with an appointment past its time is listed');
	assert.ok(!ids.includes(calm.id), 'a case with nothing late is not');
	assertApiError(await api('/api/v1/cases?overdue=maybe', { token: psy }), 400, 'overdue=maybe');

	const page = await (await loggedIn('psy')).get('/cases?overdue=1');
	assert.equal(page.status, 200);
	assert.match(page.text, /name="overdue" value="1" checked/);
	assert.match(page.text, new RegExp(late.ref));
	assert.doesNotMatch(page.text, new RegExp(calm.ref));
});
