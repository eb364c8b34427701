// Lists, searches and counts never reveal a record the user may not open
// (issue 7, docs/access.md "Deny by default"). Each test creates records
// with a unique word, then reads every list as the users who must not see
// them and looks for the word in the body: the registry search for the
// roles without registry access (manager, ethics), the names of people in
// the manager's reduced view, another office's case in the main office's
// lists, queues and counts, an SGBV flag for users without the sgbv grant.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, createPerson, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

function inDays(n) {
	return new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
}

// Reads each API path with token and each page as a logged-in user,
// asserting none of words appears in what they get (a word of the path
// itself is not looked for: an error page may repeat what was typed).
async function hidden(user, words, apiPaths, pagePaths) {
	const token = await tokenFor(user);
	for (const path of apiPaths) {
		const r = await api(path, { token });
		assert.ok([200, 400, 403, 404].includes(r.status), `${user} ${path}: ${r.status}`);
		for (const w of words.filter((w) => !path.includes(w)))
			assert.ok(!r.text.includes(w), `${user} ${path} shows ${w}`);
	}
	const b = await loggedIn(user);
	for (const path of pagePaths) {
		const r = await b.get(path);
		assert.ok([200, 400, 403, 404].includes(r.status), `${user} ${path}: ${r.status}`);
		for (const w of words.filter((w) => !path.includes(w)))
			assert.ok(!r.text.includes(w), `${user} page ${path} shows ${w}`);
	}
}

test('leaks: the manager and the ethics officer find nobody; the manager lists cases without names', opts, async () => {
	const [live, psy] = await Promise.all(['live', 'psy'].map(tokenFor));
	const given = uniqueWord('Zn'), surname = uniqueWord('Zs');
	const p = await createPerson({ given_names: given, surname1: surname, phone: '6555-0101' });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live });
	const why = uniqueWord('Zw');
	const rf = await post('/api/v1/referrals', { case_id: k.id, to_area: 'psychosocial', reason: `Ansiedad ${why}` }, live);
	assert.equal(rf.status, 201, rf.text);
	const day = inDays(1);
	const pk = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	assert.equal((await post('/api/v1/appointments', { case_id: pk.id, starts_at: `${day}T15:00:00Z` }, psy)).status, 201);

	// The manager sees the case (the test can fail) but not whose it is.
	const boss = await tokenFor('boss');
	const mine = await ok(`/api/v1/cases?person_id=${p.id}`, { token: boss });
	assert.ok(mine.items.some((c) => c.id === k.id), 'the manager lists the case');
	const lists = ['/api/v1/cases?limit=500', `/api/v1/cases?person_id=${p.id}`, `/api/v1/cases/${k.id}`,
		'/api/v1/referrals?limit=500', '/api/v1/referrals?direction=incoming&limit=500',
		`/api/v1/appointments?from=${day}&to=${day}&limit=500`, `/api/v1/people?q=${surname}`, `/api/v1/people/${p.id}`,
		'/api/v1/households?limit=500', '/api/v1/approvals', '/api/v1/transfers', '/api/v1/assistance?limit=500'];
	const pages = ['/cases', '/cases?who=all', `/cases/${k.ref}`, '/today', '/referrals', '/caseloads', `/people?q=${surname}`,
		'/households', '/approvals', '/assistance'];
	// Nor the referral's reason (a narrative).
	await hidden('boss', [given, surname, '6555-0101', why], lists, pages);
	// The ethics officer reads no registry and no case.
	await hidden('ethics', [given, surname, k.ref, why], lists, pages);
});

