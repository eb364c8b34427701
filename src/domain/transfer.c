/* transfer.c: amparo transfer: copies every table in key order through
 * store_scan, then reads both databases back and compares them row by row,
 * hashing each side, and verifies the target's audit chain. */
#include "domain/transfer.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "domain/audit.h"

/* Copy order: each row's foreign keys point at rows copied before it.
 * households.head_id has no foreign key (people.household_id has one), so
 * households go first with head_id as it is. */
static const struct entity *const copied[] = {
	&ENT_USER,
	&ENT_HOUSEHOLD,
	&ENT_PERSON,
	&ENT_DOCUMENT,
	&ENT_STATUS_CHANGE,
	&ENT_OFFICE,
	&ENT_CASE,
	&ENT_CASE_CHANGE,
	&ENT_SERVICE,
	&ENT_ASSESSMENT,
	&ENT_CASE_TRANSFER,
	&ENT_ASYLUM_PROCEDURE,
	&ENT_ASYLUM_STAGE,
	&ENT_DETENTION,
	&ENT_TOKEN,
	&ENT_AUDIT,
	&ENT_COUNTER,
	&ENT_MERGE,
	&ENT_MATCH_PAIR,
	&ENT_MATCH_MODEL,
	&ENT_PARTNER,
	&ENT_SETTING,
	&ENT_FLAG,
	&ENT_APPOINTMENT,
	&ENT_NEEDS_ASSESSMENT,
	&ENT_CATALOGUE_ENTRY,
	&ENT_CASE_GOAL,
	&ENT_CASE_NOTE,
	&ENT_APPROVAL,
	&ENT_REFERRAL,
	&ENT_PROGRAMME,
	&ENT_ASSISTANCE_REQUEST,
	&ENT_ASSISTANCE_LEDGER,
	&ENT_ASSISTANCE_RECON_RUN,
	&ENT_CONSENT,
	&ENT_SHARING_AGREEMENT,
	&ENT_USER_TOTP,
	&ENT_TOTP_RECOVERY,
	&ENT_DATA_REQUEST,
	&ENT_ANONYMISATION,
	&ENT_CASE_SHARE,
	&ENT_ACCESS_ALERT,
};
#define NCOPIED (sizeof(copied) / sizeof(copied[0]))

const char *const transfer_tables[] = {
	"users",
	"households",
	"people",
	"person_documents",
	"legal_status_history",
	"offices",
	"cases",
	"case_changes",
	"services",
	"assessments",
	"case_transfers",
	"asylum_procedures",
	"asylum_stages",
	"detentions",
	"tokens",
	"audit_events",
	"counters",
	"merges",
	"match_pairs",
	"match_models",
	"partners",
	"settings",
	"flags",
	"appointments",
	"needs_assessments",
	"catalogue_entries",
	"case_goals",
	"case_notes",
	"approvals",
	"referrals",
	"programmes",
	"assistance_requests",
	"assistance_ledger",
	"assistance_recon_runs",
	"consents",
	"sharing_agreements",
	"user_totp",
	"totp_recovery_codes",
	"data_subject_requests",
	"person_anonymisations",
	"case_shares",
	"access_alerts",
	"people_search",
	NULL,
};
const char *const transfer_skipped[] = { "sessions", "login_throttle", "schema_version", NULL };

_Static_assert(NCOPIED + 1 == TRANSFER_TABLES, "transfer_report has a slot per table");
_Static_assert(sizeof(transfer_tables) / sizeof(transfer_tables[0]) == TRANSFER_TABLES + 1,
	       "transfer_tables lists every copied table");

/* The search index as records, for hashing and comparing only: it is never
 * handed to store_insert (people_search has no such columns on SQLite). */
static const struct field index_f[] = {
	{ "person_id", offsetof(struct index_entry, person_id), F_TEXT, 0 },
	{ "words", offsetof(struct index_entry, words), F_TEXT, 0 },
};
static const struct entity index_ent = { "people_search", "index", index_f, 2,
					 sizeof(struct index_entry) };

/* ---- reading a table in key order ---- */

/* Reads one table page by page (store_scan, or store_index_scan for
 * &index_ent), a page ahead: while the caller works on one page, a thread
 * of the cursor's own reads the next on the cursor's store, so the copy
 * reads the source while it writes the target, and the verification reads
 * both databases at once (each on its own connection; the calling thread
 * leaves the cursor's store alone meanwhile). A record cursor_next hands
 * out lives until the call that moves past the end of its page. */
