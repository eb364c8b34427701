// cli_dedupe.test.mjs: amparo dedupe as an M&E officer runs it on an
// export of another system: a spreadsheet in Spanish, names typed as heard,
// and the errors such files have, each with its line (issue 4).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { TIMEOUT, amparo } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const dir = mkdtempSync(join(tmpdir(), 'amparo-dedupe-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const GIVEN = ['Ana', 'Luis', 'Carmen', 'Pedro', 'Rosa', 'Miguel', 'Elena', 'Jorge', 'Lucía', 'Andrés',
	'Sofía', 'Diego', 'Paula', 'Tomás', 'Irene', 'Raúl'];
const FAMILY = ['Castillo', 'Moreno', 'Vargas', 'Rojas', 'Herrera', 'Medina', 'Aguilar', 'Salazar',
	'Navarro', 'Cabrera', 'Quintero', 'Escobar', 'Ibarra', 'Zambrano', 'Villalobos', 'Arrieta'];

// Sixty people who are nobody else, then the rows under test.
function people(rows) {
	const out = [];
	for (let i = 0; i < 60; i++)
		out.push([`X${i}`, GIVEN[i % 16], `${FAMILY[i % 16]} ${FAMILY[(i * 7 + 3) % 16]}`,
			`${1950 + i}-0${1 + (i % 9)}-1${i % 10}`]);
	return out.concat(rows);
}

function write(name, text, encoding = 'utf8') {
	const path = join(dir, name);
	writeFileSync(path, text, encoding);
	return path;
}

function pairsOf(csv) {
	const lines = csv.trim().split('\n');
	assert.equal(lines[0], 'id_a,id_b,score,level');
	return lines.slice(1).map((l) => {
		const [a, b, score, level] = l.split(',');
		return { a, b, score: Number(score), level };
	});
}

test('a duplicate typed as heard is found in a Spanish spreadsheet; others are not paired', opts, async () => {
	// Semicolons, as a spreadsheet in Spanish saves; DD/MM/YYYY dates;
	// surnames swapped, accents lost, day and month swapped.
	const rows = people([
		['P1', 'Jose', 'Gonzales Perez', '1990-04-12'],
		['P2', 'José', 'Pérez González', '1990-12-04'],
		['P3', 'María de los Ángeles', 'Pérez de Rodríguez', '1985-03-07'],
		['P4', 'Maria Angeles', 'Rodriguez Perez', '07/03/1985'],
	]);
	const csv = 'codigo;nombres;apellidos;fecha de nacimiento\n' +
		rows.map((r) => r.join(';')).join('\n') + '\n';
	const file = write('registro.csv', csv);
	const out = join(dir, 'pares.csv');
	const r = await amparo(['dedupe', file, '--id-column', 'codigo', '--map',
		'nombres=given_names,apellidos=family_names,Fecha de Nacimiento=date_of_birth', '--output', out]);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stderr, /64 records/);
	const pairs = pairsOf(readFileSync(out, 'utf8'));
	assert.deepEqual(pairs.map((p) => `${p.a}-${p.b}`), ['P1-P2', 'P3-P4'], readFileSync(out, 'utf8'));
	for (const p of pairs) {
		assert.equal(p.level, 'likely');
		assert.ok(p.score > 10, `score ${p.score} in bits`);
	}
	// The same on standard output, and with --threshold possible at least as many.
	const s = await amparo(['dedupe', file, '--id-column', 'codigo', '--map',
		'nombres=given_names', '--map', 'apellidos=family_names', '--map', 'fecha de nacimiento=date_of_birth',
		'--threshold', 'possible']);
	assert.equal(s.code, 0, s.stderr);
	assert.ok(pairsOf(s.stdout).length >= 2);
	// A number of bits: below every score, every pair scored comes out.
	const all = await amparo(['dedupe', file, '--id-column', 'codigo', '--map',
		'nombres=given_names,apellidos=family_names,fecha de nacimiento=date_of_birth', '--threshold', '-1000']);
	assert.equal(all.code, 0, all.stderr);
	assert.ok(pairsOf(all.stdout).some((p) => p.level === 'low'), 'pairs under possible are "low"');
});

test('columns joined into one field, documents, and a Latin-1 export with a BOM-less header', opts, async () => {
	const rows = [
		'id,nombre,apellido1,apellido2,pasaporte,cedula,nacimiento',
		'A,Yosmar,González,Pérez,V12345678,,1987-06-23',
		'B,Josmar,Gonzales,,,V12345687,19870623',
		'C,Aníbal,Quiroz,Serrano,X999,,1960-01-01',
	].concat(people([]).map((r) => `${r[0]},${r[1]},${r[2].replace(' ', ',')},,,${r[3]}`));
	const file = write('latin1.csv', rows.join('\r\n') + '\r\n', 'latin1');
	const r = await amparo(['dedupe', file, '--id-column', 'id', '--map',
		'nombre=given_names,apellido1=family_names,apellido2=family_names,pasaporte=document_number,' +
		'cedula=document_number,nacimiento=date_of_birth']);
	assert.equal(r.code, 0, r.stderr);
	const pairs = pairsOf(r.stdout);
	assert.deepEqual(pairs.map((p) => `${p.a}-${p.b}`), ['A-B'], r.stdout);
});

