/* model.c: field descriptors of every stored record. */
#include "store/model.h"

#include <string.h>

#define FLD(type, name, kind, flags) { #name, offsetof(struct type, name), kind, flags }
#define T(type, name) FLD(type, name, F_TEXT, 0)
#define S(type, name) FLD(type, name, F_TEXT, F_SERVER)
/* Sealed text (docs/encryption.md): from input (TE) or set by amparo (SE). */
#define TE(type, name) FLD(type, name, F_TEXT, F_SEALED)
#define SE(type, name) FLD(type, name, F_TEXT, F_SERVER | F_SEALED)
#define ENTITY(var, type, table, label, arr) \
	const struct entity var = { table, label, arr, sizeof(arr) / sizeof(arr[0]), sizeof(struct type) }

static const struct field person_f[] = {
	S(person, id), S(person, ref), T(person, given_names), T(person, surname1),
	T(person, surname2), T(person, sex), T(person, birth_date),
	FLD(person, birth_estimated, F_INT, 0), T(person, nationality),
	T(person, origin_country), T(person, languages), T(person, legal_status),
	T(person, phone), T(person, email), T(person, address), T(person, province),
	T(person, district), T(person, arrival_date), S(person, household_id),
	T(person, relationship), T(person, needs), T(person, consent_date),
	T(person, consent_scope), S(person, office), S(person, status),
	S(person, created_at), S(person, updated_at), S(person, created_by),
};
ENTITY(ENT_PERSON, person, "people", "person", person_f);

static const struct field household_f[] = {
	S(household, id), S(household, ref), S(household, head_id), T(household, address),
	T(household, province), T(household, district), T(household, phone),
	T(household, notes), S(household, office), S(household, status),
	S(household, created_at), S(household, updated_at), S(household, created_by),
	FLD(household, monthly_income_cents, F_INT, 0),
};
ENTITY(ENT_HOUSEHOLD, household, "households", "household", household_f);

static const struct field document_f[] = {
	S(document, id), S(document, person_id), T(document, type), T(document, number),
	T(document, issued_on), T(document, expires_on), S(document, created_at),
	S(document, created_by),
};
ENTITY(ENT_DOCUMENT, document, "person_documents", "document", document_f);

static const struct field status_f[] = {
	S(status_change, id), S(status_change, person_id), T(status_change, legal_status),
	T(status_change, since), S(status_change, recorded_at), S(status_change, recorded_by),
};
ENTITY(ENT_STATUS_CHANGE, status_change, "legal_status_history", "legal_status", status_f);

static const struct field user_f[] = {
	S(user, id), T(user, name), T(user, full_name), T(user, role), T(user, areas),
	T(user, office), T(user, lang), FLD(user, password_hash, F_TEXT, F_SERVER | F_SECRET),
	FLD(user, disabled, F_INT, F_SERVER), S(user, created_at), S(user, grants),
};
ENTITY(ENT_USER, user, "users", "user", user_f);

static const struct field session_f[] = {
	S(session, id), S(session, user_id), S(session, csrf), S(session, created_at),
	S(session, last_seen), S(session, expires_at), S(session, mfa_pending),
};
ENTITY(ENT_SESSION, session, "sessions", "session", session_f);

static const struct field user_totp_f[] = {
	S(user_totp, id), FLD(user_totp, secret, F_TEXT, F_SERVER | F_SECRET | F_SEALED),
	FLD(user_totp, last_step, F_INT, F_SERVER), FLD(user_totp, confirmed, F_INT, F_SERVER),
	S(user_totp, created_at),
};
ENTITY(ENT_USER_TOTP, user_totp, "user_totp", "user_totp", user_totp_f);

static const struct field totp_recovery_f[] = {
	S(totp_recovery, id), S(totp_recovery, user_id),
	FLD(totp_recovery, code_hash, F_TEXT, F_SERVER | F_SECRET), S(totp_recovery, used_at),
};
ENTITY(ENT_TOTP_RECOVERY, totp_recovery, "totp_recovery_codes", "totp_recovery", totp_recovery_f);

static const struct field token_f[] = {
	S(token, id), S(token, user_id), FLD(token, token_hash, F_TEXT, F_SERVER | F_SECRET),
	T(token, label), S(token, created_at), FLD(token, revoked, F_INT, F_SERVER),
};
ENTITY(ENT_TOKEN, token, "tokens", "token", token_f);

static const struct field throttle_f[] = {
	S(throttle, id), FLD(throttle, failures, F_INT, F_SERVER),
	S(throttle, window_start), S(throttle, locked_until),
};
ENTITY(ENT_THROTTLE, throttle, "login_throttle", "throttle", throttle_f);

