/* person.c: the people registry. */
#include "domain/person.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/i18n.h"
#include "base/norm.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/bulk.h"
#include "domain/household.h"
#include "domain/person_match.h"
#include "domain/validate.h"

void record_clean(struct arena *a, const struct entity *e, void *rec)
{
	(void)a;
	for (size_t i = 0; i < e->nfields; i++) {
		char **v = field_ptr(rec, &e->fields[i]);
		if (!*v)
			continue;
		char *s = *v;
		while (isspace((unsigned char)*s))
			s++;
		size_t n = strlen(s);
		while (n && isspace((unsigned char)s[n - 1]))
			s[--n] = 0;
		*v = n ? s : NULL;
	}
}

const char *record_set_fields(struct arena *a, const struct entity *e, const void *rec)
{
	const char *names = "";
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		if (!(f->flags & F_SERVER) && field_get(rec, f))
			names = arena_printf(a, "%s%s%s", names, *names ? "," : "", f->name);
	}
	return names;
}

void record_apply(struct arena *a, const struct entity *e, void *dst, const void *changes)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		const char *v = field_get(changes, f);
		if (!(f->flags & F_SERVER) && v)
			*field_ptr(dst, f) = arena_strdup(a, v);
	}
}

void person_validate(const struct person *p, struct errors *errs)
{
	validate_required(errs, "given_names", p->given_names);
	validate_length(errs, "given_names", p->given_names, 100);
	validate_length(errs, "surname1", p->surname1, 100);
	validate_length(errs, "surname2", p->surname2, 100);
	validate_code(errs, "sex", p->sex, &CAT_SEX);
	if (validate_date(errs, "birth_date", p->birth_date, 1) && p->birth_date) {
		char today[16];
		time_today(today);
		if (date_age(p->birth_date, today) > 120)
			errors_add(errs, "birth_date", _("This date of birth gives an age over 120 years."));
	}
	validate_bool(errs, "birth_estimated", p->birth_estimated);
	validate_code(errs, "nationality", p->nationality, &CAT_COUNTRY);
	validate_code(errs, "origin_country", p->origin_country, &CAT_COUNTRY);
	validate_length(errs, "languages", p->languages, 200);
	validate_code(errs, "legal_status", p->legal_status, &CAT_LEGAL_STATUS);
	validate_phone(errs, "phone", p->phone);
	validate_length(errs, "email", p->email, 200);
	validate_email(errs, "email", p->email);
	validate_length(errs, "address", p->address, 300);
	validate_code(errs, "province", p->province, &CAT_PROVINCE);
	validate_code(errs, "district", p->district, &CAT_DISTRICT);
	validate_district(errs, p->province, p->district);
	if (validate_date(errs, "arrival_date", p->arrival_date, 1) && p->arrival_date &&
	    p->birth_date && !errors_for(errs, "birth_date") && strcmp(p->arrival_date, p->birth_date) < 0)
		errors_add(errs, "arrival_date", _("The arrival date is before the date of birth."));
	validate_code(errs, "relationship", p->relationship, &CAT_RELATIONSHIP);
	/* The codes of all 88 needs fit in 500 bytes: more is repeats. */
	if (p->needs && strlen(p->needs) > 1000)
		errors_add(errs, "needs", _("Choose each need once: this list is longer than all the needs together."));
	else
		validate_codes(errs, "needs", p->needs, &CAT_NEED);
	validate_date(errs, "consent_date", p->consent_date, 1);
	validate_code(errs, "consent_scope", p->consent_scope, &CAT_CONSENT_SCOPE);
	if (p->consent_scope && !p->consent_date)
		errors_add(errs, "consent_date", _("Write the date the consent was given."));
}

/* Numbers (references, documents) are matched as written: a phonetic key
 * would merge "000011" with "000001". */
static int has_digit(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] >= '0' && w[i] <= '9')
			return 1;
	return 0;
}

/* The search words of a person: each folded name word and its phonetic key
 * ("_" + key), the reference, and document numbers (folded and compact). */
