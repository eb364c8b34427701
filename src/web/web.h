/* web.h: the server-rendered pages: the layout, form helpers, and one
 * handler per page (page_*.c). Pages call domain functions only. */
#ifndef AMPARO_WEB_H
#define AMPARO_WEB_H

#include "domain/catalog.h"
#include "http/request.h"
#include "match/match.h"

/* Writes the document head, the navigation and opens <main>. nav: the
 * active section ("people", "households") or NULL. */
void web_begin(struct request *r, const char *title, const char *nav);
/* Closes <main> and the document. */
void web_end(struct request *r);
/* "Saved." after a form sent back with ?saved=1: it stays in sight at the
 * screen's top for a few seconds, also when the page opens further down
 * at the section that changed. */
void web_saved_notice(struct request *r);
/* A whole error page for a domain result (status set from rc). */
void web_error(struct request *r, int rc);
/* True when the request came from htmx and wants a fragment. */
int web_is_fragment(struct request *r);

/* Form controls. Each writes a label, the control with the current value,
 * and the field's error message (and aria-invalid) when errs has one. */
void form_csrf(struct request *r);
void form_text(struct request *r, const char *name, const char *label, const char *value,
	       const struct errors *errs, const char *type, const char *hint, int required);
void form_select(struct request *r, const char *name, const char *label, const struct catalog *c,
		 const char *value, const struct errors *errs, int required);
/* Checkboxes for a comma-separated set of codes. */
void form_checks(struct request *r, const char *name, const char *label, const struct catalog *c,
		 const char *value, const struct errors *errs);
/* A summary at the top of a form that failed validation. */
void form_error_summary(struct request *r, const struct errors *errs);
/* Copies the form values of e's non-server fields into rec (NULL when
 * absent). With errs, dates typed day first (31/05/1990) become ISO, and a
 * date in no known format is an error in errs (its field left NULL).
 * Without errs the values stay exactly as typed, for showing them again. */
/* The form's values for name, repeated keys (checkboxes) joined with
 * commas, in r's arena; NULL when the form has none. */
const char *form_joined(struct request *r, const char *name);
/* The audit events of the record entity_id (the newest limit), newest
 * first, as a table in a scrolling region named label: when, who, what,
 * and which fields (never their values). only: the actions to show, a
 * NULL-terminated list (NULL: all; WEB_AUDIT_CHANGES: all but views).
 * Returns how many were shown; writes nothing when none. */
extern const char *const WEB_AUDIT_CHANGES[];
int web_audit_table(struct request *r, const char *entity_id, long limit, const char *label,
		    const char *const *only);
/* The same with each event's number first (a rectification names it). */
int web_audit_table_numbered(struct request *r, const char *entity_id, long limit,
			     const char *label, const char *const *only);
void form_read(struct request *r, const struct entity *e, void *rec, struct errors *errs);
/* The form value of name as an ISO date (typed day first, or ISO); NULL
 * when absent or empty, or not a date (then an error under name). */
const char *form_date(struct request *r, const char *name, struct errors *errs);
/* True for the names of date fields ("date", "…_date", "…_on"). */
int form_is_date(const char *name);

/* The translated label of a stored field ("birth_date" -> "Fecha de
 * nacimiento"); the field name itself when it has none. */
const char *web_label(const char *field);
/* The labels of a list of codes of c (as codes_next reads it), joined by
 * ", "; "" for none. */
const char *web_code_labels(struct request *r, const struct catalog *c, const char *codes);
/* The translated description of an audit action ("view" -> "Consultado"). */
const char *web_action(const char *action);
/* Writes a comma-separated list of field names as their labels, escaped. */
void web_field_list(struct request *r, const char *fields);

/* The notice of a merge on the page of rec (kind "person" or "household"):
 * "merged into …" on a merged record (returns 1: the page shows no more),
 * "merged with … · Undo" on a survivor (returns 0). */
int web_merge_notice(struct request *r, const char *kind, const void *rec);
/* What the matching engine's verdict says to a caseworker ("Likely the
 * same person"). */
const char *web_match_verdict(enum match_verdict v);
/* Writes a pair's reasons as a list: each compared field, translated, its
 * level of agreement in words and its weight in bits. */
void web_match_reasons(struct request *r, const struct match_explanation *why);

struct person;
/* The cases of p that r's user may read (up to 100, newest first), for
 * the sections of the profile that show or offer them: one query for the
 * whole page. NULL when the user may not read cases. */
const struct store_list *web_person_case_list(struct request *r, const struct person *p,
					      struct store_list *out);
/* The "Cases" section of a person's profile: their cases (from
 * web_person_case_list) and the form to open one; nothing for users who
 * may not read cases (cases NULL). */
