// totp.mjs: RFC 6238 codes for the tests (SHA-1, 6 digits, 30 s), and a
// per-user record of the last step used, shared by every test process, so
// that no test ever sends a code the server has seen (a code works once).
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(s) {
	let bits = 0, acc = 0;
	const out = [];
	for (const ch of s.toUpperCase().replace(/[\s=-]/g, '')) {
		const v = B32.indexOf(ch);
		if (v < 0)
			throw new Error(`not base32: ${ch}`);
		acc = (acc << 5) | v;
		bits += 5;
		if (bits >= 8) {
			out.push((acc >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

// The code of time step `step` (unix seconds / 30) for a base32 secret.
export function totpAt(secret, step) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
	const off = mac[19] & 0x0f;
	const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
	return String(bin % 1_000_000).padStart(6, '0');
}

export function currentStep() {
	return Math.floor(Date.now() / 1000 / 30);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs send(code) with a code no earlier call (in any test process sharing
// the state folder) used for user: the server accepts the current step
// and one on each side, each once; this takes the current one or the
// next (never the previous: the clock may pass it on the way); when those
// are used up, it waits for the
// next step. The state folder comes from AMPARO_TOTP_STATE (run.sh).
export async function withFreshCode(user, secret, send) {
	const dir = process.env.AMPARO_TOTP_STATE;
	if (!dir)
		throw new Error('AMPARO_TOTP_STATE is not set: run the tests through run.sh');
	const lock = join(dir, `${user}.lock`), file = join(dir, `${user}.step`);
	for (let i = 0; ; i++) {
		try {
			mkdirSync(lock);
			break;
		} catch (e) {
			if (e.code !== 'EEXIST' || i > 2400)
				throw e;
			await sleep(50);
		}
	}
	try {
		let last = -1;
		try {
			last = Number(readFileSync(file, 'utf8'));
		} catch { /* none yet */ }
		let step = Math.max(currentStep(), last + 1);
		// Only now+1 may be ahead of the clock: wait until step is that.
		while (step > currentStep() + 1)
			await sleep(250);
		step = Math.max(currentStep(), last + 1);
		const result = await send(totpAt(secret, step));
		writeFileSync(file, String(step));
		return result;
	} finally {
		rmdirSync(lock);
	}
}
