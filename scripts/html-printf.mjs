// html-printf.mjs: checks that every html_printf call whose format is a
// string literal passes as many arguments as the format has conversions.
// The compiler checks printf's formats, but not html_printf's own (%R,
// %u as a URL, %l, %z): one argument too many or too few shifts every
// later column of a page under the wrong header, or reads garbage.
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

// The top-level arguments of the call whose '(' ends just before from, as
// source text; null if the call does not close.
function callArgs(src, from) {
	const args = [];
	let depth = 0, cur = '', quote = null;
	for (let i = from; i < src.length; i++) {
		const c = src[i];
		if (quote) {
			cur += c;
			if (c === '\\') {
				cur += src[++i];
			} else if (c === quote) {
				quote = null;
			}
		} else if (c === '"' || c === "'") {
			quote = c;
			cur += c;
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
	const src = readFileSync(file, 'utf8');
	for (const call of src.matchAll(/\bhtml_printf\s*\(/g)) {
		const args = callArgs(src, call.index + call[0].length);
		if (!args || args.length < 2 || !LITERALS.test(args[1]))
			continue; /* the declaration, or a format that is not a literal */
		const format = [...args[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
		const conversions = (format.replaceAll('%%', '').match(/%[sudRlz]/g) || []).length;
		if (conversions !== args.length - 2) {
			const line = src.slice(0, call.index).split('\n').length;
			console.log(`${file}:${line}: html_printf: ${conversions} conversions in the format, ${args.length - 2} arguments`);
			bad++;
		}
	}
}
process.exit(bad ? 1 : 0);