void web_person_cases(struct request *r, const struct person *p, const struct store_list *cases);
/* The case page's "Office and transfers" section for k (page_transfers.c). */
void web_case_transfers(struct request *r, const struct case_rec *k);
/* The case page's "Shared with" section (page_case_shares.c): nothing
 * for users who may not manage k's shares; errs of a failed share form. */
void web_case_shares(struct request *r, const struct case_rec *k, const struct errors *errs);
/* A select "office" of the offices r's user sees, selecting current;
 * nothing for a user of a single office (page_offices.c). */
void web_office_filter(struct request *r, const char *current);
/* A select "office" of the active offices r's user may open a case in,
 * selecting current (NULL: their first office); nothing for a user of a
 * single office (page_offices.c). */
void web_office_choice(struct request *r, const char *current);

/* The banner of the active flags of person_id the user may see (docs/flags.md),
 * at the top of every page of the person: all of them (case_id NULL), or
 * those on the person and on case case_id (an id). Nothing when none. */
void web_person_flags(struct request *r, const char *person_id, const char *case_id);
/* The profile's "Alerts" section: active flags with their lift forms,
 * the form to raise one (on the person or one of cases, from
 * web_person_case_list), and the lifted ones. */
void web_person_flag_section(struct request *r, const struct person *p,
			     const struct store_list *cases);
/* page_data_requests.c: the profile's data-protection section (requests,
 * the record's export), for those who may (data_request.h). */
void web_person_data_rights(struct request *r, const struct person *p);
/* "Anonymised person" on the profile of one who was. */
void web_person_anonymised(struct request *r, const struct person *p);
void page_person_anonymise(struct request *r);
/* page_person_pdf.c */
void page_person_pdf(struct request *r);
void page_data_requests(struct request *r);
void page_data_request_create(struct request *r);
void page_data_request_close(struct request *r);
/* The "Appointments and follow-ups" section of case page k (errs: the
 * failed booking or marking form's, else NULL). */
void web_case_appointments(struct request *r, const struct case_rec *k, const struct errors *errs);
/* After a form on the case page r->params[0]: back to it (#anchor), or the
 * page again with errs under form (400, or 409 for a conflict with
 * errors), or an error page. */
void web_case_after(struct request *r, int rc, const char *form, const struct errors *errs,
		    const char *anchor);

/* next if it is a path on this site ("/cases/1#x"), else "/": a form's
 * "next" target can then not send people to another site (nor hide "//"
 * behind a control character a browser would drop). */
const char *web_safe_next(const char *next);

struct store_list;
/* The columns of an appointments table beyond time, kind, with whom,
 * place and status: the person and case, the staff member, the date (else
 * the time only), the status notes. */
enum { APPT_COL_CASE = 1, APPT_COL_STAFF = 2, APPT_COL_DATE = 4, APPT_COL_NOTES = 8 };
/* Writes l's appointments as a table named label, each planned one with
 * the buttons that mark it for those who may (posting back to next). */
void web_appointment_table(struct request *r, const struct store_list *l, unsigned cols,
			   const char *next, const char *label);
struct case_rec;
/* The case page's needs assessments section (page_case_needs.c), for
 * render_case; errs: those of its form when it failed. */
void web_case_needs(struct request *r, const struct case_rec *k, const struct errors *errs);
/* After a form of the case page named form: back to the page at anchor,
 * or the page again with errs (400, or 409 with errs), or an error page. */
void web_case_after(struct request *r, int rc, const char *form, const struct errors *errs,
		    const char *anchor);
/* A user's full name (else their user name) for a page, or "—". */
const char *web_user_name(struct request *r, const char *user_id);
/* As web_case_after, for a form about case id posted elsewhere (a
 * decision on /approvals/{id}/…). */
void web_case_after_on(struct request *r, const char *id, int rc, const char *form,
		       const struct errors *errs, const char *anchor);
/* The case page's "Plan del caso" and "Notas de seguimiento" sections
 * (page_case_plan.c); form and errs: a failed form of theirs, or NULL.
 * Written between sections: closes the one open and leaves the notes'
 * section open for the caller to close. */
void web_case_plan(struct request *r, const struct case_rec *k, const char *form,
		   const struct errors *errs);
/* The banner of a closure waiting for approval on k's page, or nothing;
 * form and errs as for web_case_plan. */
void web_case_closure_banner(struct request *r, const struct case_rec *k, const char *form,
			     const struct errors *errs);
/* Approvals (page_approvals.c): who asked and when; the form that
 * decides request a (supervisors; next: the page to return to, or NULL
 * for the queue); the navigation's label with the pending count. */
struct approval;
void web_approval_summary(struct request *r, const struct approval *a);
void web_approval_form(struct request *r, const struct approval *a, const char *next,
		       const struct errors *errs);
