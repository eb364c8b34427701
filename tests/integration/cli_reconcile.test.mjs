// cli_reconcile.test.mjs: amparo reconcile as a finance officer runs it on
// a provider's statement exported from online banking: Spanish headers,
// semicolons, amounts as "B/. 1.234,56"; what matched, what differs, and
// every error with its line (issue 6).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { TIMEOUT, amparo } from './lib.mjs';

const opts = { timeout: TIMEOUT };
const dir = mkdtempSync(join(tmpdir(), 'amparo-reconcile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name, text, encoding = 'utf8') {
	const path = join(dir, name);
	writeFileSync(path, text, encoding);
	return path;
}

// What amparo disbursed: four transfers.
const expected = write('esperado.csv', 'reference,name,amount,date\n' +
	'TRX-0001,Ana Castillo,150.00,2026-11-03\n' +
	'TRX-0002,Luis Moreno,150.00,2026-11-03\n' +
	'TRX-0003,Rosa Vargas,1234.56,2026-11-04\n' +
	'TRX-0004,Pedro Rojas,75.00,2026-11-04\n');

test('reconcile: a statement with one unmatched and one wrong-amount line lists exactly those', opts, async () => {
	// The bank wrote the references its own way (lower case, spaces).
	const statement = write('estado.csv', '\ufeffFecha;Referencia;Beneficiario;Monto\n' +
		'03/11/2026;TRX-0001;ANA CASTILLO;B/. 150,00\n' +
		'03/11/2026;trx 0002;LUIS MORENO;B/. 140,00\n' +
		'04/11/2026;TRX-0003;ROSA VARGAS;B/. 1.234,56\n' +
		'04/11/2026;TRX-0004;PEDRO ROJAS;75\n' +
		'05/11/2026;TRX-9999;JUAN NADIE;B/. 60,00\n');
	const r = await amparo(['reconcile', statement, '--expected', expected, '--lang', 'en']);
	assert.equal(r.code, 1, r.stderr);
	assert.equal(r.stderr, '');
	assert.equal(r.stdout,
		'Matched: 3\n' +
		'Amount difference: 1\n' +
		'  line 3: trx 0002 (Luis Moreno): expected 150.00, paid 140.00, difference -10.00\n' +
		'Not expected: 1\n' +
		'  line 6: TRX-9999 (JUAN NADIE): paid 60.00\n' +
		'Missing from the statement: 0\n' +
		'Duplicate reference: 0\n');
});

test('reconcile: in Spanish by default; a line missing and one repeated are listed', opts, async () => {
	const statement = write('estado2.csv', 'referencia,importe\n' +
		'TRX-0001,150\nTRX-0002,150\nTRX-0003,"1,234.56"\nTRX-0001,150\n');
	const r = await amparo(['reconcile', statement, '--expected', expected]);
	assert.equal(r.code, 1, r.stderr);
	assert.equal(r.stdout,
		'Conciliado: 3\n' +
		'Diferencia de monto: 0\n' +
		'No esperado: 0\n' +
		'Falta en el estado de cuenta: 1\n' +
		'  TRX-0004 (Pedro Rojas): esperado 75.00\n' +
		'Referencia duplicada: 1\n' +
		'  línea 5: TRX-0001 (Ana Castillo): pagado 150.00\n');
});

test('reconcile: everything matched exits 0', opts, async () => {
	const statement = write('estado3.csv', 'Ref,Amount\nTRX-0004,75.00\nTRX-0003,1234.56\n' +
		'TRX-0002,150\nTRX-0001,$150.00\n');
	const r = await amparo(['reconcile', statement, '--expected', expected, '--lang', 'en']);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /^Matched: 4\nAmount difference: 0\n/);
});

test('reconcile: columns named when the headers are the bank\'s own', opts, async () => {
	// Latin-1, as older Windows exports save.
	const statement = write('banco.csv', 'Código,Valor pagado\nTRX-0001,150\n', 'latin1');
	let r = await amparo(['reconcile', statement, '--expected', expected, '--lang', 'en']);
	assert.equal(r.code, 2);
	assert.equal(r.stdout, '');
	assert.match(r.stderr, /No column of the header holds the reference \(its columns: "Código", "Valor pagado"\): name it\./);
	r = await amparo(['reconcile', statement, '--expected', expected, '--lang', 'en',
		'--reference-column', 'codigo', '--amount-column', 'Valor pagado']);
	assert.equal(r.code, 1, r.stderr);
	assert.match(r.stdout, /^Matched: 1\n/);
	assert.match(r.stdout, /Missing from the statement: 3\n/);
});

test('reconcile: bad lines: exit 2, every error with its line, nothing reconciled', opts, async () => {
	const statement = write('malo.csv', 'referencia;monto;fecha\n' +
		'TRX-0001;150,00;03/11/2026\n' +
		';150,00;03/11/2026\n' +
		'TRX-0003;-1.234,56;04/11/2026\n' +
		'TRX-0004;setenta;04/11/2026\n' +
		'TRX-0005;10;31/02/2026\n');
	const r = await amparo(['reconcile', statement, '--expected', expected]);
	assert.equal(r.code, 2);
	assert.equal(r.stdout, '');
	assert.equal(r.stderr,
		`${statement}: Línea 3: la referencia está en blanco.\n` +
		`${statement}: Línea 4: el monto "-1.234,56" es negativo; un estado de cuenta lista pagos realizados.\n` +
		`${statement}: Línea 5: el monto "setenta" no es un número como 150.00 o 1,234.56.\n` +
		`${statement}: Línea 6: la fecha "31/02/2026" no es una fecha como 31/12/2025 o 2025-12-31.\n`);
});

test('reconcile: usage errors exit 2', opts, async () => {
	let r = await amparo(['reconcile', join(dir, 'nada.csv'), '--expected', expected]);
	assert.equal(r.code, 2);
	assert.match(r.stderr, /nada\.csv: no se puede abrir el archivo/);
	r = await amparo(['reconcile', expected]);
	assert.equal(r.code, 2);
	assert.match(r.stderr, /--expected/);
	const dup = write('dup.csv', 'reference,amount\nA-1,5\na1,6\n');
	r = await amparo(['reconcile', expected, '--expected', dup, '--lang', 'en']);
	assert.equal(r.code, 2);
	assert.match(r.stderr, /dup\.csv: line 3: the reference "a1" is blank or repeats an earlier line's\./);
	r = await amparo(['reconcile', '--help']);
	assert.equal(r.code, 0);
	assert.match(r.stdout, /usage: amparo reconcile STATEMENT\.csv --expected EXPECTED\.csv/);
});
