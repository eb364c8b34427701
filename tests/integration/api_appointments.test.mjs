// Appointments through the API (issue 5): a psychosocial caseworker books
// follow-ups on her case, lists her day and her overdue ones, marks them;
// a livelihoods caseworker may read them but not book (403) and does not
// see psychosocial notes; bad input gives 400 naming the field; moves that
// are not allowed give 409.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });

// Now plus hours in Panama (UTC-5 all year) as "YYYY-MM-DDTHH:MM".
const panama = (hours) => new Date(Date.now() + (hours - 5) * 3600e3).toISOString().slice(0, 16);

async function psyCase(psy) {
	const p = await createPerson({ given_names: 'Yesenia', surname1: uniqueWord('Zc') });
	const c = await post('/api/v1/cases', { person_id: p.id, area: 'psychosocial' }, psy);
	assert.equal(c.status, 201, c.text);
	return c.json;
}

test('book, read, list and mark appointments; livelihoods may not book on a psychosocial case', opts, async () => {
	const psy = await tokenFor('psy');
	const live = await tokenFor('live');
	const me = (await api('/api/v1/me', { token: psy })).json;
	const k = await psyCase(psy);

	const later = panama(2);
	const r = await post('/api/v1/appointments', { case_id: k.ref, starts_at: later, with_whom: 'Intérprete de creole', place: 'Oficina de Bella Vista', duration_minutes: 45 }, psy);
	assert.equal(r.status, 201, r.text);
	const a = r.json;
	assert.equal(r.headers.get('location'), `/api/v1/appointments/${a.id}`);
	assert.equal(a.case_id, k.id);
	assert.equal(a.person_id, k.person_id);
	assert.equal(a.starts_at, `${later}:00-05:00`);
	assert.equal(a.kind, 'follow_up');
	assert.equal(a.status, 'planned');
	assert.equal(a.with_user, me.id);
	assert.equal(a.duration_minutes, 45);
	assert.equal(a.with_whom, 'Intérprete de creole');
	assert.equal(a.overdue, false);

	const got = await api(`/api/v1/appointments/${a.id}`, { token: psy });
	assert.equal(got.status, 200, got.text);
	assert.equal(got.json.place, 'Oficina de Bella Vista');

	// A time in another zone is stored in Panama time.
	const z = await post('/api/v1/appointments', { case_id: k.id, starts_at: '2026-12-01T15:00:00Z', kind: 'phone_call' }, psy);
	assert.equal(z.status, 201, z.text);
	assert.equal(z.json.starts_at, '2026-12-01T10:00:00-05:00');

	// A livelihoods caseworker may read, not book or mark.
	assertApiError(await post('/api/v1/appointments', { case_id: k.id, starts_at: later }, live), 403, 'livelihoods books');
	assertApiError(await post(`/api/v1/appointments/${a.id}/status`, { status: 'cancelled' }, live), 403, 'livelihoods marks');
	assert.equal((await api(`/api/v1/appointments/${a.id}`, { token: live })).status, 200);

	// Lists: by case (time order), by day, by user.
	const byCase = await api(`/api/v1/appointments?case_id=${k.id}`, { token: psy });
	assert.equal(byCase.status, 200, byCase.text);
	assert.equal(byCase.json.total, 2);
	assert.deepEqual(byCase.json.items.map((x) => x.id).sort(), [a.id, z.json.id].sort());
	const day = later.slice(0, 10);
	const mine = await api(`/api/v1/appointments?user=me&from=${day}&to=${day}`, { token: psy });
	assert.ok(mine.json.items.some((x) => x.id === a.id), 'the day lists it');
	assert.ok(!mine.json.items.some((x) => x.id === z.json.id), 'the day leaves out other days');
	assert.ok(mine.json.items.every((x) => x.with_user === me.id && x.starts_at.startsWith(day)));
	const byName = await api(`/api/v1/appointments?user=psy&case_id=${k.id}`, { token: psy });
	assert.equal(byName.json.total, 2);

	// Not started: cancel, not done.
	const early = assertApiError(await post(`/api/v1/appointments/${a.id}/status`, { status: 'done' }, psy), 409, 'done before it starts');
	assert.equal(early.field, 'status');
	const c = await post(`/api/v1/appointments/${a.id}/status`, { status: 'cancelled', notes: 'La persona pidió otro día' }, psy);
	assert.equal(c.status, 200, c.text);
	assert.equal(c.json.status, 'cancelled');
	assert.equal(c.json.notes, 'La persona pidió otro día');
	assertApiError(await post(`/api/v1/appointments/${a.id}/status`, { status: 'planned' }, psy), 409, 'back to planned');

	// The psychosocial note is withheld from livelihoods.
	const theirs = await api(`/api/v1/appointments/${a.id}`, { token: live });
	assert.equal(theirs.json.notes, null);
	assert.equal(theirs.json.notes_restricted, true);
	const theirList = await api(`/api/v1/appointments?case_id=${k.id}`, { token: live });
	assert.ok(theirList.json.items.every((x) => x.notes === null));
});