struct page {
	struct arena *a;
	struct store_list l;
	int rc;
};

struct cursor {
	struct store *st;
	const struct entity *e;
	long batch;
	struct page cur, next; /* next: being read, or read, behind cur */
	size_t pos;
	int reading, end; /* a thread reads next; no page after cur */
	int started;      /* next is not the first page */
	pthread_t th;
	struct buf after; /* key of the last record of the page before next */
};

static void page_read(struct cursor *c)
{
	struct page *p = &c->next;
	const char *after = c->started ? c->after.p : NULL;
	p->a = arena_new();
	p->l.n = 0;
	p->rc = c->e == &index_ent ? store_index_scan(c->st, p->a, after, c->batch, &p->l)
				   : store_scan(c->st, c->e, p->a, after, c->batch, &p->l);
	if (p->rc)
		p->l.n = 0;
}

static void *reader(void *arg)
{
	page_read(arg);
	return NULL;
}

/* Starts reading the page after the one in next (or the first). */
static void read_ahead(struct cursor *c)
{
	c->reading = 1;
	if (pthread_create(&c->th, NULL, reader, c)) {
		c->reading = 0;
		page_read(c); /* no thread: read it now */
	}
}

static void cursor_init(struct cursor *c, struct store *st, const struct entity *e, long batch)
{
	memset(c, 0, sizeof(*c));
	c->st = st;
	c->e = e;
	c->batch = batch;
	buf_init(&c->after, 0);
	read_ahead(c);
}

static void cursor_free(struct cursor *c)
{
	if (c->reading)
		pthread_join(c->th, NULL);
	arena_free(c->cur.a);
	arena_free(c->next.a);
	buf_free(&c->after);
}

/* Moves to the next page (c->cur.l; empty at the end), and starts reading
 * the one after it. */
static int cursor_fill(struct cursor *c)
{
	if (c->reading) {
		pthread_join(c->th, NULL);
		c->reading = 0;
	}
	arena_free(c->cur.a);
	c->cur = c->next;
	c->next = (struct page){ 0 };
	c->pos = 0;
	if (c->end) {
		c->cur.l.n = 0;
		return STORE_OK;
	}
	if (c->cur.rc || c->cur.l.n < (size_t)c->batch) {
		c->end = 1;
		return c->cur.rc;
	}
	const char *key = field_get(c->cur.l.items[c->cur.l.n - 1], &c->e->fields[0]);
	buf_reset(&c->after);
	buf_adds(&c->after, key ? key : "");
	c->started = 1;
	read_ahead(c);
	return STORE_OK;
}

/* *rec = the next record, or NULL at the end. */
static int cursor_next(struct cursor *c, void **rec)
{
	*rec = NULL;
	if (c->pos == c->cur.l.n) {
		int rc = cursor_fill(c);
		if (rc || c->cur.l.n == 0)
			return rc;
	}
	*rec = c->cur.l.items[c->pos++];
	return STORE_OK;
}

static int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The index words as a set: each once, sorted, single spaces. PostgreSQL
 * stores them so; SQLite keeps them as written (repeats, in name order),
 * which searches the same. Returns a string in a. */
static char *words_set(struct arena *a, const char *words)
{
	size_t n = 0, k = 0;
	char *copy = arena_strdup(a, words ? words : ""), *save = NULL;
	for (const char *p = copy; *p; p++)
		n += *p == ' ';
	char **w = arena_alloc(a, sizeof(*w) * (n + 1));
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
		w[k++] = t;
	qsort(w, k, sizeof(*w), by_str);
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < k; i++)
		if (i == 0 || strcmp(w[i], w[i - 1]) != 0)
			buf_printf(&b, "%s%s", b.n ? " " : "", w[i]);
	char *out = arena_strbuf(a, &b);
	buf_free(&b);
	return out;
}

/* Feeds one record to h: each field length-prefixed ("5:Maria;"), absent
 * ones as "-;", so no two different records give the same bytes. */
static void hash_record(struct crypto_sha256 *h, struct buf *b, const struct entity *e,
			const void *rec)
{
	buf_reset(b);
	for (size_t i = 0; i < e->nfields; i++) {
		const char *v = field_get(rec, &e->fields[i]);
		if (!v) {
			buf_adds(b, "-;");
			continue;
		}
		size_t n = strlen(v);
		buf_printf(b, "%zu:", n);
		buf_add(b, v, n);
		buf_addc(b, ';');
	}
	buf_addc(b, '\n');
	crypto_sha256_update(h, b->p, b->n);
}