const char *web_approvals_nav(struct request *r);
/* errs when they are those of a failed decision on a (form "decide", on
 * /approvals/{id}/…), else NULL. */
const struct errors *web_approval_errors(struct request *r, const struct approval *a,
					 const char *form, const struct errors *errs);

/* Pages (handlers for routes.c). */
void page_home(struct request *r);
void page_login(struct request *r);
void page_login_post(struct request *r);
void page_logout(struct request *r);
void page_lang(struct request *r);
void page_account_password(struct request *r);
void page_account_password_post(struct request *r);
void page_login_code(struct request *r);
void page_login_code_post(struct request *r);
void page_login_enrol(struct request *r);
void page_login_enrol_post(struct request *r);
void page_account_2fa(struct request *r);
void page_account_2fa_post(struct request *r);
void page_people(struct request *r);
void page_person(struct request *r);
void page_person_history(struct request *r);
void page_person_new(struct request *r);
void page_person_create(struct request *r);
void page_person_edit(struct request *r);
void page_person_update(struct request *r);
void page_person_matches(struct request *r);
void page_person_document(struct request *r);
void page_caseloads(struct request *r);
void page_settings(struct request *r);
void page_settings_post(struct request *r);
void page_partners(struct request *r);
void page_partner(struct request *r);
void page_partner_new(struct request *r);
void page_partner_create(struct request *r);
void page_partner_edit(struct request *r);
void page_partner_update(struct request *r);
void page_partner_active(struct request *r);
void page_households(struct request *r);
void page_household(struct request *r);
void page_household_create(struct request *r);
void page_household_member(struct request *r);
void page_household_head(struct request *r);
void page_household_edit(struct request *r);
void page_household_update(struct request *r);
/* The household page's "Vulnerability" section, the household form's
 * income field (dollars) and its value in cents ("" when emptied, NULL
 * when absent or wrong, then an error on "monthly_income"), and the
 * weights page (page_household_vulnerability.c). */
void web_household_vulnerability(struct request *r, const struct household *h);
void web_household_income_field(struct request *r, const struct household *h, const char *typed,
				const struct errors *errs);
const char *web_household_income_cents(struct request *r, struct errors *errs);
void page_vulnerability_weights(struct request *r);
void page_vulnerability_weights_post(struct request *r);
void page_person_merge(struct request *r);
void page_person_merge_post(struct request *r);
void page_household_merge(struct request *r);
void page_household_merge_post(struct request *r);
void page_merge_undo(struct request *r);
void page_reviews(struct request *r);
void page_review_decide(struct request *r);
void page_reviews_scan(struct request *r);
void page_offices(struct request *r);
void page_office_create(struct request *r);
void page_office_update(struct request *r);
void page_transfers(struct request *r);
void page_transfer(struct request *r);
void page_transfer_decide(struct request *r);
void page_case_transfer(struct request *r);
void page_case_share(struct request *r);
void page_access_alerts(struct request *r);
void page_case_unshare(struct request *r);
void page_cases(struct request *r);
void page_case(struct request *r);
void page_case_open(struct request *r);
void page_case_status(struct request *r);
void page_case_risk(struct request *r);
void page_case_assign(struct request *r);
void page_case_service(struct request *r);
void page_case_assessment(struct request *r);
void page_case_refer(struct request *r);
void page_referrals(struct request *r);
void page_referral(struct request *r);
void page_referral_accept(struct request *r);
void page_referral_decline(struct request *r);
void page_referral_complete(struct request *r);

struct case_rec;
/* The "Referrals" section of the case page: the case's referrals out and
 * in, and the form to refer it; nothing for users who may not read cases. */
void web_case_referrals(struct request *r, const struct case_rec *k);
struct referral;
/* A table of referrals (struct referral items), with the person's name
 * when with_person; stacked on a phone. */
void web_referral_rows(struct request *r, const struct store_list *l, int with_person);
/* A referral's status, and the "Overdue" mark when it is. */
void web_referral_status(struct request *r, const struct referral *rf);
/* Where a referral goes: the area's label or the partner's name. */
const char *web_referral_target(struct request *r, const struct referral *rf);
/* "Referrals" for the navigation, with how many wait for an answer in the
 * user's areas: "Remisiones (2)". */
const char *web_referrals_nav(struct request *r);
/* The case page's "Asylum procedure" section (page_case_legal.c): nothing
 * unless k is a legal case; form and errs say which of its forms failed. */
void web_case_legal(struct request *r, const struct case_rec *k, const char *form,
		    const struct errors *errs);
/* A person's current asylum stage and its date, for their profile; NULL
 * when none is recorded or the user may not read cases. */
