/* consent.c: consent per purpose, its history and its checks. */
#include "domain/consent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/person.h"
#include "domain/settings.h"
#include "domain/validate.h"

#define CAT(var, nm, arr) \
	const struct catalog var = { nm, arr, sizeof(arr) / sizeof(arr[0]), sizeof(arr) / sizeof(arr[0]) }

static const struct catalog_item purposes[] = {
	{ "registration", N_("Registration and services of this office") },
	{ "sharing_partners", N_("Sharing their data with partners") },
	{ "referral", N_("Referral to partners") },
	{ "reporting", N_("Named reports and exports") },
	{ "phone_contact", N_("Contact by phone") },
};
CAT(CAT_CONSENT_PURPOSE, "consent_purpose", purposes);

static const struct catalog_item methods[] = {
	{ "verbal", N_("Verbal") },
	{ "signed", N_("Signed form") },
	{ "digital", N_("Digital (form or message)") },
};
CAT(CAT_CONSENT_METHOD, "consent_method", methods);

static const struct catalog_item states[] = {
	{ "given", NC_("consent", "Given") },
	{ "withdrawn", NC_("consent", "Withdrawn") },
	{ "override", N_("Override without consent") },
};
CAT(CAT_CONSENT_STATE, "consent_state", states);

/* Notes and override reasons are a sentence or two. */
#define NOTE_MAX 1000

/* <0 when a was recorded before b. */
static int order(const struct consent *a, const struct consent *b)
{
	int d = strcmp(a->recorded_at, b->recorded_at);
	if (d)
		return d;
	long long x = strtoll(a->seq, NULL, 10), y = strtoll(b->seq, NULL, 10);
	return x < y ? -1 : x > y;
}

const struct consent *consent_last(void *const *h, size_t n, const char *purpose)
{
	const struct consent *last = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct consent *k = h[i];
		if (strcmp(k->purpose, purpose) != 0 || strcmp(k->state, "override") == 0)
			continue;
		if (!last || order(k, last) > 0)
			last = k;
	}
	return last;
}

int consent_may_record(const struct user *u)
{
	return auth_check(u, PERM_REGISTRY_WRITE) == DOM_OK || auth_check(u, PERM_CASES_WRITE) == DOM_OK;
}

int consent_may_override(const struct user *u)
{
	return auth_check(u, PERM_CASES_ASSIGN) == DOM_OK;
}

/* The registration form asks what the person agrees to (consent_scope,
 * with its date): what it says counts as consents recorded on that date,
 * as migration 0022 turned the scopes of the people then registered into
 * rows (the same purposes and states; those people's rows are theirs
 * already, and nothing is added). Dated no later than the registration,
 * so that every consent recorded since prevails; person_update keeps the
 * scope and its date as registered. A merged record's consents are its
 * survivor's. */
static void from_registration(struct ctx *c, const struct person *p, struct store_list *l)
{
	static const struct {
		const char *scope, *given[5], *withdrawn[4]; /* NULL-terminated */
	} scopes[] = {
		{ "registration", { "registration" }, { NULL } },
		{ "referral", { "registration", "referral", "sharing_partners" }, { NULL } },
		{ "referral_reporting", { "registration", "referral", "sharing_partners", "reporting" }, { NULL } },
		{ "declined", { "registration" }, { "sharing_partners", "referral", "reporting" } },
	};
	const char *migrated = arena_printf(c->a, "m0022-%s-", p->id);
	char on[16];
	size_t i = 0;
	while (i < sizeof(scopes) / sizeof(scopes[0]) &&
	       (!p->consent_scope || strcmp(p->consent_scope, scopes[i].scope) != 0))
		i++;
	if (i == sizeof(scopes) / sizeof(scopes[0]) || !p->created_at ||
	    (p->status && strcmp(p->status, "merged") == 0))
		return;
	for (size_t k = 0; k < l->n; k++) {
		const struct consent *g = l->items[k];
		if (g->id && strncmp(g->id, migrated, strlen(migrated)) == 0)
			return;
	}
	date_display(p->consent_date, on);
	const char *at = on[0] ? arena_printf(c->a, "%sT12:00:00Z", p->consent_date) : p->created_at;
	if (strcmp(at, p->created_at) > 0)
		at = p->created_at;
	void **items = arena_alloc(c->a, (l->n + 4 + 3) * sizeof(void *));
	memcpy(items, l->items, l->n * sizeof(void *));
	for (int w = 0; w < 2; w++) {
		const char *const *of = w ? scopes[i].withdrawn : scopes[i].given;
		for (size_t k = 0; of[k]; k++) {
			struct consent *g = arena_alloc(c->a, sizeof(*g));
			*g = (struct consent){ .id = arena_printf(c->a, "registration-%s-%s", p->id, of[k]),
					       .seq = "0", .person_id = p->id, .purpose = (char *)of[k],
					       .state = w ? "withdrawn" : "given",
					       .recorded_by = p->created_by, .recorded_at = (char *)at };
			g->note = on[0] ? arena_printf(c->a, _("On the registration form, on %s."), on)
					: (char *)_("On the registration form.");
			items[l->n++] = g;
		}
	}
	l->items = items;
}

/* Every consent of person_id (an id), in no particular order: the rows
 * recorded, and those the registration form gives (from_registration). */
static int load_all(struct ctx *c, const char *person_id, struct store_list *out)
{
	struct person p;
	int rc = dom_from_store(store_list(c->st, &ENT_CONSENT, c->a, "person_id", person_id,
					   "recorded_at", 1, CONSENTS_MAX, 0, out));
	if (!rc && person_load(c, person_id, &p) == DOM_OK)
		from_registration(c, &p, out);
	return rc;
}

