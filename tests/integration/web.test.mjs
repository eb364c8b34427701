// The web pages as a caseworker's browser sees them: login, the session
// cookie, Spanish by default, forms with CSRF tokens, a form that keeps
// what was typed when it is wrong, logout.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, Browser, csrfOf, loggedIn, PASSWORDS, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

function assertHtml(r, status, what) {
	assert.equal(r.status, status, `${what}: want ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
	assert.match(r.headers.get('content-type') || '', /^text\/html/, `${what}: content type`);
	assert.match(r.text, /^<!doctype html>/i, `${what}: a whole page`);
}

test('pages need a login: GET /people without a session is a 303 to /login', opts, async () => {
	const b = new Browser();
	for (const path of ['/people', '/people/new', '/households']) {
		const r = await b.get(path);
		assert.equal(r.status, 303, `${path}: ${r.status}`);
		assert.match(r.headers.get('location') || '', /^\/login(\?|$)/, `${path} redirects to the login page`);
		assert.doesNotMatch(r.text, /Marisol|P-0000/, 'no personal data in the redirect');
	}
	const root = await b.get('/');
	assert.equal(root.status, 303);
	assert.match(root.headers.get('location'), /^\/login/);
	// A forged cookie is no session.
	const forged = new Browser();
	forged.cookies.set('amparo_session', 'A'.repeat(43));
	const f = await forged.get('/people');
	assert.equal(f.status, 303);
	assert.match(f.headers.get('location'), /^\/login/);
});

test('the login page is Spanish by default and English on request', opts, async () => {
	const es = await new Browser().get('/login');
	assertHtml(es, 200, 'GET /login');
	assert.match(es.text, /<html lang="es"/);
	assert.match(es.text, /<form method="post" action="\/login"/);
	assert.match(es.text, /name="password" type="password"/);

	const en = await new Browser({ 'Accept-Language': 'en-GB,en;q=0.9' }).get('/login');
	assert.match(en.text, /<html lang="en"/, 'Accept-Language: en gives English');
	const q = await new Browser().get('/login?lang=en');
	assert.match(q.text, /<html lang="en"/, '?lang=en gives English');
	const other = await new Browser({ 'Accept-Language': 'fr-FR,fr;q=0.9' }).get('/login');
	assert.match(other.text, /<html lang="es"/, 'other languages fall back to Spanish');
});

test('a wrong password answers 401 with the login form and the name kept', opts, async () => {
	const b = new Browser();
	const r = await b.login('clerk', 'definitely-not-the-password');
	assertHtml(r, 401, 'wrong password');
	assert.equal(b.cookies.get('amparo_session'), undefined, 'no session cookie');
	assert.match(r.text, /role="alert"/, 'an error message is shown');
	assert.match(r.text, /name="name"[^>]*value="clerk"/, 'the user name typed is kept');
	assert.doesNotMatch(r.text, /definitely-not-the-password/, 'the password is never echoed');

	// An unknown user gets the same answer, so names cannot be probed.
	const u = await new Browser().login('no-such-user', 'whatever-password');
	assert.equal(u.status, 401);
});

test('login sets an HttpOnly, SameSite=Strict session cookie and redirects', opts, async () => {
	const b = new Browser();
	const r = await b.post('/login', { name: 'reader', password: PASSWORDS.reader, next: '/households' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.headers.get('location'), '/households', 'goes to the "next" page');
	const cookie = r.headers.getSetCookie().find((c) => c.startsWith('amparo_session='));
	assert.ok(cookie, `Set-Cookie amparo_session: ${r.headers.getSetCookie()}`);
	assert.match(cookie, /;\s*HttpOnly/i);
	assert.match(cookie, /;\s*SameSite=Strict/i);
	assert.match(cookie, /;\s*Path=\//i);
	assert.match(cookie, /^amparo_session=[A-Za-z0-9_-]{43};/, 'a 256-bit random value');

	// "next" may not send the user to another site.
	// A browser drops tabs and line breaks inside a Location before reading
	// it, so "/<TAB>/evil.example" would be "//evil.example" (fuzz_query).
	for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example',
		'/\t/evil.example', '/\t\\evil.example', '/\x7f/x']) {
		const o = await new Browser().post('/login', { name: 'reader', password: PASSWORDS.reader, next });
		assert.equal(o.status, 303);
		const seen = o.headers.get('location').replace(/[\t\n\r]/g, '');
		assert.match(seen, /^\/(?![/\\])/, `next=${JSON.stringify(next)} stays on this site`);
		assert.doesNotMatch(o.headers.get('location'), /[\x00-\x1f\x7f]/);
	}
});

test('logged in, /people is a Spanish page listing people', opts, async () => {
	const b = await loggedIn('clerk');
	const r = await b.get('/people');
	assertHtml(r, 200, 'GET /people');
	assert.match(r.text, /<html lang="es"/);
	assert.match(r.text, /<table/);
	assert.match(r.text, /P-\d{6}/, 'references are listed');
	assert.match(r.text, /name="csrf" value="[^"]+"/, 'the page forms carry a CSRF token');

	// A search from the page form, misspelt and without accents.
	const person = (await api('/api/v1/people', { method: 'POST', body: { given_names: 'Josefina', surname1: 'Quiñónez' } })).json;
	const s = await b.get('/people?q=josefina+quinones');
	assertHtml(s, 200, 'search page');
	assert.ok(s.text.includes(`/people/${person.id}`), 'the search page links the person');

	// htmx asks for the results fragment only.
	const frag = await b.get('/people?q=josefina+quinones', { headers: { 'HX-Request': 'true' } });
	assert.equal(frag.status, 200);
	assert.doesNotMatch(frag.text, /<html/i, 'a fragment, not a page');
	assert.ok(frag.text.includes(person.ref));
});

test('the words of the people page are Spanish by default', opts, async () => {
	const b = await loggedIn('clerk');
	const r = await b.get('/people');
	assertHtml(r, 200, 'GET /people');
	assert.match(r.text, /<html lang="es"/);
	// "People", "Search", "Log out" as a Spanish speaker reads them.
	assert.match(r.text, /<h1>Personas<\/h1>/, 'the heading is "Personas" (po/es.po translates "People"?)');
	assert.match(r.text, /Buscar/, '"Search" is "Buscar"');
	assert.match(r.text, /Cerrar sesión|Salir/, '"Log out" is Spanish');
	assert.doesNotMatch(r.text, />Log out</, 'no English "Log out"');
});

test('register a person through the form: CSRF required, then 303 to the new profile', opts, async () => {
	const b = await loggedIn('clerk');
	const form = await b.get('/people/new');
	assertHtml(form, 200, 'GET /people/new');
	const csrf = csrfOf(form.text);
	const fields = {
		given_names: 'Yohana', surname1: 'Bermúdez', surname2: 'Ortiz', sex: 'female',
		birth_date: '1992-07-21', nationality: 'COL', legal_status: 'refugee', phone: '6321-0000',
	};

	const none = await b.post('/people', fields);
	assertHtml(none, 403, 'POST /people without csrf');
	const wrong = await b.post('/people', { ...fields, csrf: 'x'.repeat(csrf.length) });
	assert.equal(wrong.status, 403, 'a wrong csrf token');
	// Another session's token is no good either.
	const other = await loggedIn('admin');
	const otherCsrf = csrfOf((await other.get('/people/new')).text);
	const crossed = await b.post('/people', { ...fields, csrf: otherCsrf });
	assert.equal(crossed.status, 403, "another session's csrf token");

	const ok = await b.post('/people', { ...fields, csrf });
	assert.equal(ok.status, 303, ok.text.slice(0, 500));
	const loc = ok.headers.get('location');
	assert.match(loc, /^\/people\/[0-9a-f-]{36}(\?|$)/, `redirects to the new profile: ${loc}`);

	const profile = await b.get(loc);
	assertHtml(profile, 200, 'the new profile');
	assert.ok(profile.text.includes('Yohana'), 'the profile shows the name');
	assert.ok(profile.text.includes('Bermúdez'));

	const id = loc.split('/')[2].split('?')[0];
	const viaApi = await api(`/api/v1/people/${id}`);
	assert.equal(viaApi.status, 200);
	assert.equal(viaApi.json.birth_date, '1992-07-21');
	assert.equal(viaApi.json.phone, '6321-0000');

	// The edit form is prefilled; an update through it works.
	const edit = await b.get(`/people/${id}/edit`);
	assertHtml(edit, 200, 'edit form');
	assert.match(edit.text, /name="phone"[^>]*value="6321-0000"/);
	const upd = await b.post(`/people/${id}`, { ...fields, phone: '6321-9999', csrf: csrfOf(edit.text) });
	assert.equal(upd.status, 303, upd.text.slice(0, 300));
	assert.equal((await api(`/api/v1/people/${id}`)).json.phone, '6321-9999');
});

test('a form with an impossible date answers 400 and keeps everything typed', opts, async () => {
	const b = await loggedIn('clerk');
	const csrf = csrfOf((await b.get('/people/new')).text);
	const before = (await api('/api/v1/people?limit=1')).json.total;
	const typed = {
		given_names: 'Émilie <Anne>', surname1: "D'Souza", surname2: 'Núñez & Hijos',
		birth_date: '2001-02-30', phone: '6444-1234', address: 'Calle 3ª, "El Cangrejo"',
		nationality: 'SLV', legal_status: 'migrant', sex: 'female', languages: 'Español, Kreyòl',
		csrf,
	};
	const r = await b.post('/people', typed);
	assertHtml(r, 400, 'impossible date');
	assert.match(r.text, /<html lang="es"/);
	// The message sits beside the date and is announced.
	assert.match(r.text, /role="alert"/);
	assert.match(r.text, /name="birth_date"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="birth_date"/);
	// Every value is still there, escaped.
	assert.match(r.text, /name="birth_date"[^>]*value="2001-02-30"/, 'the wrong date is kept to correct');
	assert.match(r.text, /name="given_names"[^>]*value="Émilie &lt;Anne&gt;"/);
	assert.match(r.text, /name="surname1"[^>]*value="D(&#39;|&#x27;|&apos;|')Souza"/);
	assert.match(r.text, /name="surname2"[^>]*value="Núñez &amp; Hijos"/);
	assert.match(r.text, /name="phone"[^>]*value="6444-1234"/);
	assert.match(r.text, /name="address"[^>]*value="Calle 3ª, &quot;El Cangrejo&quot;"/);
	assert.match(r.text, /name="languages"[^>]*value="Español, Kreyòl"/);
	assert.match(r.text, /<option value="SLV" selected>/, 'the chosen nationality stays chosen');
	assert.match(r.text, /<option value="migrant" selected>/);
	assert.match(r.text, /<option value="female" selected>/);
	assert.doesNotMatch(r.text, /<Anne>/, 'typed text is escaped');
	// The form can be sent again: it still has the CSRF token.
	assert.equal(csrfOf(r.text), csrf);
	// Nothing was stored.
	const after = (await api('/api/v1/people?limit=1')).json.total;
	assert.ok(after >= before);
	const s = await api('/api/v1/people?q=' + encodeURIComponent("D'Souza Núñez"));
	assert.ok(!s.json.items.some((p) => p.given_names === 'Émilie <Anne>'), 'the invalid person was not stored');
});

test('an unknown page is a Spanish 404 page when logged in', opts, async () => {
	const b = await loggedIn('clerk');
	for (const path of ['/no-such-page', '/people/01a00000-0000-7000-8000-000000000000', '/people/P-999999']) {
		const r = await b.get(path);
		assertHtml(r, 404, path);
		assert.match(r.text, /<html lang="es"/);
		assert.match(r.text, /Página no encontrada/, `${path}: the 404 page is in Spanish`);
		assert.match(r.text, /action="\/logout"/, 'still the logged-in frame');
	}
});

test('logout ends the session on the server', opts, async () => {
	const b = await loggedIn('clerk', undefined, { fresh: true });
	const page = await b.get('/people');
	assert.equal(page.status, 200);
	const cookie = b.cookies.get('amparo_session');

	// Logging out needs the CSRF token too (else any site could log users out).
	const forged = await b.post('/logout', {});
	assert.equal(forged.status, 403, 'logout without csrf');

	const r = await b.post('/logout', { csrf: csrfOf(page.text) });
	assert.equal(r.status, 303);
	assert.match(r.headers.get('location'), /^\/login/);
	const del = r.headers.getSetCookie().find((c) => c.startsWith('amparo_session='));
	assert.ok(del, 'the cookie is cleared');
	assert.match(del, /Max-Age=0|Expires=Thu, 01 Jan 1970/i);

	// The old cookie no longer opens anything.
	const again = new Browser();
	again.cookies.set('amparo_session', cookie);
	const after = await again.get('/people');
	assert.equal(after.status, 303, 'the old session cookie is dead');
	assert.match(after.headers.get('location'), /^\/login/);
	const apiAfter = await api('/api/v1/people', { token: null, headers: { Cookie: `amparo_session=${cookie}` } });
	assert.equal(apiAfter.status, 401);
});

test('the language switch changes the page language', opts, async () => {
	const b = new Browser();
	const r = await b.post('/lang', { to: 'en', next: '/login' });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/login');
	const cookie = r.headers.getSetCookie().find((c) => c.startsWith('amparo_lang='));
	assert.ok(cookie, 'a language cookie');
	const page = await b.get('/login');
	assert.match(page.text, /<html lang="en"/);
});
