/* store.c: engine selection, nested transactions and migrations. */
#include "store/store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/asset.h"
#include "base/buf.h"
#include "base/log.h"
#include "store/bulk_pipe.h"
#include "store/memo.h"

const struct store_engine *store_eng(struct store *st)
{
	if (st->bulk)
		bulk_pipe_wait(st->bulk->pipe);
	return st->eng;
}

int store_is_pg(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0 ||
	       strncmp(url, "postgresql:", 11) == 0;
}

int store_open(const char *url, struct store **out, char *err, size_t errlen)
{
	const struct store_engine *eng = store_is_pg(url) ? &store_pg : &store_sqlite;

	if (eng->open(url, out) != STORE_OK) {
		/* Never echo a connection string: it may hold a password. */
		snprintf(err, errlen, "cannot open the %s database %s", eng->name,
			 eng == &store_pg ? "(see the log above)" : url);
		return STORE_ERROR;
	}
	(*out)->eng = eng;
	return STORE_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	store_bulk_free(st->bulk); /* a load left open: discarded */
	memo_free(st->memo);
	st->eng->close(st);
}

int store_read_begin(struct store *st)
{
	const struct store_engine *eng = store_eng(st);
	if (st->reading || st->depth > 0 || !eng->read_begin)
		return STORE_OK;
	memo_clear(st->memo);
	int rc = eng->read_begin(st);
	st->reading = rc == STORE_OK;
	return rc;
}

void store_read_end(struct store *st)
{
	if (!st->reading)
		return;
	st->reading = 0;
	memo_clear(st->memo);
	store_eng(st)->read_end(st);
}

void store_read_renew(struct store *st)
{
	if (st->reading) {
		store_read_end(st);
		store_read_begin(st);
	}
}

int store_durable_pending(struct store *st)
{
	const struct store_engine *eng = store_eng(st);
	return eng->durable_pending && eng->durable_pending(st);
}

void store_when_durable(struct store *st, void (*done)(void *arg, int rc), void *arg)
{
	const struct store_engine *eng = store_eng(st);
	if (eng->when_durable)
		eng->when_durable(st, done, arg);
	else
		done(arg, STORE_OK);
}

int store_wait_durable(struct store *st)
{
	const struct store_engine *eng = store_eng(st);
	return eng->wait_durable ? eng->wait_durable(st) : STORE_OK;
}

void store_publish(struct store *st)
{
	const struct store_engine *eng = store_eng(st);
	if (eng->publish)
		eng->publish(st);
}

int store_begin(struct store *st)
{
	if (st->depth++ > 0)
		return STORE_OK;
	store_read_end(st);
	st->failed = 0;
	int rc = store_eng(st)->begin(st);
	if (rc)
		st->depth = 0;
	return rc;
}

int store_commit(struct store *st)
{
	if (st->depth <= 0)
		log_fatal("store_commit without store_begin");
	if (--st->depth > 0)
		return st->failed ? STORE_ERROR : STORE_OK;
	/* A load still open is flushed first, and fails the commit if any of
	 * its records did. */
	if (st->bulk && store_bulk_flush(st->bulk))
		st->failed = 1;
	const struct store_engine *eng = store_eng(st);
	if (st->failed) {
		eng->rollback(st);
		return STORE_ERROR;
	}
	int rc = eng->commit(st);
	if (rc)
		eng->rollback(st);
	else
		st->commits++;
	return rc;
}

void store_rollback(struct store *st)
{
	if (st->depth <= 0)
		log_fatal("store_rollback without store_begin");
	if (st->bulk) /* what a load still has to write is not worth writing */
		bulk_pipe_discard(st->bulk->pipe);
	if (--st->depth > 0) {
		st->failed = 1;
		return;
	}
	store_eng(st)->rollback(st);
}

/* Migrations are embedded assets named "migrations/NNNN_name.sql"; an engine
 * may add "migrations/NNNN_name.ENGINE.sql" for what its dialect needs. */
