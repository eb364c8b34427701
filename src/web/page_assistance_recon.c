/* page_assistance_recon.c: on a programme's page, the provider statement
 * upload and the payment list downloads; the reconciliation result page
 * (docs/reconciliation.md). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/assistance.h"
#include "domain/assistance_recon.h"
#include "domain/auth.h"
#include "domain/sharing.h"
#include "domain/statement.h"
#include "web/web.h"

/* The programme's stored reconciliations: how many disbursements are
 * reconciled (from sums, or read when NULL), and the runs, newest first. */
static void runs(struct request *r, const struct programme *p, const struct programme_sums *sums)
{
	struct buf *o = &r->out;
	struct programme_sums s;
	struct store_list l;
	if (sums)
		s = *sums;
	else if (programme_sums(&r->ctx, p->id, 0, &s) != DOM_OK)
		return;
	if (assist_recon_runs(&r->ctx, p->id, 20, 0, &l) != DOM_OK)
		return;
	html_printf(o, "<section id=\"reconciliations\"><h2>%s</h2><p id=\"recon-count\">%s</p>",
		    _("Reconciliation"),
		    arena_printf(r->a, _("%lld of %lld disbursements reconciled against a provider statement (%s of %s)."),
				 s.reconciled_n, s.disbursed_n, assist_money(r->a, s.reconciled, p->currency),
				 assist_money(r->a, s.disbursed, p->currency)));
	if (!l.n) {
		html_printf(o, "<p>%s</p></section>", _("No statement reconciled yet."));
		return;
	}
	html_printf(o, "<table class=\"recon-runs stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("When"), _("By"), _("File"), _("Lines"), _("Matched"), _("Amount differences"),
		    _("Not expected"), _("Missing from the statement"));
	for (size_t i = 0; i < l.n; i++) {
		const struct assistance_recon_run *u = l.items[i];
		char when[32];
		time_display(u->run_at, when);
		html_printf(o, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			    _("When"), when, _("By"), web_user_name(r, u->run_by), _("File"),
			    u->file_name ? u->file_name : "—", _("Lines"), u->lines, _("Matched"), u->matched,
			    _("Amount differences"), u->differences, _("Not expected"), u->unexpected,
			    _("Missing from the statement"), u->missing);
	}
	html_printf(o, "</tbody></table></section>");
}

void web_programme_recon(struct request *r, const struct programme *p,
			 const struct programme_sums *sums)
{
	struct buf *o = &r->out;
	runs(r, p, sums);
	if (auth_check(&r->user, PERM_ASSIST_DISBURSE) != DOM_OK)
		return;
	html_printf(o, "<section id=\"payments\"><h2>%s</h2><p>%s</p>", _("Payments and reconciliation"),
		    _("Download the approved requests not yet disbursed, to send to the payment provider."));
	/* A GET form: the agreement chosen travels in the download's address. */
	html_printf(o, "<form method=\"get\" action=\"/assistance/programmes/%u/payments.csv\" class=\"payments-export\">",
		    p->id);
	web_agreement_choice(r, SHARING_PAYMENT_FIELDS);
	html_printf(o, "<button type=\"submit\">%s</button> <button type=\"submit\" formaction=\"/assistance/programmes/%u/payments.xlsx\" class=\"secondary\">%s</button></form>",
		    _("Payment list (CSV)"), p->id, _("Payment list (Excel)"));
	html_printf(o, "<form method=\"post\" action=\"/assistance/programmes/%u/reconcile\" enctype=\"multipart/form-data\">", p->id);
	form_csrf(r);
	html_printf(o, "<label>%s<input type=\"file\" name=\"statement\" accept=\".csv,text/csv\" required></label>"
		       "<small>%s</small><button type=\"submit\">%s</button></form></section>",
		    _("Provider statement (CSV)"),
		    _("Columns found by their header: reference and amount, and optionally date and name."),
		    _("Reconcile"));
}

/* The download of the payment list, CSV or XLSX. */
static void payments(struct request *r, int xlsx)
{
	struct programme p;
	struct payment_row *rows;
	struct errors errs = { 0 };
	size_t n;
	int rc = assist_payment_rows(&r->ctx, r->params[0], req_query(r, "agreement"), &errs, &p,
				     &rows, &n);
	if (!rc && api_send_payments(r, rows, n, xlsx))
		rc = DOM_ERROR;
	if (rc == DOM_INVALID) {
		r->status = 400;
		web_begin(r, _("Payment list"), "assistance");
		html_printf(&r->out, "<h1>%s</h1>", _("Payment list"));
		form_error_summary(r, &errs);
		html_printf(&r->out, "<p><a href=\"/assistance/programmes/%u#payments\">%s</a></p>", p.id,
			    _("Back to the programme"));
		web_end(r);
	} else if (rc) {
		web_error(r, rc);
	}
}

void page_assistance_payments_csv(struct request *r)
{
	payments(r, 0);
}

void page_assistance_payments_xlsx(struct request *r)
{
	payments(r, 1);
}

