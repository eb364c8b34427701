/* api_assistance_recon.c: a programme's provider statement reconciled
 * against its disbursements, and its payment list as CSV or XLSX
 * (docs/reconciliation.md). Also the download the pages send. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/assistance.h"
#include "domain/assistance_recon.h"
#include "domain/statement.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

int api_send_payments(struct request *r, const struct payment_row *rows, size_t n, int xlsx)
{
	char path[] = "/tmp/amparo-payments-XXXXXX";
	FILE *f = NULL;
	int fd = -1, rc = -1;
	if (xlsx) {
		/* libxlsxwriter writes a path: a private temporary file, read
		 * back and removed. */
		if ((fd = mkstemp(path)) < 0)
			return -1;
		close(fd);
		if (payment_export_xlsx(path, rows, n) == 0 && (f = fopen(path, "rb"))) {
			char chunk[8192];
			size_t k;
			while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
				buf_add(&r->out, chunk, k);
			rc = ferror(f) ? -1 : 0;
			fclose(f);
		}
		unlink(path);
	} else {
		char *mem = NULL;
		size_t len = 0;
		if (!(f = open_memstream(&mem, &len)))
			return -1;
		rc = payment_export_csv(f, rows, n);
		if (fclose(f))
			rc = -1;
		if (!rc)
			buf_add(&r->out, mem, len);
		free(mem);
	}
	if (rc) {
		buf_reset(&r->out);
		return -1;
	}
	char day[11];
	time_t now = time(NULL);
	struct tm tm;
	strftime(day, sizeof(day), "%Y-%m-%d", gmtime_r(&now, &tm));
	r->status = 200;
	r->content_type = xlsx ? XLSX_TYPE : "text/csv; charset=utf-8";
	resp_header(r, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"pagos-%s.%s\"", day, xlsx ? "xlsx" : "csv"));
	return 0;
}

/* GET /api/v1/programmes/{id}/payments?agreement=ID&format=csv|xlsx */
void api_programmes_payments(struct request *r)
{
	const char *format = req_query(r, "format");
	struct errors errs = { 0 };
	struct programme p;
	struct payment_row *rows;
	size_t n;
	int xlsx = format && strcmp(format, "xlsx") == 0;
	if (format && !xlsx && strcmp(format, "csv") != 0) {
		errors_add(&errs, "format", _("Choose csv or xlsx."));
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = assist_payment_rows(&r->ctx, r->params[0], req_query(r, "agreement"), &errs, &p,
				     &rows, &n);
	if (!rc && api_send_payments(r, rows, n, xlsx))
		rc = DOM_ERROR;
	if (rc)
		resp_api_error(r, rc, &errs);
}

/* The statement's lines of the items of kind k in r. */
static json_t *items_json(const struct recon_result *res, enum recon_kind k)
{
	json_t *a = json_array();
	for (size_t i = 0; i < res->n; i++) {
		const struct recon_item *it = &res->items[i];
		if (it->kind != k)
			continue;
		json_t *o = json_object();
		const struct recon_expected *e = it->expected;
		const struct recon_line *l = it->line;
		json_object_set_new(o, "reference", json_string(l ? l->reference : e->reference));
		if (l) {
			json_object_set_new(o, "line", json_integer((json_int_t)l->line));
			json_object_set_new(o, "paid_cents", json_integer(l->amount_cents));
		}
		if (e) {
			json_object_set_new(o, "disbursement_id", json_string(e->id));
			json_object_set_new(o, "expected_cents", json_integer(e->amount_cents));
			json_object_set_new(o, "household", e->household ? json_string(e->household) : json_null());
			json_object_set_new(o, "name", e->name ? json_string(e->name) : json_null());
			json_object_set_new(o, "date", e->date ? json_string(e->date) : json_null());
		}
		if (k == RECON_DIFFERENCE)
			json_object_set_new(o, "difference_cents", json_integer(it->difference));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *run_json(const void *rec)
{
	return api_record(&ENT_ASSISTANCE_RECON_RUN, rec);
}

/* GET /api/v1/programmes/{id}/reconciliations */
void api_programmes_reconciliations(struct request *r)
{
	struct programme p;
	struct store_list l;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = programme_get(&r->ctx, r->params[0], &p, NULL);
	if (!rc)
		rc = assist_recon_runs(&r->ctx, p.id, limit, offset, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, api_page(&l, run_json, limit, offset));
}

/* POST /api/v1/programmes/{id}/reconcile?file_name=, the statement as
 * text/csv: stored (assist_reconcile), answered with "run". */
void api_programmes_reconcile(struct request *r)
{
	struct errors errs = { 0 };
	struct statement st;
	struct recon_result res;
	struct programme p;
	if (!r->body.n) {
		errors_add(&errs, "statement", _("Send the provider's statement as CSV."));
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	FILE *in = fmemopen(r->body.p, r->body.n, "r");
	if (!in) {
		resp_api_error(r, DOM_ERROR, NULL);
		return;
	}
	int bad = statement_read(in, NULL, &st);
	fclose(in);
	if (bad) {
		json_t *lines = json_array();
		for (size_t i = 0; i < st.nerrors; i++)
			json_array_append_new(lines, json_pack("{s:I, s:s}", "line", (json_int_t)st.errors[i].line,
							       "message", st.errors[i].msg));
		const char *msg = st.nerrors ? st.errors[0].msg : _("The statement cannot be read.");
		/* As resp_api_error answers, with every error and its line. */
		resp_json(r, 400, json_pack("{s:{s:s, s:s, s:s, s:{s:s}, s:o, s:I}}", "error", "code", "invalid",
					    "field", "statement", "message", msg, "fields", "statement", msg,
					    "lines", lines, "total_errors", (json_int_t)st.total_errors));
		statement_free(&st);
		return;
	}
	struct assistance_recon_run run;
	int rc = assist_reconcile(&r->ctx, r->params[0], req_query(r, "file_name"), st.lines, st.n,
				  &errs, &p, &res, &run);
	if (rc == DOM_CONFLICT) {
		errors_add(&errs, "reference", _("Two disbursements of this programme share a transaction reference: correct them first."));
		resp_api_error(r, rc, &errs);
	} else if (rc) {
		resp_api_error(r, rc, &errs);
	} else {
		resp_json(r, 200, json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:o}", "matched", items_json(&res, RECON_MATCHED),
					    "differences", items_json(&res, RECON_DIFFERENCE), "unexpected",
					    items_json(&res, RECON_UNMATCHED), "missing", items_json(&res, RECON_MISSING),
					    "duplicates", items_json(&res, RECON_DUPLICATE), "all_matched",
					    recon_all_matched(&res), "run", api_record(&ENT_ASSISTANCE_RECON_RUN, &run)));
		recon_result_free(&res);
	}
	statement_free(&st);
}
