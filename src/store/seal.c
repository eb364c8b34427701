/* seal.c: the store's field encryption: sealed columns (F_SEALED) are
 * sealed on every write and opened on every read that goes through
 * store.c, so no page, API route or command can forget it. Keys come
 * from crypto_keys (base/crypto.h); docs/encryption.md says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"
#include "store/store.h"

/* The room for the associated data of one value: "amparo/table/column/id". */
#define AD_MAX 256

int store_entity_sealed(const struct entity *e)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & F_SEALED)
			return 1;
	return 0;
}

/* The row id a sealed value of rec is bound to. */
static const char *row_id(const struct entity *e, const void *rec)
{
	const struct field *id = entity_field(e, "id");
	return id ? field_get(rec, id) : NULL;
}

/* The associated data of field f of rec into ad; 0 or -1 (too long). */
static int bind(char ad[AD_MAX], const struct entity *e, const struct field *f, const void *rec)
{
	const char *id = row_id(e, rec);
	if (!id || !crypto_bind(ad, AD_MAX, e->table, f->name, id)) {
		log_error("store: %s.%s: a sealed value needs a row id", e->table, f->name);
		return -1;
	}
	return 0;
}

int store_seal_record(const struct entity *e, const void *rec, void **out)
{
	*out = NULL;
	if (!store_entity_sealed(e))
		return STORE_OK;
	void *copy = malloc(e->size);
	if (!copy)
		log_fatal("store: out of memory sealing a %s", e->table);
	memcpy(copy, rec, e->size);
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		char ad[AD_MAX];
		if (!(f->flags & F_SEALED) || !field_get(rec, f))
			continue;
		if (bind(ad, e, f, rec)) {
			store_seal_free(e, rec, copy);
			return STORE_ERROR;
		}
		char *s = crypto_seal(&crypto_keys, ad, field_get(rec, f));
		if (!s) {
			*field_ptr(copy, f) = field_get(rec, f); /* not ours to free */
			store_seal_free(e, rec, copy);
			log_error("store: no encryption key to seal %s.%s: start amparo with "
				  "--key-file or AMPARO_KEY (docs/encryption.md)",
				  e->table, f->name);
			return STORE_ERROR;
		}
		*field_ptr(copy, f) = s;
	}
	*out = copy;
	return STORE_OK;
}

void store_seal_free(const struct entity *e, const void *rec, void *copy)
{
	if (!copy)
		return;
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		if ((f->flags & F_SEALED) && field_get(copy, f) != field_get(rec, f))
			free(field_get(copy, f));
	}
	free(copy);
}

/* Opens one sealed value v of field f of rec with ring into *out (malloc'd);
 * a value without the prefix was stored before encryption (or by amparo
 * key rotate's first run) and is returned as it is. */
static int open_value(const struct crypto_keyring *ring, const struct entity *e,
		      const struct field *f, const void *rec, const char *v, char **out)
{
	char ad[AD_MAX], id[9];
	*out = NULL;
	if (!crypto_is_sealed(v)) {
		*out = strdup(v);
		if (!*out)
			log_fatal("store: out of memory");
		return STORE_OK;
	}
	if (bind(ad, e, f, rec))
		return STORE_ERROR;
	int rc = crypto_open(ring, ad, v, out);
	if (rc == 0)
		return STORE_OK;
	const char *rid = row_id(e, rec);
	if (rc == -1 && crypto_sealed_key_id(v, id) == 0)
		log_error("store: %s.%s of %s was sealed with key %s, which amparo was not given "
			  "(see docs/encryption.md)", e->table, f->name, rid, id);
	else
		log_error("store: %s.%s of %s does not open: altered, or copied from another row",
			  e->table, f->name, rid);
	return STORE_ERROR;
}

int store_open_record(const struct entity *e, struct arena *a, void *rec)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		char *plain;
		if (!(f->flags & F_SEALED) || !field_get(rec, f))
			continue;
		if (open_value(&crypto_keys, e, f, rec, field_get(rec, f), &plain))
			return STORE_ERROR;
		*field_ptr(rec, f) = arena_strdup(a, plain);
		free(plain);
	}
	return STORE_OK;
}

