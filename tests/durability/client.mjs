// client.mjs: the client of the crash-durability test (run.sh).
//
//   node client.mjs write URL TOKEN ACKED_FILE [WRITERS]
//       registers people through POST /api/v1/people with WRITERS (default
//       4) requests in flight, and appends the id of every person the
//       server acknowledged (201) to ACKED_FILE, synchronously, before the
//       next request; each writer also opens the person it made (GET: an
//       audited view, through the batched view queue). When the server is
//       down it waits and tries again. Runs until killed.
import { appendFileSync } from 'node:fs';

const [mode, url, token, file, writers] = process.argv.slice(2);
const auth = { authorization: `Bearer ${token}` };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const GIVEN = ['Ana', 'José', 'María', 'Luis', 'Carmen', 'Jesús', 'Rosa', 'Andrés', 'Yolanda', 'Óscar'];
const SURNAMES = ['Pérez', 'Rodríguez', 'González', 'Núñez', 'Castillo', 'Méndez', 'Ibáñez', 'Rojas'];
const pick = (a) => a[Math.floor(Math.random() * a.length)];

async function writer(n) {
	for (let i = 0; ; i++) {
		const body = {
			given_names: `${pick(GIVEN)} ${n}-${i}-${Math.random().toString(36).slice(2, 8)}`,
			surname1: pick(SURNAMES),
			sex: pick(['female', 'male']),
			birth_date: `19${50 + Math.floor(Math.random() * 50)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`,
			nationality: pick(['VEN', 'COL', 'NIC', 'CUB', 'HTI']),
		};
		let r;
		try {
			r = await fetch(`${url}/api/v1/people`, {
				method: 'POST',
				headers: { ...auth, 'content-type': 'application/json' },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(10_000),
			});
		} catch {
			await sleep(50); // the server is down: it comes back
			continue;
		}
		let j = null;
		try {
			j = await r.json();
		} catch {
			continue; // the answer was cut off by the kill: not acknowledged
		}
		if (r.status === 201 && j && j.id) {
			appendFileSync(file, `${j.id}\n`);
			fetch(`${url}/api/v1/people/${j.id}`, { headers: auth }).then((g) => g.arrayBuffer(), () => {});
		} else if (r.status !== 503) {
			process.stderr.write(`client.mjs: POST /api/v1/people answered ${r.status}: ${JSON.stringify(j)}\n`);
			await sleep(200);
		}
	}
}

if (mode === 'write')
	await Promise.all(Array.from({ length: Number(writers || 4) }, (_, n) => writer(n)));
else {
	console.error('usage: node client.mjs write URL TOKEN ACKED_FILE [WRITERS]');
	process.exit(2);
}
