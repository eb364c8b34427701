/* sharing.c: data-sharing agreements and the check of exports. */
#include "domain/sharing.h"

#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/partner.h"
#include "domain/person.h"
#include "domain/validate.h"

#define CAT(var, nm, arr) \
	const struct catalog var = { nm, arr, sizeof(arr) / sizeof(arr[0]), sizeof(arr) / sizeof(arr[0]) }

static const struct catalog_item shared_field[] = {
	{ "identity", N_("Identity (names, date of birth, documents)") },
	{ "contact", N_("Contact details") },
	{ "case_summary", N_("Summary of the case") },
	{ "assessments", N_("Assessments") },
	{ "legal_documents", N_("Legal documents") },
	{ "payment", N_("Payment amount and mechanism") },
	{ "account", N_("Bank, wallet or card account") },
};
CAT(CAT_SHARED_FIELD, "shared_field", shared_field);

static const struct catalog_item legal_basis[] = {
	{ "consent", N_("Consent of the person") },
	{ "legal_obligation", N_("Legal obligation") },
	{ "vital_interest", N_("Vital interest of the person") },
	{ "public_interest", N_("Public interest") },
	{ "legitimate_interest", N_("Legitimate interest") },
	{ "contract", N_("Contract with the person") },
};
CAT(CAT_LEGAL_BASIS, "legal_basis", legal_basis);

/* Texts of an agreement are a line or a short paragraph. */
#define TEXT_MAX 500

int sharing_valid(const struct sharing_agreement *a, const char *today)
{
	return !a->ended_at && strcmp(a->starts_on, today) <= 0 && strcmp(today, a->expires_on) <= 0;
}

int sharing_covers(const struct sharing_agreement *a, const char *fields)
{
	char code[64];
	for (const char *p = fields; codes_next(&p, code, sizeof(code));)
		if (!codes_has(a->fields, code))
			return 0;
	return 1;
}

static int may_read(const struct user *u)
{
	if (auth_check(u, PERM_ASSIST_DISBURSE) == DOM_OK || auth_check(u, PERM_CASES_READ) == DOM_OK)
		return DOM_OK;
	return auth_check(u, PERM_REGISTRY_READ);
}

static int is_set(const char *s)
{
	return s && *s;
}

int sharing_create(struct ctx *c, struct sharing_agreement *in, struct errors *errs,
		   struct sharing_agreement *out)
{
	struct partner p;
	char id[37], now[32];
	int rc = auth_check(c->user, PERM_SETTINGS_MANAGE);
	if (rc)
		return rc;
	record_clean(c->a, &ENT_SHARING_AGREEMENT, in);
	in->fields = catalog_codes_clean(c->a, &CAT_SHARED_FIELD, in->fields);
	if (!is_set(in->partner_id) && !is_set(in->recipient))
		errors_add(errs, "recipient", _("Choose a partner or write who receives the data."));
	else if (is_set(in->partner_id) && partner_get(c, in->partner_id, &p) != DOM_OK)
		errors_add(errs, "partner_id", _("Choose a partner from the directory."));
	validate_chars(errs, "recipient", in->recipient, TEXT_MAX);
	if (validate_required(errs, "purpose", in->purpose))
		validate_chars(errs, "purpose", in->purpose, TEXT_MAX);
	if (validate_required(errs, "fields", in->fields))
		validate_codes(errs, "fields", in->fields, &CAT_SHARED_FIELD);
	if (validate_required(errs, "legal_basis", in->legal_basis))
		validate_code(errs, "legal_basis", in->legal_basis, &CAT_LEGAL_BASIS);
	int dates = validate_required(errs, "starts_on", in->starts_on) &&
		    validate_date(errs, "starts_on", in->starts_on, 0);
	dates &= validate_required(errs, "expires_on", in->expires_on) &&
		 validate_date(errs, "expires_on", in->expires_on, 0);
	if (dates && strcmp(in->expires_on, in->starts_on) < 0)
		errors_add(errs, "expires_on", _("The agreement cannot expire before it starts."));
	if (validate_required(errs, "signed_by", in->signed_by))
		validate_chars(errs, "signed_by", in->signed_by, TEXT_MAX);
	validate_chars(errs, "document_ref", in->document_ref, TEXT_MAX);
	if (errs->n)
		return DOM_INVALID;
	crypto_uuid7(id);
	time_now_iso(now);
	in->id = id;
	in->partner_id = is_set(in->partner_id) ? p.id : NULL;
	in->created_by = c->user->id;
	in->created_at = now;
	in->ended_by = in->ended_at = in->end_reason = NULL;
	if ((rc = audit_write(c, &ENT_SHARING_AGREEMENT, in, 1, "create", "sharing_agreement", id,
			      "recipient,purpose,fields,legal_basis,starts_on,expires_on,signed_by")))
		return rc;
	return out ? dom_from_store(store_get(c->st, &ENT_SHARING_AGREEMENT, c->a, "id", id, out))
		   : DOM_OK;
}

