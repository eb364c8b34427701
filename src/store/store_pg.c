/* store_pg.c: the PostgreSQL engine, through libpq. One connection per
 * struct store (callers keep one per thread). Statements are prepared once
 * per connection and cached by their SQL text. Write transactions take one
 * advisory lock, so writers are serialised exactly as SQLite's are (the
 * audit chain relies on it). A lost connection is reset and the call
 * answers STORE_BUSY, so the request gets a 503 and the next one works.
 * A transaction the loss ended stays open for its caller, who must roll
 * it back: until then every call answers STORE_BUSY, so no statement of
 * it runs on the new connection outside a transaction. */
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"
#include "store/memo.h"
#include "store/search.h"
#include "store/sql.h"
#include "store/store.h"

#define CACHE_SLOTS 128
#define WRITE_LOCK "7262" /* any constant: the key of the advisory lock */
#define READ_BEGIN "BEGIN ISOLATION LEVEL REPEATABLE READ" /* a page's reads (pg_read_begin) */

struct pg_bulk;

struct pg_store {
	struct store base; /* first: a struct store * is a struct pg_store * */
	PGconn *conn;
	/* A bulk load whose rows its sender thread is writing on conn (see
	 * send_behind): every other use of conn waits for it first (idle). */
	struct pg_bulk *sending;
	int in_tx; /* between a BEGIN that succeeded and its COMMIT or ROLLBACK */
	int reading; /* that transaction is a page's reads (pg_read_begin) */
	int lost; /* the connection was lost inside that transaction (see above) */
	unsigned next_name;
	struct {
		char *sql;
		char name[16];
	} cache[CACHE_SLOTS];
};

static struct pg_store *P(struct store *st)
{
	return (struct pg_store *)st;
}

/* What every session of amparo's assumes, on a new connection and again
 * after a reset (PQreset makes a new session, without them). */
static void settle(PGconn *conn)
{
	PQclear(PQexec(conn, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; "
			     "SET client_min_messages = warning"));
}

/* After a failure: a broken connection is reset (the statements prepared
 * on it are gone with it) and reported as busy; anything else is logged. */
static int failed(struct pg_store *s, PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	int rc = STORE_ERROR;

	/* The server ending the session (an administrator, a shutdown) may
	 * come as an error before libpq has seen the connection close. */
	int gone = PQstatus(s->conn) == CONNECTION_BAD ||
		   (state && (strncmp(state, "08", 2) == 0 || strncmp(state, "57P0", 4) == 0));
	if (gone) {
		log_warn("postgresql: connection lost (%s); reconnecting", what);
		for (int i = 0; i < CACHE_SLOTS; i++) {
			free(s->cache[i].sql);
			s->cache[i].sql = NULL;
		}
		PQreset(s->conn);
		if (PQstatus(s->conn) == CONNECTION_OK)
			settle(s->conn);
		s->lost = s->in_tx;
		s->in_tx = 0;
		rc = STORE_BUSY;
	} else if (state && strcmp(state, "23505") == 0) {
		rc = STORE_CONFLICT; /* unique_violation */
	} else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
			     strcmp(state, "55P03") == 0)) {
		rc = STORE_BUSY; /* serialization failure, deadlock, lock not available */
	} else {
		log_error("postgresql: %s: %s", what, PQerrorMessage(s->conn));
	}
	if (!gone && s->reading && PQtransactionStatus(s->conn) == PQTRANS_INERROR) {
		/* A failed statement aborts the page's snapshot, and would fail
		 * every query after it: the page goes on in a new one, as it
		 * would have with one transaction a statement. */
		PQclear(PQexec(s->conn, "ROLLBACK"));
		PQclear(PQexec(s->conn, READ_BEGIN));
	}
	/* A failure may end a page's snapshot (above, or with the
	 * connection): what the memo kept from it, a write of its own
	 * included, is gone. (Only pages read: a bulk load's sender thread,
	 * which may fail here too, runs inside a write transaction.) */
	if (s->reading)
		memo_clear(s->base.memo);
	if (res)
		PQclear(res);
	return rc;
}

static void idle(struct pg_store *s);

/* Makes conn ready for a statement: waits for a bulk load's sender, and
 * refuses while a transaction lost with its connection awaits rollback. */
static int ready(struct pg_store *s)
{
	idle(s);
	return s->lost ? STORE_BUSY : STORE_OK;
}

/* Runs sql (prepared once per connection) with n text parameters; NULL
 * entries are SQL NULL. On success *out is the result (PQclear it). */
