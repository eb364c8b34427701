/* partner.c: the partner directory. */
#include "domain/partner.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/i18n.h"
#include "base/norm.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/person.h"
#include "domain/validate.h"

/* The fields an audit event of a change names. */
#define PARTNER_FIELDS "name,kind,areas,description,contact_name,phone,email,address"

void partner_validate(const struct partner *p, struct errors *errs)
{
	validate_required(errs, "name", p->name);
	validate_length(errs, "name", p->name, 200);
	validate_required(errs, "kind", p->kind);
	validate_code(errs, "kind", p->kind, &CAT_PARTNER_KIND);
	validate_codes(errs, "areas", p->areas, &CAT_AREA);
	validate_length(errs, "description", p->description, 2000);
	validate_length(errs, "contact_name", p->contact_name, 200);
	validate_phone(errs, "phone", p->phone);
	validate_email(errs, "email", p->email);
	validate_length(errs, "address", p->address, 300);
}

/* Trims p's fields and writes its areas in catalogue order, each once,
 * comma-separated (NULL when none); unknown codes are kept at the end so
 * that validation names them. */
static void clean(struct ctx *c, struct partner *p)
{
	record_clean(c->a, &ENT_PARTNER, p);
	if (!p->areas)
		return;
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < CAT_AREA.n; i++)
		if (codes_has(p->areas, CAT_AREA.items[i].code))
			buf_printf(&b, "%s%s", b.n ? "," : "", CAT_AREA.items[i].code);
	const char *it = p->areas;
	char code[64];
	while (codes_next(&it, code, sizeof(code)))
		if (!catalog_find(&CAT_AREA, code))
			buf_printf(&b, "%s%s", b.n ? "," : "", code);
	p->areas = b.n ? arena_strdup(c->a, b.p) : NULL;
	buf_free(&b);
}

static int load(struct ctx *c, const char *id, struct partner *out)
{
	if (!id)
		return DOM_NOTFOUND;
	return dom_from_store(store_get(c->st, &ENT_PARTNER, c->a, "id", id, out));
}

int partner_get(struct ctx *c, const char *id, struct partner *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	return rc ? rc : load(c, id, out);
}

int partner_create(struct ctx *c, struct partner *in, struct errors *errs, struct partner *out)
{
	char id[37], now[32];
	int rc = auth_check(c->user, PERM_PARTNERS_MANAGE);
	if (rc)
		return rc;
	clean(c, in);
	partner_validate(in, errs);
	if (errs->n)
		return DOM_INVALID;
	crypto_uuid7(id);
	time_now_iso(now);
	struct partner p = *in;
	p.id = id;
	p.active = "1";
	p.created_at = p.updated_at = now;
	p.created_by = c->user->id;
	if ((rc = audit_write(c, &ENT_PARTNER, &p, 1, "create", "partner", p.id, PARTNER_FIELDS)))
		return rc;
	return out ? load(c, id, out) : DOM_OK;
}

int partner_update(struct ctx *c, const char *id, const struct partner *changes,
		   struct errors *errs, struct partner *out)
{
	struct partner cur, next;
	char now[32];
	int rc = auth_check(c->user, PERM_PARTNERS_MANAGE);
	if (rc || (rc = load(c, id, &cur)))
		return rc;
	next = cur;
	record_apply(c->a, &ENT_PARTNER, &next, changes);
	clean(c, &next);
	partner_validate(&next, errs);
	if (errs->n)
		return DOM_INVALID;
	time_now_iso(now);
	next.updated_at = now;
	if ((rc = audit_write(c, &ENT_PARTNER, &next, 0, "update", "partner", next.id, PARTNER_FIELDS)))
		return rc;
	return out ? load(c, cur.id, out) : DOM_OK;
}

int partner_set_active(struct ctx *c, const char *id, int active, struct partner *out)
{
	struct partner p;
	char now[32];
	int rc = auth_check(c->user, PERM_PARTNERS_MANAGE);
	if (rc || (rc = load(c, id, &p)))
		return rc;
	if ((strcmp(p.active, "0") != 0) != (active != 0)) {
		time_now_iso(now);
		p.active = active ? "1" : "0";
		p.updated_at = now;
		if ((rc = audit_write(c, &ENT_PARTNER, &p, 0, active ? "reactivate" : "deactivate", "partner",
				       p.id, "active")))
			return rc;
	}
	return out ? load(c, p.id, out) : DOM_OK;
}

/* s folded for comparison (norm_fold), in the arena. */
static const char *fold(struct ctx *c, const char *s)
{
	struct buf b;
	buf_init(&b, 0);
	norm_fold(&b, s ? s : "");
	const char *r = arena_strbuf(c->a, &b);
	buf_free(&b);
	return r;
}

/* True when every word of the folded query is in the folded name. */
static int name_matches(const char *name, const char *query)
{
	char word[128];
	const char *p = query;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		if (n >= sizeof(word))
			n = sizeof(word) - 1;
		memcpy(word, p, n);
		word[n] = 0;
		if (!strstr(name, word))
			return 0;
		p += strcspn(p, " ");
	}
	return 1;
}

struct named {
	const char *folded;
	void *rec;
};

static int by_name(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	return strcmp(x->folded, y->folded);
}

int partner_list(struct ctx *c, const struct partner_filter *f, long limit, long offset,
		 struct errors *errs, struct store_list *out)
{
	struct store_list all;
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	const char *active = f->active ? f->active : "1";
	if (strcmp(active, "1") != 0 && strcmp(active, "0") != 0 && strcmp(active, "all") != 0)
		errors_add(errs, "active", _("Choose active partners, inactive ones or all."));
	if (f->area && *f->area)
		validate_code(errs, "area", f->area, &CAT_AREA);
	if (errs->n)
		return DOM_INVALID;
	if ((rc = dom_from_store(store_list(c->st, &ENT_PARTNER, c->a, NULL, NULL, "name", 0,
					    PARTNERS_MAX, 0, &all))))
		return rc;
	const char *q = f->q && *f->q ? fold(c, f->q) : NULL;
	if (limit <= 0)
		limit = 50;
	/* Sorted here by folded name: the engines' collations disagree on
	 * case and accents ("ACNUR", "Albergue", "Ágape"). */
	struct named *sorted = arena_alloc(c->a, sizeof(*sorted) * (all.n ? all.n : 1));
	for (size_t i = 0; i < all.n; i++)
		sorted[i] = (struct named){ fold(c, ((struct partner *)all.items[i])->name), all.items[i] };
	qsort(sorted, all.n, sizeof(*sorted), by_name);
	out->items = arena_alloc(c->a, sizeof(void *) * (all.n ? all.n : 1));
	out->n = 0;
	out->total = 0;
	for (size_t i = 0; i < all.n; i++) {
		const struct partner *p = sorted[i].rec;
		if (strcmp(active, "all") != 0 && strcmp(p->active, active) != 0)
			continue;
		if (f->area && *f->area && !codes_has(p->areas, f->area))
			continue;
		if (q && !name_matches(sorted[i].folded, q))
			continue;
		if (out->total >= offset && out->total < offset + limit)
			out->items[out->n++] = sorted[i].rec;
		out->total++;
	}
	return DOM_OK;
}
