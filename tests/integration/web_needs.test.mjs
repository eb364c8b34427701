// Community needs assessments on the case page (no JavaScript): a
// community officer records one with a plain form, sees field-level
// errors in Spanish, then the assessment; a livelihoods case has no such
// section. WHO-5 shows its percentage score beside the raw score.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, loggedIn, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function openCase(who, area) {
	const p = await createPerson({ given_names: 'Yamileth', surname1: uniqueWord('Zv') });
	const profile = await who.get(`/people/${p.id}`);
	const csrf = csrfOf(profile.text);
	const opened = await who.post('/cases', { csrf, person_id: p.id, area });
	assert.equal(opened.status, 303, opened.text.slice(0, 300));
	return { csrf, path: opened.headers.get('location').replace(/\?.*$/, '') };
}

test('record a community needs assessment from the case page', opts, async () => {
	const comm = await loggedIn('comm');
	const { csrf, path } = await openCase(comm, 'community');
	const page = await comm.get(path);
	assert.match(page.text, /<h2>Evaluaciones de necesidades comunitarias<\/h2>/);
	assert.match(page.text, /No hay evaluaciones de necesidades registradas\./);
	assert.match(page.text, /action="\/cases\/[0-9a-f-]{36}\/needs-assessments"/);

	const bad = await comm.post(`${path}/needs-assessments`, { csrf, held_on: '', participants: '0', community_needs: '', resources: '', ideas: '' });
	assert.equal(bad.status, 400, bad.text.slice(0, 300));
	assert.match(bad.text, /id="f-held_on"[^>]*aria-invalid="true"/);
	assert.match(bad.text, /id="f-participants"[^>]*aria-invalid="true"/);
	assert.match(bad.text, /Escriba las necesidades, los recursos o las ideas para la integración/);
	assert.match(bad.text, /<details open><summary>Registrar una evaluación de necesidades/);

	const good = await comm.post(`${path}/needs-assessments`, {
		csrf, held_on: '20/01/2026', participants: '14', community_needs: 'Guardería <para> trabajar',
		resources: 'Salón de la junta comunal', ideas: '',
	});
	assert.equal(good.status, 303, good.text.slice(0, 300));
	assert.match(good.headers.get('location'), /#needs$/);
	const after = await comm.get(path);
	assert.match(after.text, /<strong>20\/01\/2026<\/strong> · Participantes 14/);
	assert.match(after.text, /<dt>Necesidades de la comunidad<\/dt><dd class="free-text">Guardería &lt;para&gt; trabajar<\/dd>/);
	assert.match(after.text, /Salón de la junta comunal/);
	assert.doesNotMatch(after.text, /<dt>Ideas para la integración<\/dt>/);

	const live = await loggedIn('live');
	const other = await openCase(live, 'livelihoods');
	const theirs = await live.get(other.path);
	assert.doesNotMatch(theirs.text, /Evaluaciones de necesidades comunitarias/);
	const refused = await live.post(`${other.path}/needs-assessments`, { csrf: other.csrf, held_on: '20/01/2026', ideas: 'x' });
	assert.equal(refused.status, 409, refused.text.slice(0, 300));
	assert.match(refused.text, /se registran en casos comunitarios o psicosociales/);
});

test('WHO-5 on the case page: raw score, percentage and a percentage chart', opts, async () => {
	const psy = await loggedIn('psy');
	const { csrf, path } = await openCase(psy, 'psychosocial');
	const r = await psy.post(`${path}/assessments`, { csrf, instrument: 'who5', a1: '3', a2: '3', a3: '3', a4: '3', a5: '1', taken_on: '10/01/2026' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const page = await psy.get(path);
	assert.match(page.text, /<td>13 \/ 25 <span class="percent">\(52 %\)<\/span><\/td>/);
	assert.match(page.text, /Índice de Bienestar OMS-5 \(WHO-5\) \(puntaje porcentual\)/);
	// Charted on 0..100: the description lists the percentage.
	assert.match(page.text, /<desc id="chart-who5-desc">[^<]*52/);
});