int sharing_get(struct ctx *c, const char *id, struct sharing_agreement *out)
{
	int rc = may_read(c->user);
	if (rc)
		return rc;
	if (!is_set(id))
		return DOM_NOTFOUND;
	rc = store_get(c->st, &ENT_SHARING_AGREEMENT, c->a, "id", id, out);
	return rc == STORE_NOTFOUND ? DOM_NOTFOUND : dom_from_store(rc);
}

int sharing_end(struct ctx *c, const char *id, const char *reason, struct errors *errs,
		struct sharing_agreement *out)
{
	struct sharing_agreement a;
	char now[32];
	int rc = auth_check(c->user, PERM_SETTINGS_MANAGE);
	if (rc || (rc = sharing_get(c, id, &a)))
		return rc;
	if (validate_required(errs, "end_reason", reason))
		validate_chars(errs, "end_reason", reason, TEXT_MAX);
	if (errs->n)
		return DOM_INVALID;
	if (a.ended_at) {
		errors_add(errs, "end_reason", _("This agreement has already ended."));
		return DOM_CONFLICT;
	}
	time_now_iso(now);
	a.ended_by = c->user->id;
	a.ended_at = arena_strdup(c->a, now); /* outlives this call in *out */
	a.end_reason = (char *)reason;
	if ((rc = audit_write(c, &ENT_SHARING_AGREEMENT, &a, 0, "end", "sharing_agreement", a.id,
			      "ended_at,end_reason")))
		return rc;
	if (out)
		*out = a;
	return DOM_OK;
}

int sharing_list(struct ctx *c, int valid_only, const char *partner_id, struct store_list *out)
{
	struct store_list l;
	char today[16];
	int rc = may_read(c->user);
	if (rc)
		return rc;
	if ((rc = dom_from_store(store_list(c->st, &ENT_SHARING_AGREEMENT, c->a, NULL, NULL,
					    "created_at", 1, SHARING_MAX, 0, &l))))
		return rc;
	time_today(today);
	out->items = l.items;
	out->n = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct sharing_agreement *a = l.items[i];
		if ((valid_only && !sharing_valid(a, today)) ||
		    (partner_id && (!a->partner_id || strcmp(a->partner_id, partner_id) != 0)))
			continue;
		out->items[out->n++] = l.items[i];
	}
	out->total = (long long)out->n;
	return DOM_OK;
}

const char *sharing_recipient(struct ctx *c, const struct sharing_agreement *a)
{
	struct partner p;
	if (a->partner_id && partner_get(c, a->partner_id, &p) == DOM_OK)
		return p.name;
	return a->recipient ? a->recipient : a->partner_id;
}

/* The labels of the codes of fields that a does not cover, in c->a. */
static const char *missing(struct ctx *c, const struct sharing_agreement *a, const char *fields)
{
	char code[64];
	const char *out = NULL;
	for (const char *p = fields; codes_next(&p, code, sizeof(code));)
		if (!codes_has(a->fields, code)) {
			const char *l = catalog_label(&CAT_SHARED_FIELD, code);
			out = out ? arena_printf(c->a, "%s, %s", out, l) : l;
		}
	return out;
}

int sharing_require(struct ctx *c, const char *id, const char *partner_id, const char *fields,
		    struct errors *errs, const char *field, struct sharing_agreement *out)
{
	char today[16];
	time_today(today);
	if (!is_set(id) && partner_id) {
		struct store_list l;
		if (sharing_list(c, 1, partner_id, &l) == DOM_OK)
			for (size_t i = 0; i < l.n; i++)
				if (sharing_covers(l.items[i], fields)) {
					*out = *(struct sharing_agreement *)l.items[i];
					return 0;
				}
		errors_add(errs, field,
			   _("There is no data-sharing agreement in force with this partner that covers the data to share: an administrator must register one, or share less."));
		return 1;
	}
	if (!is_set(id)) {
		errors_add(errs, field,
			   _("Choose the data-sharing agreement with the recipient: data may not leave the organisation without one."));
		return 1;
	}
	if (store_get(c->st, &ENT_SHARING_AGREEMENT, c->a, "id", id, out) != STORE_OK) {
		errors_add(errs, field, _("Choose a registered data-sharing agreement."));
		return 1;
	}
	if (out->ended_at)
		errors_add(errs, field, _("This data-sharing agreement has ended: choose one in force."));
	else if (strcmp(today, out->starts_on) < 0)
		errors_add(errs, field, _("This data-sharing agreement has not started yet: choose one in force."));
	else if (strcmp(out->expires_on, today) < 0) {
		char until[16];
		date_display(out->expires_on, until);
		errors_add(errs, field,
			   arena_printf(c->a, _("This data-sharing agreement expired on %s: choose one in force, or ask an administrator to register a new one."),
					until));
	}
	else if (partner_id && (!out->partner_id || strcmp(out->partner_id, partner_id) != 0))
		errors_add(errs, field, _("This data-sharing agreement is with another recipient."));
	else if (!sharing_covers(out, fields))
		errors_add(errs, field,
			   arena_printf(c->a, _("This data-sharing agreement does not cover: %s."),
					missing(c, out, fields)));
	else
		return 0;
	return 1;
}
