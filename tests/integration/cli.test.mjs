// cli.test.mjs: the amparo command line as an administrator meets it:
// --help for every sub-command, one-line errors with exit status 2, and
// the user, token, migrate and audit commands against the test database.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DB, TIMEOUT, amparo, api, createPerson } from './lib.mjs';

const COMMANDS = ['init', 'serve', 'demo', 'user', 'token', 'migrate', 'audit'];

test('amparo --help lists every sub-command', { timeout: TIMEOUT }, async () => {
	const r = await amparo(['--help']);
	assert.equal(r.code, 0);
	for (const c of COMMANDS)
		assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'), `--help names ${c}`);
});

test('every sub-command has --help describing its options', { timeout: TIMEOUT }, async () => {
	for (const c of COMMANDS) {
		const r = await amparo([c, '--help']);
		assert.equal(r.code, 0, `${c} --help exits 0`);
		assert.match(r.stdout, /^Usage: amparo /m, `${c} --help shows usage`);
		assert.match(r.stdout, /--db VALUE/, `${c} --help describes --db`);
	}
});

test('a bad option or argument is one line on stderr and exit status 2', { timeout: TIMEOUT }, async () => {
	const cases = [
		['bogus'],
		['serve', '--bogus'],
		['serve', '--listen', 'nowhere'],
		['demo', '--people', 'many'],
		['user', 'add', 'x'],
		['user', 'explode', 'x'],
		['token', 'create'],
		['audit'],
		['init', '--db', DB],
	];
	for (const args of cases) {
		const r = await amparo(args);
		assert.equal(r.code, 2, `amparo ${args.join(' ')} exits 2 (got ${r.code}: ${r.stderr})`);
		const lines = r.stderr.split('\n').filter(l => l.startsWith('amparo:'));
		assert.equal(lines.length, 1, `amparo ${args.join(' ')} prints one error line: ${r.stderr}`);
	}
});

