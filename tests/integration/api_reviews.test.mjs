// /api/v1/reviews: the review queue of possible duplicates across the
// registry (issue 4): a scan finds near-duplicates, a supervisor decides,
// the decision is kept, audited and never asked again, and it refines the
// stored model.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertApiError, findPair, nearDuplicates, scanNow, tokenFor, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('a scan finds near-duplicates with reasons; a decision is kept, audited and not asked again', opts, async () => {
	const { a, b, born } = await nearDuplicates();
	const first = await scanNow();
	assert.ok(first.last.pairs_found >= 1, JSON.stringify(first));
	assert.ok(first.last.records >= 2);

	const pair = await findPair(a.id, b.id);
	assert.ok(pair, 'the two registrations are a pending pair');
	assert.equal(pair.status, 'pending');
	assert.equal(pair.verdict, 'likely');
	assert.equal(typeof pair.score, 'number');
	const [pa, pb] = pair.person_a.id === a.id ? [pair.person_a, pair.person_b] : [pair.person_b, pair.person_a];
	assert.equal(pa.ref, a.ref);
	assert.equal(pa.given_names, 'Josmar');
	assert.equal(pb.given_names, 'Yosmar');
	assert.equal(pb.birth_date, born);
	const reason = (f) => pair.reasons.find((x) => x.field === f);
	assert.equal(reason('birth_date').level, 'exact');
	assert.equal(reason('document_number').level, 'exact');
	assert.ok(reason('document_number').weight > 0);
	assert.ok(reason('given_names'), 'a reason for the given names');

	// The likely filter has it, the possible one does not.
	const likely = await api('/api/v1/reviews?verdict=likely&limit=500');
	assert.equal(likely.status, 200);
	assert.ok(likely.json.items.every((p) => p.verdict === 'likely' && p.status === 'pending'));
	for (let i = 1; i < likely.json.items.length; i++)
		assert.ok(likely.json.items[i - 1].score >= likely.json.items[i].score, 'best first');

	// Reading a pair is a read of both people, audited as a profile is
	// (the history call itself records one view too).
	const me = await api('/api/v1/me');
	const views = async (id) => (await api(`/api/v1/people/${id}/history?limit=500`)).json.items
		.filter((e) => e.action === 'view' && e.user_id === me.json.id).length;
	const before = [await views(a.id), await views(b.id)];
	assert.equal((await api(`/api/v1/reviews/${pair.id}`)).status, 200);
	assert.deepEqual([await views(a.id), await views(b.id)], [before[0] + 2, before[1] + 2]);

	// Decided "different": kept, with who and when.
	const d = await api(`/api/v1/reviews/${pair.id}/decide`, { method: 'POST', body: { decision: 'different' } });
	assert.equal(d.status, 200, d.text);
	assert.equal(d.json.status, 'different');
	assert.equal(d.json.decided_by, me.json.id);
	assert.ok(d.json.decided_at);
	assertApiError(await api(`/api/v1/reviews/${pair.id}/decide`, { method: 'POST', body: { decision: 'same' } }), 409, 'decided twice');
	const got = await api(`/api/v1/reviews/${pair.id}`);
	assert.equal(got.status, 200, got.text);
	assert.equal(got.json.status, 'different', 'the first decision is kept');
	assertApiError(await api('/api/v1/reviews/no-such-pair'), 404, 'no such pair');

	// Out of the pending list, in the decided one, and in both people's audit log.
	assert.equal(await findPair(a.id, b.id), undefined);
	assert.ok(await findPair(a.id, b.id, 'different'));
	for (const p of [a, b]) {
		const h = await api(`/api/v1/people/${p.id}/history`);
		assert.equal(h.status, 200, h.text);
		assert.ok(h.json.items.some((e) => e.action === 'review_different' && e.user_id === me.json.id &&
			e.fields === 'match_pair'), h.text);
	}

	// A new scan refines the model from the decisions and does not ask again.
	const again = await scanNow();
	assert.ok(again.last.labels >= 1, JSON.stringify(again));
	assert.equal(typeof again.last.different_likely, 'number');
	assert.equal(typeof again.last.same_below_possible, 'number');
	assert.equal(await findPair(a.id, b.id), undefined);
	assert.ok(await findPair(a.id, b.id, 'different'));
});

test('a pair decided "same" counts among the model\'s labelled pairs', opts, async () => {
	const { a, b } = await nearDuplicates();
	await scanNow();
	const pair = await findPair(a.id, b.id);
	assert.ok(pair);
	const d = await api(`/api/v1/reviews/${pair.id}/decide`, { method: 'POST', body: { decision: 'same' } });
	assert.equal(d.status, 200, d.text);
	const s = await scanNow();
	assert.ok(s.last.same_pairs >= 1, JSON.stringify(s));
	assert.ok(s.last.labels >= s.last.same_pairs);
	assert.ok(await findPair(a.id, b.id, 'same'));
});

test('reviews: 400 on a bad decision or filter, 404 for no pair, 401 without credentials', opts, async () => {
	const e = assertApiError(await api('/api/v1/reviews/nope/decide', { method: 'POST', body: { decision: 'maybe' } }), 400, 'bad decision');
	assert.ok(e.fields && e.fields.decision, JSON.stringify(e));
	assertApiError(await api('/api/v1/reviews/nope/decide', { method: 'POST', body: { decision: 'same' } }), 404, 'no such pair');
	const f = assertApiError(await api('/api/v1/reviews?status=maybe'), 400, 'bad status');
	assert.ok(f.fields && f.fields.status, JSON.stringify(f));
	assertApiError(await api('/api/v1/reviews?verdict=sure'), 400, 'bad verdict');
	assertApiError(await api('/api/v1/reviews', { token: null }), 401, 'no credentials');
	assertApiError(await api('/api/v1/reviews/scan', { method: 'POST', token: null }), 401, 'no credentials');
});

test('a caseworker may not see or decide the queue, nor start a scan (403)', opts, async () => {
	const clerk = await tokenFor('clerk');
	assertApiError(await api('/api/v1/reviews', { token: clerk }), 403, 'list');
	assertApiError(await api('/api/v1/reviews/scan', { token: clerk }), 403, 'scan state');
	assertApiError(await api('/api/v1/reviews/x', { token: clerk }), 403, 'one pair');
	assertApiError(await api('/api/v1/reviews/scan', { method: 'POST', token: clerk }), 403, 'scan');
	assertApiError(await api('/api/v1/reviews/x/decide', { method: 'POST', token: clerk, body: { decision: 'same' } }), 403, 'decide');
});
