// Login and sessions (issue 7): a new session id at every login, the
// Origin check on state-changing requests, changing one's own password
// (its rules, and the end of the user's other sessions), and two-step
// login with an authenticator app (TOTP) and recovery codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { amparo, BASE, Browser, csrfOf, DB, loggedIn, PASSWORDS, TIMEOUT } from './lib.mjs';
import { withFreshCode } from '../lib/totp.mjs';

const opts = { timeout: TIMEOUT };

test('login gives a new session id, never one the browser brought', opts, async () => {
	// A value planted in the browser (session fixation) is not adopted.
	const b = new Browser();
	b.cookies.set('amparo_session', 'F'.repeat(43));
	assert.equal((await b.login('reader', PASSWORDS.reader)).status, 303);
	const first = b.cookies.get('amparo_session');
	assert.ok(first && first !== 'F'.repeat(43), 'a new value at login');
	// Logging in again from a live session ends that session.
	const csrf = csrfOf((await b.get('/people')).text);
	const r = await b.post('/login', { csrf, name: 'reader', password: PASSWORDS.reader, next: '/people' });
	assert.equal(r.status, 303, r.text.slice(0, 200));
	const second = b.cookies.get('amparo_session');
	assert.ok(second && second !== first, 'a new value at the second login');
	const old = new Browser();
	old.cookies.set('amparo_session', first);
	assert.equal((await old.get('/people')).status, 303, 'the earlier session is gone');
	assert.equal((await b.get('/people')).status, 200, 'the new one works');
});

test('a state-changing request from another origin is refused with 403', opts, async () => {
	const b = await loggedIn('clerk');
	const csrf = csrfOf((await b.get('/people')).text);
	const host = new URL(BASE).host;
	// Token and cookie are right; only the origin is foreign.
	for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'null' },
		{ Referer: 'https://evil.example/page' }, { Origin: `http://${host}.evil.example` }]) {
		const r = await b.post('/lang', { csrf, to: 'en', next: '/people' }, { headers });
		assert.equal(r.status, 403, `${JSON.stringify(headers)}: ${r.status}`);
		assert.match(r.text, /No permitido|Not allowed/);
	}
	const login = await new Browser({ Origin: 'https://evil.example' }).login('clerk', PASSWORDS.clerk);
	assert.equal(login.status, 403, 'a login posted from another site');
	// The same post from our own pages goes through.
	for (const headers of [{ Origin: `http://${host}` }, { Referer: `${BASE}/people` }, {}]) {
		const r = await b.post('/lang', { csrf, to: 'es', next: '/people' }, { headers });
		assert.equal(r.status, 303, `${JSON.stringify(headers)}: ${r.status} ${r.text.slice(0, 200)}`);
	}
	const page = await b.get('/people');
	assert.equal(page.status, 200, 'still logged in');
});

test('Referrer-Policy lets our own pages send their origin and no other site learn the path', opts, async () => {
	const r = await fetch(BASE + '/login');
	assert.equal(r.headers.get('referrer-policy'), 'same-origin');
});

test('changing the password: rules, wrong current password, other sessions end', opts, async () => {
	const here = await loggedIn('pwuser');
	const elsewhere = await loggedIn('pwuser');
	const page = await here.get('/account/password');
	assert.equal(page.status, 200);
	assert.match(page.text, /Cambiar contraseña/);
	const csrf = csrfOf(page.text);
	const change = (current, password, confirm = password) =>
		here.post('/account/password', { csrf, current, password, confirm });

	let r = await change('not the password', 'un mar de nubes grises');
	assert.equal(r.status, 400);
	assert.match(r.text, /La contraseña actual no es correcta/);
	r = await change(PASSWORDS.pwuser, 'corto');
	assert.equal(r.status, 400);
	assert.match(r.text, /al menos 12 caracteres/);
	r = await change(PASSWORDS.pwuser, 'qwerty123456');
	assert.equal(r.status, 400);
	assert.match(r.text, /de las más usadas/);
	r = await change(PASSWORDS.pwuser, 'Paula Clave 2024');
	assert.equal(r.status, 400);
	assert.match(r.text, /no puede ser su nombre/);
	r = await change(PASSWORDS.pwuser, 'un mar de nubes grises', 'un mar de nubes');
	assert.equal(r.status, 400);
	assert.match(r.text, /no coinciden/);
	assert.equal((await elsewhere.get('/people')).status, 200, 'refused changes end nothing');

	const next = 'un mar de nubes grises ' + Date.now();
	r = await change(PASSWORDS.pwuser, next);
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const done = await here.get(r.headers.get('location'));
	assert.match(done.text, /Su contraseña se cambió/);
	assert.equal((await here.get('/people')).status, 200, 'this session goes on');
	const other = await elsewhere.get('/people');
	assert.equal(other.status, 303, 'the other session ended');
	assert.equal((await new Browser().login('pwuser', PASSWORDS.pwuser)).status, 401, 'the old password is dead');
	assert.equal((await new Browser().login('pwuser', next)).status, 303, 'the new one works');
	// Put the old one back for a rerun against the same database.
	r = await here.post('/account/password', { csrf, current: next, password: PASSWORDS.pwuser, confirm: PASSWORDS.pwuser });
	assert.equal(r.status, 303);
});

// ---- two-step login (TOTP) ----

