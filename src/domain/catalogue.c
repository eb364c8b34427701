/* catalogue.c: administrators' changes to the editable catalogues, and
 * the process-wide cache of them that catalog.c reads. */
#include "domain/catalogue.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/norm.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"

/* More changes than any office makes; the rest would be ignored. */
#define ENTRIES_MAX 5000

/* When the set was last loaded (monotonic seconds, 0: never). */
static _Atomic long long loaded_at;
static pthread_mutex_t reload_lock = PTHREAD_MUTEX_INITIALIZER;

static long long monotonic_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec + 1; /* never 0 */
}

int catalogue_load(struct store *st, struct arena *a)
{
	struct store_list l;
	int rc = store_list(st, &ENT_CATALOGUE_ENTRY, a, NULL, NULL, "position", 0, ENTRIES_MAX, 0,
			    &l);
	if (rc)
		return dom_from_store(rc);
	struct catalog_edit *e = arena_alloc(a, sizeof(*e) * (l.n ? l.n : 1));
	size_t n = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct catalogue_entry *row = l.items[i];
		const struct catalog_editable *ed = catalog_editable_find(row->catalogue, row->area);
		if (!ed)
			continue; /* a catalogue this version does not know */
		e[n++] = (struct catalog_edit){
			.c = ed->c,
			.item = { row->code, NULL },
			.label_es = row->label_es,
			.label_en = row->label_en,
			.active = !row->active || strcmp(row->active, "0") != 0,
		};
	}
	if (catalog_edits_publish(e, n))
		return DOM_ERROR;
	atomic_store(&loaded_at, monotonic_s());
	return DOM_OK;
}

void catalogue_refresh(struct ctx *c)
{
	long long at = atomic_load(&loaded_at), now = monotonic_s();
	if (at && now - at < CATALOGUE_FRESH_S)
		return;
	/* The first load makes everyone wait for it; later ones let the
	 * other threads go on with the set they have. */
	if (at ? pthread_mutex_trylock(&reload_lock) != 0 : pthread_mutex_lock(&reload_lock) != 0)
		return;
	at = atomic_load(&loaded_at);
	if (!at || now - at >= CATALOGUE_FRESH_S) {
		int rc = catalogue_load(c->st, c->a);
		if (rc) {
			log_warn("catalogues: could not read the administrators' changes (%s)",
				 dom_code(rc));
			atomic_store(&loaded_at, now); /* try again later, not on every request */
		}
	}
	pthread_mutex_unlock(&reload_lock);
}

/* After a write: every thread of this process sees it from now on. */
static void reload(struct ctx *c)
{
	pthread_mutex_lock(&reload_lock);
	if (catalogue_load(c->st, c->a))
		atomic_store(&loaded_at, 0); /* the next request tries again */
	pthread_mutex_unlock(&reload_lock);
}

/* s without surrounding spaces, in the arena; NULL stays NULL. */
static char *trimmed(struct ctx *c, const char *s)
{
	return arena_trimmed(c->a, s);
}

static int is_builtin(const struct catalog *cat, const char *code)
{
	const struct catalog_item *it = catalog_find(cat, code);
	return it && it >= cat->items && it < cat->items + cat->n;
}

/* The stored row of code in ed's catalogue (of ed's area), or NULL. */
static int find_row(struct ctx *c, const struct catalog_editable *ed, const char *code,
		    struct catalogue_entry **row)
{
	struct store_list l;
	struct store_filter f[] = { { "catalogue", ed->catalogue }, { "code", code } };
	int rc = store_list_where(c->st, &ENT_CATALOGUE_ENTRY, c->a, f, 2, "code", 0, 1, 0, &l);
	if (rc)
		return dom_from_store(rc);
	*row = l.n ? l.items[0] : NULL;
	if (*row && ed->area && (!(*row)->area || strcmp((*row)->area, ed->area) != 0))
		*row = NULL; /* another area's entry */
	return DOM_OK;
}