static const struct field audit_f[] = {
	FLD(audit_event, seq, F_INT, F_SERVER), S(audit_event, at), S(audit_event, user_id),
	S(audit_event, action), S(audit_event, entity), S(audit_event, entity_id),
	S(audit_event, fields), S(audit_event, prev_hash), S(audit_event, hash),
};
ENTITY(ENT_AUDIT, audit_event, "audit_events", "audit", audit_f);
/* The events that are not views (the view audit_changes, migration 0027):
 * read only. */
ENTITY(ENT_AUDIT_CHANGES, audit_event, "audit_changes", "audit", audit_f);

static const struct field counter_f[] = {
	S(counter, name), FLD(counter, value, F_INT, F_SERVER),
};
ENTITY(ENT_COUNTER, counter, "counters", "counter", counter_f);

static const struct field merge_f[] = {
	S(merge, id), S(merge, kind), S(merge, survivor_id), S(merge, merged_id),
	S(merge, survivor_before), S(merge, survivor_after), S(merge, merged_before),
	S(merge, fields), S(merge, moved), S(merge, merged_by), S(merge, merged_at),
	S(merge, undone_by), S(merge, undone_at),
};
ENTITY(ENT_MERGE, merge, "merges", "merge", merge_f);

#define I(type, name) FLD(type, name, F_INT, F_SERVER)

static const struct field match_pair_f[] = {
	S(match_pair, id), S(match_pair, person_a), S(match_pair, person_b), I(match_pair, score),
	S(match_pair, verdict), S(match_pair, queue), S(match_pair, why), S(match_pair, found_at),
	S(match_pair, status), S(match_pair, decided_by), S(match_pair, decided_at),
};
ENTITY(ENT_MATCH_PAIR, match_pair, "match_pairs", "match_pair", match_pair_f);

static const struct field match_model_f[] = {
	S(match_model_row, id), I(match_model_row, seq), S(match_model_row, created_at),
	S(match_model_row, model),
	I(match_model_row, records), I(match_model_row, labels), I(match_model_row, same_pairs),
	I(match_model_row, different_likely), I(match_model_row, same_below),
	I(match_model_row, pairs_found), I(match_model_row, pairs_new),
	I(match_model_row, pairs_dropped),
};
ENTITY(ENT_MATCH_MODEL, match_model_row, "match_models", "match_model", match_model_f);

static const struct field partner_f[] = {
	S(partner, id), T(partner, name), T(partner, kind), T(partner, areas),
	T(partner, description), T(partner, contact_name), T(partner, phone), T(partner, email),
	T(partner, address), FLD(partner, active, F_INT, F_SERVER), S(partner, created_at),
	S(partner, updated_at), S(partner, created_by),
};
ENTITY(ENT_PARTNER, partner, "partners", "partner", partner_f);

static const struct field case_f[] = {
	S(case_rec, id), S(case_rec, ref), T(case_rec, person_id), S(case_rec, household_id),
	T(case_rec, area), S(case_rec, status), S(case_rec, closure_reason), S(case_rec, risk),
	S(case_rec, assigned_to), S(case_rec, office), S(case_rec, open_key), S(case_rec, opened_at),
	S(case_rec, closed_at), S(case_rec, created_at), S(case_rec, updated_at),
	S(case_rec, created_by),
};
ENTITY(ENT_CASE, case_rec, "cases", "case", case_f);

static const struct field case_change_f[] = {
	S(case_change, id), S(case_change, case_id), FLD(case_change, seq, F_INT, F_SERVER),
	S(case_change, kind),
	S(case_change, from_value), S(case_change, to_value), S(case_change, reason),
	S(case_change, changed_by), S(case_change, changed_at),
};
ENTITY(ENT_CASE_CHANGE, case_change, "case_changes", "case_change", case_change_f);

static const struct field service_f[] = {
	S(service, id), S(service, case_id), S(service, person_id), T(service, type),
	T(service, date), FLD(service, duration_minutes, F_INT, 0), S(service, provider),
	T(service, outcome), TE(service, notes), S(service, created_by), S(service, created_at),
	T(service, rights),
};
ENTITY(ENT_SERVICE, service, "services", "service", service_f);

