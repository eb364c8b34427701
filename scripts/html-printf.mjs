// html-printf.mjs: checks that every html_printf call whose format is a
// string literal passes as many arguments as the format has conversions.
// The compiler checks printf's formats, but not html_printf's own (%R,
// %u as a URL, %l, %z): one argument too many or too few shifts every
// later column of a page under the wrong header, or reads garbage; a
// conversion it does not know aborts the server.
//
//   node scripts/html-printf.mjs [FILE.c ...]   (default: every src/**/*.c)
//
// Prints FILE:LINE for each mismatch and exits 1 if there is any.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function cFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory())
			return cFiles(path);
		return name.endsWith('.c') ? [path] : [];
	});
}

// The index just past the string or character literal that starts at i.
function literalEnd(src, i) {
	const quote = src[i];
	for (i++; i < src.length && src[i] !== quote; i++)
		if (src[i] === '\\')
			i++;
	return i + 1;
}

// src with its comments blanked out (newlines kept, for line numbers), so
// that an apostrophe or a comma in a comment does not count.
function withoutComments(src) {
	let out = '';
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (c === '"' || c === "'") {
			const stop = literalEnd(src, i);
			out += src.slice(i, stop);
			i = stop - 1;
		} else if (c === '/' && src[i + 1] === '*') {
			const end = src.indexOf('*/', i + 2);
			const stop = end < 0 ? src.length : end + 2;
			out += src.slice(i, stop).replace(/[^\n]/g, ' ');
			i = stop - 1;
		} else if (c === '/' && src[i + 1] === '/') {
			while (i < src.length && src[i] !== '\n')
				i++;
			out += '\n';
		} else {
			out += c;
		}
	}
	return out;
}

// The top-level arguments of the call whose '(' ends just before from, as
// source text; null if the call does not close.
function callArgs(src, from) {
	const args = [];
	let depth = 0, cur = '';
	for (let i = from; i < src.length; i++) {
		const c = src[i];
		if (c === '"' || c === "'") {
			const stop = literalEnd(src, i);
			cur += src.slice(i, stop);
			i = stop - 1;
		} else if ('([{'.includes(c)) {
			depth++;
			cur += c;
		} else if (')]}'.includes(c)) {
			if (depth === 0) {
				args.push(cur);
				return args;
			}
			depth--;
			cur += c;
		} else if (c === ',' && depth === 0) {
			args.push(cur);
			cur = '';
		} else {
			cur += c;
		}
	}
	return null;
}

const LITERALS = /^(\s*"(?:[^"\\]|\\.)*"\s*)+$/;
let bad = 0;
const files = process.argv.length > 2 ? process.argv.slice(2) : cFiles('src');
for (const file of files) {
	const src = withoutComments(readFileSync(file, 'utf8'));
	for (const call of src.matchAll(/\bhtml_printf\s*\(/g)) {
		const args = callArgs(src, call.index + call[0].length);
		if (!args || args.length < 2 || !LITERALS.test(args[1]))
			continue; /* the declaration, or a format that is not a literal */
		const format = [...args[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
		const line = src.slice(0, call.index).split('\n').length;
		const plain = format.replaceAll('%%', '');
		const unknown = plain.match(/%(?![sudRlz])./);
		if (unknown) {
			console.log(`${file}:${line}: html_printf: "${unknown[0]}" is not a conversion of html_printf (base/html.h)`);
			bad++;
		}
		const conversions = (plain.match(/%[sudRlz]/g) || []).length;
		if (conversions !== args.length - 2) {
			console.log(`${file}:${line}: html_printf: ${conversions} conversions in the format, ${args.length - 2} arguments`);
			bad++;
		}
	}
}
process.exit(bad ? 1 : 0);
