/* settings.c: the settings amparo knows and their stored values. */
#include "domain/settings.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/catalog.h"

/* Each later slice adds its keys here (docs/settings.md lists them). */
static const struct setting_def defs[] = {
	{ "referral_overdue_days", SETTING_INT, N_("Days to answer a referral"),
	  N_("A referral with no answer after this many days is shown as overdue."), 1, 90, "7" },
	{ "plan_approval_areas", SETTING_AREAS, N_("Case plans need a supervisor's approval in"),
	  N_("In these areas a supervisor approves each case plan."), 0, 0, "" },
	{ "closure_approval_areas", SETTING_AREAS, N_("Closing a case needs a supervisor's approval in"),
	  N_("In these areas a supervisor approves the closure of a case."), 0, 0, "" },
	{ "privacy_notice_version", SETTING_INT, N_("Version of the privacy notice in force"),
	  N_("Each consent recorded keeps this version: raise it when the privacy notice read to people changes."),
	  1, 1000, "1" },
	/* Law 81 of 2019, Executive Decree 285 of 2021: docs/data-rights.md. */
	{ "data_request_days", SETTING_INT, N_("Business days to answer a data-protection request"),
	  N_("Panama's Law 81 of 2019 and Executive Decree 285 of 2021 give 10 business days."), 1, 60, "10" },
	{ "retention_closed_case_years", SETTING_INT, N_("Anonymise people whose cases all closed this many years ago"),
	  N_("0 keeps them. Counted from the last closure; checked every night."), 0, 100, "0" },
	{ "retention_inactive_years", SETTING_INT, N_("Anonymise people without activity for this many years"),
	  N_("0 keeps them. No change to the person or their cases in that time, and no open case."), 0, 100, "0" },
	{ "bulk_view_records", SETTING_INT, N_("Alert when one user views or exports more records than"),
	  N_("People, cases or households viewed or exported by one user within the minutes below (an export counts each person in it); administrators are alerted (docs/access.md)."),
	  5, 1000, "50" },
	{ "bulk_view_minutes", SETTING_INT, N_("Minutes for the bulk viewing alert"),
	  N_("The window in which the records above are counted."), 1, 1440, "10" },
};
#define NDEFS (sizeof(defs) / sizeof(defs[0]))

const struct setting_def *settings_defs(size_t *n)
{
	*n = NDEFS;
	return defs;
}

const struct setting_def *settings_def(const char *key)
{
	for (size_t i = 0; key && i < NDEFS; i++)
		if (strcmp(defs[i].key, key) == 0)
			return &defs[i];
	return NULL;
}

const char *settings_get(struct ctx *c, const char *key)
{
	const struct setting_def *d = settings_def(key);
	struct setting s;
	if (!d)
		return NULL;
	int rc = store_get(c->st, &ENT_SETTING, c->a, "id", key, &s);
	if (rc == STORE_OK && s.value)
		return s.value;
	if (rc != STORE_NOTFOUND)
		log_error("settings: could not read %s; using its default", key);
	return d->def;
}

long settings_int(struct ctx *c, const char *key)
{
	const char *v = settings_get(c, key);
	return v ? strtol(v, NULL, 10) : 0;
}

int settings_has_area(struct ctx *c, const char *key, const char *area)
{
	return area && codes_has(settings_get(c, key), area);
}

/* value without the spaces around it, in c->a. */
static const char *trimmed(struct ctx *c, const char *value)
{
	while (isspace((unsigned char)*value))
		value++;
	size_t n = strlen(value);
	while (n && isspace((unsigned char)value[n - 1]))
		n--;
	return arena_strndup(c->a, value, n);
}

/* The canonical text of value for d, in c->a; NULL (and an error in errs)
 * when it is not valid. */
static const char *normalise(struct ctx *c, const struct setting_def *d, const char *value,
			     struct errors *errs)
{
	if (d->kind == SETTING_INT) {
		char *end;
		long n = value && *value ? strtol(value, &end, 10) : 0;
		if (!value || !*value || *end || n < d->min || n > d->max) {
			errors_add(errs, d->key,
				   arena_printf(c->a, _("Give a whole number from %ld to %ld."), d->min, d->max));
			return NULL;
		}
		return arena_printf(c->a, "%ld", n);
	}
	char code[32];
	const char *p = value;
	while (codes_next(&p, code, sizeof(code)))
		if (!catalog_find(&CAT_AREA, code)) {
			errors_add(errs, d->key, arena_printf(c->a, _("“%s” is not a service area."), code));
			return NULL;
		}
	const char *out = "";
	for (size_t i = 0; i < CAT_AREA.n; i++)
		if (codes_has(value, CAT_AREA.items[i].code))
			out = arena_printf(c->a, "%s%s%s", out, *out ? "," : "", CAT_AREA.items[i].code);
	return out;
}

/* Writes key's canonical value v unless it holds it already. */
static int store_value(struct ctx *c, const struct setting_def *d, const char *v)
{
	struct setting cur;
	int found = store_get(c->st, &ENT_SETTING, c->a, "id", d->key, &cur);
	if (found != STORE_OK && found != STORE_NOTFOUND)
		return dom_from_store(found);
	if (found == STORE_OK ? strcmp(cur.value, v) == 0 : strcmp(d->def, v) == 0)
		return DOM_OK;
	char now[32];
	time_now_iso(now);
	struct setting s = { .id = (char *)d->key, .value = (char *)v, .updated_at = now,
			     .updated_by = c->user->id };
	return audit_write(c, &ENT_SETTING, &s, found == STORE_NOTFOUND, "update", "setting", d->key,
			   "value");
}

int settings_set_many(struct ctx *c, const char *const *keys, const char *const *values, size_t n,
		      struct errors *errs)
{
	int rc = auth_check(c->user, PERM_SETTINGS_MANAGE);
	if (rc)
		return rc;
	const char **v = arena_alloc(c->a, (n ? n : 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		const struct setting_def *d = settings_def(keys[i]);
		if (!d)
			errors_add(errs, keys[i] ? keys[i] : "key", _("amparo has no such setting."));
		else
			v[i] = normalise(c, d, values[i] ? trimmed(c, values[i]) : NULL, errs);
	}
	if (errs->n)
		return DOM_INVALID;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	for (size_t i = 0; i < n && !rc; i++)
		rc = store_value(c, settings_def(keys[i]), v[i]);
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int settings_set(struct ctx *c, const char *key, const char *value, struct errors *errs)
{
	return settings_set_many(c, &key, &value, 1, errs);
}
