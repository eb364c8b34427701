// The access matrix (issue 7, docs/access.md): every route of
// src/http/routes.c (read from the file, never listed here) × every role ×
// records of the user's office, another office and a sensitive area, with
// the expected allow or deny computed from the small table of rules below
// and the actual status compared. A route added to routes.c is in the
// matrix at once; a route no rule covers fails the test.
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
const ROLES = { admin: 'admin', supervisor: 'sup', caseworker: 'clerk', assistance: 'cash', community: 'com', me: 'mne', ethics: 'ethics', readonly: 'reader', manager: 'boss' };
const NONE = [];
const ALL = Object.keys(ROLES);
const REGISTRY = ['admin', 'supervisor', 'caseworker', 'assistance', 'community', 'me', 'readonly'];
const WRITERS = ['admin', 'supervisor', 'caseworker', 'assistance', 'community'];
const CASE_READERS = [...REGISTRY, 'manager'];

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
	// Data-subject requests: the administrator and the data-protection
	// officer (not a role of this matrix; api_data_requests.test.mjs).
	[/^\w+ \/data-requests\b/, ['admin']],
	// Data-sharing agreements: read by case readers, kept by administrators.
	[/^GET \/sharing-agreements\b/, CASE_READERS],
	[/^\w+ \/sharing-agreements\b/, ['admin']],
	[/^GET \/today$/, CASE_READERS],
	[/^GET \/offices\b/, REGISTRY],
	[/^GET \/vulnerability\/weights$/, REGISTRY],
	[/^\w+ \/(settings|vulnerability-weights|vulnerability\/weights|offices|catalogues)\b(?!\/services)/, ['admin']],
	[/^GET \/catalogues\/services$/, CASE_READERS],
	[/^GET \/access-alerts$/, ['admin']],
	[/^\w+ \/(reviews|merges)\b|^\w+ \/(people|households)\/:id\/merge$/, SUPERVISORS],
	[/^GET \/people\/:id\/flags$/, CASE_READERS],
	[/^POST \/(people\/:id\/flags|flags\/:id\/lift)$/, WRITERS],
	[/^GET \/partners\/new$/, SUPERVISORS],
	[/^GET \/people\/new$/, WRITERS],
	[/^POST \/people\/matches$/, REGISTRY], // a read: the possible duplicates of a draft
	// A person's whole record: data-subject rights (docs/data-rights.md).
	[/^GET \/people\/:id\/export(\.pdf)?$/, ['admin']],
	[/^GET \/(people|households|partners)\b/, REGISTRY],
	[/^\w+ \/partners\b/, SUPERVISORS],
	[/^\w+ \/(people|households)\b/, WRITERS],
	[/^GET \/(assistance|programmes)(\/programmes)?(\/:id)?$|^GET \/programmes\/:id\/ledger$/, REGISTRY],
	[/^\w+ \/(assistance\/:id\/(approve|reject)|approvals|assistance\/approvals|programmes|assistance\/programmes)\b/, SUPERVISORS],
	[/^POST \/assistance\/:id\/disburse$/, ['admin', 'supervisor', 'assistance']],
	[/^\w+ \/assistance\b|^POST \/households\/:id\/assistance$/, ASSIST],
	[/^GET \/caseloads$/, ['admin', 'supervisor', 'manager']],
	[/^POST \/cases\/:id\/assign$/, SUPERVISORS],
	// Health, narratives and notes: the grants (docs/access.md); the
	// matrix's case is a livelihoods case, so only the assessments and the
	// asylum procedure need one, held by the administrator and supervisor.
	[/^GET \/cases\/:id\/(assessments|shares)$/, SUPERVISORS],
	[/^GET \/cases\/:id\/needs-assessments$/, REGISTRY],
	[/^GET \/(cases|referrals|transfers|appointments)\b/, CASE_READERS],
	[/^\w+ \/(cases|referrals|transfers|appointments)\b/, WRITERS],
];

