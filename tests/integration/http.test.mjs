// The HTTP server itself: health check, security headers, static assets,
// compression, body limits, the OpenAPI document, keep-alive, the access
// log and the audit log while the server runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';

import {
	ACCESS_LOG, amparo, api, assertApiError, BASE, Browser, createPerson, DB, loggedIn, sleep,
	TIMEOUT, TOKEN, uniqueWord,
} from './lib.mjs';

const opts = { timeout: TIMEOUT };

test('GET /healthz answers {"status":"ok"} without a login', opts, async () => {
	const res = await fetch(`${BASE}/healthz`);
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /^application\/json/);
	assert.deepEqual(await res.json(), { status: 'ok' });
	const head = await fetch(`${BASE}/healthz`, { method: 'HEAD' });
	assert.equal(head.status, 200, 'HEAD /healthz');
});

function assertSecurityHeaders(headers, what) {
	const csp = headers.get('content-security-policy');
	assert.ok(csp, `${what}: Content-Security-Policy`);
	const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean)
		.map((d) => { const [k, ...v] = d.split(/\s+/); return [k.toLowerCase(), v]; }));
	const scriptSrc = directives['script-src'] || directives['default-src'];
	assert.ok(scriptSrc, `${what}: script-src or default-src in "${csp}"`);
	assert.ok(!scriptSrc.includes("'unsafe-inline'"), `${what}: no 'unsafe-inline' in script-src`);
	assert.ok(!scriptSrc.includes("'unsafe-eval'"), `${what}: no 'unsafe-eval' in script-src`);
	assert.ok(!scriptSrc.includes('*'), `${what}: no wildcard in script-src`);
	assert.deepEqual(directives['frame-ancestors'], ["'none'"], `${what}: frame-ancestors 'none'`);
	assert.equal(headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
	const rp = headers.get('referrer-policy');
	assert.ok(rp, `${what}: Referrer-Policy`);
	assert.match(rp, /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/, `${what}: Referrer-Policy ${rp}`);
}

test('security headers on pages, errors, redirects, static files and the API', opts, async () => {
	const b = await loggedIn('clerk');
	const anon = new Browser();
	const cases = [
		['login page', await anon.get('/login')],
		['redirect to login', await anon.get('/people')],
		['people page', await b.get('/people')],
		['404 page', await b.get('/nope')],
		['static css', await anon.get('/static/app.css')],
		['healthz', await anon.get('/healthz')],
	];
	for (const [what, r] of cases)
		assertSecurityHeaders(r.headers, what);
	for (const [what, r] of [
		['API list', await api('/api/v1/people?limit=1')],
		['API 401', await api('/api/v1/people', { token: null })],
		['API 404', await api('/api/v1/whatever')],
		['API 400', await api('/api/v1/people', { method: 'POST', body: '{' , headers: { 'Content-Type': 'application/json' } })],
	])
		assertSecurityHeaders(r.headers, what);
	// Pages and API answers with personal data are not cached.
	const page = cases[2][1];
	assert.match(page.headers.get('cache-control') || '', /no-store/, 'pages: Cache-Control no-store');
	const list = await api('/api/v1/people?limit=1');
	assert.match(list.headers.get('cache-control') || '', /no-store/, 'API: Cache-Control no-store');
});

test('/static/app.css has an ETag and Cache-Control, and answers 304 to If-None-Match', opts, async () => {
	const r = await fetch(`${BASE}/static/app.css`);
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^text\/css/);
	const body = await r.text();
	assert.ok(body.length > 0, 'a stylesheet');
	const etag = r.headers.get('etag');
	assert.ok(etag, 'ETag');
	assert.match(etag, /^(W\/)?"[^"]+"$/, `a quoted ETag: ${etag}`);
	const cc = r.headers.get('cache-control') || '';
	assert.match(cc, /max-age=\d+|immutable/, `Cache-Control: ${cc}`);
	assert.doesNotMatch(cc, /no-store/);

	const again = await fetch(`${BASE}/static/app.css`, { headers: { 'If-None-Match': etag } });
	assert.equal(again.status, 304);
	assert.equal((await again.text()).length, 0, 'a 304 has no body');
	assert.equal(again.headers.get('etag'), etag);

	const changed = await fetch(`${BASE}/static/app.css`, { headers: { 'If-None-Match': '"something-else"' } });
	assert.equal(changed.status, 200);
	await changed.text();

	// Every asset the pages link is served.
	const login = await (await fetch(`${BASE}/login`)).text();
	const links = [...login.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]);
	assert.ok(links.length >= 2, 'the page links its assets');
	for (const l of links) {
		const a = await fetch(BASE + l);
		assert.equal(a.status, 200, `${l} is served`);
		await a.arrayBuffer();
	}

});

