// proxy.test.mjs: behind a reverse proxy (`amparo serve --trust-proxy`),
// login throttling counts each client address named in X-Forwarded-For,
// so one client's failures do not lock out the rest of the office.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { after, before, test } from 'node:test';

import { BIN, DB, TIMEOUT, sleep } from './lib.mjs';

let server, base;

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
	});
}

before(async () => {
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	server = spawn(BIN, ['serve', '--db', DB, '--listen', `127.0.0.1:${port}`, '--quiet', '--trust-proxy'],
		{ stdio: ['ignore', 'ignore', 'inherit'] });
	for (let i = 0; i < 240; i++) {
		try {
			if ((await fetch(base + '/healthz')).ok)
				return;
		} catch { /* not up yet */ }
		await sleep(500);
	}
	throw new Error('the --trust-proxy server did not start');
});

after(async () => {
	if (server && server.exitCode === null) {
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
	}
});

function login(name, forwardedFor) {
	return fetch(base + '/login', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
		body: new URLSearchParams({ name, password: 'not-the-password' }),
	});
}

test('30 failures from one proxied client lock that client, not the others', { timeout: TIMEOUT }, async () => {
	const attacker = '203.0.113.7', other = '198.51.100.20';
	// A different (unknown) account each time, so only the address counts.
	for (let i = 0; i < 30; i++) {
		const r = await login(`nobody${i}x${Date.now()}`, `10.9.9.9, ${attacker}`);
		assert.equal(r.status, 401, `attempt ${i + 1} is a plain failure`);
	}
	assert.equal((await login('nobody-more', attacker)).status, 429, 'the 31st from that client is refused');
	// The client address is the last entry: a forged first entry changes nothing.
	assert.equal((await login('nobody-forged', `${other}, ${attacker}`)).status, 429);
	assert.equal((await login('nobody-else', other)).status, 401, 'another client is not locked out');
});
