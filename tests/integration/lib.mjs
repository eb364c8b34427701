// lib.mjs: what the integration tests share: the server's address, the
// credentials run.sh made, and small helpers for the API and the pages.
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { withFreshCode } from '../lib/totp.mjs';

function need(name) {
	const v = process.env[name];
	if (!v)
		throw new Error(`${name} is not set: run the tests through tests/integration/run.sh`);
	return v;
}

export const BASE = need('AMPARO_URL');
export const TOKEN = need('AMPARO_TOKEN');
export const BIN = need('AMPARO_BIN');
export const DB = need('AMPARO_TEST_DB');
export const ACCESS_LOG = need('AMPARO_ACCESS_LOG');
export const PASSWORDS = {
	admin: need('AMPARO_TEST_ADMIN_PASSWORD'),
	reader: need('AMPARO_TEST_READER_PASSWORD'),
	ethics: need('AMPARO_TEST_ETHICS_PASSWORD'),
	clerk: need('AMPARO_TEST_CLERK_PASSWORD'),
	locked: need('AMPARO_TEST_LOCKED_PASSWORD'),
	psy: need('AMPARO_TEST_PSY_PASSWORD'),
	live: need('AMPARO_TEST_LIVE_PASSWORD'),
	lex: need('AMPARO_TEST_LEX_PASSWORD'),
	com: need('AMPARO_TEST_COM_PASSWORD'),
	comm: need('AMPARO_TEST_COMM_PASSWORD'),
	sup: need('AMPARO_TEST_SUP_PASSWORD'),
	aid: need('AMPARO_TEST_AID_PASSWORD'),
	far: need('AMPARO_TEST_FAR_PASSWORD'),
	cash: need('AMPARO_TEST_CASH_PASSWORD'),
	pwuser: need('AMPARO_TEST_PWUSER_PASSWORD'),
	mfa: need('AMPARO_TEST_PWUSER_PASSWORD'),
	optin: need('AMPARO_TEST_PWUSER_PASSWORD'),
	dpo: need('AMPARO_TEST_DPO_PASSWORD'),
	nogrant: need('AMPARO_TEST_NOGRANT_PASSWORD'),
	boss: need('AMPARO_TEST_BOSS_PASSWORD'),
	mne: need('AMPARO_TEST_MNE_PASSWORD'),
	payer: need('AMPARO_TEST_PAYER_PASSWORD'),
};

// The authenticator secret run.sh gave every user who needs two-step login.
export const TOTP_SECRET = need('AMPARO_TEST_TOTP_SECRET');

// Generous: the same tests run against a sanitizer build.
export const TIMEOUT = 120_000;

// Runs the amparo binary; resolves to { code, stdout, stderr } whatever the
// exit status.
export function amparo(args, env = {}) {
	return new Promise((resolve) => {
		execFile(BIN, args, { env: { ...process.env, ...env }, timeout: 120_000 },
			(err, stdout, stderr) => {
				const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
				resolve({ code, stdout, stderr });
			});
	});
}

// A new bearer token for a user, made with `amparo token create`.
export async function tokenFor(user) {
	const r = await amparo(['token', 'create', '--db', DB, '--user', user, '--label', `test ${user}`]);
	assert.equal(r.code, 0, `amparo token create --user ${user} failed: ${r.stderr}`);
	const token = r.stdout.trim();
	assert.ok(token.length > 20, `token looks wrong: ${token}`);
	return token;
}