function allowed(route) {
	const key = `${route.method} ${route.pattern.replace(/^\/api\/v1/, '')}`;
	if (route.public)
		return 'public';
	const rule = RULES.find(([re]) => re.test(key));
	return rule ? rule[1] : undefined;
}

test('access matrix: every route is covered and refuses whom it should, for every role', { timeout: 10 * TIMEOUT }, async () => {
	assert.ok(ROUTES.length > 150, `routes.c parsed: ${ROUTES.length} routes`);
	// Records: a case of the main office and one of Darién.
	const [live, far] = await Promise.all(['live', 'far'].map(tokenFor));
	const p = await createPerson({ given_names: 'Matriz', surname1: uniqueWord('Zx') });
	const main = (await api('/api/v1/cases', { method: 'POST', body: { person_id: p.id, area: 'livelihoods' }, token: live })).json;
	const q = await createPerson({ given_names: 'Matriz', surname1: uniqueWord('Zx') });
	const darien = (await api('/api/v1/cases', { method: 'POST', body: { person_id: q.id, area: 'psychosocial' }, token: far })).json;
	assert.ok(main.id && darien.id);

	const who = {};
	for (const [role, user] of Object.entries(ROLES)) {
		const b = await loggedIn(user);
		const page = await b.get('/today');
		who[role] = { token: await tokenFor(user), browser: b, csrf: csrfOf(page.text) };
	}
	const uncovered = [];
	const wrong = [];
	for (const route of ROUTES) {
		const expect = allowed(route);
		const generic = expect === undefined;
		if (generic)
			uncovered.push(`${route.method} ${route.pattern}`);
		if (route.pattern === '/logout')
			continue; // would end the sessions the matrix runs in
		for (const record of ['main', 'darien']) {
			const caseRoute = /^\/(api\/v1\/)?cases\/:id/.test(route.pattern);
			if (record === 'darien' && !caseRoute)
				continue;
			const id = caseRoute ? (record === 'main' ? main.id : darien.id) : p.id;
			const path = route.pattern.replace(':id', id).replace(/:\w+/g, '00000000-0000-7000-8000-000000000000');
			for (const role of ALL) {
				const w = who[role];
				let status;
				if (route.api)
					status = (await api(path, { method: route.method, token: w.token, body: route.method === 'GET' ? undefined : {} })).status;
				else
					status = (route.method === 'GET' ? await w.browser.get(path) : await w.browser.post(path, { csrf: w.csrf })).status;
				// A change refused as bad input (400, 409: the matrix sends an
				// empty form) changed nothing and showed nothing: refused too.
				const refused = status === 401 || status === 403 || status === 404 || status === 400 ||
					(route.method !== 'GET' && status === 409);
				// Another office's case: only administrators (every office) know it.
				if (record === 'darien') {
					if (role !== 'admin' && status !== 404 && status !== 403 && status !== 400)
						wrong.push(`${role} ${route.method} ${path}: ${status}, another office's case`);
					continue;
				}
				if (generic || expect === 'public')
					continue;
				const may = expect.includes(role);
				const extra = (route.pattern.match(/:\w+/g) || []).length > 1;
				if (!may && !refused)
					wrong.push(`${role} ${route.method} ${path}: ${status}, expected a refusal`);
				else if (may && route.method === 'GET' && (status === 403 || status === 401 || (status === 404 && !extra && !route.pattern.includes(':'))))
					wrong.push(`${role} ${route.method} ${path}: ${status}, expected access`);
			}
		}
	}
	assert.deepEqual(wrong, [], wrong.join('\n'));
	// The ethics officer reads nothing but the ethics channel: every
	// route that is not public refuses them (checked above through the
	// rules) — and no route is left without a rule.
	assert.deepEqual(uncovered, [], `routes without a rule in access_matrix.test.mjs:\n${uncovered.join('\n')}`);
});
