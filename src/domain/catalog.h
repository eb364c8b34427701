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

/* Cash and material assistance (docs/assistance.md). */
extern const struct catalog CAT_PROGRAMME_KIND, CAT_PROGRAMME_PERIOD, CAT_ASSISTANCE_STATUS,
	CAT_MECHANISM;
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
extern const struct catalog CAT_GRANT; /* need-to-know grants: sgbv, mental_health, … (auth.h) */
extern const struct catalog CAT_AREA;         /* service areas */
extern const struct catalog CAT_PARTNER_KIND; /* un_agency, government, ngo, shelter, clinic, school, other */
extern const struct catalog CAT_CASE_STATUS;  /* open, active, on_hold, closed */
extern const struct catalog CAT_RISK;         /* low, medium, high, critical */
extern const struct catalog CAT_CLOSURE_REASON;
extern const struct catalog CAT_GOAL_STATUS;   /* pending, in_progress, achieved, not_achieved, dropped */
extern const struct catalog CAT_APPROVAL_KIND; /* plan, closure */
extern const struct catalog CAT_ASYLUM_STAGE;       /* in the procedure's order */
extern const struct catalog CAT_STAGE_RESULT;       /* admitted, not_admitted, granted, denied */
extern const struct catalog CAT_RIGHT;              /* access to rights: work, health, education, documentation */
extern const struct catalog CAT_PROCEDURE_DOCUMENT; /* documents a legal case obtains (document types) */
extern const struct catalog CAT_URGENCY;         /* referrals: routine, priority, urgent */
extern const struct catalog CAT_REFERRAL_STATUS; /* sent, accepted, declined, completed */
extern const struct catalog CAT_REFERRAL_SHARED; /* what a referral shares: identity, contact, … */
extern const struct catalog CAT_FLAG_TYPE;    /* safety_risk, no_phone_contact, sgbv_survivor, … */
extern const struct catalog CAT_APPOINTMENT_KIND;   /* follow_up, appointment, home_visit, phone_call */
extern const struct catalog CAT_APPOINTMENT_STATUS; /* planned, done, missed, cancelled */

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
/* codes (a list as codes_next reads it) as "a,b,c": each code of c it
 * holds once, in c's order, then the entries added to c (catalogue.h) in
 * the list's order, then the first code c does not know (for
 * validate_codes to refuse). Repeats are gone. NULL when codes is NULL or
 * holds none. */
char *catalog_codes_clean(struct arena *a, const struct catalog *c, const char *codes);
/* The items in display order for the calling thread's language (see
 * pinned), as an array of c->n pointers in the arena. */
const struct catalog_item **catalog_sorted(struct arena *a, const struct catalog *c);

/* ---- Editable catalogues (docs/catalogues.md) ----
 *
 * Administrators may add entries to some catalogues, relabel any of their
 * entries per language, and deactivate or reactivate them. Their changes
 * (rows of catalogue_entries, read by catalogue.c) are held in a
 * process-wide set that catalog_find, catalog_label and the functions
 * below consult: readers take no lock, and a published set is never freed
 * while the process runs, so pointers into it stay valid. */

/* One editable catalogue: its name in catalogue_entries, its area (NULL
 * for catalogues that are not per area) and its built-in list. Making
 * another catalogue editable is one line in catalog_data.c. */
struct entity;
struct catalog_editable {
	const char *catalogue;
	const char *area;
	const struct catalog *c;
	/* The records that use its codes, for refusing to remove a used
	 * entry: up to two entities (NULL: none) and their fields. */
	const struct entity *used_by[2];
	const char *used_field[2];
};
extern const struct catalog_editable CATALOG_EDITABLE[];
extern const size_t CATALOG_EDITABLE_N;
/* The editable catalogue c is, or NULL when c is fixed. */
const struct catalog_editable *catalog_editable(const struct catalog *c);
/* The editable catalogue named catalogue (for area, when it is per
 * area), or NULL. */
const struct catalog_editable *catalog_editable_find(const char *catalogue, const char *area);

/* The editable catalogue named catalogue that holds code (built in or
 * added), or NULL: codes are unique across a catalogue's areas. */
const struct catalog_editable *catalog_editable_of(const char *catalogue, const char *code);

/* One change, as the process-wide set holds it. item.label is the English
 * label, else the Spanish one (an added entry has one of them). */
struct catalog_edit {
	const struct catalog *c;
	struct catalog_item item;
	const char *label_es, *label_en; /* NULL: not overridden */
	int active;
};
/* Replaces the set with a copy of the n changes (n 0: none). Returns 0, or
 * -1 when out of memory (the old set stays). Thread-safe. */
int catalog_edits_publish(const struct catalog_edit *e, size_t n);

/* True when code is in c (built in or added) and not deactivated. Fixed
 * catalogues have every entry active. */
int catalog_active(const struct catalog *c, const char *code);

/* An entry as forms, the API and the administrators' page show it. */
struct catalog_entry_view {
	const char *code;
	const char *label;              /* in the thread's language (catalog_label) */
	const char *label_es, *label_en; /* in each language */
	const char *over_es, *over_en;   /* the administrators' labels, or NULL */
	int builtin, active;
};
/* The entries of c in display order (built-in entries in their order, then
 * added ones in the order they were added), as an array of *n in a;
 * active_only leaves deactivated entries out. */
struct catalog_entry_view *catalog_entries(struct arena *a, const struct catalog *c,
					   int active_only, size_t *n);

#endif
