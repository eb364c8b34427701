/* merge.c: two records of one person (or household) become one, and back. */
#include "domain/merge.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/household.h"
#include "domain/person.h"
#include "domain/person_match.h"

/* A column that points at a person or a household. */
struct link {
	const struct entity *e;
	const char *column;
};

/* Every row that points at a person: a merge re-points them to the
 * survivor and its undo moves back exactly those it moved. The records
 * of later issues (cases, services, referrals, assistance) add a line
 * each; nothing else in this file needs to change. */
static const struct link person_links[] = {
	{ &ENT_DOCUMENT, "person_id" },
	{ &ENT_STATUS_CHANGE, "person_id" },
	{ &ENT_HOUSEHOLD, "head_id" },
	{ &ENT_CASE, "person_id" },
	{ &ENT_SERVICE, "person_id" },
	{ &ENT_ASSESSMENT, "person_id" },
	{ &ENT_CASE_GOAL, "person_id" },
	{ &ENT_CASE_NOTE, "person_id" },
	{ &ENT_ASYLUM_PROCEDURE, "person_id" },
	{ &ENT_ASYLUM_STAGE, "person_id" },
	{ &ENT_DETENTION, "person_id" },
	{ &ENT_FLAG, "person_id" },
	{ &ENT_APPOINTMENT, "person_id" },
	{ &ENT_NEEDS_ASSESSMENT, "person_id" },
	{ &ENT_REFERRAL, "person_id" },
	{ &ENT_ASSISTANCE_REQUEST, "person_id" },
	{ &ENT_CONSENT, "person_id" },
	{ &ENT_DATA_REQUEST, "person_id" },
};

/* The same for households: their members. */
static const struct link household_links[] = {
	{ &ENT_PERSON, "household_id" },
	{ &ENT_ASSISTANCE_REQUEST, "household_id" },
};

#define NLINKS(l) (sizeof(l) / sizeof(l[0]))

/* What differs between the two kinds. */
struct kind {
	const char *name; /* merges.kind and the audit entity */
	const struct entity *e;
	const struct link *links;
	size_t nlinks;
	void (*validate)(const void *rec, struct errors *errs);
};

static void validate_person(const void *rec, struct errors *errs)
{
	person_validate(rec, errs);
}

static void validate_household(const void *rec, struct errors *errs)
{
	household_validate(rec, errs);
}

static const struct kind PERSON = { "person", &ENT_PERSON, person_links, NLINKS(person_links),
				    validate_person };
static const struct kind HOUSEHOLD = { "household", &ENT_HOUSEHOLD, household_links,
				       NLINKS(household_links), validate_household };

/* Rows moved per merge and link: far above any real person's records; a
 * loop that would not end is a fault. */
#define MOVE_MAX 100000
#define PAGE 500

int merge_choosable(const struct entity *e, const struct field *f)
{
	/* A person's relationship belongs to their household, which the
	 * merge decides on its own. */
	return !(f->flags & F_SERVER) && !(e == &ENT_PERSON && strcmp(f->name, "relationship") == 0);
}

int merge_default_other(const struct field *f, const void *survivor, const void *other)
{
	const char *s = field_get(survivor, f), *o = field_get(other, f);
	return (!s || !*s) && o && *o;
}

/* A record as a JSON object of its fields (null when absent), in a. */
static char *encode(struct arena *a, const struct entity *e, const void *rec)
{
	json_t *o = json_object();
	for (size_t i = 0; i < e->nfields; i++) {
		const char *v = field_get(rec, &e->fields[i]);
		json_object_set_new(o, e->fields[i].name, v ? json_string(v) : json_null());
	}
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (!s)
		abort();
	char *r = arena_strdup(a, s);
	free(s);
	return r;
}

/* Reads what encode wrote into rec (strings in a). DOM_ERROR when text
 * is not such an object. */
static int decode(struct arena *a, const struct entity *e, const char *text, void *rec)
{
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		return DOM_ERROR;
	}
	memset(rec, 0, e->size);
	for (size_t i = 0; i < e->nfields; i++) {
		json_t *v = json_object_get(o, e->fields[i].name);
		if (json_is_string(v))
			*field_ptr(rec, &e->fields[i]) = arena_strdup(a, json_string_value(v));
	}
	json_decref(o);
	return DOM_OK;
}

static int same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Reads a person or household by id or reference, any status. */
static int load(struct ctx *c, const struct kind *k, const char *id, void *out)
{
	if (k == &PERSON)
		return person_load(c, id, out);
	return household_load(c, id, out);
}