static int run(struct pg_store *s, const char *sql, int n, const char *const *params,
	       PGresult **out)
{
	int rc = ready(s);
	if (rc)
		return rc;
	unsigned h = 5381;
	for (const char *p = sql; *p; p++)
		h = h * 33 + (unsigned char)*p;
	unsigned slot = h % CACHE_SLOTS;
	for (unsigned i = 0; i < CACHE_SLOTS; i++) {
		unsigned k = (h + i) % CACHE_SLOTS;
		if (!s->cache[k].sql || strcmp(s->cache[k].sql, sql) == 0) {
			slot = k;
			break;
		}
	}
	if (!s->cache[slot].sql || strcmp(s->cache[slot].sql, sql) != 0) {
		/* New, or evicting the entry in its home slot. */
		if (s->cache[slot].sql) {
			char dealloc[32];
			snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", s->cache[slot].name);
			PQclear(PQexec(s->conn, dealloc));
			free(s->cache[slot].sql);
			s->cache[slot].sql = NULL;
		}
		char name[16];
		snprintf(name, sizeof(name), "s%u", s->next_name++);
		PGresult *res = PQprepare(s->conn, name, sql, 0, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			return failed(s, res, sql);
		PQclear(res);
		s->cache[slot].sql = strdup(sql);
		memcpy(s->cache[slot].name, name, sizeof(name));
	}
	PGresult *res = PQexecPrepared(s->conn, s->cache[slot].name, n, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		return failed(s, res, sql);
	*out = res;
	return STORE_OK;
}

static int run_done(struct pg_store *s, const char *sql, int n, const char *const *params)
{
	PGresult *res;
	int rc = run(s, sql, n, params, &res);
	if (!rc)
		PQclear(res);
	return rc;
}

static int pg_open(const char *url, struct store **out)
{
	struct pg_store *s = calloc(1, sizeof(*s));
	if (!s)
		log_fatal("out of memory");
	s->conn = PQconnectdb(url);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		/* The message may name the host, never the password. */
		log_error("postgresql: cannot connect: %s", PQerrorMessage(s->conn));
		PQfinish(s->conn);
		free(s);
		return STORE_ERROR;
	}
	settle(s->conn);
	*out = &s->base;
	return STORE_OK;
}

static void pg_close(struct store *st)
{
	struct pg_store *s = P(st);
	idle(s);
	for (int i = 0; i < CACHE_SLOTS; i++)
		free(s->cache[i].sql);
	PQfinish(s->conn);
	free(s);
}

static int pg_exec(struct store *st, const char *sql)
{
	int rc = ready(P(st));
	if (rc)
		return rc;
	PGresult *res = PQexec(P(st)->conn, sql);
	ExecStatusType stt = PQresultStatus(res);
	if (stt != PGRES_COMMAND_OK && stt != PGRES_TUPLES_OK)
		return failed(P(st), res, "exec");
	PQclear(res);
	return STORE_OK;
}

/* Transaction control cannot be prepared: it goes through PQexec. */
static int control(struct store *st, const char *sql)
{
	int rc = ready(P(st));
	if (rc)
		return rc;
	PGresult *res = PQexec(P(st)->conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return failed(P(st), res, sql);
	PQclear(res);
	return STORE_OK;
}

static int pg_rollback(struct store *st);

static int pg_begin(struct store *st)
{
	struct pg_store *s = P(st);
	int rc = control(st, "BEGIN");
	if (rc)
		return rc;
	s->in_tx = 1;
	if ((rc = run_done(s, "SELECT pg_advisory_xact_lock(" WRITE_LOCK ")", 0, NULL))) {
		/* store_begin reports the failure: nobody will roll this back. */
		pg_rollback(st);
	}
	return rc;
}

static int pg_commit(struct store *st)
{
	int rc = control(st, "COMMIT");
	P(st)->in_tx = 0;
	return rc;
}

/* Ends the transaction with sql (ROLLBACK, or a read's COMMIT). One lost
 * with its connection has nothing left to end. */
static int end_tx(struct store *st, const char *sql)
{
	struct pg_store *s = P(st);
	idle(s);
	int rc = s->lost ? STORE_OK : control(st, sql);
	s->lost = s->in_tx = s->reading = 0; /* even when sql met a lost connection */
	return rc;
}

static int pg_rollback(struct store *st)
{
	return end_tx(st, "ROLLBACK");
}

/* A page's reads share one snapshot, as on SQLite (store_read_begin).
 * Not READ ONLY: what SQLite lets a read transaction write, this lets
 * too. A connection lost inside it is handled as a write transaction's. */
static int pg_read_begin(struct store *st)
{
	int rc = control(st, READ_BEGIN);
	if (!rc)
		P(st)->in_tx = P(st)->reading = 1;
	return rc;
}

static int pg_read_end(struct store *st)
{
	return end_tx(st, "COMMIT");
}

static int pg_schema_version(struct store *st, int *version)
{
	*version = 0;
	int rc = ready(P(st));
	if (rc)
		return rc;
	PGresult *res = PQexec(P(st)->conn, "SELECT to_regclass('schema_version') IS NOT NULL");
	int exists = PQresultStatus(res) == PGRES_TUPLES_OK && PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	if (!exists)
		return STORE_OK;
	res = PQexec(P(st)->conn, "SELECT coalesce(max(version), 0) FROM schema_version");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return failed(P(st), res, "schema_version");
	*version = (int)strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return STORE_OK;
}

static void read_row(PGresult *res, int row, const struct entity *e, struct arena *a, void *rec)
{
	for (size_t i = 0; i < e->nfields; i++) {
		char **dst = field_ptr(rec, &e->fields[i]);
		if (PQgetisnull(res, row, (int)i))
			*dst = NULL;
		else
			*dst = arena_strndup(a, PQgetvalue(res, row, (int)i),
					     (size_t)PQgetlength(res, row, (int)i));
	}
}

static const char **values(const struct entity *e, const void *rec, struct arena *a)
{
	const char **v = arena_alloc(a, sizeof(*v) * (e->nfields + 4));
	for (size_t i = 0; i < e->nfields; i++)
		v[i] = field_get(rec, &e->fields[i]);
	return v;
}

static int pg_insert(struct store *st, const struct entity *e, const void *rec)
{
	struct arena *a = arena_new();
	struct buf sql;
	buf_init(&sql, 0);
	sql_insert(&sql, e, 1);
	int rc = run_done(P(st), sql.p, (int)e->nfields, values(e, rec, a));
	buf_free(&sql);
	arena_free(a);
	return rc;
}

static int pg_update(struct store *st, const struct entity *e, const void *rec)
{
	struct arena *a = arena_new();
	struct buf sql;
	PGresult *res;
	buf_init(&sql, 0);
	buf_printf(&sql, "UPDATE %s SET ", e->table);
	for (size_t i = 1; i < e->nfields; i++)
		buf_printf(&sql, "%s%s = $%zu", i > 1 ? ", " : "", e->fields[i].name, i + 1);
	buf_printf(&sql, " WHERE %s = $1", e->fields[0].name);
	int rc = run(P(st), sql.p, (int)e->nfields, values(e, rec, a), &res);
	if (!rc) {
		if (strcmp(PQcmdTuples(res), "0") == 0)
			rc = STORE_NOTFOUND;
		PQclear(res);
	}
	buf_free(&sql);
	arena_free(a);
	return rc;
}

static int pg_get(struct store *st, const struct entity *e, struct arena *a, const char *key,
		  const char *value, void *rec)
{
	struct buf sql;
	PGresult *res;
	buf_init(&sql, 0);
	sql_select_from(&sql, e);
	buf_printf(&sql, " WHERE %s = $1 LIMIT 1", key ? key : e->fields[0].name);
	const char *params[] = { value };
	int rc = run(P(st), sql.p, 1, params, &res);
	buf_free(&sql);
	if (rc)
		return rc;
	if (PQntuples(res) == 0)
		rc = STORE_NOTFOUND;
	else
		read_row(res, 0, e, a, rec);
	PQclear(res);
	return rc;
}

static int collect(PGresult *res, const struct entity *e, struct arena *a, struct store_list *out)
{
	int n = PQntuples(res);
	out->items = arena_alloc(a, sizeof(void *) * (size_t)(n ? n : 1));
	out->n = 0;
	for (int i = 0; i < n; i++) {
		void *rec = arena_alloc(a, e->size);
		read_row(res, i, e, a, rec);
		out->items[out->n++] = rec;
	}
	PQclear(res);
	return STORE_OK;
}

static int pg_list(struct store *st, const struct entity *e, struct arena *a,
		   const struct store_filter *f, size_t nf, const char *order, int desc, long limit,
		   long offset, struct store_list *out)
{
	struct buf sql;
	PGresult *res;
	char lim[24], off[24];
	const char *params[SQL_FILTERS_MAX + 2];
	int n = 0;

	out->total = -1;
	buf_init(&sql, 0);
	sql_select_from(&sql, e);
	sql_where(&sql, f, nf, 1);
	for (size_t i = 0; i < nf; i++)
		params[n++] = f[i].value;
	snprintf(lim, sizeof(lim), "%ld", limit);
	snprintf(off, sizeof(off), "%ld", offset);
	params[n++] = lim;
	params[n++] = off;
	/* Rows with equal values of order come in key order: PostgreSQL keeps
	 * no order among them, and its top-N sort may give them differently
	 * to two pages of one list, repeating a row and skipping another.
	 * (SQLite returns them in the order of the index it walks, the same
	 * on every page.) */
	const char *key = e->fields[0].name;
	if (!order || strcmp(order, key) == 0)
		buf_printf(&sql, " ORDER BY %s %s", key, desc ? "DESC" : "ASC");
	else
		buf_printf(&sql, " ORDER BY %s %s, %s %s", order, desc ? "DESC" : "ASC", key,
			   desc ? "DESC" : "ASC");
	buf_printf(&sql, " LIMIT $%d OFFSET $%d", n - 1, n);
	int rc = run(P(st), sql.p, n, params, &res);
	buf_free(&sql);
	return rc ? rc : collect(res, e, a, out);
}

static int pg_count(struct store *st, const struct entity *e, const struct store_filter *f,
		    size_t nf, long long *count)
{
	struct buf sql;
	PGresult *res;
	const char *params[SQL_FILTERS_MAX];
	buf_init(&sql, 0);
	buf_printf(&sql, "SELECT count(*) FROM %s", e->table);
	sql_where(&sql, f, nf, 1);
	for (size_t i = 0; i < nf; i++)
		params[i] = f[i].value;
	int rc = run(P(st), sql.p, (int)nf, params, &res);
	buf_free(&sql);
	if (rc)
		return rc;
	*count = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return STORE_OK;
}

static int pg_count_by(struct store *st, const struct entity *e, struct arena *a,
		       const struct store_filter *f, size_t nf, const char *const *by, size_t nby,
		       const char *sum, struct store_list *out)
{
	struct buf sql;
	PGresult *res;
	const char *params[SQL_FILTERS_MAX];
	buf_init(&sql, 0);
	sql_count_by(&sql, e, f, nf, by, nby, sum, 1);
	for (size_t i = 0; i < nf; i++)
		params[i] = f[i].value;
	int rc = run(P(st), sql.p, (int)nf, params, &res);
	buf_free(&sql);
	out->n = 0;
	out->total = -1;
	if (rc)
		return rc;
	int rows = PQntuples(res);
	out->items = arena_alloc(a, sizeof(void *) * (size_t)(rows ? rows : 1));
	for (int r = 0; r < rows; r++) {
		struct store_group *g = arena_alloc(a, sizeof(*g));
		memset(g, 0, sizeof(*g));
		for (size_t i = 0; i < nby; i++)
			if (!PQgetisnull(res, r, (int)i))
				g->v[i] = arena_strdup(a, PQgetvalue(res, r, (int)i));
		g->n = strtoll(PQgetvalue(res, r, (int)nby), NULL, 10);
		if (sum) /* numeric on PostgreSQL: digits, no fraction for integer columns */
			g->sum = strtoll(PQgetvalue(res, r, (int)nby + 1), NULL, 10);
		out->items[out->n++] = g;
	}
	PQclear(res);
	return STORE_OK;
}

static int pg_remove(struct store *st, const struct entity *e, const char *id)
{
	struct buf sql;
	const char *params[] = { id };
	buf_init(&sql, 0);
	buf_printf(&sql, "DELETE FROM %s WHERE %s = $1", e->table, e->fields[0].name);
	int rc = run_done(P(st), sql.p, 1, params);
	buf_free(&sql);
	return rc;
}

static int pg_next_number(struct store *st, const char *counter, long long n, long long *out)
{
	PGresult *res;
	char by[24];
	snprintf(by, sizeof(by), "%lld", n);
	const char *params[] = { counter, by };
	int rc = run(P(st), "INSERT INTO counters(name, value) VALUES ($1, $2) "
			    "ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value "
			    "RETURNING value",
		     2, params, &res);
	if (rc)
		return rc;
	*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return STORE_OK;
}

/* The words are stored as lexemes exactly as given (array_to_tsvector does
 * not parse them), so "_gonsales" keeps its underscore. Empty words (two
 * spaces in a row) are dropped: array_to_tsvector refuses them. */
static int pg_person_index(struct store *st, const char *person_id, const char *words)
{
	const char *params[] = { person_id, words };
	return run_done(P(st),
			"INSERT INTO people_search(person_id, words) "
			"VALUES ($1, array_to_tsvector(array_remove(string_to_array($2, ' '), ''))) "
			"ON CONFLICT (person_id) DO UPDATE SET words = excluded.words",
			2, params);
}

/* Appends s as a tsquery lexeme: single quotes around, inner ones doubled,
 * backslashes escaped. */
static void lexeme(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_addc(b, *s);
		buf_addc(b, *s);
	}
	buf_addc(b, '\'');
}

/* The page [offset, offset + limit) of the at most SEARCH_RANK_MAX people
 * matching tsquery q, ranked in C (search.h) as on SQLite, so both engines
 * list a search in the same order: reads every match's words, sorts, then
 * reads the page's people. */
static int ranked_page(struct pg_store *s, struct arena *a, const char *q,
		       const struct search_term *t, size_t nt, long limit, long offset,
		       struct store_list *out)
{
	const char *params[] = { q };
	PGresult *res;
	int rc = run(s, "SELECT person_id, array_to_string(tsvector_to_array(words), ' ') "
			"FROM people_search WHERE words @@ $1::tsquery",
		     1, params, &res);
	if (rc)
		return rc;
	size_t n = (size_t)PQntuples(res);
	struct search_hit *h = arena_alloc(a, sizeof(*h) * (n + 1));
	for (size_t i = 0; i < n; i++) {
		h[i].id = arena_strdup(a, PQgetvalue(res, (int)i, 0));
		h[i].score = search_score(t, nt, PQgetvalue(res, (int)i, 1), &h[i].nwords);
	}
	PQclear(res);
	search_sort(h, n);
	out->total = (long long)n;

	size_t from = (size_t)offset < n ? (size_t)offset : n;
	size_t to = (size_t)limit < n - from ? from + (size_t)limit : n;
	struct buf ids, sql;
	buf_init(&ids, 0);
	buf_addc(&ids, '{');
	for (size_t i = from; i < to; i++) {
		buf_adds(&ids, i > from ? ",\"" : "\"");
		for (const char *c = h[i].id; *c; c++) {
			if (*c == '"' || *c == '\\')
				buf_addc(&ids, '\\');
			buf_addc(&ids, *c);
		}
		buf_addc(&ids, '"');
	}
	buf_addc(&ids, '}');
	buf_init(&sql, 0);
	sql_select_from(&sql, &ENT_PERSON);
	buf_adds(&sql, " WHERE id = ANY($1::text[])");
	const char *page[] = { ids.p };
	rc = run(s, sql.p, 1, page, &res);
	buf_free(&sql);
	buf_free(&ids);
	struct store_list got;
	if (rc || (rc = collect(res, &ENT_PERSON, a, &got)))
		return rc;
	/* Back into the ranked order. */
	out->items = arena_alloc(a, sizeof(void *) * (to - from + 1));
	out->n = 0;
	for (size_t i = from; i < to; i++)
		for (size_t k = 0; k < got.n; k++)
			if (strcmp(((struct person *)got.items[k])->id, h[i].id) == 0)
				out->items[out->n++] = got.items[k];
	return STORE_OK;
}

static int pg_person_search(struct store *st, struct arena *a, const struct search_term *t,
			    size_t nt, long limit, long offset, struct store_list *out)
{
	struct buf q, sql;
	PGresult *res;
	char lim[24], off[24];
	int rc;

	out->items = NULL;
	out->n = 0;
	out->total = 0;
	if (nt == 0)
		return STORE_OK;
	buf_init(&q, 64 * 1024);
	for (size_t i = 0; i < nt; i++) {
		buf_adds(&q, i ? " & (" : "(");
		lexeme(&q, t[i].word);
		buf_adds(&q, ":*");
		if (t[i].phon && *t[i].phon) {
			buf_adds(&q, " | ");
			lexeme(&q, t[i].phon);
		}
		buf_adds(&q, ")");
	}
	if (q.err) {
		buf_free(&q);
		return STORE_OK;
	}
	const char *cp[] = { q.p };
	rc = run(P(st), "SELECT count(*) FROM people_search WHERE words @@ $1::tsquery", 1, cp, &res);
	if (rc) {
		buf_free(&q);
		return rc;
	}
	out->total = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	if (out->total <= SEARCH_RANK_MAX) {
		rc = ranked_page(P(st), a, q.p, t, nt, limit, offset, out);
		buf_free(&q);
		return rc;
	}
	snprintf(lim, sizeof(lim), "%ld", limit);
	snprintf(off, sizeof(off), "%ld", offset);
	buf_init(&sql, 0);
	buf_adds(&sql, "SELECT ");
	sql_columns(&sql, &ENT_PERSON, "p.");
	/* Past SEARCH_RANK_MAX matches, newest first (ids are UUIDv7, so they
	 * sort by time): page inside the index, then read only that page. */
	buf_adds(&sql, " FROM (SELECT person_id FROM people_search "
		       "WHERE words @@ $1::tsquery ORDER BY person_id DESC LIMIT $2 OFFSET $3) f "
		       "JOIN people p ON p.id = f.person_id ORDER BY f.person_id DESC");
	const char *params[] = { q.p, lim, off };
	rc = run(P(st), sql.p, 3, params, &res);
	buf_free(&sql);
	buf_free(&q);
	return rc ? rc : collect(res, &ENT_PERSON, a, out);
}

/* Where the write-ahead log is: written up to, on a primary; replayed up
 * to, on a replica (hot standby). */
static int pg_position(struct store *st, char out[STORE_POSITION_MAX])
{
	PGresult *res;
	int rc = run(P(st), "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
			    "ELSE pg_current_wal_lsn() END::text", 0, NULL, &res);
	if (rc)
		return rc;
	out[0] = 0;
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		snprintf(out, STORE_POSITION_MAX, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return STORE_OK;
}

static int pg_scan(struct store *st, const struct entity *e, struct arena *a, const char *after,
		   long limit, struct store_list *out)
{
	const char *key = e->fields[0].name;
	struct buf sql;
	PGresult *res;
	char lim[24];
	const char *params[2];
	int n = 0;

	out->total = -1;
	buf_init(&sql, 0);
	sql_select_from(&sql, e);
	if (after) {
		/* $1 takes the key's type: an integer key compares as a number. */
		buf_printf(&sql, " WHERE %s > $1", key);
		params[n++] = after;
	}
	snprintf(lim, sizeof(lim), "%ld", limit);
	params[n++] = lim;
	buf_printf(&sql, " ORDER BY %s LIMIT $%d", key, n);
	int rc = run(P(st), sql.p, n, params, &res);
	buf_free(&sql);
	return rc ? rc : collect(res, e, a, out);
}

/* tsvector_to_array gives the lexemes back as stored: each once, sorted. */
static int pg_index_scan(struct store *st, struct arena *a, const char *after, long limit,
			 struct store_list *out)
{
	PGresult *res;
	char lim[24];
	const char *params[2];
	int n = 0, rc;

	snprintf(lim, sizeof(lim), "%ld", limit);
	if (after)
		params[n++] = after;
	params[n++] = lim;
	rc = run(P(st),
		 after ? "SELECT person_id, array_to_string(tsvector_to_array(words), ' ') "
			 "FROM people_search WHERE person_id > $1 ORDER BY person_id LIMIT $2"
		       : "SELECT person_id, array_to_string(tsvector_to_array(words), ' ') "
			 "FROM people_search ORDER BY person_id LIMIT $1",
		 n, params, &res);
	out->total = -1;
	out->n = 0;
	if (rc) {
		out->items = NULL;
		return rc;
	}
	int rows = PQntuples(res);
	out->items = arena_alloc(a, sizeof(void *) * (size_t)(rows ? rows : 1));
	for (int i = 0; i < rows; i++) {
		struct index_entry *x = arena_alloc(a, sizeof(*x));
		x->person_id = arena_strdup(a, PQgetvalue(res, i, 0));
		x->words = arena_strdup(a, PQgetvalue(res, i, 1));
		out->items[out->n++] = x;
	}
	PQclear(res);
	return STORE_OK;
}

static int pg_has_table(struct store *st, const char *table, int *yes)
{
	PGresult *res;
	const char *params[] = { table };
	int rc = run(P(st), "SELECT to_regclass($1) IS NOT NULL", 1, params, &res);
	*yes = 0;
	if (rc)
		return rc;
	*yes = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	return STORE_OK;
}

/* A bulk load buffers each table's rows in COPY's text format and sends
 * them with one COPY … FROM STDIN per table, in the load's table order and
 * the search index last, whenever the buffers pass BULK_FLUSH_BYTES and at
 * store_bulk_flush: a round trip per table instead of one per row. The
 * sends at the threshold run in a thread of the load's own (send_behind)
 * while the caller fills the next buffers: PostgreSQL takes in one batch
 * while amparo makes the next, on the other core. */
#define BULK_FLUSH_BYTES (8u << 20)
#define COPY_CHUNK (1u << 20)

struct pg_bulk {
	struct store_bulk base; /* first */
	/* The search index's pending list (see pg_bulk_index): 0 untouched
	 * yet, 1 switched on until the flush, -1 not ours to switch. */
	int pending;
	char aside[STORE_BULK_TABLES + 1]; /* set_aside has run for the table */
	struct buf rebuild; /* what set_aside dropped, as the SQL that builds it again */
	struct buf rows[STORE_BULK_TABLES + 1]; /* the last: people_search */
	size_t bytes; /* in all of rows */
	struct buf out[STORE_BULK_TABLES + 1]; /* what the sender writes */
	pthread_t sender;
	int send_rc; /* the first failure of a send, kept for the next call */
};

/* Sends data to the COPY … FROM STDIN statement sql. */
static int copy_in(struct pg_store *s, const char *sql, const struct buf *data)
{
	PGresult *res = PQexec(s->conn, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN)
		return failed(s, res, sql);
	PQclear(res);
	int ok = 1;
	for (size_t off = 0; ok && off < data->n; off += COPY_CHUNK) {
		size_t n = data->n - off < COPY_CHUNK ? data->n - off : COPY_CHUNK;
		ok = PQputCopyData(s->conn, data->p + off, (int)n) == 1;
	}
	if (PQputCopyEnd(s->conn, ok ? NULL : "amparo could not send the rows") != 1)
		ok = 0;
	PGresult *bad = NULL; /* the first failure, judged once all results are in */
	while ((res = PQgetResult(s->conn))) {
		if (!bad && PQresultStatus(res) != PGRES_COMMAND_OK)
			bad = res;
		else
			PQclear(res);
	}
	if (bad || !ok)
		return failed(s, bad, sql);
	return STORE_OK;
}

/* Sends the rows of bufs (b->rows or b->out), table by table in the
 * load's order, and empties bufs. */
static int copy_all(struct pg_bulk *b, struct buf *bufs)
{
	struct store_bulk *base = &b->base;
	struct pg_store *s = P(base->st);
	int rc = s->lost ? STORE_BUSY : STORE_OK;
	for (size_t i = 0; i <= base->ntables && rc == STORE_OK; i++) {
		struct buf *rows = i < base->ntables ? &bufs[i] : &bufs[STORE_BULK_TABLES];
		if (!rows->n)
			continue;
		if (rows->err) {
			log_error("postgresql: bulk rows past the buffer's limit");
			return STORE_ERROR;
		}
		struct buf sql;
		buf_init(&sql, 0);
		if (i < base->ntables) {
			buf_printf(&sql, "COPY %s (", base->tables[i]->table);
			sql_columns(&sql, base->tables[i], "");
			buf_adds(&sql, ") FROM STDIN");
		} else {
			buf_adds(&sql, "COPY people_search (person_id, words) FROM STDIN");
		}
		rc = copy_in(s, sql.p, rows);
		buf_free(&sql);
		buf_reset(rows);
	}
	return rc;
}

static void *sender(void *arg)
{
	struct pg_bulk *b = arg;
	b->send_rc = copy_all(b, b->out);
	return NULL;
}

/* Waits for b's sender, if it runs; returns the first failure of b's
 * sends (the transaction is then lost: the caller rolls it back). */
static int wait_sender(struct pg_bulk *b)
{
	struct pg_store *s = P(b->base.st);
	if (s->sending == b) {
		pthread_join(b->sender, NULL);
		s->sending = NULL;
	}
	return b->send_rc;
}

static void idle(struct pg_store *s)
{
	if (s->sending)
		wait_sender(s->sending);
}

/* Hands the buffered rows to a sender thread, once the one before has
 * written its rows: a bulk load keeps at most two buffers' worth. */
static int send_behind(struct pg_bulk *b)
{
	int rc = wait_sender(b);
	if (rc)
		return rc;
	for (size_t i = 0; i <= STORE_BULK_TABLES; i++) {
		struct buf t = b->out[i];
		b->out[i] = b->rows[i];
		b->rows[i] = t;
	}
	b->bytes = 0;
	struct pg_store *s = P(b->base.st);
	s->sending = b;
	if (pthread_create(&b->sender, NULL, sender, b)) {
		s->sending = NULL;
		return b->send_rc = copy_all(b, b->out); /* no thread: send them now */
	}
	return STORE_OK;
}

/* A load into empty tables is fastest with their indexes and foreign
 * keys built once, after the rows, as pg_restore does: inserting into the
 * indexes row by row and checking each row's foreign keys with a query of
 * its own took two thirds of PostgreSQL's time in amparo demo. So the
 * first row added to a table that holds fewer than STORE_SET_ASIDE_ROWS
 * rows (and that this user owns) drops its non-unique indexes and its
 * foreign keys, keeping the SQL that makes them, and pg_bulk_flush runs
 * it: CREATE INDEX sorts once, and ADD CONSTRAINT checks every row in one
 * join, so a row that breaks a foreign key still fails the load. Primary
 * keys and unique indexes stay, and check every row as it comes. It all
 * happens inside the load's transaction: a rollback (or a crash) puts the
 * tables back as they were, and nobody else ever sees them without their
 * indexes. But the drops lock each such table until the commit, and a
 * foreign key's drop the table it points to as well (people, users): a
 * live server's requests on them wait for the load. That is what a load
 * into a new database (amparo demo after amparo init, amparo transfer)
 * can afford. Tables the load does not write, or a load that fills tables
 * already in use, keep their indexes: rebuilding a large index would cost
 * more than it saves. */
static int set_aside(struct pg_bulk *b, size_t t)
{
	struct store_bulk *base = &b->base;
	struct pg_store *s = P(base->st);
	const char *table = t == STORE_BULK_TABLES ? "people_search" : base->tables[t]->table;
	char sql[160];
	PGresult *res;
	int rc;

	b->aside[t] = 1;
	snprintf(sql, sizeof(sql), "SELECT count(*) < %d FROM (SELECT 1 FROM %s LIMIT %d) AS t",
		 STORE_SET_ASIDE_ROWS, table, STORE_SET_ASIDE_ROWS);
	if ((rc = run(s, sql, 0, NULL, &res)))
		return rc;
	int small = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	if (!small)
		return STORE_OK;
	/* Indexes before foreign keys: a foreign key's check reads them. A
	 * foreign key not yet validated stays as it is (it checks new rows).
	 * Each index is built again in its tablespace, named through
	 * default_tablespace as pg_dump does (a partial index's definition
	 * ends with its WHERE, where no TABLESPACE may follow). */
	const char *params[] = { table };
	if ((rc = run(s,
		      "SELECT 0, 'DROP INDEX ' || i.indexrelid::regclass, "
		      "format('SELECT set_config(%L, %L, true); %s', 'default_tablespace', "
		      "coalesce((SELECT t.spcname FROM pg_class x JOIN pg_tablespace t "
		      "ON t.oid = x.reltablespace WHERE x.oid = i.indexrelid), ''), "
		      "pg_get_indexdef(i.indexrelid)) "
		      "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
		      "WHERE c.oid = $1::regclass AND NOT i.indisunique "
		      "AND pg_has_role(c.relowner, 'USAGE') "
		      "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
		      "UNION ALL "
		      "SELECT 1, format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname), "
		      "format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, "
		      "pg_get_constraintdef(k.oid)) "
		      "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
		      "WHERE k.contype = 'f' AND k.convalidated AND c.oid = $1::regclass "
		      "AND pg_has_role(c.relowner, 'USAGE') ORDER BY 1",
		      1, params, &res)))
		return rc;
	struct buf drop;
	buf_init(&drop, 0);
	for (int r = 0; r < PQntuples(res); r++) {
		buf_printf(&drop, "%s;", PQgetvalue(res, r, 1));
		buf_printf(&b->rebuild, "%s;", PQgetvalue(res, r, 2));
	}
	PQclear(res);
	if (drop.n)
		rc = pg_exec(base->st, drop.p);
	buf_free(&drop);
	return rc;
}

/* Builds what set_aside dropped. Sorting in memory is what makes a build
 * fast: maintenance_work_mem's default (64 MB) spills a million rows to
 * disk. It is raised (never lowered) until the load's commit. */
static int build_again(struct pg_bulk *b)
{
	struct pg_store *s = P(b->base.st);
	PGresult *res;
	if (!b->rebuild.n)
		return STORE_OK;
	int rc = run(s, "SELECT current_setting('default_tablespace')", 0, NULL, &res);
	if (rc)
		return rc;
	char name[128]; /* a tablespace's name: at most 63 bytes */
	snprintf(name, sizeof(name), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	const char *was[] = { name };
	rc = pg_exec(b->base.st,
		     "SELECT set_config('maintenance_work_mem', '256MB', true) WHERE "
		     "pg_size_bytes(current_setting('maintenance_work_mem')) < 256 * 1024 * 1024");
	if (!rc)
		rc = pg_exec(b->base.st, b->rebuild.p);
	if (!rc)
		rc = run_done(s, "SELECT set_config('default_tablespace', $1, true)", 1, was);
	buf_reset(&b->rebuild);
	return rc;
}

/* Moves the pending list into the index and switches it off again, so a
 * search never reads a pending list after the commit (the reason the
 * migration turned it off). */
static int pg_bulk_flush(struct store_bulk *base)
{
	struct pg_bulk *b = (struct pg_bulk *)base;
	int rc = wait_sender(b);
	if (!rc)
		rc = copy_all(b, b->rows);
	b->bytes = 0;
	if (!rc)
		rc = build_again(b);
	if (!rc && b->pending == 1) {
		rc = pg_exec(base->st, "SELECT gin_clean_pending_list('people_search_words');"
				       "ALTER INDEX people_search_words SET (fastupdate = off)");
		b->pending = 0;
	}
	return rc;
}

/* Counts what was appended to rows, and flushes past the threshold. */
static int bulk_added(struct pg_bulk *b, struct buf *rows, size_t before)
{
	b->bytes += rows->n - before;
	return b->bytes >= BULK_FLUSH_BYTES ? send_behind(b) : STORE_OK;
}

static int pg_bulk_begin(struct store *st, struct store_bulk **out)
{
	struct pg_bulk *b = calloc(1, sizeof(*b));
	if (!b)
		log_fatal("out of memory");
	for (size_t i = 0; i <= STORE_BULK_TABLES; i++) {
		buf_init(&b->rows[i], 0);
		buf_init(&b->out[i], 0);
	}
	buf_init(&b->rebuild, 0);
	*out = &b->base;
	return STORE_OK;
}

static int pg_bulk_add(struct store_bulk *base, size_t table, const void *rec)
{
	struct pg_bulk *b = (struct pg_bulk *)base;
	const struct entity *e = base->tables[table];
	struct buf *rows = &b->rows[table];
	size_t before = rows->n;
	int rc;
	if (!b->aside[table] && (rc = set_aside(b, table)))
		return rc;
	for (size_t i = 0; i < e->nfields; i++) {
		const char *v = field_get(rec, &e->fields[i]);
		if (i)
			buf_addc(rows, '\t');
		if (v)
			sql_copy_text(rows, v);
		else
			buf_adds(rows, "\\N");
	}
	buf_addc(rows, '\n');
	return bulk_added(b, rows, before);
}

/* The GIN index of the search words is kept without a pending list
 * (fastupdate off, see the migration), so each row's insert rewrites the
 * posting list of every one of its words: 140 µs a person, more than all
 * the other tables together. A load switches the pending list on, inside
 * its transaction, and pg_bulk_flush merges the list into the index in
 * one pass and switches it off again (six times faster). ALTER INDEX
 * locks the index until the commit: searches wait for the batch, as
 * registrations already wait for its write lock, and a rollback (or a
 * crash) leaves the index as it was. Only the index's owner may alter it:
 * anyone else loads the slow way. A load that set the index aside (see
 * set_aside) finds none here, and builds it whole at the flush. */
static int gin_pending_on(struct pg_bulk *b)
{
	PGresult *res;
	int rc = run(P(b->base.st), "SELECT pg_has_role(relowner, 'USAGE') FROM pg_class "
				    "WHERE oid = to_regclass('people_search_words')",
		     0, NULL, &res);
	if (rc)
		return rc;
	int owner = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	b->pending = -1;
	if (!owner)
		return STORE_OK;
	if ((rc = pg_exec(b->base.st, "ALTER INDEX people_search_words SET (fastupdate = on)")))
		return rc;
	b->pending = 1;
	return STORE_OK;
}

static int pg_bulk_index(struct store_bulk *base, const char *person_id, const char *words)
{
	struct pg_bulk *b = (struct pg_bulk *)base;
	int rc;
	if (!b->aside[STORE_BULK_TABLES] && (rc = set_aside(b, STORE_BULK_TABLES)))
		return rc;
	if (!b->pending && (rc = gin_pending_on(b)))
		return rc;
	struct buf *rows = &b->rows[STORE_BULK_TABLES], lit;
	size_t before = rows->n;
	buf_init(&lit, 0);
	sql_tsvector(&lit, words);
	sql_copy_text(rows, person_id);
	buf_addc(rows, '\t');
	sql_copy_text(rows, lit.p ? lit.p : "");
	buf_addc(rows, '\n');
	buf_free(&lit);
	return bulk_added(b, rows, before);
}

static void pg_bulk_free(struct store_bulk *base)
{
	struct pg_bulk *b = (struct pg_bulk *)base;
	wait_sender(b);
	for (size_t i = 0; i <= STORE_BULK_TABLES; i++) {
		buf_free(&b->rows[i]);
		buf_free(&b->out[i]);
	}
	buf_free(&b->rebuild);
	free(b);
}

const struct store_engine store_pg = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.schema_version = pg_schema_version,
	.insert = pg_insert,
	.update = pg_update,
	.get = pg_get,
	.list = pg_list,
	.count = pg_count,
	.count_by = pg_count_by,
	.remove = pg_remove,
	.next_number = pg_next_number,
	.person_index = pg_person_index,
	.person_search = pg_person_search,
	.position = pg_position,
	.scan = pg_scan,
	.index_scan = pg_index_scan,
	.has_table = pg_has_table,
	.read_begin = pg_read_begin,
	.read_end = pg_read_end,
	.bulk_begin = pg_bulk_begin,
	.bulk_add = pg_bulk_add,
	.bulk_index = pg_bulk_index,
	.bulk_flush = pg_bulk_flush,
	.bulk_free = pg_bulk_free,
	.bulk_sets_aside = 1,
};