/* True when code is taken anywhere in ed's catalogue (every area). */
static int taken(struct ctx *c, const struct catalog_editable *ed, const char *code, int *yes)
{
	long long n = 0;
	struct store_filter f[] = { { "catalogue", ed->catalogue }, { "code", code } };
	*yes = 0;
	for (size_t i = 0; i < CATALOG_EDITABLE_N; i++)
		if (strcmp(CATALOG_EDITABLE[i].catalogue, ed->catalogue) == 0 &&
		    is_builtin(CATALOG_EDITABLE[i].c, code))
			*yes = 1;
	if (*yes)
		return DOM_OK;
	int rc = store_count_where(c->st, &ENT_CATALOGUE_ENTRY, f, 2, &n);
	*yes = n > 0;
	return dom_from_store(rc);
}

static int code_ok(const char *code)
{
	size_t n = strlen(code);
	if (n < 2 || n > CATALOGUE_CODE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') ||
		      code[i] == '_'))
			return 0;
	return 1;
}

/* A free code made from label: "Taller de costura" gives
 * "taller_de_costura", then "taller_de_costura_2", … when taken. */
static int make_code(struct ctx *c, const struct catalog_editable *ed, const char *label,
		     const char **out)
{
	struct buf b;
	buf_init(&b, 0);
	norm_fold(&b, label);
	/* Room for a "_NNN" suffix within CATALOGUE_CODE_MAX; letters
	 * outside a-z (other scripts) become "_", runs of "_" one. */
	char *base = arena_alloc(c->a, CATALOGUE_CODE_MAX + 1);
	size_t n = 0;
	for (size_t i = 0; i < b.n && n < CATALOGUE_CODE_MAX - 4; i++) {
		char ch = b.p[i];
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
		if (ok)
			base[n++] = ch;
		else if (n && base[n - 1] != '_')
			base[n++] = '_';
	}
	buf_free(&b);
	while (n && base[n - 1] == '_')
		n--;
	base[n] = 0;
	if (n < 2)
		base = "entry";
	for (int i = 1; i < 1000; i++) {
		int yes, rc;
		const char *code = i == 1 ? base : arena_printf(c->a, "%s_%d", base, i);
		if ((rc = taken(c, ed, code, &yes)))
			return rc;
		if (!yes) {
			*out = code;
			return DOM_OK;
		}
	}
	return DOM_CONFLICT;
}

static void check_labels(struct errors *errs, const char *es, const char *en, int need_one)
{
	if (need_one && !es && !en)
		errors_add(errs, "label_es", _("Write the name in Spanish, in English or in both."));
	if (es && strlen(es) > CATALOGUE_LABEL_MAX)
		errors_add(errs, "label_es", _("Use at most 120 characters."));
	if (en && strlen(en) > CATALOGUE_LABEL_MAX)
		errors_add(errs, "label_en", _("Use at most 120 characters."));
}

/* "" as NULL: no label. */
static char *label_or_null(struct ctx *c, const char *s)
{
	char *t = trimmed(c, s);
	return t && *t ? t : NULL;
}

int catalogue_add(struct ctx *c, const struct catalog_editable *ed, const char *code,
		  const char *label_es, const char *label_en, struct errors *errs,
		  struct catalogue_entry *out)
{
	char id[37], now[32];
	int rc = auth_check(c->user, PERM_CATALOGUES_MANAGE), yes;
	if (rc)
		return rc;
	if (!ed) {
		errors_add(errs, "catalogue", _("Choose a value from the list."));
		return DOM_INVALID;
	}
	char *es = label_or_null(c, label_es), *en = label_or_null(c, label_en);
	const char *k = label_or_null(c, code);
	check_labels(errs, es, en, 1);
	if (k && !code_ok(k))
		errors_add(errs, "code",
			   _("Use 2 to 40 lowercase letters without accents, digits or \"_\", or leave it empty."));
	else if (k) {
		if ((rc = taken(c, ed, k, &yes)))
			return rc;
		if (yes)
			errors_add(errs, "code", _("This code is already in use: choose another."));
	}
	if (errs->n)
		return DOM_INVALID;
	if (!k && (rc = make_code(c, ed, en ? en : es, &k)))
		return rc;

