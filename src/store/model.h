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
	F_SEALED = 4, /* encrypted at rest by the store (docs/encryption.md): never
		       * a filter, an order or a group */
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
	char *monthly_income_cents; /* USD cents a month, NULL when not known (vulnerability.h) */
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
	char *grants; /* comma-separated need-to-know grants (auth.h), NULL or "" none */
};

struct session {
	char *id; /* SHA-256 of the cookie value, never the value itself */
	char *user_id, *csrf, *created_at, *last_seen, *expires_at;
	char *mfa_pending; /* NULL, or the second step it waits for: "code", "enrol" */
};

/* A user's authenticator (TOTP, docs/login.md); id is the user's id.
 * secret is in stored form: read it through totp_secret_load only. */
struct user_totp {
	char *id, *secret, *last_step, *confirmed, *created_at;
};

/* A single-use recovery code of user_id: its SHA-256 only. */
struct totp_recovery {
	char *id, *user_id, *code_hash, *used_at;
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
	int sgbv; /* not stored: set by case_load when an active sgbv_survivor flag covers it */
	int torture; /* not stored: the same for torture_survivor */
	int shared;  /* not stored: case_load's user holds an active share: 1 read, 2 write */
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
	char *rights; /* CAT_RIGHT codes, comma-separated: legal services only */
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

/* A goal of a case's plan (docs/plans.md): status a CAT_GOAL_STATUS code;
 * due_on a date or NULL. seq (here and in the next two) orders the rows
 * as they were written. */
struct case_goal {
	char *id, *seq, *case_id, *person_id, *title, *details, *due_on, *status;
	char *created_by, *created_at, *updated_at;
	int restricted; /* not stored: set by goal.c when it withheld the details */
};

/* A progress note on a case: append-only. body may be sensitive: read it
 * only through note.h, which withholds it from users who may not. */
struct case_note {
	char *id, *seq, *case_id, *person_id, *body, *written_by, *written_at;
	int restricted; /* not stored: set by note.c when it withheld the body */
};

/* A request for a supervisor's approval of a case's plan or closure (kind
 * "plan" or "closure"), and its decision. pending_key is "case_id/kind"
 * while status is "pending", NULL after: one pending request per case and
 * kind. */
struct approval {
	char *id, *seq, *case_id, *kind, *status, *pending_key, *requested_by, *requested_at;
	char *request_note, *closure_reason, *decided_by, *decided_at, *decision_note;
	char *superseded_at;
};

extern const struct entity ENT_CASE_GOAL, ENT_CASE_NOTE, ENT_APPROVAL;

/* A flag on a person (case_id NULL) or on one of their cases
 * (docs/flags.md): type a CAT_FLAG_TYPE code; lifted_at NULL while it is
 * active. reason is sensitive: read flags only through flag.h. */
struct flag {
	char *id, *person_id, *case_id, *type, *reason, *raised_by, *raised_at;
	char *lifted_by, *lifted_at, *lift_reason;
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

/* An explicit share of one case with one user (docs/access.md): mode
 * "read" or "write", until expires_at; active_key "case_id/user_id" while
 * active, NULL once revoked. */
struct case_share {
	char *id, *case_id, *user_id, *mode, *expires_at, *active_key, *shared_by, *shared_at;
	char *revoked_by, *revoked_at;
};
extern const struct entity ENT_CASE_SHARE;

/* An alert for unusual bulk viewing (docs/access.md): user_id viewed
 * records distinct records within minutes. */
struct access_alert {
	char *id, *user_id, *raised_at, *records, *minutes;
};
extern const struct entity ENT_ACCESS_ALERT;

extern const struct entity ENT_PERSON, ENT_HOUSEHOLD, ENT_DOCUMENT, ENT_STATUS_CHANGE,
	ENT_USER, ENT_SESSION, ENT_TOKEN, ENT_THROTTLE, ENT_AUDIT, ENT_COUNTER, ENT_MERGE,
	ENT_MATCH_PAIR, ENT_MATCH_MODEL, ENT_PARTNER, ENT_CASE, ENT_CASE_CHANGE, ENT_SERVICE,
	ENT_ASSESSMENT, ENT_SETTING, ENT_FLAG, ENT_OFFICE, ENT_CASE_TRANSFER;
/* The audit events but views, read only (audit_list_for's changes). */
extern const struct entity ENT_AUDIT_CHANGES;
extern const struct entity ENT_USER_TOTP, ENT_TOTP_RECOVERY;

/* The asylum procedure of a legal case (docs/asylum.md): its file number
 * at the national refugee office, one row per case. */
struct asylum_procedure {
	char *id, *case_id, *person_id, *file_number, *updated_by, *updated_at;
};

/* One stage of the asylum procedure (a CAT_ASYLUM_STAGE code) with its
 * date and, for decisions, its result (CAT_STAGE_RESULT). notes are
 * sensitive: read them only through asylum.h. */
struct asylum_stage {
	char *id, *case_id, *person_id, *stage, *date, *result, *notes, *recorded_by, *recorded_at;
};

/* A detention episode: released_on NULL while detained; open_key is the
 * person's id while open, NULL once released (unique: one open episode). */
struct detention {
	char *id, *case_id, *person_id, *place, *detained_on, *released_on, *release_reason, *notes;
	char *open_key, *recorded_by, *recorded_at, *released_by, *released_at;
};

extern const struct entity ENT_ASYLUM_PROCEDURE, ENT_ASYLUM_STAGE, ENT_DETENTION;

/* A follow-up or appointment on a case (docs/appointments.md): starts_at
 * local Panama time "YYYY-MM-DDTHH:MM:SS-05:00"; kind a
 * CAT_APPOINTMENT_KIND code; status planned, done, missed or cancelled.
 * notes may be sensitive: read them only through appointment.h. */
struct appointment {
	char *id, *case_id, *person_id, *starts_at, *duration_minutes, *with_user, *with_whom;
	char *kind, *place, *status, *notes, *status_by, *status_at, *created_by, *created_at;
	char *updated_at;
	int notes_restricted; /* not stored: set by appointment.c when it withheld notes */
};

extern const struct entity ENT_APPOINTMENT;

/* A change administrators made to an editable catalogue (docs/catalogues.md):
 * an override of a built-in entry (labels, active) or an added entry.
 * area is NULL for catalogues that are not per area; active "1" or "0". */
struct catalogue_entry {
	char *id, *catalogue, *area, *code, *label_es, *label_en, *active, *position;
	char *created_by, *created_at, *updated_by, *updated_at;
};

/* A community needs assessment recorded on a case (docs/cases.md): free
 * text, sensitive like a service's notes. */
struct needs_assessment {
	char *id, *case_id, *person_id, *held_on, *participants, *community_needs, *resources, *ideas;
	char *recorded_by, *recorded_at;
};

extern const struct entity ENT_CATALOGUE_ENTRY, ENT_NEEDS_ASSESSMENT;

/* A referral of a case to another area or a partner (docs/referrals.md).
 * reason, answer_note and feedback may be sensitive: read them only
 * through referral.h, which withholds them from users who may not. */
struct referral {
	char *id, *ref, *case_id, *person_id, *from_area, *to_area, *to_partner_id, *reason;
	char *urgency, *consent, *shared, *status, *sent_by, *sent_at, *answered_by, *answered_at;
	char *answer_note, *completed_by, *completed_at, *feedback, *received_case_id, *updated_at;
	char *office; /* 0029: the office of the case, which moves with it */
	int overdue;	       /* not stored: set by referral.c */
	int reason_restricted; /* not stored: the texts were withheld */
};

extern const struct entity ENT_REFERRAL;

/* Cash and material assistance (docs/assistance.md): a programme, a
 * request in it, and the append-only ledger its budget figures are summed
 * from. Money: integer cents (F_INT) with an ISO 4217 currency. */
struct programme {
	char *id, *name, *kind, *donor, *budget_cents, *currency, *cap_cents, *period;
	char *eligibility, *min_score, *active, *created_by, *created_at, *updated_at;
};

struct assistance_request {
	char *id, *ref, *household_id, *person_id, *programme_id, *amount_cents, *currency;
	char *reason, *period_key, *status, *possible_duplicate, *duplicate_of;
	char *duplicate_confirmed, *requested_by, *requested_at, *decided_by, *decided_at;
	char *decision_note, *disbursed_by, *disbursed_at, *mechanism, *reference, *disbursed_on;
	char *updated_at;
	char *payee_name, *payee_account; /* payee_account sealed (docs/encryption.md) */
	char *vulnerability_score, *eligibility_override; /* 0019 */
};

struct assistance_entry {
	char *id, *seq, *programme_id, *request_id, *kind, *amount_cents, *recorded_by;
	char *recorded_at;
};

extern const struct entity ENT_PROGRAMME, ENT_ASSISTANCE_REQUEST, ENT_ASSISTANCE_LEDGER;

/* Consent per purpose (docs/consent.md): one row of a person's
 * append-only history; state "given", "withdrawn" or "override" (a
 * supervisor went ahead without it: note says why, context what). */
struct consent {
	char *id, *seq, *person_id, *purpose, *state, *notice_version, *method, *note, *context;
	char *recorded_by, *recorded_at;
};

/* A data-sharing agreement with a partner (partner_id) or another
 * recipient (recipient): fields CAT_SHARED_FIELD codes; valid from
 * starts_on to expires_on unless ended_at is set. */
struct sharing_agreement {
	char *id, *partner_id, *recipient, *purpose, *fields, *legal_basis, *starts_on, *expires_on;
	char *signed_by, *document_ref, *created_by, *created_at, *ended_by, *ended_at, *end_reason;
};

extern const struct entity ENT_CONSENT, ENT_SHARING_AGREEMENT;
/* The entities with F_SEALED fields, for the key check at start and for
 * amparo key rotate; model.c keeps it next to the descriptors. */
extern const struct entity *const sealed_entities[];
extern const size_t sealed_entities_n;
/* A provider statement reconciled against a programme's disbursements
 * (0019): the counts of what came of it (assistance_recon.h). */
struct assistance_recon_run {
	char *id, *programme_id, *file_name, *lines, *matched, *differences, *unexpected, *missing;
	char *duplicates, *newly_reconciled, *run_by, *run_at;
};
extern const struct entity ENT_ASSISTANCE_RECON_RUN;
/* A data-subject request (docs/data-rights.md): kind and channel codes,
 * received_on and due_on dates, status open, done or refused. details
 * and outcome_note may hold personal data. */
struct data_request {
	char *id, *ref, *person_id, *kind, *channel, *details, *received_on, *received_by;
	char *due_on, *status, *outcome_note, *rectified_event, *closed_at, *closed_by, *created_at;
	int overdue; /* not stored: set by data_request.c */
};

/* A person's anonymisation (docs/data-rights.md): its presence marks them. */
struct anonymisation {
	char *person_id, *reason, *anonymised_by, *anonymised_at;
};

extern const struct entity ENT_DATA_REQUEST, ENT_ANONYMISATION;

#endif
