/* payment_export.c: the disbursement list for a payment provider
 * (payment_export.h). */
#include "domain/payment_export.h"

#include <stdbool.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/i18n.h"

static const char *const headers[PAYMENT_COLUMNS] = {
	N_("Reference"), N_("Beneficiary"), N_("Document"), N_("Phone"),
	N_("Amount"),	 N_("Currency"),    N_("Mechanism"), N_("Account"),
};

const char *payment_column_header(size_t i)
{
	return i < PAYMENT_COLUMNS ? _(headers[i]) : "";
}

const char *payment_mechanism_label(const char *code)
{
	static const struct {
		const char *code, *label;
	} mechanisms[] = {
		{ "bank_transfer", N_("Bank transfer") }, { "mobile_wallet", N_("Mobile wallet") },
		{ "prepaid_card", N_("Prepaid card") },	  { "cash", N_("Cash") },
		{ "in_kind", N_("In kind") },
	};
	if (!code)
		return "";
	for (size_t i = 0; i < sizeof(mechanisms) / sizeof(mechanisms[0]); i++)
		if (!strcmp(code, mechanisms[i].code))
			return _(mechanisms[i].label);
	return code;
}

/* The text cells of a row, in column order (the amount's slot NULL). */
static void cells(const struct payment_row *r, const char *out[PAYMENT_COLUMNS])
{
	out[0] = r->reference;
	out[1] = r->name;
	out[2] = r->document;
	out[3] = r->phone;
	out[4] = NULL;
	out[5] = r->currency ? r->currency : "USD";
	out[6] = payment_mechanism_label(r->mechanism);
	out[7] = r->account;
}

static void csv_cell(FILE *out, const char *s)
{
	s = s ? s : "";
	bool formula = strchr("=+-@\t\r", s[0]) && s[0];
	bool quote = formula || strpbrk(s, ",\"\r\n") || s[0] == ' ';
	if (quote)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote)
		fputc('"', out);
}

int payment_export_csv(FILE *out, const struct payment_row *rows, size_t n)
{
	fputs("\xef\xbb\xbf", out);
	for (size_t i = 0; i < PAYMENT_COLUMNS; i++) {
		if (i)
			fputc(',', out);
		csv_cell(out, payment_column_header(i));
	}
	fputs("\r\n", out);
	for (size_t k = 0; k < n; k++) {
		const char *c[PAYMENT_COLUMNS];
		cells(&rows[k], c);
		for (size_t i = 0; i < PAYMENT_COLUMNS; i++) {
			if (i)
				fputc(',', out);
			if (i == 4) {
				int64_t a = rows[k].amount_cents;
				uint64_t u = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
				fprintf(out, "%s%llu.%02llu", a < 0 ? "-" : "", (unsigned long long)(u / 100),
					(unsigned long long)(u % 100));
			} else {
				csv_cell(out, c[i]);
			}
		}
		fputs("\r\n", out);
	}
	return fflush(out) || ferror(out) ? -1 : 0;
}

int payment_export_xlsx(const char *path, const struct payment_row *rows, size_t n)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, _("Payments"));
	lxw_format *bold = workbook_add_format(wb);
	lxw_format *money = workbook_add_format(wb);
	lxw_format *text = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(money, "#,##0.00");
	format_set_num_format(text, "@");
	for (size_t i = 0; i < PAYMENT_COLUMNS; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, payment_column_header(i), bold);
	for (size_t k = 0; k < n; k++) {
		const char *c[PAYMENT_COLUMNS];
		cells(&rows[k], c);
		lxw_row_t row = (lxw_row_t)(k + 1);
		for (size_t i = 0; i < PAYMENT_COLUMNS; i++) {
			if (i == 4)
				worksheet_write_number(ws, row, 4, (double)rows[k].amount_cents / 100.0, money);
			else if (c[i] && c[i][0])
				worksheet_write_string(ws, row, (lxw_col_t)i, c[i], text);
		}
	}
	worksheet_set_column(ws, 0, 3, 18, NULL);
	worksheet_set_column(ws, 4, 4, 12, NULL);
	worksheet_set_column(ws, 5, 7, 16, NULL);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}
