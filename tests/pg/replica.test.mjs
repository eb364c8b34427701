// replica.test.mjs: where `amparo serve --db-read` reads from. Run by
// tests/pg/replica.sh, which starts the server with one worker thread.
//
// The proof: with the replica's replay paused, a person registered by user
// A is found at once by A (A's reads go to the primary until the replica
// has replayed A's write) but not by user B (B's search is served by the
// paused replica); once replay resumes, B finds the person too.
//
// The last test cuts the server's connections to the primary: the request
// that meets the cut gets a 503 (not a 401: its token is still good) and
// stores nothing; the next request reconnects.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

function need(name) {
	const v = process.env[name];
	if (!v)
		throw new Error(`${name} is not set: run me through tests/pg/replica.sh`);
	return v;
}

const BASE = need('AMPARO_URL');
const BIN = need('AMPARO_BIN');
const LOG = need('AMPARO_SERVER_LOG');
const PSQL = need('AMPARO_PSQL');
const PRIMARY = need('AMPARO_TEST_DB_URL');
const REPLICA = need('AMPARO_TEST_DB_READ_URL');
const A = need('AMPARO_TOKEN_A'); // admin
const B = need('AMPARO_TOKEN_B'); // bruno, a caseworker

const TIMEOUT = 120_000;

function sql(url, query) {
	return execFileSync(PSQL, ['-X', '-q', '-A', '-t', '-d', url, '-c', query], { encoding: 'utf8' }).trim();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, ms = 30_000) {
	const end = Date.now() + ms;
	for (;;) {
		if (await fn())
			return;
		if (Date.now() > end)
			assert.fail(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

async function api(path, token, { method = 'GET', body, base = BASE } = {}) {
	const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
	if (body)
		headers['Content-Type'] = 'application/json';
	const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
	const text = await res.text();
	return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

// A surname no demo person has: letters only (numbers are matched as written).
function surname() {
	return 'Rep' + [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

async function found(token, word, base = BASE) {
	const r = await api(`/api/v1/people?q=${encodeURIComponent(word)}`, token, { base });
	assert.equal(r.status, 200, r.text);
	return r.json.total;
}

async function total(token, path) {
	const r = await api(path, token);
	assert.equal(r.status, 200, r.text);
	return r.json.total;
}

async function register(token, surname1) {
	const r = await api('/api/v1/people', token, {
		method: 'POST',
		body: { given_names: 'Ximena', surname1, sex: 'female', nationality: 'VEN' },
	});
	assert.equal(r.status, 201, r.text);
	return r.json;
}

async function caughtUp() {
	const at = sql(PRIMARY, 'SELECT pg_current_wal_lsn()');
	await until('the replica to replay the primary',
		() => sql(REPLICA, `SELECT pg_last_wal_replay_lsn() >= '${at}'::pg_lsn`) === 't');
}

async function pauseReplay() {
	await caughtUp();
	sql(REPLICA, 'SELECT pg_wal_replay_pause()');
	await until('replay to pause', () => sql(REPLICA, 'SELECT pg_get_wal_replay_pause_state()') === 'paused');
}

function resumeReplay() {
	sql(REPLICA, 'SELECT pg_wal_replay_resume()');
}

function logLines(file, needle) {
	return readFileSync(file, 'utf8').split('\n').filter((l) => l.includes(needle));
}

test('the server says the replica is in use', () => {
	assert.equal(logLines(LOG, 'go to the read replica').length, 1, readFileSync(LOG, 'utf8'));
});

test('a paused replica: the writer reads their own write, the others do not see it yet', { timeout: TIMEOUT }, async () => {
	const word = surname();
	await pauseReplay();
	try {
		const listB = await total(B, '/api/v1/people');
		const householdsB = await total(B, '/api/v1/households');
		const p = await register(A, word);

		// A's own write is visible to A at once: served by the primary.
		assert.equal(await found(A, word), 1, 'the writer must find the person they just registered');
		assert.equal(await total(A, '/api/v1/people'), listB + 1);
		// B's search is served by the paused replica: the person is not there yet.
		assert.equal(await found(B, word), 0, "B's search must come from the (paused) replica");
		assert.equal(await total(B, '/api/v1/people'), listB);

		// Household lists go the same way.
		const h = await api('/api/v1/households', A, { method: 'POST', body: { head_id: p.id } });
		assert.equal(h.status, 201, h.text);
		assert.equal(await total(A, '/api/v1/households'), householdsB + 1);
		assert.equal(await total(B, '/api/v1/households'), householdsB);

		// A profile is always read from the primary. (Its view writes an
		// audit event: from here on B's reads wait for the replica too.)
		const view = await api(`/api/v1/people/${p.id}`, B);
		assert.equal(view.status, 200, view.text);
		assert.equal(view.json.surname1, word);
	} finally {
		resumeReplay();
	}
	await until('B to find the person once replay resumes', async () => (await found(B, word)) === 1);
});

test('once the replica has replayed their write, the writer reads from it again', { timeout: TIMEOUT }, async () => {
	// Caught up: A's pending write is forgotten at A's next read.
	await caughtUp();
	assert.equal(await found(A, surname()), 0);
	const word = surname();
	await pauseReplay();
	try {
		await register(B, word);
		assert.equal(await found(B, word), 1, 'B reads their own write');
		assert.equal(await found(A, word), 0, "A's search must come from the (paused) replica again");
	} finally {
		resumeReplay();
	}
	await until('A to find the person once replay resumes', async () => (await found(A, word)) === 1);
});

test('a lost replica connection: the request is answered from the primary', { timeout: TIMEOUT }, async () => {
	// Caught up: B's pending write is forgotten, B's next search goes
	// straight to the replica connection.
	await caughtUp();
	assert.equal(await found(B, surname()), 0);
	const word = surname();
	await pauseReplay();
	try {
		await register(A, word);
		// Cut the server's connection to the replica.
		const cut = sql(REPLICA, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity " +
			"WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
		assert.ok(Number(cut) >= 1, `expected the server's replica connection, cut ${cut}`);
		// B's search fails on the replica and is read again from the
		// primary, where the person is; so is the next one (the replica is
		// left alone for a while).
		assert.equal(await found(B, word), 1);
		assert.equal(await found(B, word), 1);
	} finally {
		resumeReplay();
	}
	const warnings = logLines(LOG, 'warn read replica:');
	assert.equal(warnings.length, 1, `one warning about the replica, got:\n${warnings.join('\n')}`);
});

function freePort() {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

test('a replica that does not answer: the server serves from the primary and warns once', { timeout: TIMEOUT }, async () => {
	const dead = await freePort();
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const deadUrl = `postgresql://amparo@127.0.0.1:${dead}/amparo_test?connect_timeout=2`;
	const server = spawn(BIN, ['serve', '--db', PRIMARY, '--db-read', deadUrl, '--listen', `127.0.0.1:${port}`,
		'--threads', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
	let log = '';
	server.stderr.on('data', (d) => { log += d; });
	const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
	try {
		await until('the second server to answer', async () => {
			try {
				return (await fetch(`${base}/healthz`)).status === 200;
			} catch {
				return false;
			}
		}, 60_000);
		const word = surname();
		await register(A, word);
		for (let i = 0; i < 6; i++) {
			assert.equal(await found(B, word, base), 1);
			assert.equal(await found(A, word, base), 1);
		}
	} finally {
		server.kill('SIGTERM');
	}
	const { code } = await exited;
	assert.equal(code, 0, log);
	assert.match(log, /the read replica does not answer now/);
	const warnings = log.split('\n').filter((l) => l.includes('warn read replica:'));
	assert.equal(warnings.length, 1, `one warning about the replica, got:\n${log}`);
	assert.match(warnings[0], /cannot connect/);
});

test('a lost primary connection: that request gets a 503, the next one works', { timeout: TIMEOUT }, async () => {
	await caughtUp();
	// The administrators' catalogues are read again every 30 s, first thing
	// in a request: a reload that meets the cut reconnects, and the request
	// then goes through (201). Cut again then: the next reload is 30 s away.
	let r;
	let lost;
	for (let attempt = 0; attempt < 3 && r?.status !== 503; attempt++) {
		const cut = sql(PRIMARY, 'SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity ' +
			"WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()");
		assert.ok(Number(cut) >= 1, `expected the server's primary connection, cut ${cut}`);
		lost = surname();
		r = await api('/api/v1/people', A, {
			method: 'POST',
			body: { given_names: 'Ximena', surname1: lost, sex: 'female', nationality: 'VEN' },
		});
		assert.ok(r.status === 503 || r.status === 201, `503, or 201 after a catalogue reload: ${r.status} ${r.text}`);
	}
	assert.equal(r.status, 503, r.text);
	assert.equal(r.json.error.code, 'busy', r.text);
	const word = surname();
	await register(A, word);
	assert.equal(await found(A, word), 1);
	assert.equal(await found(A, lost), 0, 'the request that met the cut must have stored nothing');
	assert.ok(logLines(LOG, 'warn postgresql: connection lost').length >= 1);
});
