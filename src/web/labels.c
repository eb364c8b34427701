/* labels.c: the label people read for each stored field, one place for
 * forms, profile pages and the audit history alike; and the names of the
 * staff a page shows. */
#include <stdio.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/user.h"
#include "web/web.h"

const char *web_user_name(struct request *r, const char *user_id)
{
	struct user u;
	if (!user_id)
		return "—";
	/* A page names the same few users row after row: each is read once
	 * a request. */
	const char *name = kv_get(r->user_names, user_id);
	if (name)
		return name;
	name = user_get(&r->ctx, user_id, &u) == DOM_OK ? (u.full_name ? u.full_name : u.name) : user_id;
	struct kv *e = arena_alloc(r->a, sizeof(*e));
	*e = (struct kv){ .key = arena_strdup(r->a, user_id), .value = name, .next = r->user_names };
	r->user_names = e;
	return name;
}

static const struct {
	const char *field, *label;
} labels[] = {
	{ "given_names", N_("Given names") },
	{ "surname1", N_("First surname") },
	{ "surname2", N_("Second surname") },
	{ "sex", N_("Sex") },
	{ "birth_date", N_("Date of birth") },
	{ "birth_estimated", N_("The date of birth is estimated") },
	{ "nationality", N_("Nationality") },
	{ "origin_country", N_("Country of origin") },
	{ "languages", N_("Languages") },
	{ "legal_status", N_("Legal status") },
	{ "phone", N_("Phone") },
	{ "email", N_("E-mail") },
	{ "address", N_("Address") },
	{ "province", N_("Province or comarca") },
	{ "district", N_("District") },
	{ "arrival_date", N_("Arrival in Panama") },
	{ "household_id", N_("Household") },
	{ "status", N_("Status") },
	{ "relationship", N_("Relationship to the head of household") },
	{ "needs", N_("Specific needs") },
	{ "consent_date", N_("Date of consent") },
	{ "consent_scope", N_("What the person agreed to") },
	{ "head_id", N_("Head of household") },
	{ "notes", N_("Notes") },
	{ "monthly_income_cents", N_("Monthly household income") },
	{ "type", N_("Type") },
	{ "number", N_("Number") },
	{ "issued_on", N_("Issued") },
	{ "expires_on", N_("Expires") },
	{ "name", N_("User name") },
	{ "role", N_("Role") },
	{ "areas", N_("Service areas") },
	{ "office", N_("Office") },
	{ "label", N_("Label") },
	{ "user_id", N_("User") },
	{ "match_confirmed", N_("Confirmed different from a likely match") },
	{ "match_pair", N_("Possible duplicate") },
	{ "area", N_("Area") },
	{ "instrument", N_("Instrument") },
	{ "taken_on", N_("Date taken") },
	{ "answers", N_("Answers") },
	{ "reason", N_("Reason") },
	{ "programme_id", N_("Programme") },
	{ "person_id", N_("Person") },
	{ "amount_cents", N_("Amount") },
	{ "period_key", N_("Period") },
	{ "mechanism", N_("Mechanism") },
	{ "reference", N_("Transaction reference") },
	{ "disbursed_on", N_("Date of disbursement") },
	{ "case_id", N_("Case") },
	{ "lifted_by", N_("Lifted by") },
	{ "lifted_at", N_("Lifted on") },
	{ "lift_reason", N_("Why it no longer applies") },
	{ "answers.1", N_("Question 1") },
	{ "answers.2", N_("Question 2") },
	{ "answers.3", N_("Question 3") },
	{ "answers.4", N_("Question 4") },
	{ "answers.5", N_("Question 5") },
	{ "answers.6", N_("Question 6") },
	{ "answers.7", N_("Question 7") },
	{ "answers.8", N_("Question 8") },
	{ "answers.9", N_("Question 9") },
	{ "title", N_("Goal") },
	{ "details", N_("Details") },
	{ "due_on", N_("Due date") },
	{ "goal_status", N_("Status of the goal") },
	{ "body", N_("Note") },
	{ "note", N_("Comment") },
	{ "kind", N_("Request") },
	{ "closure_reason", N_("Closure reason") },
	{ "request_note", N_("Comment of the request") },
	{ "decision_note", N_("Comment of the decision") },
	{ "superseded_at", N_("Approval no longer current") },
	{ "stage", N_("Stage") },
	{ "stage_date", N_("Date of the stage") },
	{ "result", N_("Result") },
	{ "stage_notes", N_("Notes on the stage") },
	{ "file_number", N_("File number") },
	{ "document_type", N_("Document") },
	{ "document_number", N_("Document number") },
	{ "detention_place", N_("Place of detention") },
	{ "detained_on", N_("Detained on") },
	{ "released_on", N_("Released on") },
	{ "release_reason", N_("Reason for release") },
	{ "detention_notes", N_("Notes on the detention") },
	{ "rights", N_("Access to rights") },
	{ "starts_at", N_("Date and time") },
	{ "starts_on", N_("Date") },
	{ "starts_time", N_("Time") },
	{ "duration_minutes", N_("Minutes") },
	{ "appt_duration", N_("Minutes") },
	{ "with_whom", N_("With whom") },
	{ "place", N_("Place") },
	{ "with_user", N_("Staff member") },
	{ "appt_kind", N_("Type") },
	{ "held_on", N_("Date held") },
	{ "participants", N_("Participants") },
	{ "community_needs", N_("Needs of the community") },
	{ "resources", N_("Resources of the community") },
	{ "ideas", N_("Ideas for integration") },
	{ "code", N_("Code") },
	{ "label_es", N_("Name in Spanish") },
	{ "label_en", N_("Name in English") },
	{ "active", N_("In use") },
	{ "catalogue", N_("Catalogue") },
	{ "to_area", N_("Another area of this office") },
	{ "to_partner_id", N_("Partner") },
	{ "ref_reason", N_("Reason for the referral") },
	{ "ref_consent", N_("Consent to share") },
	{ "urgency", N_("Urgency") },
	{ "consent", N_("Consent to share") },
	{ "consent_registration", N_("Consent: registration and services") },
	{ "consent_sharing_partners", N_("Consent: sharing with partners") },
	{ "consent_referral", N_("Consent: referral to partners") },
	{ "consent_reporting", N_("Consent: named reports") },
	{ "consent_phone_contact", N_("Consent: contact by phone") },
	{ "shared", N_("What is shared") },
	{ "accept_note", N_("Note (optional)") },
	{ "decline_note", N_("Why it is declined") },
	{ "feedback", N_("Outcome and feedback (optional)") },
	{ "open_case", N_("Accept and open a case") },
	{ "date", N_("Date") },
	{ "outcome", N_("Outcome") },
	{ "provider", N_("Provided by") },
	{ "risk", N_("Risk") },
	{ "assigned_to", N_("Caseworker") },
	{ "comment", N_("Comment") },
	{ "current", N_("Current password") },
	{ "day", N_("Day") },
	{ "amount", N_("Amount") },
	{ "payee_name", N_("Payee") },
	{ "payee_account", N_("Account, wallet or card number") },
	{ "agreement", N_("Data-sharing agreement") },
	{ "agreement_id", N_("Data-sharing agreement") },
	{ "donor", N_("Donor") },
	{ "budget", N_("Budget") },
	{ "budget_cents", N_("Budget") },
	{ "currency", N_("Currency") },
	{ "cap", N_("Cap per household") },
	{ "cap_cents", N_("Cap per household") },
	{ "period", N_("Period of the cap") },
	{ "eligibility", N_("Eligibility criteria") },
	{ "min_score", N_("Minimum vulnerability score") },
	{ "description", N_("Description") },
	{ "contact_name", N_("Contact person") },
	{ "to_office", N_("Destination office") },
	{ "transfer_reason", N_("Reason for the transfer") },
};