static const char *status_of(const struct kind *k, const void *rec)
{
	return field_get(rec, entity_field(k->e, "status"));
}

/* Applies choices to next (a copy of the survivor) from other: unknown or
 * unchoosable fields are errors. *taken gets the names of the fields whose
 * value comes from other, comma-separated (NULL: none). */
static void choose(struct ctx *c, const struct kind *k, const void *other,
		   const struct merge_choice *choices, size_t n, void *next, struct errors *errs,
		   char **taken)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		const struct field *f = choices[i].field ? entity_field(k->e, choices[i].field) : NULL;
		if (!f || !merge_choosable(k->e, f))
			errors_add(errs, choices[i].field ? choices[i].field : "fields",
				   _("This field cannot be chosen in a merge."));
	}
	for (size_t i = 0; i < k->e->nfields; i++) {
		const struct field *f = &k->e->fields[i];
		if (!merge_choosable(k->e, f))
			continue;
		int take = merge_default_other(f, next, other);
		for (size_t j = 0; j < n; j++)
			if (choices[j].field && strcmp(choices[j].field, f->name) == 0)
				take = choices[j].other;
		if (!take || same(field_get(next, f), field_get(other, f)))
			continue;
		*field_ptr(next, f) = field_get(other, f);
		buf_printf(&b, "%s%s", b.n ? "," : "", f->name);
	}
	*taken = b.n ? arena_strdup(c->a, b.p) : NULL;
	buf_free(&b);
}

/* Re-points every row of link l from `from` to `to`, appending a line
 * "table.column=id,id,…" to moved. */
/* A person moved by a household's merge or its undo gets the event in
 * their own history too; other linked rows (documents, statuses) are in
 * their person's history through the merge's own events. */
static int audit_moved(struct ctx *c, const struct link *l, const void *row, const char *action)
{
	if (l->e != &ENT_PERSON)
		return DOM_OK;
	return audit_record(c, action, "person", field_get(row, &l->e->fields[0]), l->column);
}

static int repoint(struct ctx *c, const struct link *l, const char *from, const char *to,
		   struct buf *moved)
{
	const struct field *f = entity_field(l->e, l->column);
	long n = 0;
	buf_printf(moved, "%s.%s=", l->e->table, l->column);
	for (;;) {
		struct store_list rows;
		int rc = store_list(c->st, l->e, c->a, l->column, from, l->e->fields[0].name, 0, PAGE,
				    0, &rows);
		if (rc)
			return dom_from_store(rc);
		if (!rows.n)
			break;
		for (size_t i = 0; i < rows.n; i++) {
			*field_ptr(rows.items[i], f) = (char *)to;
			if ((rc = store_update(c->st, l->e, rows.items[i])))
				return dom_from_store(rc);
			if ((rc = audit_moved(c, l, rows.items[i], "household_merge")))
				return rc;
			buf_printf(moved, "%s%s", n++ ? "," : "", field_get(rows.items[i], &l->e->fields[0]));
		}
		if (n > MOVE_MAX)
			return DOM_ERROR;
	}
	buf_addc(moved, '\n');
	return DOM_OK;
}

/* Moves back what repoint moved: to `to` each row of moved still linked
 * to `from` (the survivor); a row re-linked elsewhere since the merge (a
 * member who moved to another household) stays where it is now. */
static int move_back(struct ctx *c, const struct kind *k, const char *moved, const char *from,
		     const char *to)
{
	for (const char *line = moved ? moved : ""; *line;) {
		size_t len = strcspn(line, "\n"), eq = strcspn(line, "=");
		const struct link *l = NULL;
		for (size_t i = 0; i < k->nlinks && eq < len; i++) {
			const struct link *x = &k->links[i];
			size_t tn = strlen(x->e->table);
			if (eq == tn + 1 + strlen(x->column) && strncmp(line, x->e->table, tn) == 0 &&
			    line[tn] == '.' && strncmp(line + tn + 1, x->column, eq - tn - 1) == 0)
				l = x;
		}
		if (!l)
			return DOM_ERROR; /* a link this binary does not know */
		const struct field *f = entity_field(l->e, l->column);
		for (const char *id = line + eq + 1; id < line + len;) {
			size_t n = strcspn(id, ",\n");
			void *rec = arena_alloc(c->a, l->e->size);
			int rc = store_get(c->st, l->e, c->a, l->e->fields[0].name,
					   arena_strndup(c->a, id, n), rec);
			const char *now = rc ? NULL : *field_ptr(rec, f);
			if (!rc && now && strcmp(now, from) == 0) {
				*field_ptr(rec, f) = (char *)to;
				if ((rc = store_update(c->st, l->e, rec)))
					return dom_from_store(rc);
				if ((rc = audit_moved(c, l, rec, "household_unmerge")))
					return rc;
			}
			if (rc)
				return dom_from_store(rc);
			id += n;
			if (*id == ',')
				id++;
		}
		line += len;
		if (*line == '\n')
			line++;
	}
	return DOM_OK;
}