int store_seal_check(struct store *st, char *err, size_t errlen)
{
	struct arena *a = arena_new();
	int rc = STORE_OK;
	for (size_t i = 0; i < sealed_entities_n && !rc; i++) {
		const struct entity *e = sealed_entities[i];
		for (size_t j = 0; j < e->nfields && !rc; j++) {
			const struct field *f = &e->fields[j];
			char key[80], id[9], *plain;
			struct store_list l;
			if (!(f->flags & F_SEALED))
				continue;
			/* The newest row with a value from the prefix on (newest: a
			 * database written before encryption has its plain values
			 * first). Ordered by the key, so the primary key's index
			 * answers at once on a large table. */
			snprintf(key, sizeof(key), "%s>=", f->name);
			struct store_filter flt = { key, CRYPTO_SEALED_PREFIX };
			if ((rc = store_eng(st)->list(st, e, a, &flt, 1, e->fields[0].name, 1, 1, 0, &l))) {
				snprintf(err, errlen, "cannot read %s to check the encryption key",
					 e->table);
				break;
			}
			const char *v = l.n ? field_get(l.items[0], f) : NULL;
			if (!crypto_is_sealed(v))
				continue;
			if (crypto_keys.n == 0) {
				snprintf(err, errlen,
					 "this database holds encrypted fields (%s.%s) and no key was "
					 "given: pass --key-file PATH or set AMPARO_KEY (docs/encryption.md)",
					 e->table, f->name);
				rc = STORE_ERROR;
			} else if (open_value(&crypto_keys, e, f, l.items[0], v, &plain)) {
				crypto_sealed_key_id(v, id);
				snprintf(err, errlen,
					 "the key given does not open the encrypted fields of this database "
					 "(%s.%s is sealed with key %s): give the key file that sealed them",
					 e->table, f->name, id);
				rc = STORE_ERROR;
			} else {
				free(plain);
			}
		}
	}
	arena_free(a);
	return rc;
}

/* Calls fn on every record of e, page by page in key order (raw: sealed
 * values as stored); stops at fn's first non-zero answer. */
static int each_record(struct store *st, const struct entity *e,
		       int (*fn)(struct store *st, const struct entity *e, void *rec, void *arg),
		       void *arg)
{
	char after[128] = "";
	int rc = STORE_OK;
	for (;;) {
		struct arena *a = arena_new();
		struct store_list l;
		if ((rc = store_eng(st)->scan(st, e, a, after[0] ? after : NULL, 500, &l))) {
			arena_free(a);
			return rc;
		}
		for (size_t i = 0; i < l.n && !rc; i++)
			rc = fn(st, e, l.items[i], arg);
		size_t n = l.n;
		if (n) {
			const char *k = field_get(l.items[n - 1], &e->fields[0]);
			snprintf(after, sizeof(after), "%s", k ? k : "");
		}
		arena_free(a);
		if (rc || n < 500)
			return rc;
	}
}

/* What reseal_one and verify_one work with. */
struct walk {
	const struct crypto_keyring *ring;
	struct store_sealed_count *count;
};

static int reseal_one(struct store *st, const struct entity *e, void *rec, void *arg)
{
	struct walk *r = arg;
	char *sealed[64] = { 0 };
	int changed = 0, rc = STORE_OK;
	for (size_t i = 0; i < e->nfields && i < 64 && !rc; i++) {
		const struct field *f = &e->fields[i];
		const char *v = field_get(rec, f);
		char id[9], ad[AD_MAX], *plain;
		if (!(f->flags & F_SEALED) || !v)
			continue;
		r->count->values++;
		if (crypto_sealed_key_id(v, id) == 0 && strcmp(id, r->ring->keys[0].id) == 0)
			continue; /* done by an earlier run */
		if ((rc = open_value(r->ring, e, f, rec, v, &plain)) || (rc = bind(ad, e, f, rec)))
			break;
		sealed[i] = crypto_seal(r->ring, ad, plain);
		free(plain);
		if (!sealed[i]) {
			rc = STORE_ERROR;
			break;
		}
		*field_ptr(rec, f) = sealed[i];
		r->count->changed++;
		changed = 1;
	}
	if (!rc && changed)
		rc = store_eng(st)->update(st, e, rec);
	for (size_t i = 0; i < 64; i++)
		free(sealed[i]);
	return rc;
}

int store_reseal(struct store *st, const struct entity *e, const struct crypto_keyring *ring,
		 struct store_sealed_count *count)
{
	struct walk r = { ring, count };
	memset(count, 0, sizeof(*count));
	if (ring->n == 0 || e->nfields > 64)
		return STORE_ERROR;
	int rc = store_begin(st);
	if (rc)
		return rc;
	if ((rc = each_record(st, e, reseal_one, &r))) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

static int verify_one(struct store *st, const struct entity *e, void *rec, void *arg)
{
	struct walk *v = arg;
	(void)st;
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		const char *val = field_get(rec, f);
		char *plain;
		if (!(f->flags & F_SEALED) || !val)
			continue;
		v->count->values++;
		if (!crypto_is_sealed(val)) {
			log_error("store: %s.%s of %s is not encrypted", e->table, f->name,
				  row_id(e, rec));
			v->count->failed++;
		} else if (open_value(v->ring, e, f, rec, val, &plain)) {
			v->count->failed++;
		} else {
			free(plain);
		}
	}
	return STORE_OK;
}

int store_sealed_verify(struct store *st, const struct entity *e,
			const struct crypto_keyring *ring, struct store_sealed_count *count)
{
	struct walk v = { ring, count };
	memset(count, 0, sizeof(*count));
	return each_record(st, e, verify_one, &v);
}
