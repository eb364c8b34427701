/* auth.h: who may do what. Every permission check in amparo goes through
 * auth_check, so web pages, the API and the CLI cannot disagree. */
#ifndef AMPARO_AUTH_H
#define AMPARO_AUTH_H

#include "store/model.h"

enum perm {
	PERM_REGISTRY_READ,  /* list, search and view people and households */
	PERM_REGISTRY_WRITE, /* register and edit people and households */
	PERM_USERS_MANAGE,   /* add, disable users; reset passwords */
	PERM_AUDIT_READ,     /* read the audit log of any record */
	PERM_REGISTRY_MERGE, /* decide on possible duplicates; merge people and households, undo it */
	PERM_PARTNERS_MANAGE, /* add, edit, deactivate partners (reading them needs registry read) */
	PERM_CASES_READ,     /* list and view cases and their services (notes: see case.h) */
	PERM_CASES_WRITE,    /* open cases, change them, record services, in one's areas */
	PERM_CASES_ASSIGN,   /* assign and reassign cases; work on cases of every area */
	PERM_SETTINGS_MANAGE, /* change the office's settings (settings.h) */
	PERM_CATALOGUES_MANAGE, /* add, relabel, deactivate entries of editable catalogues */
	PERM_OFFICES_ALL,    /* see the cases and transfers of every office, not only one's own */
	PERM_OFFICES_MANAGE, /* add, rename, deactivate offices */
	PERM_ASSIST_REQUEST,  /* request assistance (caseworkers: of the assistance area only) */
	PERM_ASSIST_APPROVE,  /* approve or reject requests (never one's own) */
	PERM_ASSIST_DISBURSE, /* record disbursements of approved requests */
	PERM_PROGRAMMES_MANAGE, /* add and change assistance programmes */
	PERM_DATA_RIGHTS,     /* data-subject requests, exports and anonymisation (data_request.h) */
	PERM_CASELOADS_READ,  /* the caseloads page: counts of cases per caseworker */
};

/* Need-to-know grants (docs/access.md): reading a sensitive kind of
 * content needs its grant on top of the role's permissions. Stored in
 * users.grants as comma-separated codes (CAT_GRANT). */
enum auth_grant {
	GRANT_SGBV,             /* "sgbv": SGBV flags, notes of SGBV-flagged cases */
	GRANT_MENTAL_HEALTH,    /* "mental_health": psychosocial notes, assessments */
	GRANT_TORTURE,          /* "torture": torture flags, notes of flagged cases */
	GRANT_ASYLUM_NARRATIVE, /* "asylum_narrative": legal notes, the asylum procedure */
	GRANT_ETHICS,           /* "ethics": the ethics channel's reports */
	GRANT_COUNT
};
#define GRANT_BIT(g) (1u << (g))

/* The code of g ("sgbv", …). */
const char *auth_grant_code(enum auth_grant g);
/* True when u is enabled and holds every grant of mask (GRANT_BIT bits;
 * 0 is always true). Roles imply no grant, administrators included. */
int auth_has_grants(const struct user *u, unsigned mask);
/* True when u has the managers' reduced view (role "manager"): cases,
 * caseloads and counts with people shown by reference only, and no note,
 * narrative, assessment nor flag (docs/access.md). */
int auth_reduced(const struct user *u);
/* True when u may read the ethics channel's reports: the ethics grant. */
int auth_may_read_ethics(const struct user *u);

/* DOM_OK when u may, DOM_UNAUTH when u is NULL or disabled, else DOM_FORBIDDEN. */
int auth_check(const struct user *u, enum perm p);
/* True when u's comma-separated areas include area (admins have all). */
int auth_in_area(const struct user *u, const char *area);
/* True when u's offices (users.office, comma-separated codes) include
 * office; PERM_OFFICES_ALL is not consulted here (see office.h). */
int auth_in_office(const struct user *u, const char *office);

#endif