/* The checks both kinds share before anything is written. */
static int check_pair(struct ctx *c, const struct kind *k, const char *survivor_id,
		      const char *other_id, void *s, void *m, struct errors *errs)
{
	int rc = auth_check(c->user, PERM_REGISTRY_MERGE);
	if (rc || (rc = load(c, k, survivor_id, s)))
		return rc;
	if (!other_id || !*other_id || (rc = load(c, k, other_id, m)) == DOM_NOTFOUND) {
		errors_add(errs, "other_id",
			   k == &PERSON ? _("No person has this reference. Check it and try again.")
					: _("No household has this reference. Check it and try again."));
		return DOM_INVALID;
	}
	if (rc)
		return rc;
	const char *sid = field_get(s, &k->e->fields[0]), *mid = field_get(m, &k->e->fields[0]);
	const struct field *ref = entity_field(k->e, "ref");
	const char *sref = field_get(s, ref), *mref = field_get(m, ref);
	if (strcmp(sid, mid) == 0) {
		errors_add(errs, "other_id", _("A record cannot be merged with itself."));
		return DOM_CONFLICT;
	}
	if (strcmp(status_of(k, s), "merged") == 0 || strcmp(status_of(k, m), "merged") == 0) {
		errors_add(errs, "other_id",
			   arena_printf(c->a, _("%s was already merged into another record: merge with that one."),
					strcmp(status_of(k, s), "merged") == 0 ? sref : mref));
		return DOM_CONFLICT;
	}
	return DOM_OK;
}

/* Inside the write transaction: DOM_CONFLICT (errs) when the stored rec
 * no longer holds the value of field it held when read before the
 * transaction, that is when another write came between the checks and
 * the write lock. */
static int unchanged(struct ctx *c, const struct entity *e, const void *rec, const char *field,
		     struct errors *errs)
{
	void *cur = arena_alloc(c->a, e->size);
	const struct field *f = entity_field(e, field);
	int rc = dom_from_store(store_get(c->st, e, c->a, "id", field_get(rec, &e->fields[0]), cur));
	if (!rc && !same(field_get(cur, f), field_get(rec, f))) {
		errors_add(errs, "id", _("The record changed while the merge was being done. Try again."));
		rc = DOM_CONFLICT;
	}
	return rc;
}

/* Two people in two different households: which would the survivor be
 * in? The user decides first (DOM_CONFLICT, with a message in errs). */
static int other_household(const struct person *s, const struct person *m, struct errors *errs)
{
	if (!m->household_id || !s->household_id || strcmp(m->household_id, s->household_id) == 0)
		return DOM_OK;
	errors_add(errs, "other_id",
		   _("These two people belong to different households. Merge the households first, or move one of the people."));
	return DOM_CONFLICT;
}

/* Writes the merge row and the two audit events; *out gets the row. */
static int record(struct ctx *c, const struct kind *k, const void *s, const void *next,
		  const void *m, const char *taken, const char *moved, const char *now,
		  struct merge *out)
{
	char id[37];
	crypto_uuid7(id);
	struct merge g = {
		.id = arena_strdup(c->a, id),
		.kind = (char *)k->name,
		.survivor_id = field_get(s, &k->e->fields[0]),
		.merged_id = field_get(m, &k->e->fields[0]),
		.survivor_before = encode(c->a, k->e, s),
		.survivor_after = encode(c->a, k->e, next),
		.merged_before = encode(c->a, k->e, m),
		.fields = (char *)taken,
		.moved = (char *)moved,
		.merged_by = c->user ? c->user->id : NULL,
		.merged_at = arena_strdup(c->a, now),
	};
	int rc = dom_from_store(store_insert(c->st, &ENT_MERGE, &g));
	if (!rc)
		rc = audit_record(c, "merge", k->name, g.survivor_id, taken);
	if (!rc)
		rc = audit_record(c, "merged_into", k->name, g.merged_id, "status");
	if (!rc && out)
		*out = g;
	return rc;
}