const char *web_label(const char *field)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].field, field) == 0)
			return _(labels[i].label);
	return field;
}

const char *web_code_labels(struct request *r, const struct catalog *c, const char *codes)
{
	char code[64];
	struct buf b;
	buf_init(&b, 0);
	for (const char *p = codes; codes_next(&p, code, sizeof(code));)
		buf_printf(&b, "%s%s", b.n ? ", " : "", catalog_label(c, code));
	char *out = arena_strbuf(r->a, &b);
	buf_free(&b);
	return out;
}

void web_field_list(struct request *r, const char *fields)
{
	for (const char *p = fields; p && *p;) {
		size_t n = strcspn(p, ",");
		const char *label = web_label(arena_strndup(r->a, p, n));
		buf_html(&r->out, label);
		p += n;
		if (*p == ',') {
			buf_adds(&r->out, ", ");
			p++;
		}
	}
}

static const struct {
	const char *action, *label;
} actions[] = {
	{ "create", N_("Record created") },
	{ "update", N_("Changed") },
	{ "view", N_("Viewed") },
	{ "denied", N_("Access denied") },
	{ "share", N_("Case shared") },
	{ "unshare", N_("Share revoked") },
	{ "grants", N_("Grants changed") },
	{ "add_document", N_("Document added") },
	{ "add_member", N_("Member added") },
	{ "set_head", N_("Head of household changed") },
	{ "merge", N_("Merged with another record") },
	{ "merged_into", N_("Merged into another record") },
	{ "unmerge", N_("Merge undone") },
	{ "merge_member", N_("Two records of a member merged") },
	{ "unmerge_member", N_("Merge of a member's records undone") },
	{ "household_merge", N_("Their household merged with another") },
	{ "household_unmerge", N_("Merge of their household undone") },
	{ "login", N_("Logged in") },
	{ "login_failed", N_("Failed login") },
	{ "disable", N_("Account disabled") },
	{ "enable", N_("Account enabled") },
	{ "password", N_("Password changed") },
	{ "review_same", N_("Reviewed: the same person as another record") },
	{ "review_different", N_("Reviewed: a different person from a similar record") },
	{ "open_case", N_("Case opened") },
	{ "add_goal", N_("Goal added") },
	{ "update_goal", N_("Goal changed") },
	{ "add_note", N_("Progress note written") },
	{ "request_approval", N_("Approval requested") },
	{ "approve", N_("Request approved") },
	{ "reject", N_("Request returned") },
	{ "plan_changed", N_("Plan changed after its approval") },
	{ "add_stage", N_("Asylum stage recorded") },
	{ "set_file_number", N_("File number set") },
	{ "add_detention", N_("Detention recorded") },
	{ "release", N_("Release recorded") },
	{ "raise_flag", N_("Alert raised") },
	{ "lift_flag", N_("Alert lifted") },
	{ "consent_given", N_("Consent given") },
	{ "consent_withdrawn", N_("Consent withdrawn") },
	{ "consent_override", N_("Went ahead without consent") },
	{ "add_appointment", N_("Appointment booked") },
	{ "appointment_status", N_("Appointment marked") },
	{ "add_needs_assessment", N_("Needs assessment recorded") },
	{ "add_catalogue_entry", N_("Catalogue entry added") },
	{ "update_catalogue_entry", N_("Catalogue entry renamed") },
	{ "deactivate_catalogue_entry", N_("Catalogue entry deactivated") },
	{ "reactivate_catalogue_entry", N_("Catalogue entry reactivated") },
	{ "remove_catalogue_entry", N_("Catalogue entry removed") },
	{ "refer", N_("Referred") },
	{ "referral_accept", N_("Referral accepted") },
	{ "referral_decline", N_("Referral declined") },
	{ "referral_complete", N_("Referral completed") },
	{ "programme_create", N_("Assistance programme added") },
	{ "assistance_request", N_("Assistance requested") },
	{ "assistance_approve", N_("Assistance approved") },
	{ "assistance_reject", N_("Assistance rejected") },
	{ "assistance_disburse", N_("Assistance disbursed") },
	{ "data_request", N_("Data-protection request registered") },
	{ "data_request_closed", N_("Data-protection request closed") },
	{ "export", N_("Record exported") },
	{ "anonymise", N_("Record anonymised") },
	{ "open", N_("Case opened") },
	{ "status", N_("Status changed") },
	{ "risk", N_("Risk level changed") },
	{ "assign", N_("Caseworker assigned") },
	{ "add_service", N_("Service recorded") },
	{ "add_assessment", N_("Screening recorded") },
	{ "logout", N_("Logged out") },
	{ "recovery_code_used", N_("Logged in with a recovery code") },
	{ "transfer", N_("Transfer to another office sent") },
	{ "transfer_accept", N_("Transfer accepted") },
	{ "transfer_reject", N_("Transfer rejected") },
	{ "programme_update", N_("Assistance programme changed") },
	{ "export_payments", N_("Payment file exported") },
	{ "reconcile", N_("Provider statement reconciled") },
	{ "bulk_view_alert", N_("Alert: many records viewed") },
	{ "end", N_("Ended") },
	{ "retention_run", N_("Retention rules applied") },
	{ "assistance_reconcile", N_("Assistance reconciled with the provider's statement") },
	{ "deactivate", N_("Deactivated") },
	{ "reactivate", N_("Reactivated") },
};