test('user add, list, disable, enable and passwd work and are audited', { timeout: TIMEOUT }, async () => {
	const name = 'cli' + Date.now().toString(36);
	let r = await amparo(['user', 'add', name, '--db', DB, '--role', 'caseworker', '--area', 'legal',
		'--area', 'psychosocial', '--office', 'DAR', '--office', 'main'], { AMPARO_PASSWORD: 'a-long-password-1' });
	assert.equal(r.code, 0, r.stderr);
	r = await amparo(['user', 'list', '--db', DB]);
	const line = r.stdout.split('\n').find(l => l.startsWith(name + ' '));
	assert.ok(line, 'the new user is listed');
	assert.match(line, /caseworker\s+legal,psychosocial\s+dar,main\s+-\s+active/);
	r = await amparo(['user', 'add', name + 'o', '--db', DB, '--role', 'caseworker', '--office', 'atlantis'], { AMPARO_PASSWORD: 'a-long-password-1' });
	assert.equal(r.code, 2, 'an unknown office is refused');
	assert.match(r.stderr, /office/);
	r = await amparo(['user', 'add', name, '--db', DB, '--role', 'caseworker'], { AMPARO_PASSWORD: 'a-long-password-1' });
	assert.equal(r.code, 2, 'a taken user name is refused');
	r = await amparo(['user', 'add', name + 'x', '--db', DB, '--role', 'caseworker'], { AMPARO_PASSWORD: 'short' });
	assert.equal(r.code, 2, 'a short password is refused');
	r = await amparo(['user', 'add', name + 'y', '--db', DB, '--role', 'wizard'], { AMPARO_PASSWORD: 'a-long-password-1' });
	assert.equal(r.code, 2, 'an unknown role is refused');
	r = await amparo(['user', 'disable', name, '--db', DB]);
	assert.equal(r.code, 0, r.stderr);
	r = await amparo(['user', 'list', '--db', DB]);
	assert.match(r.stdout.split('\n').find(l => l.startsWith(name + ' ')), /disabled$/);
	r = await amparo(['user', 'enable', name, '--db', DB]);
	assert.equal(r.code, 0, r.stderr);
	r = await amparo(['user', 'passwd', name, '--db', DB], { AMPARO_PASSWORD: 'another-long-password' });
	assert.equal(r.code, 0, r.stderr);
	r = await amparo(['user', 'disable', 'nobody-at-all', '--db', DB]);
	assert.equal(r.code, 2, 'an unknown user is exit 2');
	r = await amparo(['audit', 'verify', '--db', DB]);
	assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('migrate reports the schema version', { timeout: TIMEOUT }, async () => {
	const r = await amparo(['migrate', '--db', DB]);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /^schema version (\d+) \(this program knows \1\)$/m);
});

// amparo demo writes in batches beside the running server (a live
// database): the references it takes continue the counters without a
// gap, and the next registrations continue after them.
test('demo on a live database continues the references; its people are complete', { timeout: TIMEOUT }, async () => {
	const ref = (prefix, n) => `${prefix}-${String(n).padStart(6, '0')}`;
	const household = async (head) => {
		const r = await api('/api/v1/households', { method: 'POST', body: { head_id: head.id } });
		assert.equal(r.status, 201, r.text);
		return Number(r.json.ref.slice(2));
	};
	const before = await createPerson({ given_names: 'Antes', surname1: 'Demostración' });
	const hBefore = await household(before);
	const r = await amparo(['demo', '--db', DB, '--people', '25', '--seed', '9']);
	assert.equal(r.code, 0, r.stderr);
	const made = r.stdout.match(/^registered 25 people in (\d+) households/m);
	assert.ok(made, r.stdout);
	const after = await createPerson({ given_names: 'Después', surname1: 'Demostración' });
	const hAfter = await household(after);

	const a = Number(before.ref.slice(2)), b = Number(after.ref.slice(2));
	assert.ok(b > a + 25, `P- after the demo (${after.ref}) is past its 25 people (${before.ref} before)`);
	assert.ok(hAfter > hBefore + Number(made[1]), `H- after the demo (${hAfter}) is past its households`);
	// Every number in between is a person (other tests may register some
	// too): none skipped, none taken twice; each history shows the
	// registration, and each household its members.
	for (let n = a + 1; n < b; n++) {
		const h = await api(`/api/v1/people/${ref('P', n)}/history`);
		assert.equal(h.status, 200, `${ref('P', n)} exists: ${h.text}`);
		assert.ok(h.json.items.some((e) => e.action === 'create'), `${ref('P', n)}'s history shows its registration`);
	}
	for (let n = hBefore + 1; n < hAfter; n++) {
		const h = await api(`/api/v1/households/${ref('H', n)}`);
		assert.equal(h.status, 200, `${ref('H', n)} exists: ${h.text}`);
		assert.equal(h.json.members.find((m) => m.id === h.json.head_id)?.relationship, 'head');
	}
	const v = await amparo(['audit', 'verify', '--db', DB]);
	assert.equal(v.code, 0, v.stdout + v.stderr);
});

// The demo's casework: cases of every area worked by the demo staff, each
// with what its area records, all of it audited.
test('demo opens cases for its people, worked by the demo staff of each area', { timeout: TIMEOUT }, async () => {
	const r = await amparo(['demo', '--db', DB, '--people', '40', '--seed', '11', '--cases', '12']);
	assert.equal(r.code, 0, r.stderr);
	const opened = r.stdout.match(/^opened (\d+) cases in [\d.]+ s: (\d+) services, (\d+) screenings, (\d+) asylum stages/m);
	assert.ok(opened, r.stdout);
	assert.equal(Number(opened[1]), 12);
	assert.ok(Number(opened[2]) >= 12, 'every case has a service');

	const staff = {};
	for (const name of ['psicologa', 'abogado', 'supervisora']) {
		const u = await amparo(['user', 'list', '--db', DB]);
		assert.match(u.stdout, new RegExp(`^${name}\\b`, 'm'), `${name} is a user`);
		staff[name] = true;
	}
	const legal = await api('/api/v1/cases?area=legal&limit=100');
	assert.equal(legal.status, 200, legal.text);
	let withStages = 0;
	for (const k of legal.json.items) {
		const p = await api(`/api/v1/cases/${k.id}/procedure`);
		if (p.status === 200 && p.json.stages?.length)
			withStages++;
	}
	assert.ok(withStages > 0, 'demo legal cases have asylum stages');
	const psy = await api('/api/v1/cases?area=psychosocial&limit=100');
	let screened = 0;
	for (const k of psy.json.items) {
		const a = await api(`/api/v1/cases/${k.id}/assessments`);
		if (a.status === 200 && a.json.items.length)
			screened++;
	}
	assert.ok(screened > 0, 'demo psychosocial cases have screenings');
	const v = await amparo(['audit', 'verify', '--db', DB]);
	assert.equal(v.code, 0, v.stdout + v.stderr);
});