test('"N/A" is no value, and a phone or document on many records is nobody\'s', opts, async () => {
	const rows = ['id,nombre,apellidos,nacimiento,telefono,documento'];
	for (let i = 0; i < 30; i++)
		rows.push(`R${i},${GIVEN[i % 16]},${FAMILY[i % 16]} ${FAMILY[(i * 5 + 1) % 16]},19${60 + i}-0${1 + (i % 9)}-2${i % 9},` +
			'+507 6000-0000,000000');
	rows.push('N1,N/A,NULL,,-,sin dato', 'N2,n/a,null,,-,Sin Dato');
	rows.push('D1,Wilmer,Quispe Mamani,1979-02-14,,PA-4455667', 'D2,Wílmer,Quispe,,,PA4455667');
	const file = write('oficina.csv', rows.join('\n') + '\n');
	const r = await amparo(['dedupe', file, '--id-column', 'id', '--map',
		'nombre=given_names,apellidos=family_names,nacimiento=date_of_birth,telefono=phone,documento=document_number']);
	assert.equal(r.code, 0, r.stderr);
	assert.deepEqual(pairsOf(r.stdout).map((p) => `${p.a}-${p.b}`), ['D1-D2'], r.stdout);
});

test('bad files and options are one clear line on stderr with exit status 2, and no output file', opts, async () => {
	const good = write('good.csv', 'id,n,a\n1,Ana,Ruiz\n2,Ana,Ruiz\n');
	const out = join(dir, 'never.csv');
	const cases = [
		[['dedupe', good, '--map', 'n=given_names'], /--id-column/],
		[['dedupe', good, '--id-column', 'id'], /--map/],
		[['dedupe', good, '--id-column', 'code', '--map', 'n=given_names'], /line 1: --id-column "code" is not a column of the header \(it has: "id", "n", "a"\)/],
		[['dedupe', good, '--id-column', 'id', '--map', 'n=nombre'], /unknown field "nombre"/],
		[['dedupe', good, '--id-column', 'id', '--map', 'apellido=family_names'], /"apellido" is not a column/],
		[['dedupe', good, '--id-column', 'id', '--map', 'n'], /"n" is not COLUMN=FIELD/],
		[['dedupe', good, '--id-column', 'id', '--map', 'n=given_names', '--threshold', 'high'], /--threshold/],
		[['dedupe', join(dir, 'missing.csv'), '--id-column', 'id', '--map', 'n=given_names'], /missing\.csv: \S/],
		[['dedupe', write('short.csv', 'id,n,a\n1,Ana,Ruiz\n2,Ana\n'), '--id-column', 'id', '--map', 'n=given_names'],
			/short\.csv, line 3: 2 fields where the header has 3/],
		[['dedupe', write('comma.csv', 'id,n,a\n1,Ruiz, Ana,x\n'), '--id-column', 'id', '--map', 'n=given_names'],
			/line 2: 4 fields where the header has 3 \(a comma inside a value needs quotes\)/],
		[['dedupe', write('twice.csv', 'id,n\n1,Ana\n2,Eva\n\n1,Ana\n'), '--id-column', 'id', '--map', 'n=given_names'],
			/twice\.csv, line 5: the id "1" is already on line 2/],
		[['dedupe', write('noid.csv', 'id,n\n1,Ana\n,Eva\n'), '--id-column', 'id', '--map', 'n=given_names'],
			/line 3: the id column "id" is empty/],
		[['dedupe', write('quote.csv', 'id,n\n1,"Ana\n2,Eva\n'), '--id-column', 'id', '--map', 'n=given_names'],
			/line 2: a quote opened on this line is never closed/],
		[['dedupe', write('utf16.csv', '\ufeffid,n\n1,Ana\n', 'utf16le'), '--id-column', 'id', '--map', 'n=given_names'],
			/line 1: a NUL byte/],
		[['dedupe', write('empty.csv', ''), '--id-column', 'id', '--map', 'n=given_names'], /empty/],
	];
	for (const [args, want] of cases) {
		const r = await amparo([...args, '--output', out]);
		assert.equal(r.code, 2, `amparo ${args.join(' ')} exits 2 (got ${r.code}: ${r.stderr})`);
		const lines = r.stderr.trim().split('\n');
		assert.equal(lines.length, 1, `one line: ${r.stderr}`);
		assert.match(lines[0], /^amparo: /);
		assert.match(lines[0], want);
		assert.throws(() => readFileSync(out), /ENOENT/, 'no output file is left');
	}
});

test('dedupe --help says how to use it', opts, async () => {
	const r = await amparo(['dedupe', '--help']);
	assert.equal(r.code, 0);
	assert.match(r.stdout, /^Usage: amparo dedupe FILE\.csv --id-column COL --map SRC=FIELD/m);
	for (const f of ['given_names', 'family_names', 'date_of_birth', 'sex', 'nationality', 'document_number',
		'phone', 'address', 'locality', 'postcode'])
		assert.match(r.stdout, new RegExp(f));
	const top = await amparo(['--help']);
	assert.match(top.stdout, /^ {2}dedupe /m);
});
