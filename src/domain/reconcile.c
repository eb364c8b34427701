/* reconcile.c: a provider's statement against the expected disbursements,
 * by normalised reference (reconcile.h, docs/reconciliation.md). */
#include "domain/reconcile.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

static int ignored(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '-' || c == '_' || c == '.' || c == '/';
}

size_t recon_normalise(const char *reference, char *out, size_t size)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)(reference ? reference : ""); *p; p++) {
		if (ignored(*p))
			continue;
		if (n + 1 < size)
			out[n] = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		n++;
	}
	if (size)
		out[n < size ? n : size - 1] = 0;
	return n;
}

/* A normalised key and where it came from. */
struct key {
	const char *norm;
	size_t index; /* into expected or lines */
	size_t order; /* line number (lines) or index (expected): ties */
};

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->norm, y->norm);
	if (c)
		return c;
	if (x->order != y->order)
		return (x->order > y->order) - (x->order < y->order);
	return (x->index > y->index) - (x->index < y->index);
}

static int item_cmp(const void *a, const void *b)
{
	const struct recon_item *x = a, *y = b;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	/* Lines by line number; missing by the caller's order (pointers into
	 * one array); a line number tie (two lines on one) by pointer. */
	if (x->line && y->line) {
		if (x->line->line != y->line->line)
			return (x->line->line > y->line->line) - (x->line->line < y->line->line);
		return (x->line > y->line) - (x->line < y->line);
	}
	return (x->expected > y->expected) - (x->expected < y->expected);
}

/* Normalises every reference into one block: keys[i].norm points in it. */
static char *normalise_all(struct key *keys, size_t n, const char *const *refs)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += recon_normalise(refs[i], NULL, 0) + 1;
	char *block = malloc(total ? total : 1);
	if (!block)
		return NULL;
	size_t off = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = recon_normalise(refs[i], NULL, 0);
		recon_normalise(refs[i], block + off, len + 1);
		keys[i].norm = block + off;
		off += len + 1;
	}
	return block;
}

int reconcile(const struct recon_expected *expected, size_t nexpected, const struct recon_line *lines,
	      size_t nlines, struct recon_result *out)
{
	memset(out, 0, sizeof(*out));
	int rc = RECON_ENOMEM;
	struct key *ek = calloc(nexpected + 1, sizeof(*ek));
	struct key *lk = calloc(nlines + 1, sizeof(*lk));
	const char **refs = calloc(nexpected + nlines + 1, sizeof(*refs));
	unsigned char *used = calloc(nexpected + 1, 1);
	struct recon_item *items = calloc(nexpected + nlines + 1, sizeof(*items));
	char *eblock = NULL, *lblock = NULL;
	if (!ek || !lk || !refs || !used || !items)
		goto done;
	for (size_t i = 0; i < nexpected; i++) {
		refs[i] = expected[i].reference;
		ek[i].index = ek[i].order = i;
	}
	for (size_t i = 0; i < nlines; i++) {
		refs[nexpected + i] = lines[i].reference;
		lk[i].index = i;
		lk[i].order = lines[i].line;
	}
	if (!(eblock = normalise_all(ek, nexpected, refs)) ||
	    !(lblock = normalise_all(lk, nlines, refs + nexpected)))
		goto done;
	qsort(ek, nexpected, sizeof(*ek), key_cmp);
	for (size_t i = 0; i < nexpected; i++)
		if (!ek[i].norm[0] || (i && !strcmp(ek[i].norm, ek[i - 1].norm))) {
			out->bad_expected = ek[i].index;
			rc = RECON_EBADEXPECTED;
			goto done;
		}
	qsort(lk, nlines, sizeof(*lk), key_cmp);
	size_t n = 0, e = 0;
	for (size_t i = 0; i < nlines; i++) {
		const struct recon_line *l = &lines[lk[i].index];
		struct recon_item *it = &items[n++];
		it->line = l;
		if (i && !strcmp(lk[i].norm, lk[i - 1].norm)) {
			it->kind = RECON_DUPLICATE;
			it->expected = items[n - 2].expected;
			continue;
		}
		/* Both sorted: walk the expected keys up to this one. */
		while (e < nexpected && strcmp(ek[e].norm, lk[i].norm) < 0)
			e++;
		if (e < nexpected && lk[i].norm[0] && !strcmp(ek[e].norm, lk[i].norm)) {
			const struct recon_expected *x = &expected[ek[e].index];
			used[ek[e].index] = 1;
			it->expected = x;
			it->difference = l->amount_cents - x->amount_cents;
			it->kind = it->difference ? RECON_DIFFERENCE : RECON_MATCHED;
		} else {
			it->kind = RECON_UNMATCHED;
		}
	}
	for (size_t i = 0; i < nexpected; i++)
		if (!used[i])
			items[n++] = (struct recon_item){ .kind = RECON_MISSING, .expected = &expected[i] };
	qsort(items, n, sizeof(*items), item_cmp);
	for (size_t i = 0; i < n; i++)
		out->count[items[i].kind]++;
	out->items = items;
	out->n = n;
	items = NULL;
	rc = RECON_OK;
done:
	free(eblock);
	free(lblock);
	free(ek);
	free(lk);
	free(refs);
	free(used);
	free(items);
	return rc;
}

void recon_result_free(struct recon_result *r)
{
	free(r->items);
	memset(r, 0, sizeof(*r));
}

int recon_all_matched(const struct recon_result *r)
{
	return r->count[RECON_MATCHED] == r->n;
}

const char *recon_kind_label(enum recon_kind kind)
{
	static const char *const labels[RECON_KINDS] = {
		[RECON_MATCHED] = N_("Matched"),
		[RECON_DIFFERENCE] = N_("Amount difference"),
		[RECON_UNMATCHED] = N_("Not expected"),
		[RECON_MISSING] = N_("Missing from the statement"),
		[RECON_DUPLICATE] = N_("Duplicate reference"),
	};
	return (unsigned)kind < RECON_KINDS ? _(labels[kind]) : "";
}