static const struct field assessment_f[] = {
	S(assessment, id), S(assessment, case_id), S(assessment, person_id),
	T(assessment, instrument), SE(assessment, answers), I(assessment, total), S(assessment, band),
	I(assessment, alert), T(assessment, taken_on), S(assessment, recorded_by),
	S(assessment, recorded_at),
};
ENTITY(ENT_ASSESSMENT, assessment, "assessments", "assessment", assessment_f);

static const struct field setting_f[] = {
	S(setting, id), T(setting, value), S(setting, updated_at), S(setting, updated_by),
};
ENTITY(ENT_SETTING, setting, "settings", "setting", setting_f);

static const struct field flag_f[] = {
	S(flag, id), S(flag, person_id), T(flag, case_id), T(flag, type), TE(flag, reason),
	S(flag, raised_by), S(flag, raised_at), S(flag, lifted_by), S(flag, lifted_at),
	SE(flag, lift_reason),
};
ENTITY(ENT_FLAG, flag, "flags", "flag", flag_f);
static const struct field appointment_f[] = {
	S(appointment, id), S(appointment, case_id), S(appointment, person_id),
	T(appointment, starts_at), FLD(appointment, duration_minutes, F_INT, 0),
	S(appointment, with_user), T(appointment, with_whom), T(appointment, kind),
	T(appointment, place), S(appointment, status), SE(appointment, notes),
	S(appointment, status_by), S(appointment, status_at), S(appointment, created_by),
	S(appointment, created_at), S(appointment, updated_at),
};
ENTITY(ENT_APPOINTMENT, appointment, "appointments", "appointment", appointment_f);
static const struct field catalogue_entry_f[] = {
	S(catalogue_entry, id), T(catalogue_entry, catalogue), T(catalogue_entry, area),
	T(catalogue_entry, code), T(catalogue_entry, label_es), T(catalogue_entry, label_en),
	I(catalogue_entry, active), I(catalogue_entry, position), S(catalogue_entry, created_by),
	S(catalogue_entry, created_at), S(catalogue_entry, updated_by), S(catalogue_entry, updated_at),
};
ENTITY(ENT_CATALOGUE_ENTRY, catalogue_entry, "catalogue_entries", "catalogue_entry",
       catalogue_entry_f);

static const struct field needs_assessment_f[] = {
	S(needs_assessment, id), S(needs_assessment, case_id), S(needs_assessment, person_id),
	T(needs_assessment, held_on), FLD(needs_assessment, participants, F_INT, 0),
	T(needs_assessment, community_needs), T(needs_assessment, resources), T(needs_assessment, ideas),
	S(needs_assessment, recorded_by), S(needs_assessment, recorded_at),
};
ENTITY(ENT_NEEDS_ASSESSMENT, needs_assessment, "needs_assessments", "needs_assessment",
       needs_assessment_f);

static const struct field office_f[] = {
	S(office, id), T(office, name), I(office, active), S(office, created_at),
	S(office, updated_at), S(office, created_by),
};
ENTITY(ENT_OFFICE, office, "offices", "office", office_f);

static const struct field case_transfer_f[] = {
	S(case_transfer, id), S(case_transfer, case_id), S(case_transfer, area),
	S(case_transfer, from_office), T(case_transfer, to_office), TE(case_transfer, reason),
	I(case_transfer, consent), T(case_transfer, shared), SE(case_transfer, snapshot),
	S(case_transfer, status), S(case_transfer, pending_key), TE(case_transfer, comment),
	S(case_transfer, sent_by), S(case_transfer, sent_at), S(case_transfer, decided_by),
	S(case_transfer, decided_at),
};
ENTITY(ENT_CASE_TRANSFER, case_transfer, "case_transfers", "case_transfer", case_transfer_f);

static const struct field case_share_f[] = {
	S(case_share, id), S(case_share, case_id), S(case_share, user_id), T(case_share, mode),
	T(case_share, expires_at), S(case_share, active_key), S(case_share, shared_by),
	S(case_share, shared_at), S(case_share, revoked_by), S(case_share, revoked_at),
};
ENTITY(ENT_CASE_SHARE, case_share, "case_shares", "case_share", case_share_f);

static const struct field access_alert_f[] = {
	S(access_alert, id), S(access_alert, user_id), S(access_alert, raised_at),
	FLD(access_alert, records, F_INT, F_SERVER), FLD(access_alert, minutes, F_INT, F_SERVER),
};
ENTITY(ENT_ACCESS_ALERT, access_alert, "access_alerts", "access_alert", access_alert_f);

