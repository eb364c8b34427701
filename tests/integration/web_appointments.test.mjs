// Appointments from the pages, without JavaScript (issue 5): "Mi día" is
// the home page after login; the psychosocial caseworker books from the
// case page (field errors on a bad date and time), sees the appointment in
// her day, an overdue one under "Atrasados", and marks them; a livelihoods
// caseworker gets no booking form and 403 on a post; a supervisor sees
// everyone's day.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

// Now plus hours in Panama: [DD/MM/YYYY, HH:MM, YYYY-MM-DD].
function panama(hours) {
	const iso = new Date(Date.now() + (hours - 5) * 3600e3).toISOString();
	const [y, m, d] = iso.slice(0, 10).split('-');
	return [`${d}/${m}/${y}`, iso.slice(11, 16), iso.slice(0, 10)];
}

// The <section id="name"> of a page.
const section = (html, name) => (html.match(new RegExp(`<section id="${name}">([\\s\\S]*?)</section>`)) || [])[1] || '';

test('book from the case page, see it in Mi día, mark it; overdue ones; livelihoods may not book', opts, async () => {
	const surname = uniqueWord('Zd');
	const p = await createPerson({ given_names: 'Rosmery', surname1: surname });
	const psy = await loggedIn('psy');

	const home = await psy.get('/');
	assert.equal(home.status, 303);
	assert.equal(home.headers.get('location'), '/today');
	const today = await psy.get('/today');
	assert.equal(today.status, 200);
	assert.match(today.text, /<h1>Mi día<\/h1>/);
	assert.match(today.text, /<a href="\/today" aria-current="page">Mi día<\/a>/);
	assert.match(today.text, /<h2>Atrasados<\/h2>/);

	const csrf = csrfOf((await psy.get(`/people/${p.id}`)).text);
	const opened = await psy.post('/cases', { csrf, person_id: p.id, area: 'psychosocial' });
	assert.equal(opened.status, 303, opened.text.slice(0, 300));
	const path = opened.headers.get('location');
	const page = await psy.get(path);
	assert.match(page.text, /<h2>Citas y seguimientos<\/h2>/);
	assert.match(page.text, /No hay citas agendadas\./);
	assert.match(page.text, /action="\/cases\/[0-9a-f-]{36}\/appointments"/);

	// A day that does not exist and no time: both fields say so, nothing is booked.
	const bad = await psy.post(`${path}/appointments`, { csrf, starts_on: '31/02/2026', starts_time: '', appt_kind: 'follow_up', with_whom: 'Intérprete' });
	assert.equal(bad.status, 400, bad.text.slice(0, 300));
	assert.match(bad.text, /href="#f-starts_time"/);
	assert.match(bad.text, /href="#f-starts_on"/);
	assert.match(bad.text, /name="with_whom" type="text" value="Intérprete"/);
	const bad2 = await psy.post(`${path}/appointments`, { csrf, starts_on: '31/02/2026', starts_time: '10:00', appt_kind: 'follow_up' });
	assert.equal(bad2.status, 400);
	assert.match(bad2.text, /Esa fecha u hora no existe/);
	assert.match((await psy.get(path)).text, /No hay citas agendadas\./);

	// One later today (or just after midnight), one three hours ago.
	const [soonDay, soonTime, soonIso] = panama(1);
	const ok = await psy.post(`${path}/appointments`, { csrf, starts_on: soonDay, starts_time: soonTime, appt_kind: 'appointment', with_whom: 'Psicóloga de la Clínica San Miguel', place: 'Bella Vista', appt_duration: '50' });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.match(ok.headers.get('location'), /\?saved=1#appointments$/);
	const [pastDay, pastTime] = panama(-3);
	const late = await psy.post(`${path}/appointments`, { csrf, starts_on: pastDay, starts_time: pastTime, appt_kind: 'home_visit' });
	assert.equal(late.status, 303, late.text.slice(0, 300));

	const withBoth = await psy.get(path);
	const sec = section(withBoth.text, 'appointments');
	assert.match(sec, /Psicóloga de la Clínica San Miguel/);
	assert.match(sec, new RegExp(`${soonDay} ${soonTime} · 50 min`));
	assert.match(sec, /Visita domiciliaria/);
	assert.match(sec, /Atrasad/);
	const ids = [...sec.matchAll(/action="\/appointments\/([0-9a-f-]{36})\/status"/g)].map((m) => m[1]);
	assert.equal(ids.length, 2, 'a mark form per planned appointment');

	const day = await psy.get(`/today?day=${soonIso}`);
	const daySec = section(day.text, 'day');
	assert.match(daySec, new RegExp(`${surname}`));
	assert.match(daySec, /C-\d{6}<\/a> · Psicosocial/);
	assert.match(daySec, new RegExp(`>${soonTime} · 50 min<`));
	const overdue = section((await psy.get('/today')).text, 'overdue');
	assert.match(overdue, new RegExp(surname), 'the past one is overdue');
	assert.match(overdue, /Visita domiciliaria/);

	// A supervisor's view of everyone: the overdue count per staff member.
	const admin = await loggedIn('admin');
	const counts = await admin.get('/today?user=all');
	const table = (counts.text.match(/<table class="overdue-counts">([\s\S]*?)<\/table>/) || [])[1] || '';
	assert.match(table, /Atrasados por miembro del personal/);
	assert.match(table, /<a href="\/today\?user=[0-9a-f-]{36}">Paula Psicóloga<\/a><\/td><td>[1-9]\d*<\/td>/);

	// The future one cannot be marked done: a page with the reason (409).
	const futureId = ids.find((id) => day.text.includes(`/appointments/${id}/status`));
	const pastId = ids.find((id) => id !== futureId);
	// Before it begins, an appointment can only be cancelled: no button
	// that can only fail.
	const formOf = (id) => (sec.match(new RegExp(`action="/appointments/${id}/status"[\\s\\S]*?</form>`)) || [''])[0];
	assert.doesNotMatch(formOf(futureId), /value="done"|value="missed"/, 'the future one offers done or missed');
	assert.match(formOf(futureId), /value="cancelled"/);
	assert.match(formOf(pastId), /value="done"[\s\S]*value="missed"[\s\S]*value="cancelled"/);
	const early = await psy.post(`/appointments/${futureId}/status`, { csrf, status: 'done', next: '/today' });
	assert.equal(early.status, 409, early.text.slice(0, 300));
	assert.match(early.text, /todavía no ha comenzado/);
	assert.match(early.text, /href="#f-status"/);

	// Marking the past one done takes it out of the overdue list.
	const marked = await psy.post(`/appointments/${pastId}/status`, { csrf, status: 'done', notes: 'Se hizo la visita', next: '/today?saved=1' });
	assert.equal(marked.status, 303, marked.text.slice(0, 300));
	assert.equal(marked.headers.get('location'), '/today?saved=1');
	const after = await psy.get('/today?saved=1');
	assert.match(after.text, /Guardado\./);
	assert.doesNotMatch(section(after.text, 'overdue'), new RegExp(surname));
	// An outside "next" is not followed.
	const away = await psy.post(`/appointments/${futureId}/status`, { csrf, status: 'cancelled', next: '//evil.example/' });
	assert.equal(away.status, 303);
	assert.equal(away.headers.get('location'), '/');

	// Livelihoods: sees the appointments, no note, no form, no buttons; a post is 403.
	const live = await loggedIn('live');
	const theirs = await live.get(path);
	const theirSec = section(theirs.text, 'appointments');
	assert.match(theirSec, /Visita domiciliaria/);
	assert.match(theirSec, /Nota restringida/);
	assert.doesNotMatch(theirSec, /Se hizo la visita/);
	assert.doesNotMatch(theirSec, /action="\/cases\/[0-9a-f-]{36}\/appointments"/);
	assert.doesNotMatch(theirSec, /\/status"/);
	const liveCsrf = csrfOf(theirs.text);
	const refused = await live.post(`${path}/appointments`, { csrf: liveCsrf, starts_on: soonDay, starts_time: soonTime, appt_kind: 'follow_up' });
	assert.equal(refused.status, 403);

	// A caseworker cannot look at another's day; a supervisor (admin) can see everyone's.
	const notAll = await psy.get('/today?user=all');
	assert.match(notAll.text, /<h1>Mi día<\/h1>/);
	const all = await admin.get(`/today?user=all&day=${soonIso}`);
	assert.equal(all.status, 200);
	assert.match(all.text, /<h1>El día de todo el equipo<\/h1>/);
	assert.match(section(all.text, 'day'), /Paula Psicóloga/);
	assert.match(section(all.text, 'day'), new RegExp(surname));
	const bogus = await admin.get('/today?day=32/13/2026');
	assert.equal(bogus.status, 400);
	assert.match(bogus.text, /href="#f-day"/);
});
