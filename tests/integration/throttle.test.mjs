// Login throttling: after ten wrong passwords an account is locked for a
// while, whatever is typed next, without locking out anyone else. Uses the
// dedicated account "locked" so no other test is disturbed. Slow on purpose:
// the server delays answers after a few failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Browser, loggedIn, PASSWORDS } from './lib.mjs';

test('ten wrong passwords lock the account: later attempts answer 429', { timeout: 600_000 }, async (t) => {
	const t0 = Date.now();
	const statuses = [];
	for (let i = 1; i <= 10; i++) {
		const r = await new Browser().login('locked', `wrong-password-${i}`);
		statuses.push(r.status);
	}
	// Up to the tenth, a wrong password is a plain "wrong" (the tenth may
	// already answer "locked").
	assert.deepEqual(statuses.slice(0, 9), Array(9).fill(401), `answers to the wrong passwords: ${statuses}`);
	assert.ok(statuses[9] === 401 || statuses[9] === 429, `tenth answer: ${statuses[9]}`);
	t.diagnostic(`ten failures took ${((Date.now() - t0) / 1000).toFixed(1)} s`);

	const wrong = await new Browser().login('locked', 'wrong-password-11');
	assert.equal(wrong.status, 429, 'an attempt after ten failures is refused');
	assert.match(wrong.headers.get('content-type') || '', /^text\/html/);
	assert.match(wrong.text, /<form method="post" action="\/login"/, 'the login form is shown again');
	assert.match(wrong.text, /role="alert"/, 'with a message');

	// Locked means locked: the right password does not open it either.
	const right = new Browser();
	const r = await right.login('locked', PASSWORDS.locked);
	assert.equal(r.status, 429, 'the right password is refused while locked');
	assert.equal(right.cookies.get('amparo_session'), undefined, 'no session while locked');

	// Another account, from the same address, still logs in.
	const other = await loggedIn('clerk');
	const page = await other.get('/people');
	assert.equal(page.status, 200);
});

test('a few wrong passwords do not lock an account; a success resets the count', { timeout: 300_000 }, async () => {
	// "reader" is used by no other login in the suite.
	for (let i = 0; i < 2; i++) {
		const r = await new Browser().login('reader', `nope-${i}-wrong`);
		assert.equal(r.status, 401);
	}
	const ok = await new Browser().login('reader', PASSWORDS.reader);
	assert.equal(ok.status, 303, 'the right password works after two mistakes');
	for (let i = 0; i < 2; i++) {
		const r = await new Browser().login('reader', `nope-again-${i}`);
		assert.equal(r.status, 401);
	}
	const ok2 = await new Browser().login('reader', PASSWORDS.reader);
	assert.equal(ok2.status, 303, 'the count started again after the success');
});
