// tls.test.mjs: `amparo serve --tls-cert --tls-key` serves HTTPS itself,
// with HSTS and the __Host- session cookie; a self-signed certificate is
// made for the test with openssl.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { amparo, BIN, DB, PASSWORDS, TIMEOUT, sleep } from './lib.mjs';

let server, base, dir, ca;

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
	});
}

// One HTTPS request trusting only the test's certificate.
function request(path, { method = 'GET', headers = {}, body } = {}) {
	return new Promise((resolve, reject) => {
		const req = https.request(base + path, { method, headers, ca }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => { text += c; });
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
		});
		req.on('error', reject);
		if (body)
			req.write(body);
		req.end();
	});
}

before(async () => {
	dir = mkdtempSync(join(tmpdir(), 'amparo-tls-'));
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
		'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
		'-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
	ca = readFileSync(join(dir, 'cert.pem'));
	const port = await freePort();
	base = `https://127.0.0.1:${port}`;
	server = spawn(BIN, ['serve', '--db', DB, '--listen', `127.0.0.1:${port}`, '--quiet',
		'--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')],
	{ stdio: ['ignore', 'ignore', 'inherit'] });
	for (let i = 0; i < 240; i++) {
		try {
			if ((await request('/healthz')).status === 200)
				return;
		} catch { /* not up yet */ }
		await sleep(500);
	}
	throw new Error('the TLS server did not start');
});

after(async () => {
	if (server && server.exitCode === null) {
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
	}
	rmSync(dir, { recursive: true, force: true });
});

test('HTTPS: pages with HSTS, and the __Host- session cookie, Secure', { timeout: TIMEOUT }, async () => {
	const page = await request('/login');
	assert.equal(page.status, 200);
	assert.match(page.text, /<form method="post" action="\/login">/);
	assert.equal(page.headers['strict-transport-security'], 'max-age=31536000');

	const r = await request('/login', {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ name: 'reader', password: PASSWORDS.reader, next: '/people' }).toString(),
	});
	assert.equal(r.status, 303, r.text.slice(0, 200));
	const cookie = (r.headers['set-cookie'] || []).find((c) => c.startsWith('__Host-amparo_session='));
	assert.ok(cookie, `a __Host- cookie: ${r.headers['set-cookie']}`);
	assert.match(cookie, /; Secure/);
	assert.match(cookie, /; Path=\//);
	assert.doesNotMatch(cookie, /Domain=/i);
	const value = cookie.split(';')[0];
	const people = await request('/people', { headers: { Cookie: value } });
	assert.equal(people.status, 200, 'the __Host- cookie opens the session');
	// The plain name is not read over TLS.
	const plain = await request('/people', { headers: { Cookie: value.replace('__Host-', '') } });
	assert.equal(plain.status, 303);
});

test('plain HTTP sends no HSTS', { timeout: TIMEOUT }, async () => {
	const r = await fetch(process.env.AMPARO_URL + '/login');
	assert.equal(r.headers.get('strict-transport-security'), null);
});

test('serve refuses a missing key, a file that is not PEM, or only one of the two', { timeout: TIMEOUT }, async () => {
	writeFileSync(join(dir, 'junk.pem'), 'not a certificate\n');
	let r = await amparo(['serve', '--db', DB, '--tls-cert', join(dir, 'cert.pem')]);
	assert.notEqual(r.code, 0);
	assert.match(r.stderr, /--tls-cert and --tls-key go together/);
	r = await amparo(['serve', '--db', DB, '--tls-cert', join(dir, 'junk.pem'), '--tls-key', join(dir, 'key.pem')]);
	assert.notEqual(r.code, 0);
	assert.match(r.stderr, /holds no PEM CERTIFICATE/);
	r = await amparo(['serve', '--db', DB, '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'absent.pem')]);
	assert.notEqual(r.code, 0);
	assert.match(r.stderr, /cannot read .*absent\.pem/);
});

test('serve turns core dumps off (they would hold personal data)', { timeout: TIMEOUT }, async () => {
	const limits = readFileSync(`/proc/${server.pid}/limits`, 'utf8');
	const line = limits.split('\n').find((l) => l.startsWith('Max core file size'));
	assert.match(line, /^Max core file size\s+0\s+0\s/, line);
});
