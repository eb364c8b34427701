// Assessments from the case page, without JavaScript (issue 5): the
// psychosocial caseworker chooses PHQ-9 by a GET parameter, answers its
// items with radio buttons, sees errors per item, then the score, the
// chart and the item-9 alert banner. A livelihoods caseworker sees no
// "Evaluaciones" section at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('record a PHQ-9 from the case page; the alert shows; livelihoods sees nothing', opts, async () => {
	const p = await createPerson({ given_names: 'Maribel', surname1: uniqueWord('Zq') });
	const psy = await loggedIn('psy');
	const profile = await psy.get(`/people/${p.id}`);
	const csrf = csrfOf(profile.text);
	const opened = await psy.post('/cases', { csrf, person_id: p.id, area: 'psychosocial' });
	assert.equal(opened.status, 303, opened.text.slice(0, 300));
	const path = opened.headers.get('location');

	const page = await psy.get(path);
	assert.equal(page.status, 200);
	assert.match(page.text, /<h2>Evaluaciones<\/h2>/);
	assert.match(page.text, /No hay evaluaciones registradas\./);
	assert.match(page.text, /<option value="phq9"/);
	assert.doesNotMatch(page.text, /Alerta: ideas de hacerse daño/);

	const form = await psy.get(`${path}?instrument=phq9`);
	assert.equal(form.status, 200);
	assert.match(form.text, /action="\/cases\/[0-9a-f-]{36}\/assessments"/);
	assert.match(form.text, /type="radio" name="a9" value="3"/);
	assert.match(form.text, /Varios días/);

	// Item 5 unanswered: an error on that item, the others kept.
	const answers = { a1: '2', a2: '2', a3: '1', a4: '1', a6: '1', a7: '1', a8: '1', a9: '1' };
	const bad = await psy.post(`${path}/assessments`, { csrf, instrument: 'phq9', ...answers });
	assert.equal(bad.status, 400, bad.text.slice(0, 300));
	assert.match(bad.text, /href="#f-answers\.5"/);
	assert.match(bad.text, /name="a1" value="2" required checked/);

	const good = await psy.post(`${path}/assessments`, { csrf, instrument: 'phq9', a5: '0', taken_on: '15/01/2026', ...answers });
	assert.equal(good.status, 303, good.text.slice(0, 300));
	const after = await psy.get(path);
	assert.match(after.text, /role="alert" class="error-summary assessment-alert"/);
	assert.match(after.text, /Alerta: ideas de hacerse daño/);
	assert.match(after.text, /<svg[^>]*role="img"/);
	assert.match(after.text, /<td>10 \/ 27<\/td>/);
	assert.match(after.text, /15\/01\/2026/);

	const live = await loggedIn('live');
	const theirs = await live.get(path);
	assert.equal(theirs.status, 200);
	assert.doesNotMatch(theirs.text, /Evaluaciones/);
	assert.doesNotMatch(theirs.text, /ideas de hacerse daño/);
	assert.doesNotMatch(theirs.text, /10 \/ 27/);
});