static const struct asset *migration(int version, const char *engine)
{
	char prefix[32];
	snprintf(prefix, sizeof(prefix), "migrations/%04d_", version);
	for (size_t i = 0; i < asset_count; i++) {
		const char *n = asset_table[i].name;
		if (strncmp(n, prefix, strlen(prefix)) != 0)
			continue;
		const char *dot = strchr(n + strlen(prefix), '.');
		if (!engine && strcmp(dot, ".sql") == 0)
			return &asset_table[i];
		if (engine && strncmp(dot + 1, engine, strlen(engine)) == 0 &&
		    strcmp(dot + 1 + strlen(engine), ".sql") == 0)
			return &asset_table[i];
	}
	return NULL;
}

/* The highest migration number: a gap in the numbers (a branch's
 * migration waiting for the ones before it) is skipped by store_migrate. */
int store_latest_version(void)
{
	int v = 0;
	for (size_t i = 0; i < asset_count; i++) {
		const char *n = asset_table[i].name;
		if (strncmp(n, "migrations/", 11) == 0 && strlen(n) > 16 && n[15] == '_') {
			int num = (int)strtol(n + 11, NULL, 10);
			v = num > v ? num : v;
		}
	}
	return v;
}

int store_schema_version(struct store *st, int *version)
{
	return store_eng(st)->schema_version(st, version);
}

int store_migrate(struct store *st, int *applied)
{
	int cur, latest = store_latest_version(), rc;

	*applied = 0;
	int pending;
	if ((rc = store_transfer_pending(st, &pending)))
		return rc;
	if (pending) {
		log_error("this database holds an unfinished amparo transfer and cannot be used: "
			  "create it anew and run amparo transfer again");
		return STORE_ERROR;
	}
	if ((rc = store_schema_version(st, &cur)))
		return rc;
	if (cur > latest) {
		log_error("the database schema (%d) is newer than this program (%d)", cur, latest);
		return STORE_ERROR;
	}
	for (int v = cur + 1; v <= latest; v++) {
		const struct asset *common = migration(v, NULL);
		const struct asset *extra = migration(v, store_eng(st)->name);
		if (!common)
			continue; /* a gap in the numbers */
		struct buf sql;
		buf_init(&sql, 0);
		buf_add(&sql, common->data, common->len);
		if (extra) {
			buf_addc(&sql, '\n');
			buf_add(&sql, extra->data, extra->len);
		}
		buf_printf(&sql, "\nINSERT INTO schema_version(version) VALUES (%d);", v);
		if ((rc = store_begin(st)) == STORE_OK) {
			rc = store_eng(st)->exec(st, sql.p);
			if (rc)
				store_rollback(st);
			else
				rc = store_commit(st);
		}
		buf_free(&sql);
		if (rc) {
			log_error("migration %s failed", common->name);
			return rc;
		}
		log_info("applied migration %s", common->name);
		(*applied)++;
	}
	return STORE_OK;
}

/* Before any write: what was kept from earlier reads may be stale, and a
 * write outside a transaction ends an open snapshot first, so that it
 * commits on its own as it would without one and the reads after it see
 * it (a read-only snapshot cannot take the write lock anyway). */
static void writing(struct store *st)
{
	memo_clear(st->memo);
	if (st->depth == 0)
		store_read_end(st);
}

/* Runs write (an engine's insert or update) on rec with its sealed fields
 * sealed, unless st is raw. */
static int write_sealed(struct store *st, const struct entity *e, const void *rec,
			int (*write)(struct store *, const struct entity *, const void *))
{
	void *sealed;
	writing(st);
	if (st->raw)
		return write(st, e, rec);
	int rc = store_seal_record(e, rec, &sealed);
	if (rc)
		return rc;
	rc = write(st, e, sealed ? sealed : rec);
	store_seal_free(e, rec, sealed);
	return rc;
}