static char *index_words(struct ctx *c, const struct person *p, const struct store_list *docs)
{
	struct buf names, out;
	buf_init(&names, 0);
	buf_init(&out, 0);
	const char *parts[] = { p->given_names, p->surname1, p->surname2, p->ref };
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		buf_reset(&names);
		norm_fold(&names, parts[i]);
		if (!names.n)
			continue;
		if (out.n)
			buf_addc(&out, ' ');
		buf_add(&out, names.p, names.n);
		for (const char *w = names.p; *w;) {
			size_t n = strcspn(w, " ");
			if (!has_digit(w, n)) {
				buf_adds(&out, " _");
				norm_phonetic(&out, w, n);
			}
			w += n;
			while (*w == ' ')
				w++;
		}
	}
	for (size_t i = 0; docs && i < docs->n; i++) {
		const struct document *d = docs->items[i];
		buf_reset(&names);
		norm_fold(&names, d->number);
		buf_printf(&out, " %s ", names.p ? names.p : "");
		for (size_t k = 0; k < names.n; k++)
			if (names.p[k] != ' ')
				buf_addc(&out, names.p[k]);
	}
	char *r = arena_strdup(c->a, out.p ? out.p : "");
	buf_free(&names);
	buf_free(&out);
	return r;
}

int person_reindex(struct ctx *c, const struct person *p)
{
	struct store_list docs;
	int rc = store_list(c->st, &ENT_DOCUMENT, c->a, "person_id", p->id, "created_at", 0, 100, 0,
			    &docs);
	if (rc)
		return rc;
	return store_person_index(c->st, p->id, index_words(c, p, &docs));
}

size_t person_search_terms(struct arena *a, const char *q, struct search_term *t)
{
	struct buf folded, ph;
	size_t nt = 0;

	buf_init(&folded, 4096);
	norm_fold(&folded, q);
	buf_init(&ph, 0);
	for (const char *w = folded.p ? folded.p : ""; *w && nt < SEARCH_MAX_WORDS;) {
		size_t n = strcspn(w, " ");
		if (!norm_particle(w, n) && n <= 64) {
			t[nt].word = arena_strndup(a, w, n);
			buf_reset(&ph);
			buf_addc(&ph, '_');
			norm_phonetic(&ph, w, n);
			/* A phonetic key of one letter matches too much to help. */
			t[nt].phon = ph.n > 2 && !has_digit(w, n) ? arena_strdup(a, ph.p) : NULL;
			nt++;
		}
		w += n;
		while (*w == ' ')
			w++;
	}
	buf_free(&folded);
	buf_free(&ph);
	return nt;
}

static int search_in(struct ctx *c, struct store *st, const struct search_term *t, size_t nt,
		     long limit, long offset, struct store_list *out)
{
	if (nt)
		return store_person_search(st, c->a, t, nt, limit, offset, out);
	/* Merged people have no search words: only the list must leave them out. */
	int rc = store_list(st, &ENT_PERSON, c->a, "status", "active", "created_at", 1, limit, offset,
			    out);
	if (!rc)
		rc = store_count(st, &ENT_PERSON, "status", "active", &out->total);
	return rc;
}

/* A search may lag behind other users' latest writes: it reads from the
 * replica when there is one (see docs/replicas.md). */
/* A query that is a reference ("P-000123", "p000123", " P-123 ") is a
 * lookup, not a name search: searching "p" as a prefix would match every
 * reference. Returns a DOM_ code, or -1 when q is not a reference. */
static int by_reference(struct ctx *c, const char *q, struct store_list *out)
{
	long num;
	char digits[16];
	size_t n = 0;

	if (!q)
		return -1;
	while (*q == ' ')
		q++;
	if (*q != 'P' && *q != 'p')
		return -1;
	q++;
	if (*q == '-')
		q++;
	while (*q >= '0' && *q <= '9' && n < sizeof(digits) - 1)
		digits[n++] = *q++;
	digits[n] = 0;
	while (*q == ' ')
		q++;
	if (*q || n == 0 || str_to_long(digits, 1, 999999999, &num))
		return -1;
	struct person *p = arena_alloc(c->a, sizeof(*p));
	int rc = store_get(c->st, &ENT_PERSON, c->a, "ref", arena_printf(c->a, "P-%06ld", num), p);
	out->items = arena_alloc(c->a, sizeof(void *));
	out->n = 0;
	out->total = 0;
	if (rc == STORE_NOTFOUND || (!rc && strcmp(p->status, "merged") == 0))
		return DOM_OK;
	if (rc)
		return dom_from_store(rc);
	out->items[0] = p;
	out->n = out->total = 1;
	return DOM_OK;
}