static const char *cents(struct request *r, int64_t v, const char *currency)
{
	return assist_money(r->a, v, currency);
}

/* The items of kind k as a table: statement line, reference, the
 * beneficiary, expected, paid and difference (as the kind has them). */
static void items(struct request *r, const struct programme *p, const struct recon_result *res,
		  enum recon_kind k)
{
	struct buf *o = &r->out;
	html_printf(o, "<h2>%s (%s)</h2>", recon_kind_label(k), arena_printf(r->a, "%zu", res->count[k]));
	if (!res->count[k])
		return;
	html_printf(o, "<table class=\"recon-%d stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    (int)k, _("Line"), _("Reference"), _("Beneficiary"), _("Expected"), _("Paid"), _("Difference"));
	for (size_t i = 0; i < res->n; i++) {
		const struct recon_item *it = &res->items[i];
		if (it->kind != k)
			continue;
		const struct recon_expected *e = it->expected;
		const struct recon_line *l = it->line;
		html_printf(o, "<tr><td data-label=\"%s\">%s</td>", _("Line"),
			    l ? arena_printf(r->a, "%zu", l->line) : "—");
		if (e)
			html_printf(o, "<td data-label=\"%s\"><a href=\"/assistance/%u\">%s</a></td>", _("Reference"),
				    e->id, e->reference);
		else
			html_printf(o, "<td data-label=\"%s\">%s</td>", _("Reference"), l->reference);
		html_printf(o, "<td data-label=\"%s\">%s%R%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			    _("Beneficiary"), e && e->name ? e->name : "—", e && e->household ? " · " : "",
			    e && e->household ? e->household : "", _("Expected"),
			    e ? cents(r, e->amount_cents, p->currency) : "—", _("Paid"),
			    l ? cents(r, l->amount_cents, p->currency) : "—", _("Difference"),
			    k == RECON_DIFFERENCE ? cents(r, it->difference, p->currency) : "—");
	}
	html_printf(o, "</tbody></table>");
}

/* POST /assistance/programmes/:id/reconcile (multipart: statement) */
void page_assistance_reconcile(struct request *r)
{
	struct buf *o = &r->out;
	struct programme p;
	struct statement st;
	struct recon_result res;
	const struct kv *f = NULL;
	int rc = auth_check(&r->user, PERM_ASSIST_DISBURSE);
	if (rc || (rc = programme_get(&r->ctx, r->params[0], &p, NULL))) {
		web_error(r, rc);
		return;
	}
	for (const struct kv *k = r->form; k; k = k->next)
		if (strcmp(k->key, "statement") == 0)
			f = k;
	FILE *in = f && f->value_len ? fmemopen((void *)f->value, f->value_len, "r") : NULL;
	int bad = in ? statement_read(in, NULL, &st) : -1;
	if (in)
		fclose(in);
	struct assistance_recon_run run;
	struct errors errs = { 0 };
	rc = bad ? DOM_INVALID
		 : assist_reconcile(&r->ctx, p.id, f->filename, st.lines, st.n, &errs, &p, &res, &run);
	web_begin(r, _("Reconciliation"), "assistance");
	html_printf(o, "<hgroup><h1>%s</h1><p><a href=\"/assistance/programmes/%u\">%s</a></p></hgroup>",
		    _("Reconciliation"), p.id, p.name);
	if (rc) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		html_printf(o, "<div role=\"alert\" class=\"field-error\" id=\"statement-error\"><p>%s</p><ul>",
			    _("The statement cannot be reconciled:"));
		if (!in)
			html_printf(o, "<li>%s</li>", _("Choose the provider's statement, a CSV file."));
		else if (bad)
			for (size_t i = 0; i < st.nerrors; i++)
				html_printf(o, "<li>%s</li>", st.errors[i].msg);
		else if (errs.n)
			html_printf(o, "<li>%s</li>", errs.e[0].message);
		else
			html_printf(o, "<li>%s</li>", _("Two disbursements of this programme share a transaction reference: correct them first."));
		html_printf(o, "</ul></div>");
		web_programme_recon(r, &p, NULL);
	} else {
		html_printf(o, "<p class=\"summary\">%s</p>",
			    arena_printf(r->a, _("%zu matched, %zu amount differences, %zu not expected, %zu missing from the statement, %zu duplicate lines."),
					 res.count[RECON_MATCHED], res.count[RECON_DIFFERENCE], res.count[RECON_UNMATCHED],
					 res.count[RECON_MISSING], res.count[RECON_DUPLICATE]));
		html_printf(o, "<p class=\"notice\" role=\"status\" id=\"stored\">%s</p>",
			    arena_printf(r->a, _("Saved: %s disbursements marked reconciled now. Amount differences and lines not expected are not marked."),
					 run.newly_reconciled));
		for (int k = RECON_DIFFERENCE; k < RECON_KINDS; k++)
			items(r, &p, &res, (enum recon_kind)k);
		items(r, &p, &res, RECON_MATCHED);
		recon_result_free(&res);
	}
	if (in)
		statement_free(&st);
	web_end(r);
}