/* Moves every link of k from m's id to s's, into moved. */
static int move_links(struct ctx *c, const struct kind *k, const char *from, const char *to,
		      struct buf *moved)
{
	int rc = DOM_OK;
	for (size_t i = 0; i < k->nlinks && !rc; i++)
		rc = repoint(c, &k->links[i], from, to, moved);
	return rc;
}

/* What both kinds of merge do before writing: the checks (check_pair, and
 * for people other_household), next = the survivor with the chosen values
 * (validated) and gone = the other record merged, both stamped now;
 * *taken as choose gives it. */
static int prepare(struct ctx *c, const struct kind *k, const char *survivor_id,
		   const char *other_id, const struct merge_choice *choices, size_t n, void *s,
		   void *m, void *next, void *gone, const char *now, struct errors *errs,
		   char **taken)
{
	int rc = check_pair(c, k, survivor_id, other_id, s, m, errs);
	if (rc)
		return rc;
	memcpy(next, s, k->e->size);
	choose(c, k, m, choices, n, next, errs, taken);
	if (!errs->n)
		k->validate(next, errs);
	if (errs->n)
		return DOM_INVALID;
	if (k == &PERSON && (rc = other_household(s, m, errs)))
		return rc;
	memcpy(gone, m, k->e->size);
	*field_ptr(gone, entity_field(k->e, "status")) = "merged";
	*field_ptr(gone, entity_field(k->e, "updated_at")) = (char *)now;
	*field_ptr(next, entity_field(k->e, "updated_at")) = (char *)now;
	return DOM_OK;
}

/* Opens the write transaction, checks that neither record changed since
 * it was read, and moves the links of the other record to the survivor,
 * into moved. On failure nothing is left open. */
static int start(struct ctx *c, const struct kind *k, const void *s, const void *m,
		 struct buf *moved, struct errors *errs)
{
	const char *sid = field_get(s, &k->e->fields[0]), *mid = field_get(m, &k->e->fields[0]);
	int rc = dom_from_store(store_begin(c->st));
	if (rc)
		return rc;
	if ((rc = unchanged(c, k->e, s, "updated_at", errs)) ||
	    (rc = unchanged(c, k->e, m, "updated_at", errs)) ||
	    (rc = move_links(c, k, mid, sid, moved)))
		store_rollback(c->st);
	return rc;
}

int merge_people(struct ctx *c, const char *survivor_id, const char *other_id,
		 const struct merge_choice *choices, size_t n, struct errors *errs,
		 struct merge *out)
{
	struct person s, m, next, gone;
	struct buf moved;
	char now[32];
	char *taken;
	time_now_iso(now);
	int rc = prepare(c, &PERSON, survivor_id, other_id, choices, n, &s, &m, &next, &gone, now,
			 errs, &taken);

	if (rc)
		return rc;
	/* The survivor takes the merged person's place in their household. */
	if (m.household_id && (!s.household_id || (m.relationship && !strcmp(m.relationship, "head")))) {
		next.household_id = m.household_id;
		next.relationship = m.relationship;
	}
	gone.household_id = gone.relationship = NULL;
	buf_init(&moved, 0);
	if ((rc = start(c, &PERSON, &s, &m, &moved, errs)))
		goto done;
	if ((rc = dom_from_store(store_update(c->st, &ENT_PERSON, &gone))) ||
	    (rc = dom_from_store(store_update(c->st, &ENT_PERSON, &next))) ||
	    (rc = dom_from_store(person_reindex(c, &next))) ||
	    (rc = dom_from_store(store_person_index(c->st, m.id, ""))) ||
	    (rc = record(c, &PERSON, &s, &next, &m, taken, moved.p ? moved.p : "", now, out)) ||
	    (m.household_id &&
	     (rc = audit_record(c, "merge_member", "household", m.household_id, "household_id,relationship")))) {
		store_rollback(c->st);
		goto done;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		goto done;
	person_match_note(c, s.id, NULL);
	person_match_note(c, m.id, NULL);
done:
	buf_free(&moved);
	return rc;
}

int merge_households(struct ctx *c, const char *survivor_id, const char *other_id,
		     const struct merge_choice *choices, size_t n, struct errors *errs,
		     struct merge *out)
{
	struct household s, m, next, gone;
	struct person head;
	struct buf moved;
	char now[32];
	char *taken;
	time_now_iso(now);
	int rc = prepare(c, &HOUSEHOLD, survivor_id, other_id, choices, n, &s, &m, &next, &gone, now,
			 errs, &taken);