int person_search(struct ctx *c, const char *q, long limit, long offset, struct store_list *out)
{
	struct search_term t[SEARCH_MAX_WORDS];
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	if ((rc = by_reference(c, q, out)) >= 0)
		return rc;
	size_t nt = q ? person_search_terms(c->a, q, t) : 0;
	struct store *st = dom_reader(c);
	rc = search_in(c, st, t, nt, limit, offset, out);
	if (dom_read_again(c, st, rc))
		rc = search_in(c, c->st, t, nt, limit, offset, out);
	return dom_from_store(rc);
}

int person_load(struct ctx *c, const char *id, struct person *out)
{
	int rc = dom_load_ref(c, &ENT_PERSON, 'P', id, out);
	if (!rc && auth_reduced(c->user))
		person_mask(out);
	return rc;
}

void person_mask(struct person *p)
{
	/* What counts and disaggregation need stays: sex, nationality,
	 * legal status, office, status; the birth date keeps its year. */
	p->given_names = p->ref;
	p->surname1 = p->surname2 = NULL;
	p->phone = p->email = p->address = p->district = NULL;
	p->needs = p->relationship = NULL;
	if (p->birth_date && strlen(p->birth_date) >= 4)
		p->birth_date[4] = '\0';
}

int person_get(struct ctx *c, const char *id, struct person *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc || (rc = person_load(c, id, out)))
		return rc;
	return audit_view(c, "person", out->id);
}

/* A legal status row for p, recorded when p was last updated. */
static int record_status(struct ctx *c, struct bulk *b, const struct person *p)
{
	char id[37], today[16];
	crypto_uuid7(id);
	time_today(today);
	struct status_change s = { .id = id, .person_id = p->id, .legal_status = p->legal_status,
				   .since = today, .recorded_at = p->updated_at,
				   .recorded_by = c->user ? c->user->id : NULL };
	return bulk_insert(c, b, &ENT_STATUS_CHANGE, &s);
}

/* The names of the fields the caller may set, comma-separated, that are set. */
static char *set_fields(struct ctx *c, const struct entity *e, const void *rec)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < e->nfields; i++) {
		if (!(e->fields[i].flags & F_SERVER) && field_get(rec, &e->fields[i])) {
			if (b.n)
				buf_addc(&b, ',');
			buf_adds(&b, e->fields[i].name);
		}
	}
	char *r = arena_strbuf(c->a, &b);
	buf_free(&b);
	return r;
}

/* Gives a checked new person number num and the fields amparo sets: id
 * and ref (written into the caller's buffers), office, status, times and
 * creator. No household yet: joining one is a separate step. */
static void stamp(struct ctx *c, struct person *p, long long num, char id[37], char ref[24],
		  const char *now)
{
	crypto_uuid7(id);
	snprintf(ref, 24, "P-%06lld", num);
	p->id = id;
	p->ref = ref;
	p->household_id = NULL;
	p->office = c->user ? c->user->office : NULL;
	p->status = "active";
	p->created_at = p->updated_at = (char *)now;
	p->created_by = c->user ? c->user->id : NULL;
	if (!p->birth_estimated)
		p->birth_estimated = "0";
}

/* Writes a new person's rows through b (NULL: to the store, inside the
 * caller's transaction): the person, their search index entry (names
 * only: a new person has no documents yet), their legal status and the
 * audit event of the registration, which names fields. */
static int write_new(struct ctx *c, struct bulk *b, const struct person *p, const char *fields)
{
	int rc;
	if ((rc = bulk_insert(c, b, &ENT_PERSON, p)) ||
	    (rc = bulk_index(c, b, p->id, index_words(c, p, NULL))))
		return rc;
	if (p->legal_status && (rc = record_status(c, b, p)))
		return rc;
	return bulk_audit(c, b, "create", "person", p->id, fields);
}

int person_check_new(struct ctx *c, struct person *in, struct errors *errs)
{
	int rc = auth_check(c->user, PERM_REGISTRY_WRITE);
	if (rc)
		return rc;
	record_clean(c->a, &ENT_PERSON, in);
	person_validate(in, errs);
	return DOM_OK;
}

