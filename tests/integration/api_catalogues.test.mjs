// Catalogue editing through the API (issue 5): an administrator adds a
// livelihoods service type, renames it per language and deactivates it;
// caseworkers are offered only active types, and a deactivated type is
// refused for new services while old ones keep it. Closure reasons are
// editable the same way. Built-in entries cannot be removed; only
// administrators edit (403 for the others).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const post = (path, body, token) => api(path, { method: 'POST', body, token });
const patch = (path, body, token) => api(path, { method: 'PATCH', body, token });
const ENTRIES = '/api/v1/catalogues/service_type/entries';

async function offered(area, token, lang = 'es') {
	const r = await api(`/api/v1/catalogues/services?area=${area}&lang=${lang}`, { token });
	assert.equal(r.status, 200, r.text);
	return new Map(r.json.items.map((i) => [i.code, i.label]));
}

test('an added livelihoods type is offered, renamed, deactivated and reactivated', opts, async () => {
	const live = await tokenFor('live');
	const word = uniqueWord('Sew');
	const add = await post(ENTRIES, { area: 'livelihoods', label_es: `Taller de costura ${word}`, label_en: `Sewing workshop ${word}` });
	assert.equal(add.status, 201, add.text);
	const code = add.json.code;
	assert.equal(code, `sewing_workshop_${word.toLowerCase()}`);
	assert.equal(add.json.builtin, false);
	assert.equal(add.json.active, true);
	assert.equal(add.json.label_es, `Taller de costura ${word}`);
	assert.match(add.headers.get('location'), new RegExp(`/api/v1/catalogues/service_type/entries/${code}$`));

	// Offered to caseworkers, in their language; not in another area.
	assert.equal((await offered('livelihoods', live)).get(code), `Taller de costura ${word}`);
	assert.equal((await offered('livelihoods', live, 'en')).get(code), `Sewing workshop ${word}`);
	assert.equal((await offered('legal', live)).has(code), false);
	// The built-in types are still there.
	assert.equal((await offered('livelihoods', live)).has('career_counselling'), true);

	// A caseworker records a service with it.
	const p = await createPerson({ given_names: 'Olga', surname1: uniqueWord('Zc') });
	const k = await post('/api/v1/cases', { person_id: p.id, area: 'livelihoods' }, live);
	assert.equal(k.status, 201, k.text);
	const services = `/api/v1/cases/${k.json.id}/services`;
	const s = await post(services, { type: code, date: '2026-01-12' }, live);
	assert.equal(s.status, 201, s.text);
	assert.equal(s.json.type, code);

	// Renamed in Spanish only: English keeps its label.
	const ren = await patch(`${ENTRIES}/${code}`, { label_es: `Confección ${word}` });
	assert.equal(ren.status, 200, ren.text);
	assert.equal(ren.json.label_es, `Confección ${word}`);
	assert.equal(ren.json.label_en, `Sewing workshop ${word}`);
	assert.equal((await offered('livelihoods', live)).get(code), `Confección ${word}`);

	// Deactivated: no longer offered, refused for new services; the old
	// service keeps its type.
	const off = await patch(`${ENTRIES}/${code}`, { active: false });
	assert.equal(off.status, 200, off.text);
	assert.equal(off.json.active, false);
	assert.equal((await offered('livelihoods', live)).has(code), false);
	const refused = assertApiError(await post(services, { type: code, date: '2026-01-13' }, live), 400, 'deactivated type');
	assert.equal(refused.field, 'type');
	const old = await api(`${services}/${s.json.id}`, { token: live });
	assert.equal(old.status, 200, old.text);
	assert.equal(old.json.type, code);
	const all = await api(`${ENTRIES}?area=livelihoods`);
	assert.equal(all.status, 200, all.text);
	const listed = all.json.items.find((i) => i.code === code);
	assert.equal(listed.active, false);

	// Reactivated: offered again.
	assert.equal((await patch(`${ENTRIES}/${code}`, { active: true })).status, 200);
	assert.equal((await offered('livelihoods', live)).has(code), true);
	assert.equal((await post(services, { type: code, date: '2026-01-14' }, live)).status, 201);

	// Used: cannot be removed.
	const used = assertApiError(await post(`${ENTRIES}/${code}/remove`, {}), 409, 'used entry');
	assert.equal(used.field, 'code');
});