const char *web_asylum_stage(struct request *r, const char *person_id);
void page_case_stage(struct request *r);
void page_case_file_number(struct request *r);
void page_case_document(struct request *r);
void page_case_detention(struct request *r);
void page_case_release(struct request *r);
void page_flag_raise(struct request *r);
void page_flag_lift(struct request *r);
void page_today(struct request *r);
void page_case_appointment(struct request *r);
void page_appointment_status(struct request *r);
void page_case_needs(struct request *r);
void page_catalogues(struct request *r);
void page_catalogue_add(struct request *r);
void page_catalogue_entry(struct request *r);
void page_catalogue_active(struct request *r);
void page_catalogue_remove(struct request *r);
void page_case_goal_add(struct request *r);
void page_case_goal_update(struct request *r);
void page_case_goal_edit(struct request *r);
void page_case_note_add(struct request *r);
void page_case_plan_submit(struct request *r);
void page_approvals(struct request *r);
void page_approval_approve(struct request *r);
void page_approval_reject(struct request *r);

/* Cash assistance (page_assistance.c, page_household_assistance.c). */
struct household;
/* cents (decimal digits) in currency as money ("$150.00"), in r's arena. */
const char *web_money(struct request *r, const char *cents, const char *currency);
/* A table of requests (struct assistance_request), with the household. */
void web_assistance_rows(struct request *r, const struct store_list *l, int with_household);
/* A textarea with its label and error; typed back after a failed form. */
void web_assistance_textarea(struct request *r, const char *name, const char *label,
			     const struct errors *errs, int required);
/* A money field typed on a form ("150,50") as cents (digits in r's arena),
 * or NULL when empty or bad (then an error under field). */
char *web_assistance_cents(struct request *r, const char *field, struct errors *errs);
/* Gives errs' errors on field from the name to. */
void web_errors_rename(struct errors *errs, const char *from, const char *to);
/* Fills in from the programme form's fields (name, kind, donor, currency,
 * period, eligibility, and the amounts "budget" and "cap" as cents, NULL
 * when empty; a bad amount is an error on its field in errs). */
void web_programme_form(struct request *r, struct programme *in, struct errors *errs);
/* Names the domain's amount errors as the form's fields ("budget", "cap"). */
void web_programme_errors(struct errors *errs);
/* The household page's "Assistance" section (errs: its form's, else NULL). */
void web_household_assistance(struct request *r, const struct household *h,
			      const struct errors *errs);
void page_assistance(struct request *r);
void page_assistance_programme_create(struct request *r);
void page_assistance_programme(struct request *r);
void page_assistance_approvals(struct request *r);
void page_assistance_request(struct request *r);
void page_assistance_approve(struct request *r);
void page_assistance_reject(struct request *r);
void page_assistance_disburse(struct request *r);
/* The programme page of r->params[0]; edit_errs: the edit form's errors
 * after a failed edit (page_programme_edit.c), else NULL. */
void web_assistance_programme(struct request *r, const struct errors *edit_errs);
/* The form that edits programme p, for those who manage programmes. */
void web_programme_edit_form(struct request *r, const struct programme *p, const struct errors *errs);
void page_assistance_programme_edit(struct request *r);
void page_household_assistance(struct request *r);
/* Payments and reconciliation of a programme (page_assistance_recon.c);
 * sums: its figures when already read, or NULL. */
struct programme_sums;
void web_programme_recon(struct request *r, const struct programme *p,
			 const struct programme_sums *sums);
void page_assistance_reconcile(struct request *r);
void page_assistance_payments_csv(struct request *r);
void page_assistance_payments_xlsx(struct request *r);

/* Consents and data-sharing agreements (page_consents.c, page_sharing.c;
 * docs/consent.md). The profile's "Consents" section. */
void web_person_consents(struct request *r, const struct person *p);
/* For supervisors, the field override_reason of a form whose action needs
 * a consent the person has not given; nothing for other users. */
void web_consent_override_field(struct request *r, const struct errors *errs);
/* An optional select "agreement_id" of the agreements in force. */
void web_agreement_select(struct request *r, const struct errors *errs);
/* A required select "agreement" of the agreements in force covering
 * fields (CAT_SHARED_FIELD codes), for an export's GET form. */
void web_agreement_choice(struct request *r, const char *fields);
/* phone as a profile shows it: with a warning when the person withdrew
 * their consent to contact by phone; NULL when phone is. */
const char *web_phone_for_contact(struct request *r, const char *person_id, const char *phone);
void page_person_consent_new(struct request *r);
void page_person_consent(struct request *r);
void page_sharing_agreements(struct request *r);
void page_sharing_agreement_create(struct request *r);
void page_sharing_agreement_end(struct request *r);

#endif