int person_create(struct ctx *c, struct person *in, const char *household_id,
		  struct errors *errs, struct person *out)
{
	return person_create_confirmed(c, in, household_id, 0, errs, out);
}

int person_create_confirmed(struct ctx *c, struct person *in, const char *household_id,
			    int match_confirmed, struct errors *errs, struct person *out)
{
	char id[37], ref[24], now[32];
	long long num;
	struct household h;
	int rc = person_check_new(c, in, errs);

	if (rc)
		return rc;
	if (household_id && household_load(c, household_id, &h) != DOM_OK)
		errors_add(errs, "household_id", _("This household does not exist."));
	if (household_id && !in->relationship)
		errors_add(errs, "relationship", _("Say how this person is related to the head of household."));
	if (errs->n)
		return DOM_INVALID;
	if ((rc = store_begin(c->st)))
		return dom_from_store(rc);
	if ((rc = dom_from_store(store_next_number(c->st, "person", &num))))
		goto fail;
	time_now_iso(now);
	struct person p = *in;
	stamp(c, &p, num, id, ref, now);
	const char *fields = set_fields(c, &ENT_PERSON, &p);
	if (match_confirmed)
		fields = arena_printf(c->a, "%s%smatch_confirmed", fields, *fields ? "," : "");
	if ((rc = write_new(c, NULL, &p, fields)))
		goto fail;
	if (household_id && (rc = household_join(c, &h, &p, in->relationship)))
		goto fail;
	if ((rc = store_commit(c->st)))
		return dom_from_store(rc);
	/* The server's commit may still wait in its group (store.h): should
	 * the group's COMMIT fail, the index keeps a person who is not
	 * stored, whom person_matches skips (it reads each one). */
	person_match_note(c, p.id, &p);
	if (out) {
		/* What was stored is p: copy it out of this function's frame. */
		*out = p;
		for (size_t i = 0; i < ENT_PERSON.nfields; i++) {
			char **v = field_ptr(out, &ENT_PERSON.fields[i]);
			*v = arena_strdup(c->a, *v);
		}
	}
	return DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

int person_bulk_stamp(struct ctx *c, struct bulk *b, struct person *p, const char **fields)
{
	long long num;
	int rc = bulk_number(c, b, "person", &num);
	if (rc)
		return rc;
	stamp(c, p, num, arena_alloc(c->a, 37), arena_alloc(c->a, 24), bulk_now(b));
	*fields = set_fields(c, &ENT_PERSON, p);
	return DOM_OK;
}

int person_bulk_write(struct ctx *c, struct bulk *b, const struct person *p, const char *fields)
{
	return write_new(c, b, p, fields);
}

int person_bulk_create(struct ctx *c, struct bulk *b, struct person *in, struct errors *errs)
{
	const char *fields;
	int rc = person_check_new(c, in, errs);

	if (rc)
		return rc;
	if (errs->n)
		return DOM_INVALID;
	if ((rc = person_bulk_stamp(c, b, in, &fields)))
		return rc;
	return write_new(c, b, in, fields);
}

/* Equal strings, or both absent. */
static int same(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

int person_update(struct ctx *c, const char *id, const struct person *changes,
		  struct errors *errs, struct person *out)
{
	struct person cur, next;
	struct buf changed;
	char now[32];
	int rc = auth_check(c->user, PERM_REGISTRY_WRITE);

	if (rc || (rc = person_load(c, id, &cur)))
		return rc;
	if (strcmp(cur.status, "merged") == 0)
		return DOM_CONFLICT; /* edit the survivor, or undo the merge */
	next = cur;
	buf_init(&changed, 0);
	for (size_t i = 0; i < ENT_PERSON.nfields; i++) {
		const struct field *f = &ENT_PERSON.fields[i];
		char *v = field_get(changes, f);
		if ((f->flags & F_SERVER) || !v)
			continue;
		v = arena_strdup(c->a, v);
		*field_ptr(&next, f) = v;
	}
	record_clean(c->a, &ENT_PERSON, &next);
	if (!next.birth_estimated)
		next.birth_estimated = "0";
	person_validate(&next, errs);
	/* What the person agreed to at registration counts as consents given
	 * then (consent.c): it stays as registered, and a change of mind is
	 * recorded as a consent of its own. */
	if (!same(next.consent_scope, cur.consent_scope) || !same(next.consent_date, cur.consent_date))
		errors_add(errs, "consent_scope",
			   _("The consent given at registration stays as it was: record a change in the person's consents section."));
	if (errs->n) {
		buf_free(&changed);
		return DOM_INVALID;
	}
	for (size_t i = 0; i < ENT_PERSON.nfields; i++) {
		const struct field *f = &ENT_PERSON.fields[i];
		const char *a = field_get(&cur, f), *b = field_get(&next, f);
		if ((a || b) && (!a || !b || strcmp(a, b) != 0))
			buf_printf(&changed, "%s%s", changed.n ? "," : "", f->name);
	}
	if (!changed.n) {
		buf_free(&changed);
		if (out)
			*out = cur;
		return DOM_OK;
	}
	time_now_iso(now);
	next.updated_at = now;
	if ((rc = store_begin(c->st)))
		goto done_store;
	if ((rc = store_update(c->st, &ENT_PERSON, &next)) || (rc = person_reindex(c, &next)))
		goto fail;
	if (next.legal_status && (!cur.legal_status || strcmp(cur.legal_status, next.legal_status)) &&
	    (rc = record_status(c, NULL, &next)))
		goto fail;
	if ((rc = audit_record(c, "update", "person", cur.id, changed.p))) {
		store_rollback(c->st);
		buf_free(&changed);
		return rc;
	}
	rc = store_commit(c->st);
	if (!rc)
		person_match_note(c, cur.id, NULL);
	if (!rc && out)
		rc = store_get(c->st, &ENT_PERSON, c->a, "id", cur.id, out);
	goto done_store;
fail:
	store_rollback(c->st);
done_store:
	buf_free(&changed);
	return dom_from_store(rc);
}

int person_documents(struct ctx *c, const char *person_id, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	return dom_from_store(store_list(c->st, &ENT_DOCUMENT, c->a, "person_id", person_id,
					 "created_at", 0, 100, 0, out));
}

int person_add_document(struct ctx *c, const char *person_id, struct document *d,
			struct errors *errs)
{
	struct person p;
	char id[37], now[32];
	int rc = auth_check(c->user, PERM_REGISTRY_WRITE);

	if (rc || (rc = person_load(c, person_id, &p)))
		return rc;
	if (strcmp(p.status, "merged") == 0)
		return DOM_CONFLICT;
	record_clean(c->a, &ENT_DOCUMENT, d);
	validate_required(errs, "type", d->type);
	validate_code(errs, "type", d->type, &CAT_DOCUMENT_TYPE);
	validate_required(errs, "number", d->number);
	validate_length(errs, "number", d->number, 64);
	validate_date(errs, "issued_on", d->issued_on, 1);
	validate_date(errs, "expires_on", d->expires_on, 0);
	if (d->issued_on && d->expires_on && !errs->n && strcmp(d->expires_on, d->issued_on) < 0)
		errors_add(errs, "expires_on", _("The expiry date is before the date of issue."));
	if (errs->n)
		return DOM_INVALID;
	crypto_uuid7(id);
	time_now_iso(now);
	/* The caller reads d after this returns: nothing in it may point
	 * into this frame. */
	d->id = arena_strdup(c->a, id);
	d->person_id = p.id;
	d->created_at = arena_strdup(c->a, now);
	d->created_by = c->user ? c->user->id : NULL;
	if ((rc = store_begin(c->st)))
		return dom_from_store(rc);
	if ((rc = store_insert(c->st, &ENT_DOCUMENT, d)) || (rc = person_reindex(c, &p))) {
		store_rollback(c->st);
		return dom_from_store(rc);
	}
	if ((rc = audit_record(c, "add_document", "person", p.id, "type,number"))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = store_commit(c->st)))
		return dom_from_store(rc);
	person_match_note(c, p.id, NULL);
	return DOM_OK;
}

int person_status_history(struct ctx *c, const char *person_id, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	return dom_from_store(store_list(c->st, &ENT_STATUS_CHANGE, c->a, "person_id", person_id,
					 "recorded_at", 1, 100, 0, out));
}