int store_insert(struct store *st, const struct entity *e, const void *rec)
{
	return write_sealed(st, e, rec, store_eng(st)->insert);
}

int store_update(struct store *st, const struct entity *e, const void *rec)
{
	return write_sealed(st, e, rec, store_eng(st)->update);
}

static int known_column(const struct entity *e, const char *col)
{
	if (col && col[0] == '*') /* STORE_ANY */
		col++;
	const struct field *f = col ? entity_field(e, col) : NULL;
	if (f && (f->flags & F_SEALED))
		log_fatal("store: %s.%s is sealed: it cannot be a filter, an order or a group",
			  e->table, col);
	if (!col || f)
		return 1;
	/* A filter's column with its operator (store_filter): "starts_at<". */
	size_t n = strcspn(col, "<>=");
	const char *op = col + n;
	if (n && n < 64 && (!strcmp(op, "<") || !strcmp(op, "<=") || !strcmp(op, ">") ||
			    !strcmp(op, ">="))) {
		char name[64];
		memcpy(name, col, n);
		name[n] = 0;
		if ((f = entity_field(e, name)) && !(f->flags & F_SEALED))
			return 1;
	}
	log_fatal("store: %s has no column %s", e->table, col);
}

/* Inside a read transaction nothing can change but by a write of this
 * connection, which forgets every answer kept (memo.c). The end of the
 * transaction, which is the end of the page, forgets them too: a sealed
 * record's plaintext kept there lives no longer than the page's own. */
static int memo_on(const struct store *st)
{
	return st->reading && st->depth == 0;
}

int store_get(struct store *st, const struct entity *e, struct arena *a, const char *key,
	      const char *value, void *rec)
{
	known_column(e, key);
	/* No key is the first column: kept under its name, so that both ways
	 * of asking find the same answer. */
	const char *col = key ? key : e->fields[0].name;
	int sealed = store_entity_sealed(e), memo = memo_on(st), known;
	if (memo && (known = memo_find(st->memo, e, col, value, a, rec)))
		return known > 0 ? STORE_OK : STORE_NOTFOUND;
	int rc = store_eng(st)->get(st, e, a, key, value, rec);
	if (rc == STORE_OK && sealed)
		rc = store_open_record(e, a, rec);
	if ((rc == STORE_OK || rc == STORE_NOTFOUND) && memo)
		memo_put(&st->memo, e, col, value, rc == STORE_OK ? rec : NULL);
	return rc;
}

int store_list(struct store *st, const struct entity *e, struct arena *a, const char *key,
	       const char *value, const char *order, int desc, long limit, long offset,
	       struct store_list *out)
{
	struct store_filter f = { key, value };
	return store_list_where(st, e, a, &f, key ? 1 : 0, order, desc, limit, offset, out);
}

int store_count(struct store *st, const struct entity *e, const char *key, const char *value,
		long long *n)
{
	struct store_filter f = { key, value };
	return store_count_where(st, e, &f, key ? 1 : 0, n);
}

int store_list_where(struct store *st, const struct entity *e, struct arena *a,
		     const struct store_filter *f, size_t nf, const char *order, int desc,
		     long limit, long offset, struct store_list *out)
{
	for (size_t i = 0; i < nf; i++)
		known_column(e, f[i].key);
	known_column(e, order);
	if (limit <= 0)
		limit = 100;
	if (offset < 0)
		offset = 0;
	struct memo_query q = { e, f, nf, order, desc, limit, offset };
	int memo = memo_on(st);
	if (memo && memo_find_list(st->memo, &q, a, out))
		return STORE_OK;
	int rc = store_eng(st)->list(st, e, a, f, nf, order, desc, limit, offset, out);
	if (rc == STORE_OK && store_entity_sealed(e))
		for (size_t i = 0; i < out->n && !rc; i++)
			rc = store_open_record(e, a, out->items[i]);
	if (rc == STORE_OK && memo)
		memo_put_list(&st->memo, &q, out);
	return rc;
}