test('a missing static file is a 404 page, and the server lives on', opts, async () => {
	const missing = await fetch(`${BASE}/static/nope.css`);
	assert.equal(missing.status, 404);
	assert.match(missing.headers.get('content-type') || '', /^text\/html/);
	assert.match(await missing.text(), /Página no encontrada/);
	// fetch() would tidy the dots away; send the raw path.
	const traversal = await new Promise((resolve, reject) => {
		http.get(`${BASE}/static/x`, { path: '/static/../api/openapi.json' }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		}).on('error', reject);
	});
	assert.notEqual(traversal, 200, 'no path traversal out of /static');
	const h = await fetch(`${BASE}/healthz`);
	assert.equal(h.status, 200, 'still serving');
	await h.text();
});

test('a body over 1 MiB is refused with 413', opts, async () => {
	const big = JSON.stringify({ given_names: 'A', notes: 'x'.repeat((1 << 20) + 1024) });
	const r = await api('/api/v1/people', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } });
	assertApiError(r, 413, 'API body over 1 MiB');

	const form = new URLSearchParams({ name: 'admin', password: 'y'.repeat((1 << 20) + 10) });
	const f = await fetch(`${BASE}/login`, { method: 'POST', body: form, redirect: 'manual' });
	assert.equal(f.status, 413, 'form body over 1 MiB');
	assert.match(f.headers.get('content-type'), /^text\/html/);
	await f.text();

	// Just under the limit is read (and refused for its content, not its size).
	const under = JSON.stringify({ given_names: 'A', favourite: 'x'.repeat((1 << 20) - 100) });
	const u = await api('/api/v1/people', { method: 'POST', body: under, headers: { 'Content-Type': 'application/json' } });
	assertApiError(u, 400, 'just under 1 MiB');

	// The server still serves after it.
	const h = await fetch(`${BASE}/healthz`);
	assert.equal(h.status, 200);
	await h.text();
});

test('/api/v1/openapi.json is a JSON document, without login', opts, async () => {
	const r = await fetch(`${BASE}/api/v1/openapi.json`);
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^application\/json/);
	const doc = JSON.parse(await r.text());
	assert.equal(typeof doc, 'object');
	assert.ok(doc !== null && !Array.isArray(doc), 'an object');
	if ('openapi' in doc) {
		assert.match(doc.openapi, /^3\./, 'OpenAPI 3');
		assert.equal(typeof doc.paths, 'object', 'paths');
	}
});

// One GET over a keep-alive agent; resolves to { status, body, reused }.
function get(agent, path, headers = {}) {
	return new Promise((resolve, reject) => {
		const req = http.get(`${BASE}${path}`, { agent, headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c) => (body += c));
			res.on('end', () => resolve({ status: res.statusCode, body, reused: req.reusedSocket, headers: res.headers }));
		});
		req.on('error', reject);
	});
}

test('keep-alive: many requests over one connection', opts, async () => {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const sockets = new Set();
	agent.on('free', (s) => sockets.add(s));
	try {
		const auth = { Authorization: `Bearer ${TOKEN}` };
		const answers = [];
		for (const path of ['/healthz', '/api/v1/people?limit=1', '/static/app.css', '/api/v1/whatever',
			'/login', '/api/v1/people?limit=2', '/healthz'])
			answers.push(await get(agent, path, path.startsWith('/api') ? auth : {}));
		assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 404, 200, 200, 200]);
		assert.equal(answers[0].reused, false);
		for (let i = 1; i < answers.length; i++)
			assert.equal(answers[i].reused, true, `request ${i + 1} reused the connection`);
		assert.equal(sockets.size, 1, 'one socket for all');
		for (const a of answers)
			assert.notEqual((a.headers.connection || '').toLowerCase(), 'close');
		assert.equal(JSON.parse(answers[5].body).items.length, 2);
	} finally {
		agent.destroy();
	}
});

