// The review queue page, /reviews: a supervisor compares the pairs the
// registry's scan found and decides, with plain forms (issue 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { csrfOf, findPair, loggedIn, nearDuplicates, scanNow, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

// The page of the queue that shows the pair (its decision form), or null.
async function pageWith(b, pairId) {
	for (let page = 1; page < 100; page++) {
		const r = await b.get(`/reviews?page=${page}`);
		assert.equal(r.status, 200, r.text.slice(0, 300));
		if (r.text.includes(`action="/reviews/${pairId}/decide"`))
			return r.text;
		if (!r.text.includes('Siguiente'))
			return null;
	}
	return null;
}

test('a supervisor sees a pair side by side with its reasons, in Spanish, and decides', opts, async () => {
	const { a, b: other, born } = await nearDuplicates();
	await scanNow();
	const pair = await findPair(a.id, other.id);
	assert.ok(pair);
	const admin = await loggedIn('admin');
	const home = await admin.get('/people');
	assert.match(home.text, /<a href="\/reviews"[^>]*>Posibles duplicados<\/a>/, 'the nav links the queue');

	const html = await pageWith(admin, pair.id);
	assert.ok(html, 'the pair is on a page of the queue');
	assert.match(html, /<h1>Posibles duplicados<\/h1>/);
	assert.ok(html.includes(a.ref) && html.includes(other.ref), 'both references');
	assert.match(html, /Josmar/);
	assert.match(html, /Yosmar/);
	assert.ok(html.includes(born.split('-').reverse().join('/')), 'the birth date as caseworkers write it');
	assert.match(html, /Fecha de nacimiento: igual/, 'the reasons, translated');
	assert.match(html, /Misma persona/);
	assert.match(html, /Personas distintas/);
	assert.match(html, /Buscar duplicados ahora/);
	assert.match(html, /Último análisis:/);
	assert.doesNotMatch(html, /<script>/, 'no inline script');

	// "Misma persona" records the decision and goes on to the merge page.
	const csrf = csrfOf(html);
	const r = await admin.post(`/reviews/${pair.id}/decide`, { csrf, decision: 'same' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.headers.get('location'), `/people/${pair.person_a.id}/merge?with=${pair.person_b.id}`);
	const merge = await admin.get(r.headers.get('location'));
	assert.equal(merge.status, 200, 'the merge page compares the two: ' + merge.text.slice(0, 300));
	assert.ok(merge.text.includes(a.ref) && merge.text.includes(other.ref), 'both records on the merge page');
	assert.ok(await findPair(a.id, other.id, 'same'));
	assert.equal(await pageWith(admin, pair.id), null, 'no longer in the queue');

	// Deciding it again is refused.
	const again = await admin.post(`/reviews/${pair.id}/decide`, { csrf, decision: 'different' });
	assert.equal(again.status, 409);
});

test('"Personas distintas" returns to the queue; the filter and the scan button work', opts, async () => {
	const { a, b: other } = await nearDuplicates();
	await scanNow();
	const pair = await findPair(a.id, other.id);
	const admin = await loggedIn('admin');
	const likely = await admin.get('/reviews?verdict=likely');
	assert.equal(likely.status, 200);
	assert.doesNotMatch(likely.text, /class="review match possible"/, 'only likely pairs');
	const csrf = csrfOf(likely.text);
	const r = await admin.post(`/reviews/${pair.id}/decide`, { csrf, decision: 'different', verdict: 'likely', page: '1' });
	assert.equal(r.status, 303);
	assert.match(r.headers.get('location'), /^\/reviews\?done=different&verdict=likely&page=1$/);
	const back = await admin.get(r.headers.get('location'));
	assert.match(back.text, /personas distintas/i);
	assert.ok(await findPair(a.id, other.id, 'different'));

	const s = await admin.post('/reviews/scan', { csrf });
	assert.equal(s.status, 303);
	assert.equal(s.headers.get('location'), '/reviews?done=scan');
	// Without the CSRF token the form is refused.
	const forged = await admin.post('/reviews/scan', {});
	assert.equal(forged.status, 403);
});

test('a caseworker has no queue: no link, 403', opts, async () => {
	const clerk = await loggedIn('clerk');
	const home = await clerk.get('/people');
	assert.equal(home.status, 200);
	assert.doesNotMatch(home.text, /href="\/reviews"/);
	const r = await clerk.get('/reviews');
	assert.equal(r.status, 403);
	const csrf = csrfOf(home.text);
	assert.equal((await clerk.post('/reviews/scan', { csrf })).status, 403);
	assert.equal((await clerk.post('/reviews/x/decide', { csrf, decision: 'same' })).status, 403);
});