test('overdue: planned appointments whose time has passed, until marked', opts, async () => {
	const psy = await tokenFor('psy');
	const k = await psyCase(psy);
	const past = await post('/api/v1/appointments', { case_id: k.id, starts_at: panama(-3), kind: 'home_visit' }, psy);
	assert.equal(past.status, 201, past.text);
	assert.equal(past.json.overdue, true);

	const late = await api('/api/v1/appointments?user=me&overdue=1&limit=500', { token: psy });
	assert.equal(late.status, 200, late.text);
	assert.ok(late.json.items.some((x) => x.id === past.json.id), 'listed as overdue');
	assert.ok(late.json.items.every((x) => x.status === 'planned' && x.overdue));

	const done = await post(`/api/v1/appointments/${past.json.id}/status`, { status: 'missed' }, psy);
	assert.equal(done.status, 200, done.text);
	assert.equal(done.json.overdue, false);
	const after = await api('/api/v1/appointments?user=me&overdue=1&limit=500', { token: psy });
	assert.ok(!after.json.items.some((x) => x.id === past.json.id), 'no longer overdue once marked');
	assertApiError(await post(`/api/v1/appointments/${past.json.id}/status`, { status: 'done' }, psy), 409, 'a second outcome');
});

test('bad input: 400 naming the field; unknown records 404; no token 401; ethics 403', opts, async () => {
	const psy = await tokenFor('psy');
	const k = await psyCase(psy);
	const base = { case_id: k.id, starts_at: panama(1) };
	const cases = [
		[{ ...base, starts_at: '2026-13-45T10:00' }, 'starts_at'],
		[{ ...base, starts_at: 'mañana a las diez' }, 'starts_at'],
		[{ ...base, starts_at: '2026-02-30T10:00' }, 'starts_at'],
		[{ ...base, starts_at: '2099-01-01T10:00' }, 'starts_at'],
		[{ case_id: k.id }, 'starts_at'],
		[{ ...base, kind: 'party' }, 'kind'],
		[{ ...base, duration_minutes: 0 }, 'duration_minutes'],
		[{ ...base, duration_minutes: 'long' }, 'duration_minutes'],
		[{ ...base, user_id: 'live' }, 'user_id'],
		[{ ...base, user_id: 'nobody' }, 'user_id'],
		[{ ...base, status: 'done' }, 'status'],
		[{ ...base, with_whom: 'x'.repeat(201) }, 'with_whom'],
		[{ starts_at: panama(1) }, 'case_id'],
	];
	for (const [body, field] of cases) {
		const e = assertApiError(await post('/api/v1/appointments', body, psy), 400, JSON.stringify(body).slice(0, 80));
		assert.ok(e.fields && e.fields[field], `${JSON.stringify(body).slice(0, 80)}: want an error on ${field}, got ${JSON.stringify(e.fields)}`);
	}
	assertApiError(await post('/api/v1/appointments', { ...base, case_id: 'C-999999' }, psy), 404, 'no such case');
	const ok = await post('/api/v1/appointments', base, psy);
	assert.equal(ok.status, 201, ok.text);
	const bad = assertApiError(await post(`/api/v1/appointments/${ok.json.id}/status`, { status: 'postponed' }, psy), 400, 'unknown status');
	assert.equal(bad.field, 'status');
	assertApiError(await post(`/api/v1/appointments/${ok.json.id}/status`, { status: 'cancelled', notes: 7 }, psy), 400, 'notes not text');
	assertApiError(await api('/api/v1/appointments/01a00000-0000-7000-8000-000000000000', { token: psy }), 404, 'no such appointment');
	assertApiError(await post('/api/v1/appointments/nope/status', { status: 'done' }, psy), 404, 'mark no such appointment');

	for (const [q, field] of [['from=2026-13-01', 'from'], ['to=yesterday', 'to'], ['status=late', 'status'], ['user=nobody', 'user'], ['overdue=maybe', 'overdue']]) {
		const e = assertApiError(await api(`/api/v1/appointments?${q}`, { token: psy }), 400, q);
		assert.equal(e.field, field, q);
	}
	assertApiError(await api('/api/v1/appointments', { token: null }), 401, 'no token');
	const ethics = await tokenFor('ethics');
	assertApiError(await api('/api/v1/appointments', { token: ethics }), 403, 'ethics lists');
});