	long long n = 0;
	if ((rc = dom_from_store(store_count(c->st, &ENT_CATALOGUE_ENTRY, "catalogue", ed->catalogue, &n))))
		return rc;
	crypto_uuid7(id);
	time_now_iso(now);
	struct catalogue_entry e = {
		.id = id,
		.catalogue = (char *)ed->catalogue,
		.area = (char *)ed->area,
		.code = (char *)k,
		.label_es = es,
		.label_en = en,
		.active = "1",
		.position = arena_printf(c->a, "%lld", n + 1),
		.created_by = c->user->id,
		.created_at = now,
		.updated_by = c->user->id,
		.updated_at = now,
	};
	rc = audit_write(c, &ENT_CATALOGUE_ENTRY, &e, 1, "add_catalogue_entry", "catalogue", id,
			 "catalogue,area,code,label_es,label_en");
	if (rc == DOM_CONFLICT) /* added by someone else at the same moment */
		errors_add(errs, "code", _("This code is already in use: choose another."));
	if (rc)
		return rc;
	reload(c);
	return out ? dom_from_store(store_get(c->st, &ENT_CATALOGUE_ENTRY, c->a, "id", id, out))
		   : DOM_OK;
}

static int differs(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

int catalogue_update(struct ctx *c, const struct catalog_editable *ed, const char *code,
		     const char *label_es, const char *label_en, const char *active,
		     struct errors *errs, struct catalogue_entry *out)
{
	struct catalogue_entry *row, next;
	char id[37], now[32];
	int rc = auth_check(c->user, PERM_CATALOGUES_MANAGE);
	if (rc)
		return rc;
	if (!ed || !code)
		return DOM_NOTFOUND;
	if ((rc = find_row(c, ed, code, &row)))
		return rc;
	int builtin = is_builtin(ed->c, code);
	if (!row && !builtin)
		return DOM_NOTFOUND;
	time_now_iso(now);
	if (row) {
		next = *row;
	} else {
		crypto_uuid7(id);
		next = (struct catalogue_entry){
			.id = id, .catalogue = (char *)ed->catalogue, .area = (char *)ed->area,
			.code = (char *)catalog_find(ed->c, code)->code, .active = "1",
			.position = "0", .created_by = c->user->id, .created_at = now,
		};
	}
	if (label_es)
		next.label_es = label_or_null(c, label_es);
	if (label_en)
		next.label_en = label_or_null(c, label_en);
	check_labels(errs, next.label_es, next.label_en, !builtin);
	if (active && strcmp(active, "0") != 0 && strcmp(active, "1") != 0)
		errors_add(errs, "active", _("Choose active or inactive."));
	if (errs->n)
		return DOM_INVALID;
	if (active)
		next.active = (char *)active;

	const char *fields = "";
	if (differs(next.label_es, row ? row->label_es : NULL))
		fields = "label_es";
	if (differs(next.label_en, row ? row->label_en : NULL))
		fields = arena_printf(c->a, "%s%slabel_en", fields, *fields ? "," : "");
	int now_active = strcmp(next.active, "0") != 0;
	int was_active = !row || strcmp(row->active, "0") != 0;
	if (now_active != was_active)
		fields = arena_printf(c->a, "%s%sactive", fields, *fields ? "," : "");
	if (*fields) {
		const char *action = strcmp(fields, "active") == 0
					     ? (now_active ? "reactivate_catalogue_entry"
							   : "deactivate_catalogue_entry")
					     : "update_catalogue_entry";
		next.updated_by = c->user->id;
		next.updated_at = now;
		if ((rc = audit_write(c, &ENT_CATALOGUE_ENTRY, &next, !row, action, "catalogue", next.id,
				      fields)))
			return rc;
		reload(c);
	}
	return out ? dom_from_store(store_get(c->st, &ENT_CATALOGUE_ENTRY, c->a, "id", next.id, out))
		   : DOM_OK;
}

int catalogue_remove(struct ctx *c, const struct catalog_editable *ed, const char *code,
		     struct errors *errs)
{
	struct catalogue_entry *row;
	int rc = auth_check(c->user, PERM_CATALOGUES_MANAGE);
	if (rc)
		return rc;
	if (!ed || !code)
		return DOM_NOTFOUND;
	if (is_builtin(ed->c, code)) {
		errors_add(errs, "code", _("Built-in entries cannot be removed: deactivate the entry instead."));
		return DOM_CONFLICT;
	}
	if ((rc = find_row(c, ed, code, &row)))
		return rc;
	if (!row)
		return DOM_NOTFOUND;
	for (size_t i = 0; i < 2 && ed->used_by[i]; i++) {
		long long n = 0;
		if ((rc = dom_from_store(store_count(c->st, ed->used_by[i], ed->used_field[i], code, &n))))
			return rc;
		if (n) {
			errors_add(errs, "code", _("Records use this entry: deactivate it instead."));
			return DOM_CONFLICT;
		}
	}
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_remove(c->st, &ENT_CATALOGUE_ENTRY, row->id))) ||
	    (rc = audit_record(c, "remove_catalogue_entry", "catalogue", row->id, "code"))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	reload(c);
	return DOM_OK;
}