static const struct field referral_f[] = {
	S(referral, id), S(referral, ref), T(referral, case_id), S(referral, person_id),
	S(referral, from_area), T(referral, to_area), T(referral, to_partner_id), TE(referral, reason),
	T(referral, urgency), FLD(referral, consent, F_INT, 0), T(referral, shared),
	S(referral, status), S(referral, sent_by), S(referral, sent_at), S(referral, answered_by),
	S(referral, answered_at), SE(referral, answer_note), S(referral, completed_by),
	S(referral, completed_at), SE(referral, feedback), S(referral, received_case_id),
	S(referral, updated_at), S(referral, office),
};
ENTITY(ENT_REFERRAL, referral, "referrals", "referral", referral_f);

const struct field *entity_field(const struct entity *e, const char *name)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return &e->fields[i];
	return NULL;
}

static const struct field case_goal_f[] = {
	S(case_goal, id), I(case_goal, seq), S(case_goal, case_id), S(case_goal, person_id), T(case_goal, title),
	TE(case_goal, details), T(case_goal, due_on), T(case_goal, status), S(case_goal, created_by),
	S(case_goal, created_at), S(case_goal, updated_at),
};
ENTITY(ENT_CASE_GOAL, case_goal, "case_goals", "case_goal", case_goal_f);

static const struct field case_note_f[] = {
	S(case_note, id), I(case_note, seq), S(case_note, case_id), S(case_note, person_id), TE(case_note, body),
	S(case_note, written_by), S(case_note, written_at),
};
ENTITY(ENT_CASE_NOTE, case_note, "case_notes", "case_note", case_note_f);

static const struct field approval_f[] = {
	S(approval, id), I(approval, seq), S(approval, case_id), T(approval, kind), S(approval, status),
	S(approval, pending_key), S(approval, requested_by), S(approval, requested_at),
	T(approval, request_note), S(approval, closure_reason), S(approval, decided_by),
	S(approval, decided_at), S(approval, decision_note), S(approval, superseded_at),
};
ENTITY(ENT_APPROVAL, approval, "approvals", "approval", approval_f);
static const struct field asylum_procedure_f[] = {
	S(asylum_procedure, id), S(asylum_procedure, case_id), S(asylum_procedure, person_id),
	T(asylum_procedure, file_number), S(asylum_procedure, updated_by),
	S(asylum_procedure, updated_at),
};
ENTITY(ENT_ASYLUM_PROCEDURE, asylum_procedure, "asylum_procedures", "asylum_procedure",
       asylum_procedure_f);

static const struct field asylum_stage_f[] = {
	S(asylum_stage, id), S(asylum_stage, case_id), S(asylum_stage, person_id),
	T(asylum_stage, stage), T(asylum_stage, date), T(asylum_stage, result),
	TE(asylum_stage, notes), S(asylum_stage, recorded_by), S(asylum_stage, recorded_at),
};
ENTITY(ENT_ASYLUM_STAGE, asylum_stage, "asylum_stages", "asylum_stage", asylum_stage_f);

static const struct field detention_f[] = {
	S(detention, id), S(detention, case_id), S(detention, person_id), T(detention, place),
	T(detention, detained_on), T(detention, released_on), T(detention, release_reason),
	TE(detention, notes), S(detention, open_key), S(detention, recorded_by),
	S(detention, recorded_at), S(detention, released_by), S(detention, released_at),
};
ENTITY(ENT_DETENTION, detention, "detentions", "detention", detention_f);

#define IN(type, name) FLD(type, name, F_INT, 0) /* an integer taken from input */
static const struct field programme_f[] = {
	S(programme, id), T(programme, name), T(programme, kind), T(programme, donor),
	IN(programme, budget_cents), T(programme, currency), IN(programme, cap_cents),
	T(programme, period), T(programme, eligibility), IN(programme, min_score),
	I(programme, active), S(programme, created_by), S(programme, created_at),
	S(programme, updated_at),
};
ENTITY(ENT_PROGRAMME, programme, "programmes", "programme", programme_f);

static const struct field assistance_request_f[] = {
	S(assistance_request, id), S(assistance_request, ref), T(assistance_request, household_id),
	T(assistance_request, person_id), T(assistance_request, programme_id),
	IN(assistance_request, amount_cents), S(assistance_request, currency),
	TE(assistance_request, reason), S(assistance_request, period_key),
	S(assistance_request, status), I(assistance_request, possible_duplicate),
	S(assistance_request, duplicate_of), I(assistance_request, duplicate_confirmed),
	S(assistance_request, requested_by), S(assistance_request, requested_at),
	S(assistance_request, decided_by), S(assistance_request, decided_at),
	SE(assistance_request, decision_note), S(assistance_request, disbursed_by),
	S(assistance_request, disbursed_at), S(assistance_request, mechanism),
	S(assistance_request, reference), S(assistance_request, disbursed_on),
	S(assistance_request, updated_at), T(assistance_request, payee_name),
	TE(assistance_request, payee_account), I(assistance_request, vulnerability_score),
	SE(assistance_request, eligibility_override),
};
ENTITY(ENT_ASSISTANCE_REQUEST, assistance_request, "assistance_requests", "assistance_request",
       assistance_request_f);