test('concurrent requests are all answered', opts, async () => {
	const word = uniqueWord('Conc');
	const creates = Array.from({ length: 12 }, (_, i) =>
		api('/api/v1/people', { method: 'POST', body: { given_names: `Paralelo ${i}`, surname1: word } }));
	const reads = Array.from({ length: 24 }, () => api('/api/v1/people?limit=5'));
	const all = await Promise.all([...creates, ...reads]);
	for (const r of all.slice(0, 12))
		assert.equal(r.status, 201, r.text);
	for (const r of all.slice(12))
		assert.equal(r.status, 200, r.text);
	const refs = new Set(all.slice(0, 12).map((r) => r.json.ref));
	assert.equal(refs.size, 12, 'every new person has its own reference');
	const s = await api(`/api/v1/people?q=${word}&limit=50`);
	assert.equal(s.json.total, 12);
});

test('the access log never holds a query string (search terms are personal data)', opts, async () => {
	const secret = uniqueWord('Secreto');
	const r = await api(`/api/v1/people?q=${secret}&limit=3`);
	assert.equal(r.status, 200);
	const b = await loggedIn('clerk');
	await b.get(`/people?q=${secret}+peres`);
	await fetch(`${BASE}/login?next=/people%3Fq%3D${secret}`).then((x) => x.text());

	// The log line is written after the answer; give it a moment.
	let log = '';
	for (let i = 0; i < 50; i++) {
		log = await readFile(ACCESS_LOG, 'utf8');
		if (/access .*path=\/people\b/.test(log) && /access .*path=\/login\b/.test(log))
			break;
		await sleep(100);
	}
	const lines = log.split('\n').filter((l) => /\baccess\b/.test(l));
	assert.ok(lines.length > 0, 'the server writes an access log');
	assert.ok(lines.some((l) => /path=\/api\/v1\/people\b/.test(l)), 'the search request is logged');
	assert.ok(!log.toLowerCase().includes(secret.toLowerCase()), 'the search term is not in the log');
	for (const l of lines)
		assert.doesNotMatch(l, /\?/, `no query string in: ${l}`);
	// Nor are credentials.
	assert.ok(!log.includes(TOKEN), 'the bearer token is not in the log');
});

test('a path with encoded line breaks cannot forge an access log line', opts, async () => {
	const forged = uniqueWord('Forjada');
	// libmicrohttpd decodes the path: %0A is a real line break by the log.
	const r = await fetch(`${BASE}/x%0A2026-01-01T00:00:00Z%20info%20access%20method=GET%20path=/${forged}%0D%1B%5B31m`);
	assert.equal(r.status, 404);
	let log = '';
	for (let i = 0; i < 50 && !log.includes(forged); i++) {
		await sleep(100);
		log = await readFile(ACCESS_LOG, 'utf8');
	}
	const lines = log.split('\n').filter((l) => l.includes(forged));
	assert.equal(lines.length, 1, 'the request is logged on one line');
	assert.match(lines[0], /^\S+Z info access method=GET path=\/x\\x0a2026-01-01T00:00:00Z info access/);
	assert.match(lines[0], /\\x0d\\x1b\[31m status=404 /);
	assert.doesNotMatch(log, /\r|\x1b/, 'no raw carriage return or escape sequence in the log');
});

test('the audit log records reads and changes and its chain verifies while serving', opts, async () => {
	const p = await createPerson({ given_names: 'Auditada', surname1: 'Cadena' });
	const u = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', body: { phone: '6999-0000' } });
	assert.equal(u.status, 200, u.text);
	const v = await api(`/api/v1/people/${p.id}`);
	assert.equal(v.status, 200);
	const b = await loggedIn('clerk');
	assert.equal((await b.get(`/people/${p.id}`)).status, 200);

	const r = await amparo(['audit', 'verify', '--db', DB]);
	assert.equal(r.code, 0, `amparo audit verify: ${r.stdout}${r.stderr}`);
	assert.match(r.stdout, /intact/);
	const n = Number((r.stdout.match(/(\d+) events/) || [])[1]);
	assert.ok(n >= 4, `events verified: ${r.stdout}`);
});

// The raw bytes of GET path with the given headers (node:http does not
// decompress, unlike fetch).
function rawGet(path, headers) {
	return new Promise((resolve, reject) => {
		http.get(`${BASE}${path}`, { headers }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
		}).on('error', reject);
	});
}

