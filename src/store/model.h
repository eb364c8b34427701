/* model.h: the records amparo stores, and one descriptor per record type
 * that drives SQL, JSON, forms and audit diffs alike. */
#ifndef AMPARO_MODEL_H
#define AMPARO_MODEL_H

#include <stddef.h>

/* Every field is a NUL-terminated string or NULL (absent). F_INT fields
 * hold decimal digits and are stored as integers. */
enum field_type { F_TEXT, F_INT };

enum field_flag {
	F_SERVER = 1, /* set by amparo, never taken from input */
	F_SECRET = 2, /* never shown or exported (password hashes) */
};

struct field {
	const char *name; /* column, form field and JSON key alike */
	size_t off;
	enum field_type type;
	unsigned flags;
};

struct entity {
	const char *table;
	const char *name; /* for audit events: "person", "household" */
	const struct field *fields;
	size_t nfields;
	size_t size; /* sizeof the record struct */
};

static inline char **field_ptr(void *rec, const struct field *f)
{
	return (char **)((char *)rec + f->off);
}

static inline char *field_get(const void *rec, const struct field *f)
{
	return *(char *const *)((const char *)rec + f->off);
}

/* Finds a field by name; NULL when the entity has none. */
const struct field *entity_field(const struct entity *e, const char *name);

struct person {
	char *id, *ref;
	char *given_names, *surname1, *surname2, *sex, *birth_date, *birth_estimated;
	char *nationality, *origin_country, *languages, *legal_status;
	char *phone, *email, *address, *province, *district, *arrival_date;
	char *household_id, *relationship, *needs, *consent_date, *consent_scope;
	char *office, *status, *created_at, *updated_at, *created_by;
};

struct household {
	char *id, *ref, *head_id, *address, *province, *district, *phone, *notes;
	char *office, *status, *created_at, *updated_at, *created_by;
};

struct document {
	char *id, *person_id, *type, *number, *issued_on, *expires_on, *created_at,
		*created_by;
};

struct status_change {
	char *id, *person_id, *legal_status, *since, *recorded_at, *recorded_by;
};

struct user {
	char *id, *name, *full_name, *role, *areas, *office, *lang, *password_hash;
	char *disabled, *created_at;
};

struct session {
	char *id; /* SHA-256 of the cookie value, never the value itself */
	char *user_id, *csrf, *created_at, *last_seen, *expires_at;
};

struct token {
	char *id, *user_id, *token_hash, *label, *created_at, *revoked;
};

/* Failed-login bookkeeping, one row per account ("u:NAME") or address ("a:IP"). */
struct throttle {
	char *id, *failures, *window_start, *locked_until;
};

struct audit_event {
	char *seq, *at, *user_id, *action, *entity, *entity_id, *fields, *prev_hash, *hash;
};

/* A merge of two people or two households (kind "person" or "household"):
 * *_before and survivor_after are the records encoded by merge.c; fields
 * the names of the fields taken from the merged record; moved the rows
 * re-pointed from the merged record to the survivor. See docs/merge.md. */
struct merge {
	char *id, *kind, *survivor_id, *merged_id, *survivor_before, *survivor_after;
	char *merged_before, *fields, *moved, *merged_by, *merged_at, *undone_by, *undone_at;
};

/* A named counter (the numbers of references like P-000123). Written only
 * through store_next_number; the descriptor lets amparo transfer copy them. */
struct counter {
	char *name, *value;
};

/* A pair of people the registry's scan found alike (the review queue,
 * docs/match.md): person_a < person_b; score in hundredths of a bit; why
 * the explanation as JSON; queue the verdict while status is "pending",
 * NULL once "same" or "different". */
struct match_pair {
	char *id, *person_a, *person_b, *score, *verdict, *queue, *why, *found_at, *status;
	char *decided_by, *decided_at;
};

/* The matching model stored after a refinement, with what the scan that
 * followed it found. seq: 1, 2, ... (the newest is the highest). model:
 * struct match_model as JSON. */
struct match_model_row {
	char *id, *seq, *created_at, *model, *records, *labels, *same_pairs, *different_likely;
	char *same_below, *pairs_found, *pairs_new, *pairs_dropped;
};

/* An organisation or public institution in the partner directory
 * (docs/partners.md): kind a CAT_PARTNER_KIND code, areas CAT_AREA codes
 * comma-separated, active "1" or "0". */
struct partner {
	char *id, *name, *kind, *areas, *description, *contact_name, *phone, *email, *address;
	char *active, *created_at, *updated_at, *created_by;
};

/* A case: one person in one service area (docs/cases.md). open_key is
 * "person_id/area" while the case is not closed, NULL once closed: a
 * unique column, so a person has one open case per area. */
struct case_rec {
	char *id, *ref, *person_id, *household_id, *area, *status, *closure_reason, *risk;
	char *assigned_to, *office, *open_key, *opened_at, *closed_at, *created_at, *updated_at;
	char *created_by;
};

/* One change of a case's status, risk or caseworker (kind "status",
 * "risk", "assign"); seq numbers a case's changes 1, 2, … */
struct case_change {
	char *id, *case_id, *seq, *kind, *from_value, *to_value, *reason, *changed_by, *changed_at;
};

/* A service delivered on a case. notes may be sensitive: read them only
 * through service.h, which withholds them from users who may not. */
struct service {
	char *id, *case_id, *person_id, *type, *date, *duration_minutes, *provider, *outcome;
	char *notes, *created_by, *created_at;
	int notes_restricted; /* not stored: set by service.c when it withheld notes */
};

/* A psychosocial screening (WHO-5, PHQ-9, GAD-7) recorded on a case.
 * Sensitive health data: read it only through assessment.h. */
struct assessment {
	char *id, *case_id, *person_id, *instrument, *answers, *total, *band, *alert, *taken_on;
	char *recorded_by, *recorded_at;
};

/* One of the office's settings (settings.h): id is its key. */
struct setting {
	char *id, *value, *updated_at, *updated_by;
};

/* An office of the installation (docs/offices.md): id its short code
 * ("pty"), active "1" or "0". */
struct office {
	char *id, *name, *active, *created_at, *updated_at, *created_by;
};

/* A case sent from one office to another (docs/offices.md): status
 * "sent", "accepted" or "rejected"; snapshot the case as sent (JSON);
 * pending_key the case id while "sent", NULL once decided. */
struct case_transfer {
	char *id, *case_id, *area, *from_office, *to_office, *reason, *consent, *shared;
	char *snapshot, *status, *pending_key, *comment, *sent_by, *sent_at, *decided_by;
	char *decided_at;
};

extern const struct entity ENT_PERSON, ENT_HOUSEHOLD, ENT_DOCUMENT, ENT_STATUS_CHANGE,
	ENT_USER, ENT_SESSION, ENT_TOKEN, ENT_THROTTLE, ENT_AUDIT, ENT_COUNTER, ENT_MERGE,
	ENT_MATCH_PAIR, ENT_MATCH_MODEL, ENT_PARTNER, ENT_CASE, ENT_CASE_CHANGE, ENT_SERVICE,
	ENT_ASSESSMENT, ENT_SETTING, ENT_OFFICE, ENT_CASE_TRANSFER;

#endif