test('leaks: another office\'s case is in no list, queue or count of the main office', opts, async () => {
	const far = await tokenFor('far');
	const given = uniqueWord('Zd'), surname = uniqueWord('Zd');
	const p = await createPerson({ given_names: given, surname1: surname }, far);
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: far });
	const day = inDays(2);
	assert.equal((await post('/api/v1/appointments', { case_id: k.id, starts_at: `${day}T14:00:00Z` }, far)).status, 201);
	const rf = await post('/api/v1/referrals', { case_id: k.id, to_area: 'livelihoods', reason: 'Empleo' }, far);
	assert.equal(rf.status, 201, rf.text);
	// A closing that waits for a supervisor: the main office's must not see it.
	assert.equal((await api('/api/v1/settings', { method: 'PATCH', body: { closure_approval_areas: ['psychosocial'] } })).status, 200);
	let asked;
	try {
		asked = await post(`/api/v1/cases/${k.id}/status`, { status: 'closed', reason: 'goals_met' }, far);
		assert.equal(asked.status, 202, asked.text);
	} finally {
		await api('/api/v1/settings', { method: 'PATCH', body: { closure_approval_areas: [] } });
	}
	// The administrator (every office) sees it in the queue: the test can fail.
	assert.ok((await ok('/api/v1/approvals?limit=500')).items.some((a) => a.id === asked.json.id));

	const words = [k.id, k.ref, asked.json.id];
	const lists = ['/api/v1/cases?limit=500', `/api/v1/cases?person_id=${p.id}`, `/api/v1/people/${p.id}`,
		`/api/v1/people?q=${surname}`, '/api/v1/referrals?limit=500',
		'/api/v1/referrals?direction=incoming&limit=500', `/api/v1/appointments?from=${day}&to=${day}&limit=500`,
		'/api/v1/approvals?limit=500', '/api/v1/transfers'];
	const pages = ['/cases', '/cases?who=all', '/today', '/referrals', '/approvals', `/people/${p.id}`, `/people?q=${surname}`,
		'/caseloads', '/transfers'];
	for (const user of ['sup', 'live', 'reader', 'boss'])
		await hidden(user, words, lists, pages);
	// Nor its caseworker among the main office's caseloads.
	await hidden('sup', ['Fabiola Darién'], [], ['/caseloads', '/caseloads?area=psychosocial']);
});

test('leaks: an SGBV flag shows in no list to a user without the sgbv grant', opts, async () => {
	const psy = await tokenFor('psy');
	const surname = uniqueWord('Zv'), reason = uniqueWord('Zr');
	const p = await createPerson({ given_names: 'Flor', surname1: surname });
	const k = await ok('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'psychosocial' }, token: psy });
	for (const body of [{ type: 'sgbv_survivor', reason: `${reason} persona` }, { type: 'sgbv_survivor', reason: `${reason} caso`, case_id: k.id }])
		assert.equal((await post(`/api/v1/people/${p.id}/flags`, body, psy)).status, 201);
	// Its holder sees it: the test can fail.
	assert.ok((await ok(`/api/v1/people/${p.id}/flags`, { token: psy })).items.some((f) => f.reason.startsWith(reason)));

	// Neither the flag's type nor its reason in the API; on the pages (whose
	// form to raise a flag names every type) not its reason.
	const lists = [`/api/v1/people/${p.id}/flags`, `/api/v1/people/${p.id}`, `/api/v1/cases?person_id=${p.id}`,
		`/api/v1/cases/${k.id}`, `/api/v1/people?q=${surname}`];
	const pages = [`/people/${p.id}`, `/people?q=${surname}`, `/cases/${k.ref}`];
	const hh = await ok('/api/v1/households', { method: 'POST', body: { head_id: p.id } });
	lists.push(`/api/v1/households/${hh.id}`);
	for (const user of ['live', 'reader', 'com', 'boss', 'nogrant', 'lex']) {
		await hidden(user, [reason, 'sgbv_survivor'], lists, []);
		await hidden(user, [reason], [], pages);
		// Lists without that form: not even the flag's name.
		await hidden(user, [reason, 'Sobreviviente de VBG'], [], [`/people?q=${surname}`, `/households/${hh.id}`]);
	}
	// Nor by the word in the lists everyone reads.
	for (const user of ['live', 'reader', 'boss'])
		await hidden(user, [reason], ['/api/v1/cases?limit=500', '/api/v1/referrals?limit=500'], ['/cases?who=all', '/today']);
});