test('large assets are sent gzip-compressed to clients that accept it', opts, async () => {
	const { gunzipSync } = await import('node:zlib');
	const plain = await rawGet('/static/pico.min.css', {});
	assert.equal(plain.status, 200);
	assert.equal(plain.headers['content-encoding'], undefined, 'no gzip unless asked');
	const gz = await rawGet('/static/pico.min.css', { 'Accept-Encoding': 'gzip, deflate, br' });
	assert.equal(gz.status, 200);
	assert.equal(gz.headers['content-encoding'], 'gzip');
	assert.match(gz.headers.vary || '', /Accept-Encoding/);
	assert.ok(gz.body.length * 3 < plain.body.length, `compressed ${gz.body.length} of ${plain.body.length} bytes`);
	assert.ok(gunzipSync(gz.body).equals(plain.body), 'the same stylesheet once decompressed');
	assert.notEqual(gz.headers.etag, plain.headers.etag, 'each encoding has its own ETag');
	const again = await rawGet('/static/pico.min.css', { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag });
	assert.equal(again.status, 304);
});

test('pages and API answers are sent gzip-compressed to clients that accept it', opts, async () => {
	const { gunzipSync } = await import('node:zlib');
	const auth = { Authorization: `Bearer ${TOKEN}` };
	for (const [path, headers] of [['/login', {}], ['/api/v1/people?limit=50', auth]]) {
		const plain = await rawGet(path, headers);
		assert.equal(plain.status, 200, path);
		assert.equal(plain.headers['content-encoding'], undefined, `${path}: no gzip unless asked`);
		const gz = await rawGet(path, { ...headers, 'Accept-Encoding': 'gzip, deflate, br' });
		assert.equal(gz.status, 200, path);
		assert.equal(gz.headers['content-encoding'], 'gzip', path);
		assert.match(gz.headers.vary || '', /Accept-Encoding/, path);
		assert.equal(Number(gz.headers['content-length']), gz.body.length, `${path}: Content-Length`);
		assert.ok(gz.body.length * 2 < plain.body.length,
			`${path}: compressed ${gz.body.length} of ${plain.body.length} bytes`);
		assert.equal(gunzipSync(gz.body).toString(), plain.body.toString(), `${path}: the same once decompressed`);
	}
	// An answer too small to gain stays as it is.
	const small = await rawGet('/healthz', { 'Accept-Encoding': 'gzip' });
	assert.equal(small.headers['content-encoding'], undefined);
	assert.deepEqual(JSON.parse(small.body.toString()), { status: 'ok' });
});

test('a person\'s history lists who created, changed and viewed the record, and which fields', opts, async () => {
	const p = await createPerson({ given_names: 'Historia', surname1: 'Visible' });
	const u = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', body: { phone: '6111-2222' } });
	assert.equal(u.status, 200, u.text);
	const clerk = await loggedIn('clerk');
	assert.equal((await clerk.get(`/people/${p.id}`)).status, 200);
	const h = await api(`/api/v1/people/${p.ref}/history`);
	assert.equal(h.status, 200, h.text);
	const events = h.json.items;
	const actions = events.map((e) => e.action);
	assert.equal(actions.at(-1), 'create', 'the oldest event is the registration');
	assert.equal(actions.at(-2), 'update', 'then the change');
	const create = events.find((e) => e.action === 'create');
	assert.ok(create, 'the registration is recorded');
	assert.match(create.fields, /given_names/);
	assert.doesNotMatch(JSON.stringify(events), /Historia|6111-2222/, 'events name fields, never values');
	const update = events.find((e) => e.action === 'update');
	assert.equal(update.fields, 'phone', 'the change names the changed field only');
	const views = events.filter((e) => e.action === 'view');
	assert.ok(views.length >= 2, 'the API read and the clerk\'s page view are recorded');
	assert.ok(new Set(views.map((e) => e.user_id)).size >= 2, 'each viewer is named');
	assert.ok(events.every((e, i) => i === 0 || e.seq < events[i - 1].seq), 'newest first');
	assert.equal((await api(`/api/v1/people/${p.id}/history`, { token: null })).status, 401);
});