static int newer(const void *x, const void *y)
{
	long long a = strtoll(((const struct catalogue_change *)x)->ev->seq, NULL, 10);
	long long b = strtoll(((const struct catalogue_change *)y)->ev->seq, NULL, 10);
	return a < b ? 1 : a > b ? -1 : 0;
}

int catalogue_history(struct ctx *c, const struct catalog_editable *ed, size_t limit,
		      struct catalogue_change **out, size_t *n)
{
	struct store_list rows;
	struct store_filter f[] = { { "catalogue", ed ? ed->catalogue : NULL },
				    { "area", ed ? ed->area : NULL } };
	int rc = auth_check(c->user, PERM_CATALOGUES_MANAGE);
	if (rc)
		return rc;
	if (!ed)
		return DOM_NOTFOUND;
	/* The events of each entry, by the audit log's entity_id index: a
	 * catalogue has tens of entries, the log millions of events. */
	if ((rc = dom_from_store(store_list_where(c->st, &ENT_CATALOGUE_ENTRY, c->a, f, ed->area ? 2 : 1,
						  "position", 0, ENTRIES_MAX, 0, &rows))))
		return rc;
	size_t cap = 0;
	struct store_list *ev = arena_alloc(c->a, sizeof(*ev) * (rows.n ? rows.n : 1));
	for (size_t i = 0; i < rows.n; i++) {
		const struct catalogue_entry *row = rows.items[i];
		if ((rc = dom_from_store(store_list(c->st, &ENT_AUDIT, c->a, "entity_id", row->id, "seq",
						    1, (long)limit, 0, &ev[i]))))
			return rc;
		cap += ev[i].n;
	}
	*out = arena_alloc(c->a, sizeof(**out) * (cap ? cap : 1));
	*n = 0;
	for (size_t i = 0; i < rows.n; i++)
		for (size_t j = 0; j < ev[i].n; j++)
			(*out)[(*n)++] = (struct catalogue_change){
				ev[i].items[j], ((const struct catalogue_entry *)rows.items[i])->code
			};
	qsort(*out, *n, sizeof(**out), newer);
	if (*n > limit)
		*n = limit;
	return DOM_OK;
}

int catalogue_list(struct ctx *c, const struct catalog_editable *ed,
		   struct catalog_entry_view **out, size_t *n)
{
	int rc = auth_check(c->user, PERM_CATALOGUES_MANAGE);
	if (rc)
		return rc;
	if (!ed)
		return DOM_NOTFOUND;
	*out = catalog_entries(c->a, ed->c, 0, n);
	return DOM_OK;
}