int store_count_where(struct store *st, const struct entity *e, const struct store_filter *f,
		      size_t nf, long long *n)
{
	for (size_t i = 0; i < nf; i++)
		known_column(e, f[i].key);
	struct memo_query q = { e, f, nf, NULL, 0, 0, 0 };
	int memo = memo_on(st);
	if (memo && memo_find_count(st->memo, &q, n))
		return STORE_OK;
	int rc = store_eng(st)->count(st, e, f, nf, n);
	if (rc == STORE_OK && memo)
		memo_put_count(&st->memo, &q, *n);
	return rc;
}

int store_count_by(struct store *st, const struct entity *e, struct arena *a,
		   const struct store_filter *f, size_t nf, const char *const *by, size_t nby,
		   struct store_list *out)
{
	return store_sum_by(st, e, a, f, nf, by, nby, NULL, out);
}

int store_sum_by(struct store *st, const struct entity *e, struct arena *a,
		 const struct store_filter *f, size_t nf, const char *const *by, size_t nby,
		 const char *sum, struct store_list *out)
{
	if (nby < 1 || nby > STORE_GROUP_MAX)
		log_fatal("store: grouping %s by %zu columns", e->table, nby);
	for (size_t i = 0; i < nf; i++)
		known_column(e, f[i].key);
	for (size_t i = 0; i < nby; i++)
		known_column(e, by[i]);
	known_column(e, sum);
	return store_eng(st)->count_by(st, e, a, f, nf, by, nby, sum, out);
}

int store_remove(struct store *st, const struct entity *e, const char *id)
{
	writing(st);
	return store_eng(st)->remove(st, e, id);
}

int store_next_number(struct store *st, const char *counter, long long *out)
{
	return store_next_numbers(st, counter, 1, out);
}

int store_next_numbers(struct store *st, const char *counter, long long n, long long *last)
{
	if (n < 1)
		log_fatal("store_next_numbers: n = %lld", n);
	writing(st);
	return store_eng(st)->next_number(st, counter, n, last);
}

int store_person_index(struct store *st, const char *person_id, const char *words)
{
	writing(st);
	return store_eng(st)->person_index(st, person_id, words);
}

int store_index_current(struct store *st)
{
	int drained = 0;
	const struct store_engine *eng = store_eng(st);
	int rc = eng->index_drain ? eng->index_drain(st, &drained) : STORE_OK;
	if (!rc && drained)
		store_read_renew(st);
	return rc;
}

int store_index_optimize(struct store *st)
{
	writing(st);
	int rc = store_index_current(st);
	const struct store_engine *eng = store_eng(st);
	return rc || !eng->index_optimize ? rc : eng->index_optimize(st);
}

int store_person_search(struct store *st, struct arena *a, const struct search_term *t,
			size_t nt, long limit, long offset, struct store_list *out)
{
	if (limit <= 0)
		limit = 50;
	if (offset < 0)
		offset = 0;
	int rc = store_index_current(st);
	if (rc) {
		out->n = 0;
		out->total = 0;
		out->items = NULL;
		return rc;
	}
	return store_eng(st)->person_search(st, a, t, nt, limit, offset, out);
}

int store_position(struct store *st, char out[STORE_POSITION_MAX])
{
	out[0] = 0;
	return store_eng(st)->position(st, out);
}

unsigned long long store_position_value(const char *pos)
{
	char *end;
	if (!pos || !isxdigit((unsigned char)pos[0]))
		return 0;
	unsigned long long hi = strtoull(pos, &end, 16);
	if (*end != '/' || !isxdigit((unsigned char)end[1]) || hi > 0xffffffffULL)
		return 0;
	unsigned long long lo = strtoull(end + 1, &end, 16);
	if (*end || lo > 0xffffffffULL)
		return 0;
	return hi << 32 | lo;
}

int store_scan(struct store *st, const struct entity *e, struct arena *a, const char *after,
	       long limit, struct store_list *out)
{
	if (limit <= 0)
		limit = 100;
	return store_eng(st)->scan(st, e, a, after, limit, out);
}