test('codes, labels and removal: what is refused and why', opts, async () => {
	const word = uniqueWord('Tmp').toLowerCase();
	const given = await post(ENTRIES, { area: 'community', code: `fair_${word}`, label_es: 'Feria comunitaria' });
	assert.equal(given.status, 201, given.text);
	assert.equal(given.json.code, `fair_${word}`);
	// No English label: English shows the Spanish one.
	assert.equal(given.json.label_en, 'Feria comunitaria');

	assert.equal(assertApiError(await post(ENTRIES, { area: 'legal', code: `fair_${word}`, label_es: 'Otra' }), 400, 'code taken in another area').field, 'code');
	assert.equal(assertApiError(await post(ENTRIES, { area: 'legal', code: 'pfa', label_es: 'Otra' }), 400, 'built-in code').field, 'code');
	assert.equal(assertApiError(await post(ENTRIES, { area: 'legal', code: 'Mal Código', label_es: 'Otra' }), 400, 'bad code').field, 'code');
	assert.equal(assertApiError(await post(ENTRIES, { area: 'legal', label_es: '  ' }), 400, 'no label').field, 'label_es');
	assert.equal(assertApiError(await post(ENTRIES, { area: 'legal', label_es: 'x'.repeat(121) }), 400, 'long label').field, 'label_es');
	assert.equal(assertApiError(await post(ENTRIES, { area: 'nowhere', label_es: 'Otra' }), 400, 'unknown area').field, 'area');
	assert.equal(assertApiError(await post(ENTRIES, { area: 'legal', label_es: 'Otra', colour: 'red' }), 400, 'unknown key').field, 'colour');
	assertApiError(await post('/api/v1/catalogues/colours/entries', { label_es: 'Rojo' }), 404, 'unknown catalogue');
	assertApiError(await patch(`${ENTRIES}/no_such_code_${word}`, { label_es: 'x' }), 404, 'unknown code');
	assert.equal(assertApiError(await patch(`${ENTRIES}/fair_${word}`, { active: 'no' }), 400, 'active not boolean').field, 'active');
	// An added entry keeps at least one label.
	assert.equal(assertApiError(await patch(`${ENTRIES}/fair_${word}`, { label_es: null }), 400, 'no label left').field, 'label_es');

	// Built-in entries are never removed.
	const builtin = assertApiError(await post(`${ENTRIES}/group_coaching/remove`, {}), 409, 'built-in entry');
	assert.equal(builtin.field, 'code');
	// An unused added entry is (a typing mistake).
	const gone = await post(`${ENTRIES}/fair_${word}/remove`, {});
	assert.equal(gone.status, 200, gone.text);
	assertApiError(await patch(`${ENTRIES}/fair_${word}`, { label_es: 'x' }), 404, 'removed entry');
});

test('closure reasons are editable too; a deactivated one cannot close a case', opts, async () => {
	const live = await tokenFor('live');
	const word = uniqueWord('Job');
	const add = await post('/api/v1/catalogues/closure_reason/entries', { label_es: `Consiguió empleo ${word}`, label_en: `Found a job ${word}` });
	assert.equal(add.status, 201, add.text);
	const code = add.json.code;
	const p = await createPerson({ given_names: 'Ivette', surname1: uniqueWord('Zc') });
	const k = await post('/api/v1/cases', { person_id: p.id, area: 'livelihoods' }, live);
	assert.equal(k.status, 201, k.text);
	const status = `/api/v1/cases/${k.json.id}/status`;
	const closed = await post(status, { status: 'closed', reason: code }, live);
	assert.equal(closed.status, 200, closed.text);
	assert.equal(closed.json.closure_reason, code);
	assert.equal((await post(status, { status: 'open' }, live)).status, 200);

	assert.equal((await patch(`/api/v1/catalogues/closure_reason/entries/${code}`, { active: false })).status, 200);
	const refused = assertApiError(await post(status, { status: 'closed', reason: code }, live), 400, 'deactivated reason');
	assert.equal(refused.field, 'reason');
});

test('only administrators edit catalogues', opts, async () => {
	const live = await tokenFor('live');
	const reader = await tokenFor('reader');
	for (const token of [live, reader]) {
		assertApiError(await api(`${ENTRIES}?area=livelihoods`, { token }), 403, 'list');
		assertApiError(await post(ENTRIES, { area: 'livelihoods', label_es: 'No' }, token), 403, 'add');
		assertApiError(await patch(`${ENTRIES}/career_counselling`, { active: false }, token), 403, 'deactivate');
		assertApiError(await post(`${ENTRIES}/career_counselling/remove`, {}, token), 403, 'remove');
	}
	assertApiError(await api(`${ENTRIES}?area=livelihoods`, { token: null }), 401, 'no credentials');
	// Nothing changed.
	assert.equal((await offered('livelihoods', live)).has('career_counselling'), true);
});