	if (rc)
		return rc;
	buf_init(&moved, 0);
	if ((rc = start(c, &HOUSEHOLD, &s, &m, &moved, errs)))
		goto done;
	/* One household, one head: the merged household's head stays a member. */
	if (m.head_id && store_get(c->st, &ENT_PERSON, c->a, "id", m.head_id, &head) == STORE_OK &&
	    same(head.household_id, s.id) && same(head.relationship, "head") &&
	    !same(head.id, s.head_id)) {
		head.relationship = "other_relative";
		head.updated_at = now;
		if ((rc = dom_from_store(store_update(c->st, &ENT_PERSON, &head))))
			goto fail;
	}
	if ((rc = dom_from_store(store_update(c->st, &ENT_HOUSEHOLD, &gone))) ||
	    (rc = dom_from_store(store_update(c->st, &ENT_HOUSEHOLD, &next))) ||
	    (rc = record(c, &HOUSEHOLD, &s, &next, &m, taken, moved.p ? moved.p : "", now, out)))
		goto fail;
	rc = dom_from_store(store_commit(c->st));
	goto done;
fail:
	store_rollback(c->st);
done:
	buf_free(&moved);
	return rc;
}

/* The fields of cur that differ from what the merge left (after): edits
 * made since, each named in errs. A household's members and a person's
 * household are compared too: an undo would move them. */
static void edited_since(const struct kind *k, const void *cur, const void *after,
			 struct errors *errs)
{
	for (size_t i = 0; i < k->e->nfields; i++) {
		const struct field *f = &k->e->fields[i];
		if ((merge_choosable(k->e, f) || !strcmp(f->name, "household_id") ||
		     !strcmp(f->name, "relationship") || !strcmp(f->name, "head_id")) &&
		    !same(field_get(cur, f), field_get(after, f)))
			errors_add(errs, f->name,
				   _("Changed since the merge: undoing it would lose this change. Edit it back first, or correct the record by hand instead of undoing."));
	}
}

int merge_undo(struct ctx *c, const char *id, struct errors *errs)
{
	struct merge g;
	struct person head;
	char now[32];
	int rc = auth_check(c->user, PERM_REGISTRY_MERGE);

	if (rc || (rc = dom_from_store(store_get(c->st, &ENT_MERGE, c->a, "id", id, &g))))
		return rc;
	const struct kind *k = strcmp(g.kind, "person") == 0 ? &PERSON : &HOUSEHOLD;
	void *cur = arena_alloc(c->a, k->e->size), *after = arena_alloc(c->a, k->e->size);
	void *s = arena_alloc(c->a, k->e->size), *m = arena_alloc(c->a, k->e->size);
	if (g.undone_at) {
		errors_add(errs, "id", _("This merge was already undone."));
		return DOM_CONFLICT;
	}
	if ((rc = dom_from_store(store_get(c->st, k->e, c->a, "id", g.survivor_id, cur))) ||
	    (rc = decode(c->a, k->e, g.survivor_after, after)) ||
	    (rc = decode(c->a, k->e, g.survivor_before, s)) ||
	    (rc = decode(c->a, k->e, g.merged_before, m)))
		return rc;
	if (strcmp(status_of(k, cur), "merged") == 0) {
		errors_add(errs, "id", _("The surviving record was merged again since: undo that merge first."));
		return DOM_CONFLICT;
	}
	edited_since(k, cur, after, errs);
	if (errs->n)
		return DOM_CONFLICT;
	time_now_iso(now);
	*field_ptr(s, entity_field(k->e, "updated_at")) = now;
	*field_ptr(m, entity_field(k->e, "updated_at")) = now;
	g.undone_by = c->user ? c->user->id : NULL;
	g.undone_at = now;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	struct merge was = g;
	was.undone_at = NULL;
	if ((rc = unchanged(c, &ENT_MERGE, &was, "undone_at", errs)) ||
	    (rc = unchanged(c, k->e, cur, "updated_at", errs)) ||
	    (rc = move_back(c, k, g.moved, g.survivor_id, g.merged_id)) ||
	    (rc = dom_from_store(store_update(c->st, k->e, s))) ||
	    (rc = dom_from_store(store_update(c->st, k->e, m))))
		goto fail;
	if (k == &PERSON && ((rc = dom_from_store(person_reindex(c, s))) ||
			     (rc = dom_from_store(person_reindex(c, m)))))
		goto fail;
	/* The merged household's head heads it again. */
	const char *head_id = k == &HOUSEHOLD ? ((struct household *)m)->head_id : NULL;
	if (head_id && store_get(c->st, &ENT_PERSON, c->a, "id", head_id, &head) == STORE_OK &&
	    same(head.household_id, g.merged_id)) {
		head.relationship = "head";
		head.updated_at = now;
		if ((rc = dom_from_store(store_update(c->st, &ENT_PERSON, &head))))
			goto fail;
	}
	/* The household a merged person was in sees the undo too. */
	const char *hh = k == &PERSON ? ((struct person *)m)->household_id : NULL;
	if (hh && (rc = audit_record(c, "unmerge_member", "household", hh, "household_id,relationship")))
		goto fail;
	if ((rc = dom_from_store(store_update(c->st, &ENT_MERGE, &g))) ||
	    (rc = audit_record(c, "unmerge", k->name, g.survivor_id, g.fields)) ||
	    (rc = audit_record(c, "unmerge", k->name, g.merged_id, "status")))
		goto fail;
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	if (k == &PERSON) {
		person_match_note(c, g.survivor_id, NULL);
		person_match_note(c, g.merged_id, NULL);
	}
	return DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

int merge_may(struct ctx *c)
{
	return auth_check(c->user, PERM_REGISTRY_MERGE) == DOM_OK;
}

int merge_preview(struct ctx *c, const char *kind, const char *survivor_id, const char *other_id,
		  void *s, void *m, struct merge_count *counts, size_t *ncounts,
		  struct errors *errs)
{
	const struct kind *k = strcmp(kind, "person") == 0 ? &PERSON : &HOUSEHOLD;
	int rc = check_pair(c, k, survivor_id, other_id, s, m, errs);
	*ncounts = 0;
	if (rc)
		return rc;
	if (k == &PERSON && (rc = other_household(s, m, errs)))
		return rc;
	for (size_t i = 0; i < k->nlinks && i < MERGE_COUNTS_MAX; i++) {
		counts[i].table = k->links[i].e->table;
		if ((rc = dom_from_store(store_count(c->st, k->links[i].e, k->links[i].column,
						     field_get(m, &k->e->fields[0]), &counts[i].n))))
			return rc;
		(*ncounts)++;
	}
	return DOM_OK;
}

int merge_get(struct ctx *c, const char *id, struct merge *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	return dom_from_store(store_get(c->st, &ENT_MERGE, c->a, "id", id, out));
}

/* The merges whose column key is value and that were not undone, newest
 * first, at most max into out; *n gets how many. */
static int active(struct ctx *c, const char *key, const char *value, struct merge *out, size_t max,
		  size_t *n)
{
	struct store_list l;
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	*n = 0;
	if (rc || (rc = dom_from_store(store_list(c->st, &ENT_MERGE, c->a, key, value, "merged_at",
						  1, 100, 0, &l))))
		return rc;
	for (size_t i = 0; i < l.n && *n < max; i++) {
		const struct merge *g = l.items[i];
		if (!g->undone_at)
			out[(*n)++] = *g;
	}
	return DOM_OK;
}

int merge_of(struct ctx *c, const char *record_id, struct merge *out)
{
	size_t n;
	int rc = active(c, "merged_id", record_id, out, 1, &n);
	return rc ? rc : n ? DOM_OK : DOM_NOTFOUND;
}

int merge_into(struct ctx *c, const char *survivor_id, struct merge *out, size_t max, size_t *n)
{
	return active(c, "survivor_id", survivor_id, out, max, n);
}

const char *merge_ref(struct ctx *c, const struct merge *g, int survivor)
{
	const struct entity *e = strcmp(g->kind, "person") == 0 ? &ENT_PERSON : &ENT_HOUSEHOLD;
	void *rec = arena_alloc(c->a, e->size);
	if (decode(c->a, e, survivor ? g->survivor_before : g->merged_before, rec))
		return "?";
	return field_get(rec, entity_field(e, "ref"));
}

size_t merge_absorbed(struct ctx *c, const char *id, const char **ids, size_t max)
{
	struct merge *g = arena_alloc(c->a, sizeof(*g) * (max ? max : 1));
	size_t n = 0, k;
	if (max)
		ids[n++] = id;
	for (size_t i = 0; i < n; i++) {
		if (active(c, "survivor_id", ids[i], g, max - n, &k))
			break;
		for (size_t j = 0; j < k; j++)
			ids[n++] = g[j].merged_id;
	}
	return n;
}