/* The registry's readers: managers' reduced view has no consent history. */
static int may_read(const struct user *u)
{
	return auth_check(u, PERM_REGISTRY_READ);
}

static int cmp_newest(const void *a, const void *b)
{
	return order(*(const struct consent *const *)b, *(const struct consent *const *)a);
}

int consent_history(struct ctx *c, const char *person_id, struct store_list *out)
{
	struct person p;
	int rc = may_read(c->user);
	if (rc)
		return rc;
	if (!person_id || person_load(c, person_id, &p))
		return DOM_NOTFOUND;
	if ((rc = load_all(c, p.id, out)))
		return rc;
	qsort(out->items, out->n, sizeof(out->items[0]), cmp_newest);
	out->total = (long long)out->n;
	return DOM_OK;
}

/* Inserts k (its id, seq and time set here) and audits it on the person,
 * inside the caller's transaction. */
static int insert(struct ctx *c, struct consent *k, const char *action)
{
	char id[37], now[32], seq[24];
	long long num;
	int rc = dom_from_store(store_next_number(c->st, "consent", &num));
	if (rc)
		return rc;
	crypto_uuid7(id);
	time_now_iso(now);
	snprintf(seq, sizeof(seq), "%lld", num);
	k->id = arena_strdup(c->a, id);
	k->seq = arena_strdup(c->a, seq);
	k->recorded_at = arena_strdup(c->a, now);
	k->recorded_by = c->user ? c->user->id : NULL;
	k->notice_version = (char *)settings_get(c, "privacy_notice_version");
	if ((rc = dom_from_store(store_insert(c->st, &ENT_CONSENT, k))))
		return rc;
	/* The field names the purpose (labels.c: "consent_referral", …). */
	return audit_record(c, action, "person", k->person_id, arena_printf(c->a, "consent_%s", k->purpose));
}

int consent_record(struct ctx *c, const char *person_id, const char *purpose, const char *state,
		   const char *method, const char *note, struct errors *errs, struct consent *out)
{
	struct person p;
	int rc = auth_check(c->user, PERM_REGISTRY_WRITE);
	if (rc == DOM_FORBIDDEN)
		rc = auth_check(c->user, PERM_CASES_WRITE);
	if (rc)
		return rc;
	if (!person_id || person_load(c, person_id, &p))
		return DOM_NOTFOUND;
	if (validate_required(errs, "purpose", purpose))
		validate_code(errs, "purpose", purpose, &CAT_CONSENT_PURPOSE);
	if (!state || (strcmp(state, "given") != 0 && strcmp(state, "withdrawn") != 0))
		errors_add(errs, "state", _("Say whether the consent is given or withdrawn."));
	if (validate_required(errs, "method", method))
		validate_code(errs, "method", method, &CAT_CONSENT_METHOD);
	validate_chars(errs, "note", note, NOTE_MAX);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(p.status, "merged") == 0)
		return DOM_CONFLICT; /* record it on the survivor */
	struct consent k = {
		.person_id = p.id,
		.purpose = (char *)purpose,
		.state = (char *)state,
		.method = (char *)method,
		.note = note && *note ? (char *)note : NULL,
	};
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = insert(c, &k, strcmp(state, "given") == 0 ? "consent_given" : "consent_withdrawn"))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	if (out)
		*out = k;
	return DOM_OK;
}

int consent_given(struct ctx *c, const char *person_id, const char *purpose, int *yes)
{
	struct store_list l;
	int rc = load_all(c, person_id, &l);
	const struct consent *k = rc ? NULL : consent_last(l.items, l.n, purpose);
	*yes = k && strcmp(k->state, "given") == 0;
	return rc;
}

int consent_check(struct ctx *c, const char *person_id, const char *purpose, int absent_ok,
		  const char *override_reason, struct errors *errs, const char *field,
		  struct consent_overrides *ov)
{
	struct store_list l;
	if (load_all(c, person_id, &l)) {
		errors_add(errs, field, _("The person's consent could not be read: try again."));
		return 1;
	}
	const struct consent *k = consent_last(l.items, l.n, purpose);
	if (k ? strcmp(k->state, "given") == 0 : absent_ok)
		return 0;
	if (override_reason && *override_reason) {
		if (!consent_may_override(c->user)) {
			errors_add(errs, "override_reason",
				   _("Only a supervisor or an administrator may go ahead without the person's consent."));
			return 1;
		}
		if (validate_chars(errs, "override_reason", override_reason, NOTE_MAX) &&
		    ov->n < CONSENT_PURPOSES)
			ov->purpose[ov->n++] = purpose;
		return 0;
	}
	const char *label = catalog_label(&CAT_CONSENT_PURPOSE, purpose);
	if (k) {
		char when[32];
		time_display(k->recorded_at, when);
		errors_add(errs, field,
			   arena_printf(c->a, _("The person withdrew their consent for \"%s\" on %s: record it again on their profile if they give it, or ask a supervisor to override."),
					label, when));
	} else {
		errors_add(errs, field,
			   arena_printf(c->a, _("The person's consent for \"%s\" is not recorded: record it on their profile first."),
					label));
	}
	return 1;
}

int consent_overrides_write(struct ctx *c, const char *person_id, const struct consent_overrides *ov,
			    const char *reason, const char *context)
{
	for (size_t i = 0; i < ov->n; i++) {
		struct consent k = {
			.person_id = (char *)person_id,
			.purpose = (char *)ov->purpose[i],
			.state = "override",
			.note = (char *)reason,
			.context = (char *)context,
		};
		int rc = insert(c, &k, "consent_override");
		if (rc)
			return rc;
	}
	return DOM_OK;
}
