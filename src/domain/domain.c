/* domain.c: result codes and validation errors. */
#include "domain/domain.h"

#include <string.h>

#include "base/i18n.h"
#include "base/log.h"

void errors_add(struct errors *errs, const char *field, const char *message)
{
	if (errs->n < ERRORS_MAX && !errors_for(errs, field))
		errs->e[errs->n++] = (struct field_error){ field, message };
}

const char *errors_for(const struct errors *errs, const char *field)
{
	for (int i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0)
			return errs->e[i].message;
	return NULL;
}

struct store *dom_reader(struct ctx *c)
{
	return c->read && !c->read_failed ? c->read : c->st;
}

int dom_read_again(struct ctx *c, struct store *used, int rc)
{
	if (rc == STORE_OK || rc == STORE_NOTFOUND || used == c->st)
		return 0;
	c->read_failed = 1;
	return 1;
}

int dom_load_ref(struct ctx *c, const struct entity *e, char letter, const char *id, void *out)
{
	const char *key = "id";
	if (!id)
		return DOM_NOTFOUND;
	if ((id[0] == letter || id[0] == letter - 'A' + 'a') && id[1] == '-') {
		key = "ref";
		id = arena_printf(c->a, "%c-%s", letter, id + 2);
	}
	return dom_from_store(store_get(c->st, e, c->a, key, id, out));
}

int dom_load_of_case(struct ctx *c, const struct entity *e, const struct case_rec *k,
		     const char *id, void *out)
{
	const struct field *f = entity_field(e, "case_id");
	int rc;
	if (!id || !f)
		return DOM_NOTFOUND;
	if ((rc = dom_from_store(store_get(c->st, e, c->a, "id", id, out))))
		return rc;
	return strcmp(field_get(out, f), k->id) == 0 ? DOM_OK : DOM_NOTFOUND;
}

int dom_list_of_case(struct ctx *c, const struct entity *e, const struct case_rec *k,
		     const char *order, long limit, long offset, struct store_list *out)
{
	int rc = store_list(c->st, e, c->a, "case_id", k->id, order, 1, limit, offset, out);
	if (!rc)
		rc = store_count(c->st, e, "case_id", k->id, &out->total);
	return dom_from_store(rc);
}

int dom_number(struct ctx *c, const char *counter, char **out)
{
	long long n;
	int rc = dom_from_store(store_next_number(c->st, counter, &n));
	if (!rc)
		*out = arena_printf(c->a, "%lld", n);
	return rc;
}

int dom_from_store(int rc)
{
	switch (rc) {
	case STORE_OK: return DOM_OK;
	case STORE_NOTFOUND: return DOM_NOTFOUND;
	case STORE_CONFLICT: return DOM_CONFLICT;
	case STORE_BUSY: return DOM_BUSY;
	default: return DOM_ERROR;
	}
}

const char *dom_code(int rc)
{
	switch (rc) {
	case DOM_OK: return "ok";
	case DOM_INVALID: return "invalid";
	case DOM_UNAUTH: return "unauthenticated";
	case DOM_FORBIDDEN: return "forbidden";
	case DOM_NOTFOUND: return "not_found";
	case DOM_CONFLICT: return "conflict";
	case DOM_THROTTLED: return "too_many_requests";
	case DOM_BUSY: return "busy";
	default: return "internal";
	}
}

const char *dom_message(int rc)
{
	switch (rc) {
	case DOM_OK: return _("Done.");
	case DOM_INVALID: return _("Some fields need correcting.");
	case DOM_UNAUTH: return _("Please log in.");
	case DOM_FORBIDDEN: return _("You do not have permission to do this.");
	case DOM_NOTFOUND: return _("Not found.");
	case DOM_CONFLICT: return _("This conflicts with the current state of the record.");
	case DOM_THROTTLED: return _("Too many attempts. Wait a few minutes and try again.");
	case DOM_BUSY: return _("The system is busy. Try again in a moment.");
	default: return _("Something went wrong on our side. The error was logged.");
	}
}

int dom_worker_start(const char *url, const char *what, struct store **st, pthread_t *thread,
		     void *(*fn)(void *))
{
	char err[256];
	if (store_open(url, st, err, sizeof(err))) {
		log_error("%s cannot open the database: %s", what, err);
		return DOM_ERROR;
	}
	if (pthread_create(thread, NULL, fn, NULL)) {
		log_error("%s: no thread", what);
		store_close(*st);
		*st = NULL;
		return DOM_ERROR;
	}
	return DOM_OK;
}

void dom_worker_stop(pthread_mutex_t *mu, pthread_cond_t *cv, int *stop, pthread_t thread,
		     struct store **st)
{
	pthread_mutex_lock(mu);
	*stop = 1;
	pthread_cond_broadcast(cv);
	pthread_mutex_unlock(mu);
	pthread_join(thread, NULL);
	store_close(*st);
	*st = NULL;
}