test('two-step login: enrolment is forced, then a code at every login, each code once, recovery codes once', opts, async () => {
	const b = new Browser();
	let r = await b.post('/login', { name: 'mfa', password: PASSWORDS.mfa, next: '/cases' });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/login/enrol?next=%2Fcases', 'a psychosocial caseworker must set up the app');
	// Nothing else opens before that.
	for (const path of ['/people', '/cases', '/account/password']) {
		const p = await b.get(path);
		assert.equal(p.status, 303, path);
		assert.equal(p.headers.get('location'), '/login/enrol', path);
	}
	const cookie = b.cookies.get('amparo_session');
	const apiTry = await fetch(BASE + '/api/v1/people', { headers: { Cookie: `amparo_session=${cookie}` } });
	assert.equal(apiTry.status, 401, 'the API does not take a half-open session');

	const enrol = await b.get('/login/enrol?next=%2Fcases');
	assert.equal(enrol.status, 200);
	assert.match(enrol.text, /Configurar el inicio de sesión en dos pasos/);
	assert.match(enrol.text, /<svg class="qr"[^>]*role="img"/, 'an inline QR code');
	assert.doesNotMatch(enrol.text, /<img[^>]+src="https?:/, 'no image from elsewhere');
	const secret = enrol.text.match(/data-secret="([A-Z2-7]+)"/)[1];
	assert.equal(secret.length, 32);
	const csrf = csrfOf(enrol.text);
	r = await b.post('/login/enrol', { csrf, code: '000000', next: '/cases' });
	assert.equal(r.status, 400);
	assert.match(r.text, /no es correcto/);
	assert.equal((await b.get('/people')).status, 303, 'still not in');
	r = await withFreshCode('mfa', secret, (code) => b.post('/login/enrol', { csrf, code, next: '/cases' }));
	assert.equal(r.status, 200, r.text.slice(0, 300));
	const codes = [...r.text.matchAll(/<li><code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})<\/code><\/li>/g)].map((m) => m[1]);
	assert.equal(codes.length, 10, 'ten recovery codes, shown once');
	assert.notEqual(b.cookies.get('amparo_session'), cookie, 'a new session id once complete');
	assert.equal((await b.get('/cases')).status, 200, 'now in');

	// Next login: password, then a code.
	const c = new Browser();
	r = await c.post('/login', { name: 'mfa', password: PASSWORDS.mfa, next: '/cases' });
	assert.equal(r.headers.get('location'), '/login/code?next=%2Fcases');
	assert.equal((await c.get('/cases')).status, 303, 'not in before the code');
	const page = await c.get('/login/code?next=%2Fcases');
	assert.match(page.text, /Código de verificación/);
	const ccsrf = csrfOf(page.text);
	let used;
	r = await withFreshCode('mfa', secret, (code) => { used = code; return c.post('/login/code', { csrf: ccsrf, code, next: '/cases' }); });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.headers.get('location'), '/cases');
	assert.equal((await c.get('/cases')).status, 200);

	// The same code a second time is refused, even at once.
	const d = new Browser();
	await d.post('/login', { name: 'mfa', password: PASSWORDS.mfa });
	const dcsrf = csrfOf((await d.get('/login/code')).text);
	r = await d.post('/login/code', { csrf: dcsrf, code: used });
	assert.equal(r.status, 401);
	assert.match(r.text, /incorrecto o ya se usó/);
	assert.equal((await d.get('/people')).status, 303);

	// A recovery code works instead of the app's code, once.
	r = await d.post('/login/code', { csrf: dcsrf, code: codes[3].toLowerCase() });
	assert.equal(r.status, 303, 'a recovery code, typed in lower case');
	assert.equal((await d.get('/people')).status, 200);
	const e = new Browser();
	await e.post('/login', { name: 'mfa', password: PASSWORDS.mfa });
	const ecsrf = csrfOf((await e.get('/login/code')).text);
	r = await e.post('/login/code', { csrf: ecsrf, code: codes[3] });
	assert.equal(r.status, 401, 'a used recovery code');

	// A lost phone: the administrator resets; the next login enrols again.
	const reset = await amparo(['user', 'reset-2fa', 'mfa', '--db', DB]);
	assert.equal(reset.code, 0, reset.stderr);
	const f = new Browser();
	r = await f.post('/login', { name: 'mfa', password: PASSWORDS.mfa });
	assert.match(r.headers.get('location'), /^\/login\/enrol/);
	const again = await f.get('/login/enrol');
	assert.notEqual(again.text.match(/data-secret="([A-Z2-7]+)"/)[1], secret, 'a new secret');
});

test('users without a sensitive area log in with the password alone', opts, async () => {
	const b = new Browser();
	const r = await b.post('/login', { name: 'reader', password: PASSWORDS.reader, next: '/people' });
	assert.equal(r.headers.get('location'), '/people');
});

test('two-step login chosen from the account page by a user who need not have it', opts, async () => {
	const b = await loggedIn('optin');
	const account = await b.get('/account/password');
	assert.match(account.text, /href="\/account\/2fa"/);
	const page = await b.get('/account/2fa');
	assert.equal(page.status, 200);
	assert.match(page.text, /<svg class="qr"/);
	const secret = page.text.match(/data-secret="([A-Z2-7]+)"/)[1];
	const csrf = csrfOf(page.text);
	let r = await b.post('/account/2fa', { csrf, code: 'abc' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Escriba los 6 dígitos/);
	r = await withFreshCode('optin', secret, (code) => b.post('/account/2fa', { csrf, code }));
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.equal([...r.text.matchAll(/<li><code>[A-Z2-7-]{19}<\/code><\/li>/g)].length, 10);
	assert.match((await b.get('/account/2fa')).text, /está activado en su cuenta/);
	// From now on the password alone is not enough.
	const c = new Browser();
	r = await c.post('/login', { name: 'optin', password: PASSWORDS.optin });
	assert.match(r.headers.get('location'), /^\/login\/code/);
	r = await c.typeCode('optin', r.headers.get('location'), secret);
	assert.equal(r.status, 303);
	assert.equal((await c.get('/people')).status, 200);
});