// A call to the JSON API. body: an object (sent as JSON) or a string (sent
// as is). token: null for none.
export async function api(path, { method = 'GET', token = TOKEN, body, headers = {} } = {}) {
	const h = { Accept: 'application/json', ...headers };
	if (token)
		h.Authorization = `Bearer ${token}`;
	let payload;
	if (body !== undefined) {
		if (typeof body === 'string' || body instanceof Uint8Array) {
			payload = body;
		} else {
			payload = JSON.stringify(body);
			if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type'))
				h['Content-Type'] = 'application/json';
		}
	}
	const res = await fetch(BASE + path, { method, headers: h, body: payload, redirect: 'manual' });
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

// A call to the JSON API that must succeed (2xx); resolves to its JSON.
export async function apiOk(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json;
}

// Asserts an API error answer: the status, a JSON content type and the
// {"error": {"code", "message"}} shape. Returns the error object.
export function assertApiError(r, status, what = '') {
	assert.equal(r.status, status, `${what}: want ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
	assert.match(r.headers.get('content-type') || '', /^application\/json/, `${what}: content type`);
	assert.ok(r.json, `${what}: body is not JSON: ${r.text.slice(0, 200)}`);
	assert.equal(typeof r.json.error, 'object', `${what}: no "error" object`);
	assert.equal(typeof r.json.error.code, 'string', `${what}: error.code`);
	assert.ok(r.json.error.code.length > 0, `${what}: empty error.code`);
	assert.equal(typeof r.json.error.message, 'string', `${what}: error.message`);
	assert.ok(r.json.error.message.length > 0, `${what}: empty error.message`);
	assert.doesNotMatch(r.text, /<html/i, `${what}: HTML in an API error`);
	return r.json.error;
}

// A person the tests can recognise; returns the created record.
let serial = 0;
export function uniqueWord(prefix = 'Zq') {
	// Letters only, so the search folds it as one word.
	const n = Date.now().toString(36) + process.pid.toString(36) + (serial++).toString(36);
	let out = prefix;
	for (const ch of n)
		out += String.fromCharCode(97 + (parseInt(ch, 36) % 26));
	return out;
}

export async function createPerson(fields, token = TOKEN) {
	const r = await api('/api/v1/people', { method: 'POST', body: fields, token });
	assert.equal(r.status, 201, `create person: ${r.text}`);
	return r.json;
}

// ---- pages ----

// A browser-like session: keeps the session cookie.
export class Browser {
	constructor(headers = {}) {
		this.cookies = new Map();
		this.headers = headers;
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	keep(res) {
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
			if (!value || /max-age=0\b/i.test(c))
				this.cookies.delete(name);
			else
				this.cookies.set(name, value);
		}
	}

	async request(path, { method = 'GET', form, headers = {}, body } = {}) {
		const h = { ...this.headers, ...headers };
		if (this.cookies.size)
			h.Cookie = this.cookieHeader();
		let payload = body;
		if (form)
			payload = new URLSearchParams(form);
		const res = await fetch(BASE + path, { method, headers: h, body: payload, redirect: 'manual' });
		this.keep(res);
		const text = await res.text();
		return { status: res.status, headers: res.headers, text, res };
	}

	get(path, opts = {}) {
		return this.request(path, opts);
	}

	post(path, form, opts = {}) {
		return this.request(path, { ...opts, method: 'POST', form });
	}

	// Logs in; when the server asks for the second step, types a fresh
	// code (TOTP_SECRET) and answers that step's response instead.
	async login(name, password, next = '/people') {
		const r = await this.post('/login', { name, password, next });
		if (r.status !== 303 || !/^\/login\/code/.test(r.headers.get('location') || ''))
			return r;
		this.secondStep = true;
		return this.typeCode(name, r.headers.get('location'));
	}

	// Answers the code page at path with a fresh code for name.
	async typeCode(name, path = '/login/code', secret = TOTP_SECRET) {
		const page = await this.get(path);
		const csrf = csrfOf(page.text);
		const next = new URL(path, BASE).searchParams.get('next') || '/';
		return withFreshCode(name, secret, (code) => this.post('/login/code', { csrf, code, next }));
	}
}

// The CSRF token of the first form on a page that has one.
export function csrfOf(html) {
	const m = html.match(/<input[^>]*name="csrf"[^>]*value="([^"]+)"/) ||
		html.match(/<input[^>]*value="([^"]+)"[^>]*name="csrf"/);
	assert.ok(m, 'no csrf field on the page');
	return m[1];
}

// A logged-in browser for a user. Users with two-step login share one
// session across the test files (a file in AMPARO_TOTP_STATE), since each
// login spends a time step's code; fresh: always a login of its own.
export async function loggedIn(name, password = PASSWORDS[name], { fresh = false } = {}) {
	const saved = join(process.env.AMPARO_TOTP_STATE || '/nonexistent', `${name}.session`);
	if (!fresh) {
		try {
			const b = new Browser();
			b.cookies.set('amparo_session', readFileSync(saved, 'utf8'));
			if ((await b.get('/account/password')).status === 200)
				return b;
		} catch { /* none saved, or it ended: log in */ }
	}
	const b = new Browser();
	const r = await b.login(name, password);
	assert.equal(r.status, 303, `login as ${name}: ${r.status} ${r.text.slice(0, 300)}`);
	assert.ok(b.cookies.get('amparo_session'), 'no session cookie after login');
	if (b.secondStep && !fresh)
		writeFileSync(saved, b.cookies.get('amparo_session'));
	return b;
}

// Opens a case in area for personId from the person's profile, as the
// logged-in browser b; resolves to { path, csrf }: the case page's path and
// the session's CSRF token.
export async function openCaseFromProfile(b, personId, area) {
	const csrf = csrfOf((await b.get(`/people/${personId}`)).text);
	const opened = await b.post('/cases', { csrf, person_id: personId, area });
	assert.equal(opened.status, 303, opened.text.slice(0, 300));
	return { path: opened.headers.get('location'), csrf };
}

export function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- the review queue of possible duplicates ----

// Asks for a scan and waits until one that began after the request ends;
// returns the state after it.
export async function scanNow(token) {
	const before = await api('/api/v1/reviews/scan', { token });
	assert.equal(before.status, 200, before.text);
	const was = before.json.last ? before.json.last.scan_id : null;
	const r = await api('/api/v1/reviews/scan', { method: 'POST', token });
	assert.equal(r.status, 202, r.text);
	for (let i = 0; i < 600; i++) {
		const s = await api('/api/v1/reviews/scan', { token });
		assert.equal(s.status, 200, s.text);
		if (!s.json.running && !s.json.requested && s.json.last && s.json.last.scan_id !== was) {
			assert.equal(s.json.failed, false, 'the scan failed: see the server log');
			return s.json;
		}
		await sleep(100);
	}
	throw new Error('the scan never finished');
}

// The pair of people a and b among the pairs of this status, or undefined.
export async function findPair(a, b, status = 'pending', token) {
	for (let offset = 0; ; offset += 500) {
		const r = await api(`/api/v1/reviews?status=${status}&limit=500&offset=${offset}`, { token });
		assert.equal(r.status, 200, r.text);
		const hit = r.json.items.find((p) =>
			(p.person_a.id === a && p.person_b.id === b) || (p.person_a.id === b && p.person_b.id === a));
		if (hit || offset + 500 >= r.json.total)
			return hit;
	}
}

// Two registrations of one person, typed differently, with one passport;
// returns { a, b, born }.
export async function nearDuplicates(token) {
	const sur = uniqueWord('Gz');
	const passport = 'P' + Date.now().toString().slice(-8);
	// A birth date of its own, so that two calls do not make pairs across.
	const n = Date.now() + serial++;
	const born = `${1940 + (n % 60)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
	const a = await createPerson({ given_names: 'Josmar', surname1: sur, surname2: 'Rivas', birth_date: born, sex: 'male' }, token);
	const b = await createPerson({ given_names: 'Yosmar', surname1: sur, surname2: 'Rivas', birth_date: born, sex: 'male' }, token);
	for (const p of [a, b]) {
		const d = await api(`/api/v1/people/${p.id}/documents`, { method: 'POST', token, body: { type: 'passport', number: passport } });
		assert.equal(d.status, 201, d.text);
	}
	return { a, b, born };
}