int store_index_scan(struct store *st, struct arena *a, const char *after, long limit,
		     struct store_list *out)
{
	if (limit <= 0)
		limit = 100;
	int rc = store_index_current(st);
	if (rc) {
		out->n = 0;
		out->total = -1;
		out->items = NULL;
		return rc;
	}
	return store_eng(st)->index_scan(st, a, after, limit, out);
}

#define TRANSFER_MARK "transfer_incomplete"

int store_transfer_pending(struct store *st, int *yes)
{
	return store_eng(st)->has_table(st, TRANSFER_MARK, yes);
}

/* Runs sql (constant text, several statements allowed) in one transaction. */
static int exec_in_tx(struct store *st, const char *sql)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	if ((rc = store_eng(st)->exec(st, sql))) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

int store_transfer_mark(struct store *st)
{
	return exec_in_tx(st, "DELETE FROM schema_version;"
			      "CREATE TABLE " TRANSFER_MARK " (started_at TEXT NOT NULL);"
			      "INSERT INTO " TRANSFER_MARK " (started_at) VALUES (CURRENT_TIMESTAMP);");
}

int store_transfer_finish(struct store *st)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_adds(&sql, "DROP TABLE " TRANSFER_MARK ";");
	for (int v = 1; v <= store_latest_version(); v++)
		buf_printf(&sql, "INSERT INTO schema_version(version) VALUES (%d);", v);
	int rc = sql.err ? STORE_ERROR : exec_in_tx(st, sql.p);
	buf_free(&sql);
	return rc;
}

int store_bulk_begin(struct store *st, const struct entity *const *tables, size_t n,
		     struct store_bulk **out)
{
	if (st->depth <= 0)
		log_fatal("store_bulk_begin outside a transaction");
	if (n > STORE_BULK_TABLES)
		log_fatal("store_bulk_begin: %zu tables, at most %d", n, STORE_BULK_TABLES);
	if (st->bulk)
		log_fatal("store_bulk_begin: a load is already open on this store");
	int rc = store_eng(st)->bulk_begin(st, out);
	if (rc)
		return rc;
	(*out)->st = st;
	for (size_t i = 0; i < n; i++)
		(*out)->tables[i] = tables[i];
	(*out)->ntables = n;
	(*out)->pipe = bulk_pipe_start(*out);
	st->bulk = *out;
	return STORE_OK;
}

int store_bulk_sets_aside(const struct store *st)
{
	return st->eng->bulk_sets_aside;
}

int store_bulk_add(struct store_bulk *b, const struct entity *e, const void *rec)
{
	for (size_t i = 0; i < b->ntables; i++)
		if (b->tables[i] == e) {
			void *sealed = NULL;
			int rc = b->st->raw ? STORE_OK : store_seal_record(e, rec, &sealed);
			if (!rc)
				rc = bulk_pipe_add(b->pipe, i, sealed ? sealed : rec);
			store_seal_free(e, rec, sealed);
			return rc;
		}
	log_fatal("store_bulk_add: %s is not among the load's tables", e->table);
}

int store_bulk_index(struct store_bulk *b, const char *person_id, const char *words)
{
	if (!person_id || !words) { /* an index entry without them, read from elsewhere */
		log_error("store: a search index entry without %s", person_id ? "words" : "a person");
		return STORE_ERROR;
	}
	return bulk_pipe_index(b->pipe, person_id, words);
}

int store_bulk_flush(struct store_bulk *b)
{
	int rc = bulk_pipe_wait(b->pipe);
	return rc ? rc : b->st->eng->bulk_flush(b);
}

void store_bulk_free(struct store_bulk *b)
{
	if (!b)
		return;
	bulk_pipe_stop(b->pipe);
	b->pipe = NULL;
	b->st->bulk = NULL;
	b->st->eng->bulk_free(b);
}
