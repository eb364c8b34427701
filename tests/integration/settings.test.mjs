// The office's settings: the administrator's page and the API, field-level
// errors that write nothing, and nobody else may change them. Each test
// puts back the defaults it changed: other files' tests read them.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, csrfOf, loggedIn, tokenFor, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

const byKey = (items) => Object.fromEntries(items.map((s) => [s.key, s]));

test('the API reads and changes settings, all or nothing', opts, async () => {
	const g = await api('/api/v1/settings');
	assert.equal(g.status, 200, g.text);
	const s = byKey(g.json.items);
	assert.equal(s.referral_overdue_days.value, 7);
	assert.equal(s.referral_overdue_days.min, 1);
	assert.deepEqual(s.plan_approval_areas.value, []);

	const u = await api('/api/v1/settings', {
		method: 'PATCH',
		body: { referral_overdue_days: 14, closure_approval_areas: ['legal', 'psychosocial'] },
	});
	assert.equal(u.status, 200, u.text);
	assert.equal(byKey(u.json.items).referral_overdue_days.value, 14);
	assert.deepEqual(byKey(u.json.items).closure_approval_areas.value, ['psychosocial', 'legal']);

	// One wrong value: a 400 naming it, and the right one is not kept either.
	const bad = await api('/api/v1/settings', {
		method: 'PATCH',
		body: { referral_overdue_days: 3, closure_approval_areas: ['cooking'] },
	});
	assertApiError(bad, 400, 'an unknown area');
	assert.match(bad.text, /closure_approval_areas/);
	assertApiError(await api('/api/v1/settings', { method: 'PATCH', body: { referral_overdue_days: 0 } }), 400, 'zero days');
	assertApiError(await api('/api/v1/settings', { method: 'PATCH', body: { colour: 'blue' } }), 400, 'no such setting');
	assertApiError(await api('/api/v1/settings', { method: 'PATCH', body: { referral_overdue_days: { n: 3 } } }), 400, 'an object');
	const after = byKey((await api('/api/v1/settings')).json.items);
	assert.equal(after.referral_overdue_days.value, 14);

	const back = await api('/api/v1/settings', {
		method: 'PATCH',
		body: { referral_overdue_days: 7, closure_approval_areas: [] },
	});
	assert.equal(back.status, 200, back.text);
});

test('only administrators read or change settings through the API', opts, async () => {
	const token = await tokenFor('psy');
	assertApiError(await api('/api/v1/settings', { token }), 403, 'a caseworker reads');
	assertApiError(await api('/api/v1/settings', { token, method: 'PATCH', body: { referral_overdue_days: 2 } }), 403,
		'a caseworker changes');
	assert.equal(byKey((await api('/api/v1/settings')).json.items).referral_overdue_days.value, 7);
});

// The bulk viewing alert's settings (docs/access.md), as the form sends them.
const bulk = { bulk_view_records: '50', bulk_view_minutes: '10' };

test('an administrator changes settings on the page; errors are in Spanish and keep what was typed', opts, async () => {
	const admin = await loggedIn('admin');
	const page = await admin.get('/settings');
	assert.equal(page.status, 200, page.text.slice(0, 300));
	assert.match(page.text, /<a href="\/settings"[^>]*aria-current="page"[^>]*>Ajustes<\/a>/);
	assert.match(page.text, /Días para responder una remisión/);
	assert.match(page.text, /name="referral_overdue_days"[^>]*value="7"/);
	const csrf = csrfOf(page.text);

	const bad = await admin.post('/settings', { csrf, referral_overdue_days: 'diez', plan_approval_areas: 'legal', ...bulk });
	assert.equal(bad.status, 400, bad.text.slice(0, 300));
	assert.match(bad.text, /Escriba un número entero del 1 al 90/);
	assert.match(bad.text, /value="diez"/);
	assert.match(bad.text, /name="plan_approval_areas" value="legal" checked/);

	const ok = await admin.post('/settings', { csrf, referral_overdue_days: '10', plan_approval_areas: 'legal', ...bulk });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	const saved = await admin.get('/settings?saved=1');
	assert.match(saved.text, /name="referral_overdue_days"[^>]*value="10"/);
	assert.match(saved.text, /name="plan_approval_areas" value="legal" checked/);

	// Unticking every area clears the list.
	const cleared = await admin.post('/settings', { csrf, referral_overdue_days: '7', ...bulk });
	assert.equal(cleared.status, 303);
	const s = byKey((await api('/api/v1/settings')).json.items);
	assert.equal(s.referral_overdue_days.value, 7);
	assert.deepEqual(s.plan_approval_areas.value, []);
});

test('other users get 403 on the settings page and see no link to it', opts, async () => {
	const psy = await loggedIn('psy');
	const r = await psy.get('/settings');
	assert.equal(r.status, 403);
	assert.doesNotMatch(r.text, /href="\/settings"/);
	const p = await psy.post('/settings', { csrf: csrfOf((await psy.get('/people')).text), referral_overdue_days: '2' });
	assert.equal(p.status, 403);
});
