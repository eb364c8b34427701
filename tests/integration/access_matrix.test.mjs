// The access matrix (issue 7, docs/access.md): every route of
// src/http/routes.c (read from the file, never listed here) × every role ×
// records of another team of the user's office, another office and the
// sensitive areas, with the expected allow or deny computed from the small
// tables below (RULES for routes, GRANTS and AREAS for records) and the
// actual status, and for sensitive content the body, compared. A route
// added to routes.c is in the matrix at once; a route no rule covers fails
// the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { api, createPerson, csrfOf, loggedIn, tokenFor, uniqueWord, TIMEOUT } from './lib.mjs';

const ROUTES = readFileSync(new URL('../../src/http/routes.c', import.meta.url), 'utf8')
	.split('\n')
	.map((l) => l.match(/^\s*\{ "([A-Z]+)", "([^"]+)", (\w+), ([^}]*) \},/))
	.filter(Boolean)
	.map(([, method, pattern, fn, flags]) => ({ method, pattern, fn, public: flags.includes('ROUTE_PUBLIC'), api: flags.includes('ROUTE_API') }));

// One user per role (tests/integration/run.sh).
const ROLES = { admin: 'admin', supervisor: 'sup', caseworker: 'clerk', assistance: 'cash', community: 'com', me: 'mne', ethics: 'ethics', readonly: 'reader', manager: 'boss', dpo: 'dpo' };
const ALL = Object.keys(ROLES);
const REGISTRY = ['admin', 'supervisor', 'caseworker', 'assistance', 'community', 'me', 'readonly', 'dpo'];
const WRITERS = ['admin', 'supervisor', 'caseworker', 'assistance', 'community'];
const CASE_READERS = ['admin', 'supervisor', 'caseworker', 'assistance', 'community', 'me', 'readonly', 'manager'];

// The rules: the first whose pattern matches "METHOD /path" (the API's
// /api/v1 left out) says which roles may; every other role must be
// refused (401, 403 or 404). For reads the roles named must also get in;
// for changes only the refusals are checked (the roles named may still be
// refused by a finer rule: areas, grants, a record's own caseworker,
// tested in api_access.test.mjs and beside each feature).
const SUPERVISORS = ['admin', 'supervisor'];
const ASSIST = ['admin', 'supervisor', 'caseworker', 'assistance'];
const RULES = [
	[/^POST \/logout$|^GET \/me$/, ALL],
	[/^\w+ \/account\/(password|2fa)$/, ALL],
	// Data-subject requests: the administrator and the data-protection officer.
	[/^\w+ \/data-requests\b/, ['admin', 'dpo']],
	// Data-sharing agreements: read by case readers, kept by administrators.
	[/^GET \/sharing-agreements\b/, [...CASE_READERS, 'dpo']],
	[/^\w+ \/sharing-agreements\b/, ['admin']],
	[/^GET \/today$/, CASE_READERS],
	[/^GET \/offices\b/, REGISTRY],
	[/^GET \/vulnerability\/weights$/, REGISTRY],
	[/^\w+ \/(settings|vulnerability-weights|vulnerability\/weights|offices|catalogues)\b(?!\/services)/, ['admin']],
	[/^GET \/catalogues\/services$/, CASE_READERS],
	[/^GET \/access-alerts$/, ['admin']],
	[/^\w+ \/(reviews|merges)\b|^\w+ \/(people|households)\/:id\/merge$/, SUPERVISORS],
	// The flags a user may see (flag_may_see): registry readers and managers
	// get the list, the sensitive ones only with their grant (checked
	// below by the records' words), managers none.
	[/^GET \/people\/:id\/flags$/, [...REGISTRY, 'manager']],
	[/^POST \/(people\/:id\/flags|flags\/:id\/lift)$/, WRITERS],
	[/^GET \/partners\/new$/, SUPERVISORS],
	[/^GET \/people\/new$/, WRITERS],
	// The page giving or withdrawing a consent (consent_may_record).
	[/^GET \/people\/:id\/consents\/new$/, WRITERS],
	[/^POST \/people\/matches$/, REGISTRY], // a read: the possible duplicates of a draft
	// A person's whole record: data-subject rights (docs/data-rights.md).
	[/^GET \/people\/:id\/export(\.pdf)?$/, ['admin', 'dpo']],
	[/^GET \/(people|households|partners)\b/, REGISTRY],
	[/^\w+ \/partners\b/, SUPERVISORS],
	[/^\w+ \/(people|households)\b/, WRITERS],
	[/^GET \/(assistance|programmes)(\/programmes)?(\/:id)?$|^GET \/programmes\/:id\/ledger$/, REGISTRY],
	[/^\w+ \/(assistance\/:id\/(approve|reject)|approvals|assistance\/approvals|programmes|assistance\/programmes)\b/, SUPERVISORS],
	[/^POST \/assistance\/:id\/disburse$/, ['admin', 'supervisor', 'assistance']],
	[/^\w+ \/assistance\b|^POST \/households\/:id\/assistance$/, ASSIST],
	[/^GET \/caseloads$/, ['admin', 'supervisor', 'manager']],
	[/^POST \/cases\/:id\/assign$/, SUPERVISORS],
	// Assessments (mental_health) and shares: the administrator and the
	// supervisor (and a case's own caseworker: OWNER below). Notes,
	// needs assessments, the asylum procedure: the records' tables below.
	[/^GET \/cases\/:id\/(assessments|shares)$/, SUPERVISORS],
	[/^GET \/cases\/:id\/needs-assessments$/, CASE_READERS],
	[/^GET \/(cases|referrals|transfers|appointments)\b/, CASE_READERS],
	[/^\w+ \/(cases|referrals|transfers|appointments)\b/, WRITERS],
];

// The records' side (docs/access.md, src/domain/case.c), per role through
// its matrix user: the grants run.sh gives them and the areas they work in.
// Sensitive content (notes of a psychosocial or legal case or of a case an
// SGBV flag covers, a goal's details, the asylum procedure, the flag's
// reason) is read by a case reader outside the reduced view who is the
// case's caseworker (only the "own" record is a matrix user's) or holds
// every grant it needs. A case is changed (case_may_work) by a user
// who may write cases and assigns them (admin, supervisor) or works in its
// area: the legal caseworker reads a livelihoods case of her office and its
// notes (they need no grant) but may not change it.
const GRANTS = { admin: ['sgbv', 'mental_health', 'torture', 'asylum_narrative'], supervisor: ['sgbv', 'mental_health', 'torture', 'asylum_narrative'], caseworker: ['torture', 'asylum_narrative'] };
const AREAS = { supervisor: ['psychosocial', 'legal', 'livelihoods', 'assistance', 'community'], caseworker: ['legal'], assistance: ['assistance'], community: ['community'] };
const ASSIGNERS = SUPERVISORS;
const READS_CONTENT = CASE_READERS.filter((r) => r !== 'manager');
// The records: area, the grants their content needs, and the office.
const RECORDS = {
	team: { area: 'livelihoods', needs: [], by: 'live' }, // another team of the user's office
	psy: { area: 'psychosocial', needs: ['mental_health'], by: 'psy' }, // a note of a psychosocial case
	sgbv: { area: 'livelihoods', needs: ['sgbv'], by: 'live', flag: 'sgbv_survivor' }, // a case an SGBV flag covers
	legal: { area: 'legal', needs: ['asylum_narrative'], by: 'lex' }, // a note and an asylum procedure
	darien: { area: 'psychosocial', needs: ['mental_health'], by: 'far', far: true }, // another office
	// Own: a legal case of the caseworker role's user under an SGBV flag
	// (raised by psy): she lacks the sgbv grant but is its caseworker.
	own: { area: 'legal', needs: ['sgbv', 'asylum_narrative'], by: 'clerk', flag: 'sgbv_survivor', flagBy: 'psy', owner: 'caseworker' },
};
// Reads of one piece of sensitive content: allowed to the roles of their
// rule that also read the record's content (readsContent), refused to the
// others (the lists and the case page show them, with it withheld).
const CONTENT = /^GET \/cases\/:id\/(needs-assessments|detentions|services\/:sid|notes\/:nid)$/;
// What a case's own caseworker reads beyond the rules above: its
// assessments (case_may_read_health) and its shares (case_share_may_manage).
const OWNER = /^GET \/cases\/:id\/(assessments|shares)$/;
const readsContent = (role, rec) => (!rec.far || role === 'admin') && READS_CONTENT.includes(role) &&
	(role === rec.owner || rec.needs.every((g) => (GRANTS[role] || []).includes(g)));
const mayWork = (role, rec) =>
	(rec.far ? role === 'admin' : WRITERS.includes(role) && (ASSIGNERS.includes(role) || role === rec.owner || (AREAS[role] || []).includes(rec.area)));

function allowed(route) {
	const key = `${route.method} ${route.pattern.replace(/^\/api\/v1/, '')}`;
	if (route.public)
		return 'public';
	const rule = RULES.find(([re]) => re.test(key));
	return rule ? rule[1] : undefined;
}

// A record of the matrix: a person and an open case of rec.area by rec.by,
// with a unique word in a case note, a service note, a plan goal, a
// cancelled appointment's note and, for a legal case, the asylum procedure
// (a stage and a detention); for rec.flag, the flag (its reason holds the
// word too).
async function makeRecord(name, rec, tokens) {
	const token = tokens[rec.by];
	const word = uniqueWord('Kmatriz');
	const p = await createPerson({ given_names: 'Matriz', surname1: uniqueWord('Zx') }, token);
	const post = async (path, body, as = token) => {
		const r = await api(path, { method: 'POST', body, token: as });
		assert.ok(r.status === 201 || r.status === 200, `${name}: POST ${path}: ${r.status} ${r.text.slice(0, 200)}`);
		return r.json;
	};
	if (rec.flag)
		await post(`/api/v1/people/${p.id}/flags`, { type: rec.flag, reason: `motivo ${word}` }, tokens[rec.flagBy || rec.by]);
	const k = await post('/api/v1/cases', { person_id: p.id, area: rec.area });
	const note = await post(`/api/v1/cases/${k.id}/notes`, { body: `nota ${word}` });
	const service = { psychosocial: 'emotional_support', legal: 'legal_counselling', livelihoods: 'career_counselling' }[rec.area];
	const svc = await post(`/api/v1/cases/${k.id}/services`, { type: service, date: '2026-02-10', notes: `servicio ${word}` });
	const goal = await post(`/api/v1/cases/${k.id}/goals`, { title: 'Documentos', details: `meta ${word}` });
	const appt = await post('/api/v1/appointments', { case_id: k.id, starts_at: '2026-12-01T15:00:00Z' });
	await post(`/api/v1/appointments/${appt.id}/status`, { status: 'cancelled', notes: `cita ${word}` });
	let det = { id: undefined };
	if (rec.area === 'legal') {
		await post(`/api/v1/cases/${k.id}/procedure/stages`, { stage: 'application_filed', date: '2025-02-03', notes: `etapa ${word}` });
		det = await post(`/api/v1/cases/${k.id}/detentions`, { place: 'Estación migratoria', detained_on: '2025-01-05', notes: `detención ${word}` });
	}
	return { ...rec, name, word, person: p.id, id: k.id, appointment: appt.id, sub: { sid: svc.id, nid: note.id, did: det.id, gid: goal.id } };
}

const ZERO = '00000000-0000-7000-8000-000000000000';

test('access matrix: every route is covered and refuses whom it should, for every role and record', { timeout: 10 * TIMEOUT }, async () => {
	assert.ok(ROUTES.length > 150, `routes.c parsed: ${ROUTES.length} routes`);
	const tokens = {};
	for (const u of ['live', 'psy', 'lex', 'far', 'clerk'])
		tokens[u] = await tokenFor(u);
	const records = {};
	for (const [name, rec] of Object.entries(RECORDS))
		records[name] = await makeRecord(name, rec, tokens);

	const who = {};
	for (const [role, user] of Object.entries(ROLES)) {
		const b = await loggedIn(user);
		const page = await b.get('/today');
		who[role] = { token: await tokenFor(user), browser: b, csrf: csrfOf(page.text) };
	}
	const call = async (role, route, path, body) => {
		const w = who[role];
		if (route.api)
			return api(path, { method: route.method, token: w.token, body: route.method === 'GET' ? undefined : body });
		return route.method === 'GET' ? w.browser.get(path) : w.browser.post(path, { csrf: w.csrf });
	};
	const uncovered = [];
	const wrong = [];
	// Who read each record's word, by role: compared with readsContent below.
	const saw = Object.fromEntries(Object.keys(records).map((n) => [n, new Set()]));
	// Reads first: an empty change (below) must not alter what they show.
	const ordered = [...ROUTES.filter((r) => r.method === 'GET'), ...ROUTES.filter((r) => r.method !== 'GET')];
	for (const route of ordered) {
		const expect = allowed(route);
		const key = `${route.method} ${route.pattern.replace(/^\/api\/v1/, '')}`;
		const generic = expect === undefined;
		if (generic)
			uncovered.push(`${route.method} ${route.pattern}`);
		if (route.pattern === '/logout')
			continue; // would end the sessions the matrix runs in
		const caseRoute = /^\/(api\/v1\/)?cases\/:id/.test(route.pattern);
		const personRoute = /^\/(api\/v1\/)?people\/:id/.test(route.pattern);
		// A person's whole record goes to the data-subject (their own
		// narratives included) through the administrator or the
		// data-protection officer: not a read of need-to-know content.
		const exportRoute = /^\/(api\/v1\/)?people\/:id\/export/.test(route.pattern);
		const apptRoute = /^\/(api\/v1\/)?appointments\/:id/.test(route.pattern);
		const names = caseRoute || apptRoute ? Object.keys(records) : personRoute ? ['team', 'sgbv', 'own'] : ['team'];
		for (const name of names) {
			const rec = records[name];
			const id = caseRoute ? rec.id : apptRoute ? rec.appointment : rec.person;
			// Reads name the record's real service, note and detention;
			// changes a made-up one.
			const path = route.pattern.replace(':id', id).replace(/:(\w+)/g, (_, n) => (route.method === 'GET' && rec.sub[n]) || ZERO);
			for (const role of ALL) {
				const r = await call(role, route, path, route.method === 'GET' ? undefined : {});
				const status = r.status;
				// Every record's word, not only this one's: a list, a search
				// or Mi día must not carry another record's content either.
				for (const other of route.method === 'GET' && status === 200 && !exportRoute ? Object.values(records) : []) {
					if (!r.text.includes(other.word))
						continue;
					saw[other.name].add(role);
					if (!readsContent(role, other))
						wrong.push(`${role} ${route.method} ${path}: read the ${other.name} record's sensitive word`);
				}
				// A change refused as bad input (400, 409: the matrix sends an
				// empty form) changed nothing and showed nothing: refused too.
				const refused = status === 401 || status === 403 || status === 404 || status === 400 ||
					(route.method !== 'GET' && status === 409) ||
					// ... and the asylum procedure of a case that is not legal.
					(status === 409 && rec.area !== 'legal' && /\/(procedure|detentions)$/.test(key));
				// Another office's case: only administrators (every office) know it.
				if (rec.far && (caseRoute || apptRoute)) {
					if (role !== 'admin' && status !== 404 && status !== 403 && status !== 400)
						wrong.push(`${role} ${route.method} ${path}: ${status}, another office's case`);
					continue;
				}
				if (generic || expect === 'public')
					continue;
				const may = (expect.includes(role) || (role === rec.owner && OWNER.test(key))) && (!CONTENT.test(key) || readsContent(role, rec));
				const extra = (route.pattern.match(/:\w+/g) || []).length > 1;
				if (!may && !refused)
					wrong.push(`${role} ${route.method} ${path}: ${status}, expected a refusal`);
				else if (may && route.method === 'GET' && (status === 401 || (status === 403 && !(caseRoute && extra)) ||
					(status === 404 && !extra && !route.pattern.includes(':'))))
					wrong.push(`${role} ${route.method} ${path}: ${status}, expected access`);
			}
		}
	}
	// The word of each record was read by exactly the roles the grants
	// rule names (and, with it, the test can tell a read from a refusal).
	for (const [name, rec] of Object.entries(records)) {
		const expected = ALL.filter((role) => readsContent(role, rec)).sort().join(',');
		if ([...saw[name]].sort().join(',') !== expected)
			wrong.push(`the ${name} record's word was read by ${[...saw[name]].sort().join(',')}, expected ${expected}`);
	}
	// Changes with a real body (a case note): allowed exactly where
	// case_may_work says, refused (403/404) everywhere else.
	for (const [name, rec] of Object.entries(records)) {
		for (const role of ALL) {
			const r = await api(`/api/v1/cases/${rec.id}/notes`, { method: 'POST', token: who[role].token, body: { body: 'Llamada de seguimiento' } });
			const may = mayWork(role, rec);
			if (may ? r.status !== 201 : r.status !== 403 && r.status !== 404)
				wrong.push(`${role} POST a note on the ${name} case: ${r.status}, expected ${may ? 201 : 'a refusal'}`);
		}
	}
	assert.deepEqual(wrong, [], wrong.join('\n'));
	// The ethics officer reads nothing but the ethics channel: every
	// route that is not public refuses them (checked above through the
	// rules) — and no route is left without a rule.
	assert.deepEqual(uncovered, [], `routes without a rule in access_matrix.test.mjs:\n${uncovered.join('\n')}`);
});
