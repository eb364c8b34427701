// The canary (issue 7, docs/encryption.md): one unique word written
// through the API into every sensitive field (case notes, service notes,
// asylum stage and detention notes, plan details, appointment notes,
// flag reasons, referral reasons and answers, transfer reasons and
// comments, assistance reasons, decisions and payee accounts) must not
// appear in the database file, its write-ahead log, a backup of it, a
// PostgreSQL dump, the server's log, nor in what users without the grant
// read or export; those with the grant read it back whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ACCESS_LOG, DB, amparo, api, createPerson, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const opts = { timeout: TIMEOUT };

async function ok(path, options = {}) {
	const r = await api(path, options);
	assert.ok(r.status >= 200 && r.status < 300, `${options.method || 'GET'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
	return r.json ?? r.text;
}
const post = (path, body, token) => ok(path, { method: 'POST', body, token });

// The bytes of a file as latin1 text (the canary is ASCII), '' when absent.
function bytes(path) {
	return existsSync(path) ? readFileSync(path).toString('latin1') : '';
}

const isPg = DB.startsWith('postgres');

// Everything the database holds, as one string: the file, its WAL and a
// backup of it on SQLite; a pg_dump on PostgreSQL.
function stored() {
	if (isPg)
		return execFileSync('pg_dump', ['--no-owner', DB], { maxBuffer: 1 << 30 }).toString('latin1');
	const dir = mkdtempSync(join(tmpdir(), 'amparo-canary-'));
	try {
		const copy = join(dir, 'backup.db');
		execFileSync('sqlite3', [DB, `.backup '${copy}'`]);
		return bytes(DB) + bytes(`${DB}-wal`) + bytes(copy);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

test('a canary in every sensitive field is stored encrypted and read back only with the grant', opts, async () => {
	const C = uniqueWord('Kanario');
	const lex = await tokenFor('lex'), live = await tokenFor('live'), reader = await tokenFor('reader');
	const cash = await tokenFor('cash'), sup = await tokenFor('sup'), aid = await tokenFor('aid');

	// ---- written through the API ----
	const p = await createPerson({ given_names: 'Yusneidy', surname1: uniqueWord('Zc') });
	const k = await post('/api/v1/cases', { person_id: p.id, area: 'legal' }, lex);
	const note = await post(`/api/v1/cases/${k.id}/notes`, { body: `nota ${C}` }, lex);
	const svc = await post(`/api/v1/cases/${k.id}/services`, { type: 'legal_counselling', date: '2026-01-10', notes: `servicio ${C}` }, lex);
	await post(`/api/v1/cases/${k.id}/procedure/stages`, { stage: 'application_filed', date: '2025-02-03', notes: `etapa ${C}` }, lex);
	const det = await post(`/api/v1/cases/${k.id}/detentions`, { place: 'Estación migratoria', detained_on: '2025-01-05', notes: `detención ${C}` }, lex);
	await post(`/api/v1/cases/${k.id}/goals`, { title: 'Documentos', details: `meta ${C}` }, lex);
	const appt = await post('/api/v1/appointments', { case_id: k.id, starts_at: '2026-12-01T15:00:00Z' }, lex);
	await post(`/api/v1/appointments/${appt.id}/status`, { status: 'cancelled', notes: `cita ${C}` }, lex);
	const flag = await post(`/api/v1/people/${p.id}/flags`, { type: 'safety_risk', reason: `alerta ${C}`, case_id: k.id }, lex);
	await post(`/api/v1/flags/${flag.id}/lift`, { reason: `levantada ${C}` }, lex);
	const clinic = await post('/api/v1/partners', { name: uniqueWord('Clínica '), kind: 'clinic', areas: 'legal' });
	// Consent to the referral (docs/consent.md); its note is sealed too.
	await post(`/api/v1/people/${p.id}/consents`, { purpose: 'referral', state: 'given', method: 'verbal', note: `consentimiento ${C}` }, lex);
	const rf = await post('/api/v1/referrals', { case_id: k.id, to_partner_id: clinic.id, reason: `remisión ${C}`, consent: true }, lex);
	await post(`/api/v1/referrals/${rf.id}/accept`, { note: `respuesta ${C}` }, lex);
	await post(`/api/v1/referrals/${rf.id}/complete`, { feedback: `retroalimentación ${C}` }, lex);
	const tr = await post(`/api/v1/cases/${k.id}/transfer`, { to_office: 'dar', reason: `traslado ${C}`, consent: true, shared: 'all' }, lex);
	await post(`/api/v1/transfers/${tr.id}/cancel`, { comment: `retirado ${C}` }, lex);

	const programme = await post('/api/v1/programmes', { name: uniqueWord('Canario '), kind: 'multipurpose_cash', budget_cents: 100000, currency: 'USD', cap_cents: 20000, period: 'month' });
	const hh = await post('/api/v1/households', { head_id: p.id });
	const account = `${C}-00981234`;
	const rq = await post('/api/v1/assistance', { household_id: hh.id, programme_id: programme.id, amount_cents: 5000, reason: `alquiler ${C}`, payee_name: 'Yusneidy', payee_account: account }, cash);
	await post(`/api/v1/assistance/${rq.id}/approve`, { note: `aprobada ${C}` }, sup);

	// ---- at rest: not in the database, its log, a backup or a dump ----
	const all = stored();
	assert.ok(all.length > 0, 'the database could be read');
	assert.ok(!all.includes(C), `the canary ${C} is stored in the clear`);
	assert.ok(all.includes('enc:v1:'), 'sealed values are there');
	// The check finds what is stored in the clear: the surname is.
	assert.ok(all.includes(p.surname1), `the surname ${p.surname1} is not found: the check would find nothing`);
	assert.ok(!bytes(ACCESS_LOG).includes(C), 'the canary is in the server log');

	// ---- read back whole with the grant ----
	assert.equal((await ok(`/api/v1/cases/${k.id}/notes/${note.id}`, { token: lex })).body, `nota ${C}`);
	const services = await ok(`/api/v1/cases/${k.id}/services`, { token: lex });
	assert.equal(services.items.find((s) => s.id === svc.id).notes, `servicio ${C}`);
	const proc = await ok(`/api/v1/cases/${k.id}/procedure`, { token: lex });
	assert.equal(proc.stages[0].notes, `etapa ${C}`);
	const dets = await ok(`/api/v1/cases/${k.id}/detentions`, { token: lex });
	assert.equal(dets.items.find((d) => d.id === det.id).notes, `detención ${C}`);
	const rfGot = await ok(`/api/v1/referrals/${rf.id}`, { token: lex });
	assert.deepEqual([rfGot.reason, rfGot.answer_note, rfGot.feedback], [`remisión ${C}`, `respuesta ${C}`, `retroalimentación ${C}`]);
	const full = await ok(`/api/v1/assistance/${rq.id}`, { token: cash });
	assert.equal(full.payee_account, account);
	assert.equal(full.reason, `alquiler ${C}`);
	assert.equal(full.decision_note, `aprobada ${C}`);
	// The payment list leaves the organisation: under a data-sharing agreement.
	const ag = await post('/api/v1/sharing-agreements', { recipient: 'Banco del Istmo', purpose: 'Pagos', fields: ['identity', 'contact', 'payment'], legal_basis: 'contract', starts_on: '2020-01-01', expires_on: '2099-12-31', signed_by: 'Directora' });
	const csv = await api(`/api/v1/programmes/${programme.id}/payments?format=csv&agreement=${ag.id}`, { token: cash });
	assert.equal(csv.status, 200, csv.text);
	assert.ok(csv.text.includes(`,${account}`), `the payment list has the account: ${csv.text}`);

	// ---- without the grant: masked, withheld or refused ----
	const masked = await ok(`/api/v1/assistance/${rq.id}`, { token: aid });
	assert.equal(masked.payee_account, '****1234');
	const list = await ok(`/api/v1/assistance?household_id=${hh.id}`, { token: reader });
	assert.equal(list.items[0].payee_account, '****1234');
	assert.ok(!JSON.stringify(list).includes(account));
	assert.equal((await api(`/api/v1/programmes/${programme.id}/payments?format=csv&agreement=${ag.id}`, { token: reader })).status, 403);
	const person = await api(`/api/v1/people/${p.id}`, { token: reader });
	assert.equal(person.status, 200, person.text);
	assert.ok(!person.text.includes(C), 'the person JSON holds the canary');
	const notes = await api(`/api/v1/cases/${k.id}/notes`, { token: live });
	assert.ok(!notes.text.includes(C), `a livelihoods caseworker reads a legal note: ${notes.status}`);
});

test('without its key, or with another, amparo refuses the database', opts, async () => {
	const dir = mkdtempSync(join(tmpdir(), 'amparo-key-'));
	try {
		// The test database holds sealed values by now (demo data).
		const none = await amparo(['serve', '--db', DB, '--listen', '127.0.0.1:1'], { AMPARO_KEY_FILE: '', AMPARO_KEY: '' });
		assert.equal(none.code, 1, none.stderr);
		assert.match(none.stderr, /holds encrypted fields .* no key was given/);
		const other = join(dir, 'other.key');
		assert.equal((await amparo(['key', 'generate', '--out', other])).code, 0);
		const wrong = await amparo(['serve', '--db', DB, '--listen', '127.0.0.1:1', '--key-file', other]);
		assert.equal(wrong.code, 1, wrong.stderr);
		assert.match(wrong.stderr, /does not open the encrypted fields/);
		execFileSync('chmod', ['644', other]);
		const open = await amparo(['migrate', '--db', DB], { AMPARO_KEY_FILE: other });
		assert.equal(open.code, 1, open.stderr);
		assert.match(open.stderr, /chmod 600/);
		const again = await amparo(['key', 'generate', '--out', other]);
		assert.notEqual(again.code, 0, 'an existing key file is overwritten');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('amparo key rotate re-seals a copy of the database with a new key', { ...opts, skip: isPg && 'SQLite copy only' }, async () => {
	const dir = mkdtempSync(join(tmpdir(), 'amparo-rotate-'));
	try {
		const copy = join(dir, 'copy.db'), fresh = join(dir, 'new.key');
		execFileSync('sqlite3', [DB, `.backup '${copy}'`]);
		assert.equal((await amparo(['key', 'generate', '--out', fresh])).code, 0);
		const r = await amparo(['key', 'rotate', '--db', copy, '--old-key-file', process.env.AMPARO_KEY_FILE, '--new-key-file', fresh]);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /case_notes +\d+ values, +\d+ re-sealed/);
		assert.match(r.stdout, /Every encrypted field opens with key [0-9a-f]{8}/);
		// Again: nothing left to re-seal.
		const again = await amparo(['key', 'rotate', '--db', copy, '--new-key-file', fresh], { AMPARO_KEY_FILE: '' });
		assert.equal(again.code, 0, again.stderr);
		assert.doesNotMatch(again.stdout, / [1-9]\d* re-sealed/);
		assert.equal((await amparo(['migrate', '--db', copy, '--key-file', fresh])).code, 0);
		const old = await amparo(['migrate', '--db', copy]);
		assert.equal(old.code, 1, 'the old key still opens the rotated copy');
		assert.match(old.stderr, /does not open the encrypted fields/);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
