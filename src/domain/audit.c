/* audit.c: each event's hash covers its content and the previous hash, so
 * changing or removing any past event breaks every later link. */
#include "domain/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/timeutil.h"
#include "domain/auth.h"
#include "domain/merge.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* SHA-256 over the event's parts, each length-prefixed ("5:hello;"), so
 * "a|b" and "a", "|b" cannot collide. */
static void event_hash(const struct audit_event *ev, char out[65])
{
	struct crypto_sha256 h;
	const char *parts[] = { ev->prev_hash, ev->seq, ev->at, ev->user_id, ev->action,
				ev->entity, ev->entity_id, ev->fields };
	crypto_sha256_init(&h);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		const char *p = parts[i] ? parts[i] : "";
		size_t n = strlen(p), k = n;
		char len[24], *d = len + sizeof(len);
		/* "%zu:" by hand: bulk loads hash millions of events. */
		*--d = ':';
		do
			*--d = (char)('0' + k % 10);
		while ((k /= 10));
		crypto_sha256_update(&h, d, (size_t)(len + sizeof(len) - d));
		crypto_sha256_update(&h, p, n);
		crypto_sha256_update(&h, ";", 1);
	}
	crypto_sha256_final_hex(&h, out);
}

int audit_chain_head(struct store *st, struct arena *a, struct audit_chain *h)
{
	struct store_list last;
	int rc = store_list(st, &ENT_AUDIT, a, NULL, NULL, "seq", 1, 1, 0, &last);
	if (rc)
		return rc;
	h->seq = 0;
	memcpy(h->hash, GENESIS, sizeof(h->hash));
	if (last.n) {
		const struct audit_event *prev = last.items[0];
		h->seq = strtoll(prev->seq, NULL, 10);
		snprintf(h->hash, sizeof(h->hash), "%s", prev->hash);
	}
	return STORE_OK;
}

void audit_chain_link(struct arena *a, struct audit_chain *h, struct audit_event *ev)
{
	char hash[65];
	ev->seq = arena_printf(a, "%lld", h->seq + 1);
	ev->prev_hash = arena_strdup(a, h->hash);
	event_hash(ev, hash);
	ev->hash = arena_strdup(a, hash);
	h->seq++;
	memcpy(h->hash, hash, sizeof(hash));
}

int audit_chain_append(struct store *st, struct arena *a, struct audit_chain *h,
		       struct audit_event *ev)
{
	struct audit_chain next = *h;
	audit_chain_link(a, &next, ev);
	int rc = store_insert(st, &ENT_AUDIT, ev);
	if (!rc)
		*h = next;
	return rc;
}

int audit_write(struct ctx *c, const struct entity *e, void *rec, int insert, const char *action,
		const char *entity, const char *entity_id, const char *fields)
{
	int rc = dom_from_store(store_begin(c->st));
	if (rc)
		return rc;
	if ((rc = dom_from_store(insert ? store_insert(c->st, e, rec) : store_update(c->st, e, rec))) ||
	    (rc = audit_record(c, action, entity, entity_id, fields))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int audit_record(struct ctx *c, const char *action, const char *entity, const char *entity_id,
		 const char *fields)
{
	struct audit_chain h;
	char at[32];
	int rc;

	if ((rc = store_begin(c->st)))
		return dom_from_store(rc);
	if ((rc = audit_chain_head(c->st, c->a, &h)))
		goto fail;
	time_now_iso(at);
	struct audit_event ev = { .at = at,
				  .user_id = c->user ? c->user->id : NULL,
				  .action = (char *)action,
				  .entity = (char *)entity,
				  .entity_id = (char *)entity_id,
				  .fields = (char *)fields };
	if ((rc = audit_chain_append(c->st, c->a, &h, &ev)))
		goto fail;
	return dom_from_store(store_commit(c->st));
fail:
	store_rollback(c->st);
	return dom_from_store(rc);
}

int audit_verify(struct store *st, long long *checked, long long *bad_seq)
{
	char prev[65] = GENESIS, hash[65], after[24] = "";
	long long expect = 1;
	const long batch = 1000;

	*checked = 0;
	*bad_seq = 0;
	/* Keyset paging: OFFSET would reread every earlier event per page. */
	for (;;) {
		struct arena *a = arena_new();
		struct store_list l;
		int rc = store_scan(st, &ENT_AUDIT, a, after[0] ? after : NULL, batch, &l);
		if (rc) {
			arena_free(a);
			return dom_from_store(rc);
		}
		for (size_t i = 0; i < l.n; i++) {
			struct audit_event *ev = l.items[i];
			event_hash(ev, hash);
			if (strtoll(ev->seq, NULL, 10) != expect || strcmp(ev->prev_hash, prev) != 0 ||
			    strcmp(ev->hash, hash) != 0) {
				*bad_seq = strtoll(ev->seq, NULL, 10);
				arena_free(a);
				return DOM_CONFLICT;
			}
			memcpy(prev, ev->hash, sizeof(prev));
			snprintf(after, sizeof(after), "%lld", expect);
			expect++;
			(*checked)++;
		}
		size_t n = l.n;
		arena_free(a);
		if (n < (size_t)batch)
			return DOM_OK;
	}
}

/* The most records whose histories one history joins (a survivor and
 * those merged into it). */
#define MERGED_MAX 16

static int newer_first(const void *x, const void *y)
{
	long long a = strtoll((*(struct audit_event *const *)x)->seq, NULL, 10);
	long long b = strtoll((*(struct audit_event *const *)y)->seq, NULL, 10);
	return a < b ? 1 : a > b ? -1 : 0;
}

int audit_list_for(struct ctx *c, const char *entity_id, int changes, long limit, int settled,
		   struct store_list *out)
{
	/* Changes are read from audit_changes, whose partial index holds no
	 * views: a much-viewed record's thousands of views are not stepped
	 * over (migration 0027). */
	const struct entity *e = changes ? &ENT_AUDIT_CHANGES : &ENT_AUDIT;
	struct store_filter f[1] = { { "entity_id", entity_id } };
	size_t cap = (size_t)(limit > 0 ? limit : 100);
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc || (settled && (rc = audit_views_settle())))
		return rc;
	if (settled)
		store_read_renew(c->st); /* the writer committed on its own connection */
	/* Events cannot be re-pointed (the chain covers entity_id): a
	 * survivor's history also reads the events of every record merged
	 * into it, newest first across them all. */
	const char *ids[MERGED_MAX];
	size_t k = merge_absorbed(c, entity_id, ids, MERGED_MAX);
	if (k <= 1)
		return dom_from_store(store_list_where(c->st, e, c->a, f, 1, "seq", 1, limit, 0, out));
	void **all = arena_alloc(c->a, sizeof(void *) * cap * k);
	size_t n = 0;
	for (size_t i = 0; i < k; i++) {
		struct store_list l;
		f[0].value = ids[i];
		if ((rc = store_list_where(c->st, e, c->a, f, 1, "seq", 1, limit, 0, &l)))
			return dom_from_store(rc);
		for (size_t j = 0; j < l.n; j++)
			all[n++] = l.items[j];
	}
	qsort(all, n, sizeof(void *), newer_first);
	out->items = all;
	out->n = n < cap ? n : cap;
	out->total = -1;
	return DOM_OK;
}