/* ---- the run ---- */

struct run {
	struct store *from, *to;
	long batch;
	struct transfer_report *r;
};

static void why(struct transfer_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Keeps the first reason only: later ones are consequences. */
static void why(struct transfer_report *r, const char *fmt, ...)
{
	if (r->why[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

static void progress(struct transfer_report *r, const char *phase, const char *table, long long n)
{
	if (r->progress)
		r->progress(r->progress_arg, phase, table, n);
}

static int check_source(struct run *x)
{
	int pending, v, rc;
	if ((rc = store_transfer_pending(x->from, &pending)) ||
	    (rc = store_schema_version(x->from, &v))) {
		why(x->r, "could not read the source database (see the log above)");
		return dom_from_store(rc);
	}
	if (pending) {
		why(x->r, "the source holds an unfinished transfer, not an installation");
		return DOM_INVALID;
	}
	if (v == 0) {
		why(x->r, "the source is not an amparo database (it has no schema)");
		return DOM_INVALID;
	}
	if (v != store_latest_version()) {
		why(x->r,
		    v < store_latest_version()
			    ? "the source's schema is version %d, this program's %d: "
			      "run amparo migrate on the source first"
			    : "the source's schema (version %d) is newer than this program's (%d): "
			      "use the amparo that wrote it",
		    v, store_latest_version());
		return DOM_INVALID;
	}
	return DOM_OK;
}

/* Refuses a target that holds anything; otherwise brings its schema up to
 * date. Writes nothing before deciding. */
static int check_target(struct run *x)
{
	int pending, v, rc, applied;
	if ((rc = store_transfer_pending(x->to, &pending)) || (rc = store_schema_version(x->to, &v))) {
		why(x->r, "could not read the target database (see the log above)");
		return dom_from_store(rc);
	}
	if (pending) {
		why(x->r, "the target holds an unfinished transfer: create it anew (delete the file, "
			  "or drop and create the PostgreSQL database) and transfer again");
		return DOM_INVALID;
	}
	if (v > store_latest_version()) {
		why(x->r, "the target's schema (version %d) is newer than this program's (%d)", v,
		    store_latest_version());
		return DOM_INVALID;
	}
	for (size_t i = 0; v > 0 && i < NCOPIED; i++) {
		long long n;
		if ((rc = store_count(x->to, copied[i], NULL, NULL, &n))) {
			why(x->r, "could not count the target's %s (see the log above)", copied[i]->table);
			return dom_from_store(rc);
		}
		if (n > 0) {
			why(x->r, "the target already holds data (table %s is not empty): transfer only "
				  "into a new, empty database",
			    copied[i]->table);
			return DOM_INVALID;
		}
	}
	if ((rc = store_migrate(x->to, &applied))) {
		why(x->r, "could not create the schema in the target (see the log above)");
		return dom_from_store(rc);
	}
	return DOM_OK;
}

/* The target's side of a table's copy: the pages go in through the bulk
 * interface (COPY on PostgreSQL), one transaction a page, or one for the
 * whole table where the engine builds the indexes of an empty table at the
 * end of a load (store_bulk_sets_aside): then each index is sorted once,
 * and each foreign key checked in one pass. The target is marked as an
 * unfinished transfer all along, so nobody uses it in between. */
struct writer {
	struct run *x;
	const struct entity *e;
	struct store_bulk *b; /* NULL: no transaction open */
	long long pending;    /* rows added since the last commit */
};

static int writer_end(struct writer *w, int rc)
{
	if (!w->b)
		return rc;
	if (!rc && (rc = store_bulk_flush(w->b)))
		why(w->x->r, "could not write %s rows to the target (see the log above)", w->e->table);
	store_bulk_free(w->b);
	w->b = NULL;
	if (rc) {
		store_rollback(w->x->to);
		return rc;
	}
	if ((rc = store_commit(w->x->to)))
		why(w->x->r, "could not commit %s rows to the target (see the log above)", w->e->table);
	else
		w->x->r->copied += w->pending;
	w->pending = 0;
	return rc;
}

static int write_page(struct writer *w, const struct store_list *l)
{
	const struct entity *e = w->e;
	int rc;
	if (!w->b) {
		if ((rc = store_begin(w->x->to))) {
			why(w->x->r, "could not start a transaction in the target (see the log above)");
			return rc;
		}
		if ((rc = store_bulk_begin(w->x->to, &e, e == &index_ent ? 0 : 1, &w->b))) {
			why(w->x->r, "could not start writing %s to the target (see the log above)", e->table);
			store_rollback(w->x->to);
			return rc;
		}
	}
	for (size_t i = 0; i < l->n; i++) {
		if (e == &index_ent) {
			const struct index_entry *ix = l->items[i];
			rc = store_bulk_index(w->b, ix->person_id, ix->words);
		} else {
			rc = store_bulk_add(w->b, e, l->items[i]);
		}
		if (rc) { /* the row that failed may be an earlier one: the log names it */
			why(w->x->r, "could not write %s rows to the target (see the log above)",
			    e->table);
			return writer_end(w, rc);
		}
	}
	w->pending += (long long)l->n;
	return store_bulk_sets_aside(w->x->to) ? STORE_OK : writer_end(w, STORE_OK);
}

static int copy_table(struct run *x, const struct entity *e)
{
	struct cursor c;
	struct writer w = { x, e, NULL, 0 };
	long long rows = 0;
	int rc;
	cursor_init(&c, x->from, e, x->batch);
	for (;;) {
		if ((rc = cursor_fill(&c))) {
			why(x->r, "could not read %s from the source (see the log above)", e->table);
			break;
		}
		if (c.cur.l.n == 0)
			break;
		if ((rc = write_page(&w, &c.cur.l)))
			break;
		rows += (long long)c.cur.l.n;
	}
	rc = writer_end(&w, rc);
	cursor_free(&c);
	if (!rc)
		progress(x->r, "copied", e->table, rows);
	return rc;
}

/* Names the first field where a and b differ; NULL when they are equal. */
static const char *differing_field(const struct entity *e, const void *a, const void *b)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const char *va = field_get(a, &e->fields[i]), *vb = field_get(b, &e->fields[i]);
		if ((va == NULL) != (vb == NULL) || (va && strcmp(va, vb) != 0))
			return e->fields[i].name;
	}
	return NULL;
}

/* Reads a table from both sides in key order, hashes each, and records the
 * first difference. Returns a store error only for a fault; a difference
 * shows in t (counts or sums) and in r->why. */
static int verify_table(struct run *x, const struct entity *e, struct transfer_table *t)
{
	struct cursor ca, cb;
	struct crypto_sha256 ha, hb;
	struct buf ser;
	const char *key = e->fields[0].name;
	int rc = STORE_OK, differs = 0;

	t->name = e->table;
	cursor_init(&ca, x->from, e, x->batch);
	cursor_init(&cb, x->to, e, x->batch);
	crypto_sha256_init(&ha);
	crypto_sha256_init(&hb);
	buf_init(&ser, 0);
	for (;;) {
		void *a, *b;
		if ((rc = cursor_next(&ca, &a))) {
			why(x->r, "could not read %s from the source (see the log above)", e->table);
			break;
		}
		if ((rc = cursor_next(&cb, &b))) {
			why(x->r, "could not read %s from the target (see the log above)", e->table);
			break;
		}
		if (!a && !b)
			break;
		if (e == &index_ent) {
			if (a)
				((struct index_entry *)a)->words = words_set(ca.cur.a, ((struct index_entry *)a)->words);
			if (b)
				((struct index_entry *)b)->words = words_set(cb.cur.a, ((struct index_entry *)b)->words);
		}
		if (a) {
			hash_record(&ha, &ser, e, a);
			t->rows_from++;
		}
		if (b) {
			hash_record(&hb, &ser, e, b);
			t->rows_to++;
		}
		if (differs)
			continue;
		const char *ka = a ? field_get(a, &e->fields[0]) : NULL;
		const char *kb = b ? field_get(b, &e->fields[0]) : NULL;
		const char *f;
		differs = 1;
		if (!b)
			why(x->r, "%s: the target ends after %lld rows; the source goes on with %s %s",
			    e->table, t->rows_to, key, ka);
		else if (!a)
			why(x->r, "%s: the target has rows the source lacks, from %s %s", e->table, key, kb);
		else if (strcmp(ka, kb) != 0)
			why(x->r, "%s: row %lld is %s %s in the source but %s %s in the target", e->table,
			    t->rows_from, key, ka, key, kb);
		else if ((f = differing_field(e, a, b)))
			why(x->r, "%s: row %s %s differs in field %s", e->table, key, ka, f);
		else
			differs = 0;
	}
	if (ser.err) {
		why(x->r, "%s: a row too large to compare", e->table);
		rc = STORE_ERROR;
	}
	crypto_sha256_final_hex(&ha, t->sum_from);
	crypto_sha256_final_hex(&hb, t->sum_to);
	buf_free(&ser);
	cursor_free(&ca);
	cursor_free(&cb);
	if (!rc)
		progress(x->r, "verified", e->table, t->rows_to);
	return rc;
}

static int verify_audit(struct run *x)
{
	long long checked, bad, src_checked, src_bad;
	int rc = audit_verify(x->to, &checked, &bad);
	x->r->audit_events = checked;
	if (rc == DOM_CONFLICT) {
		int src = audit_verify(x->from, &src_checked, &src_bad);
		why(x->r, "the audit chain of the target is broken at event %lld%s", bad,
		    src == DOM_CONFLICT && src_bad == bad ? " (so is the source's: amparo audit verify "
							    "on the source names it)"
							  : "");
	} else if (rc) {
		why(x->r, "could not read the target's audit log (see the log above)");
	}
	return rc;
}

static int copy_and_verify(struct run *x)
{
	struct transfer_report *r = x->r;
	int rc = DOM_OK, same = 0;
	int64_t t0 = time_mono_us();

	for (size_t i = 0; i < NCOPIED; i++)
		if (strcmp(transfer_tables[i], copied[i]->table) != 0)
			log_fatal("transfer: transfer_tables does not follow the copy order");
	for (size_t i = 0; !rc && i <= NCOPIED; i++)
		rc = copy_table(x, i < NCOPIED ? copied[i] : &index_ent);
	r->copy_secs = (double)(time_mono_us() - t0) / 1e6;
	if (rc)
		return dom_from_store(rc);

	t0 = time_mono_us();
	for (size_t i = 0; !rc && i <= NCOPIED; i++) {
		struct transfer_table *t = &r->t[r->n++];
		rc = verify_table(x, i < NCOPIED ? copied[i] : &index_ent, t);
		same += !rc && t->rows_from == t->rows_to && strcmp(t->sum_from, t->sum_to) == 0;
	}
	if (!rc && same != (int)(NCOPIED + 1)) {
		why(r, "the copy differs from the source");
		rc = STORE_CONFLICT;
	}
	rc = dom_from_store(rc);
	if (!rc)
		rc = verify_audit(x);
	r->verify_secs = (double)(time_mono_us() - t0) / 1e6;
	return rc;
}

int transfer_run(struct store *from, struct store *to, long batch, struct transfer_report *r)
{
	struct run x = { from, to, batch > 0 ? batch : 1000, r };
	int rc, pending;

	r->n = 0;
	r->copied = 0;
	r->audit_events = 0;
	r->touched = 0;
	r->why[0] = 0;
	to->raw = 1; /* sealed values are copied as they are (docs/encryption.md) */
	if ((rc = check_source(&x)) || (rc = check_target(&x)))
		return rc;
	if ((rc = store_transfer_mark(to))) {
		why(r, "could not prepare the target (see the log above)");
		return dom_from_store(rc);
	}
	/* A second name for the same database now shows the mark. The target
	 * passed check_target, so it is empty: taking the mark off restores it. */
	if ((rc = store_transfer_pending(from, &pending)) || pending) {
		r->touched = store_transfer_finish(to) != STORE_OK;
		why(r, rc ? "could not read the source database (see the log above)"
			  : "the source and the target are the same database");
		return rc ? dom_from_store(rc) : DOM_INVALID;
	}
	/* One transaction over the whole read: a consistent copy, and no
	 * writer changes the source between the copy and the comparison. */
	if ((rc = store_begin(from))) {
		/* Nothing copied yet: the target can go back to being empty. */
		r->touched = store_transfer_finish(to) != STORE_OK;
		why(r, rc == STORE_BUSY ? "the source is busy: stop the server that uses it and try again"
					: "could not start reading the source (see the log above)");
		return dom_from_store(rc);
	}
	r->touched = 1;
	rc = copy_and_verify(&x);
	store_rollback(from); /* it only read */
	if (rc)
		return rc;
	if ((rc = store_transfer_finish(to))) {
		why(r, "the copy verified, but the target could not be marked finished "
		       "(see the log above)");
		return dom_from_store(rc);
	}
	return DOM_OK;
}
