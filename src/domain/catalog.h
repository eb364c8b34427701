/* catalog.h: the fixed code lists (countries, legal statuses, specific
 * needs, Panama's provinces and districts, roles, areas, …). Labels are
 * English msgids: pass them through gettext (catalog_label does). */
#ifndef AMPARO_CATALOG_H
#define AMPARO_CATALOG_H

#include <stddef.h>

struct catalog_item {
	const char *code;
	const char *label;
};

struct catalog {
	const char *name;
	const struct catalog_item *items;
	size_t n;
	/* Lists show the first `pinned` items in this order (the most used),
	 * then the rest sorted by their translated label. pinned == n keeps
	 * the catalogue's own order throughout. */
	size_t pinned;
};

extern const struct catalog CAT_COUNTRY;      /* ISO 3166-1 alpha-3, plus XXA stateless, XXX unknown */
extern const struct catalog CAT_SEX;          /* female, male, other, unknown */
extern const struct catalog CAT_LEGAL_STATUS; /* asylum_seeker, refugee, migrant, … */
extern const struct catalog CAT_RELATIONSHIP; /* to the head of household */
extern const struct catalog CAT_NEED;         /* UNHCR specific-needs codes */
extern const struct catalog CAT_DOCUMENT_TYPE;
extern const struct catalog CAT_CONSENT_SCOPE;
extern const struct catalog CAT_PROVINCE;     /* Panama: provinces and comarcas, official codes */
extern const struct catalog CAT_DISTRICT;     /* Panama: districts, official codes "PPDD" */
extern const struct catalog CAT_ROLE;
extern const struct catalog CAT_AREA;         /* service areas */
extern const struct catalog CAT_PARTNER_KIND; /* un_agency, government, ngo, shelter, clinic, school, other */
extern const struct catalog CAT_CASE_STATUS;  /* open, active, on_hold, closed */
extern const struct catalog CAT_RISK;         /* low, medium, high, critical */
extern const struct catalog CAT_CLOSURE_REASON;
extern const struct catalog CAT_GOAL_STATUS;   /* pending, in_progress, achieved, not_achieved, dropped */
extern const struct catalog CAT_APPROVAL_KIND; /* plan, closure */

/* The service types of an area (a code of CAT_AREA), or NULL for an
 * unknown area. */
const struct catalog *catalog_service_types(const char *area);

/* The item with this code, or NULL. */
const struct catalog_item *catalog_find(const struct catalog *c, const char *code);
/* The translated label of code, or code itself when unknown (NULL gives ""). */
const char *catalog_label(const struct catalog *c, const char *code);

/* Walks a list of codes separated by commas or spaces ("SM, WR-LC SV"):
 * copies the next code (at most size-1 bytes; longer ones are cut, and so
 * match nothing) into code, advances *p past it, and returns 1; returns 0
 * at the end of the list. A NULL list is empty. */
int codes_next(const char **p, char *code, size_t size);
/* True when the list holds code. */
int codes_has(const char *list, const char *code);

struct arena;
/* The items in display order for the calling thread's language (see
 * pinned), as an array of c->n pointers in the arena. */
const struct catalog_item **catalog_sorted(struct arena *a, const struct catalog *c);

#endif