const char *web_action(const char *action)
{
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(actions[i].action, action) == 0)
			return _(actions[i].label);
	return action;
}

/* What a compared field (match.h) is called: the form's own label where
 * the field is one of the form's. */
static const char *match_field_label(enum match_field f)
{
	switch (f) {
	case MATCH_FAMILY: return _("Surnames");
	case MATCH_DOCUMENT: return _("Document number");
	case MATCH_POSTCODE: return _("Postcode");
	case MATCH_LOCALITY: return web_label("district");
	default: return web_label(match_field_name(f));
	}
}

/* What a level of agreement (match.h) says to a caseworker. */
static const struct {
	const char *id, *text;
} match_levels_text[] = {
	{ "different", N_("different") },
	{ "partial", N_("partly the same") },
	{ "fuzzy", N_("similar") },
	{ "close", N_("nearly the same") },
	{ "subset", N_("the same, one missing") },
	{ "exact", N_("the same") },
	{ "same", N_("the same") },
	{ "same_year", N_("same year") },
	{ "one_digit", N_("one digit differs") },
	{ "day_month_swapped", N_("day and month swapped") },
	{ "one_edit", N_("one character differs") },
};

static const char *match_level_text(const char *id)
{
	for (size_t i = 0; i < sizeof(match_levels_text) / sizeof(match_levels_text[0]); i++)
		if (strcmp(match_levels_text[i].id, id) == 0)
			return _(match_levels_text[i].text);
	return id;
}

const char *web_match_verdict(enum match_verdict v)
{
	return v == MATCH_LIKELY ? _("Likely the same person") : _("Possibly the same person");
}

void web_match_reasons(struct request *r, const struct match_explanation *why)
{
	html_printf(&r->out, "<ul class=\"reasons\">");
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		int lv = why->level[f];
		if (lv == MATCH_MISSING)
			continue;
		char w[32];
		snprintf(w, sizeof(w), "%+.1f", why->weight[f]);
		html_printf(&r->out, "<li>%s: %s <small>(%s)</small></li>", match_field_label(f),
			    match_level_text(match_level_name(f, lv)), w);
	}
	html_printf(&r->out, "</ul>");
}