static const struct field assistance_entry_f[] = {
	S(assistance_entry, id), I(assistance_entry, seq), S(assistance_entry, programme_id),
	S(assistance_entry, request_id), S(assistance_entry, kind), I(assistance_entry, amount_cents),
	S(assistance_entry, recorded_by), S(assistance_entry, recorded_at),
};
ENTITY(ENT_ASSISTANCE_LEDGER, assistance_entry, "assistance_ledger", "assistance_entry",
       assistance_entry_f);

static const struct field consent_f[] = {
	S(consent, id), I(consent, seq), S(consent, person_id), T(consent, purpose),
	T(consent, state), S(consent, notice_version), T(consent, method), TE(consent, note),
	S(consent, context), S(consent, recorded_by), S(consent, recorded_at),
};
ENTITY(ENT_CONSENT, consent, "consents", "consent", consent_f);

static const struct field sharing_agreement_f[] = {
	S(sharing_agreement, id), T(sharing_agreement, partner_id), T(sharing_agreement, recipient),
	T(sharing_agreement, purpose), T(sharing_agreement, fields), T(sharing_agreement, legal_basis),
	T(sharing_agreement, starts_on), T(sharing_agreement, expires_on),
	T(sharing_agreement, signed_by), T(sharing_agreement, document_ref),
	S(sharing_agreement, created_by), S(sharing_agreement, created_at),
	S(sharing_agreement, ended_by), S(sharing_agreement, ended_at), S(sharing_agreement, end_reason),
};
ENTITY(ENT_SHARING_AGREEMENT, sharing_agreement, "sharing_agreements", "sharing_agreement",
       sharing_agreement_f);
/* Ethics reports and uploaded documents are not built yet: their text and
 * contents are to be F_SEALED, and their entities listed here, when they
 * land (docs/encryption.md). */
const struct entity *const sealed_entities[] = {
	&ENT_SERVICE, &ENT_ASSESSMENT, &ENT_FLAG, &ENT_APPOINTMENT, &ENT_CASE_TRANSFER,
	&ENT_REFERRAL, &ENT_CASE_GOAL, &ENT_CASE_NOTE, &ENT_ASYLUM_STAGE, &ENT_DETENTION,
	&ENT_ASSISTANCE_REQUEST, &ENT_CONSENT, &ENT_USER_TOTP,
};
const size_t sealed_entities_n = sizeof(sealed_entities) / sizeof(sealed_entities[0]);
static const struct field assistance_recon_run_f[] = {
	S(assistance_recon_run, id), S(assistance_recon_run, programme_id),
	S(assistance_recon_run, file_name), I(assistance_recon_run, lines),
	I(assistance_recon_run, matched), I(assistance_recon_run, differences),
	I(assistance_recon_run, unexpected), I(assistance_recon_run, missing),
	I(assistance_recon_run, duplicates), I(assistance_recon_run, newly_reconciled),
	S(assistance_recon_run, run_by), S(assistance_recon_run, run_at),
};
ENTITY(ENT_ASSISTANCE_RECON_RUN, assistance_recon_run, "assistance_recon_runs",
       "assistance_recon_run", assistance_recon_run_f);
static const struct field data_request_f[] = {
	S(data_request, id), S(data_request, ref), S(data_request, person_id), T(data_request, kind),
	T(data_request, channel), T(data_request, details), T(data_request, received_on),
	S(data_request, received_by), S(data_request, due_on), S(data_request, status),
	S(data_request, outcome_note), S(data_request, rectified_event), S(data_request, closed_at),
	S(data_request, closed_by), S(data_request, created_at),
};
ENTITY(ENT_DATA_REQUEST, data_request, "data_subject_requests", "data_request", data_request_f);

static const struct field anonymisation_f[] = {
	S(anonymisation, person_id), T(anonymisation, reason), S(anonymisation, anonymised_by),
	S(anonymisation, anonymised_at),
};
ENTITY(ENT_ANONYMISATION, anonymisation, "person_anonymisations", "anonymisation",
       anonymisation_f);
