/* form.c: labelled form controls with their validation messages. */
#include <stdio.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "web/web.h"

void form_csrf(struct request *r)
{
	if (r->csrf)
		html_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
}

/* Each control sits in its own <div>, so a Pico .grid lays out one field
 * (label, control, message) per cell. */
static void field_open(struct request *r, const char *name, const char *label, int required)
{
	html_printf(&r->out, "<div class=\"field\"><label for=\"f-%s\">%s%R</label>", name, label,
		    required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "");
}

static void field_error(struct request *r, const char *name, const char *err)
{
	if (err)
		html_printf(&r->out, "<small id=\"e-%s\" class=\"field-error\">%s</small>", name, err);
}

int form_is_date(const char *name)
{
	size_t n = strlen(name);
	return strcmp(name, "date") == 0 || (n > 5 && strcmp(name + n - 5, "_date") == 0) ||
	       (n > 3 && strcmp(name + n - 3, "_on") == 0);
}

/* Dates are typed as people in Panama write them, day first, in a text
 * field: a browser's date picker shows the browser's own order (often
 * month first) and silently empties a date that does not exist, losing
 * what was typed. Stored ISO dates are shown as DD/MM/YYYY; anything else
 * (what the user typed) is shown as it is. */
void form_text(struct request *r, const char *name, const char *label, const char *value,
	       const struct errors *errs, const char *type, const char *hint, int required)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	int date = type && strcmp(type, "date") == 0;
	char shown[16];
	if (date && value && date_parse(value, NULL, NULL, NULL) == 0) {
		date_display(value, shown);
		value = shown;
	}
	if (date && !hint)
		hint = _("Day/month/year, for example 31/05/1990.");
	field_open(r, name, label, required);
	html_printf(&r->out, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" value=\"%s\"%R%R%R", name, name,
		    date ? "text" : type ? type : "text", value ? value : "", required ? " required" : "",
		    err ? " aria-invalid=\"true\"" : "",
		    date ? " inputmode=\"numeric\" placeholder=\"DD/MM/AAAA\" autocomplete=\"off\" maxlength=\"10\"" : "");
	if (err)
		html_printf(&r->out, " aria-describedby=\"e-%s\"", name);
	else if (hint)
		html_printf(&r->out, " aria-describedby=\"h-%s\"", name);
	html_printf(&r->out, ">");
	field_error(r, name, err);
	if (hint && !err)
		html_printf(&r->out, "<small id=\"h-%s\">%s</small>", name, hint);
	html_printf(&r->out, "</div>");
}

void form_select(struct request *r, const char *name, const char *label, const struct catalog *c,
		 const char *value, const struct errors *errs, int required)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	field_open(r, name, label, required);
	html_printf(&r->out, "<select id=\"f-%s\" name=\"%s\"%R%R>", name, name,
		    required ? " required" : "", err ? " aria-invalid=\"true\"" : "");
	html_printf(&r->out, "<option value=\"\">%s</option>", _("— choose —"));
	if (catalog_editable(c)) {
		/* Active entries only; labels may be the administrators', and
		 * are already in the user's language. */
		size_t n;
		const struct catalog_entry_view *v = catalog_entries(r->a, c, 1, &n);
		for (size_t i = 0; i < n; i++)
			html_printf(&r->out, "<option value=\"%s\"%R>%s</option>", v[i].code,
				    value && strcmp(value, v[i].code) == 0 ? " selected" : "", v[i].label);
	} else {
		const struct catalog_item **order = catalog_sorted(r->a, c);
		for (size_t i = 0; i < c->n; i++) {
			if (i == c->pinned && c->pinned > 0 && c->pinned < c->n)
				html_printf(&r->out, "<option disabled>──────────</option>");
			html_printf(&r->out, "<option value=\"%s\"%R>%s</option>", order[i]->code,
				    value && strcmp(value, order[i]->code) == 0 ? " selected" : "",
				    _(order[i]->label));
		}
	}
	html_printf(&r->out, "</select>");
	field_error(r, name, err);
	html_printf(&r->out, "</div>");
}


/* A code staff know by heart (UNHCR's specific needs: "SM-CC") is shown
 * beside its label; a code in lower case ("case_summary") is amparo's
 * own, and is not. */
static void check(struct request *r, const char *name, const struct catalog_item *it, const char *value)
{
	html_printf(&r->out, "<label><input type=\"checkbox\" name=\"%s\" value=\"%s\"%R> %s", name,
		    it->code, codes_has(value, it->code) ? " checked" : "", _(it->label));
	if (!it->code[strcspn(it->code, "abcdefghijklmnopqrstuvwxyz")])
		html_printf(&r->out, " (%s)", it->code);
	html_printf(&r->out, "</label>");
}

/* Codes with a dash ("SM-CC") are details of the code before the dash
 * ("SM"): they are folded under their category, open when one is chosen. */
void form_checks(struct request *r, const char *name, const char *label, const struct catalog *c,
		 const char *value, const struct errors *errs)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	html_printf(&r->out, "<fieldset class=\"checks\"><legend>%s</legend>", label);
	for (size_t i = 0; i < c->n; i++) {
		const struct catalog_item *cat = &c->items[i];
		if (strchr(cat->code, '-'))
			continue;
		size_t n = strlen(cat->code), subs = 0, chosen = 0;
		for (size_t k = 0; k < c->n; k++)
			if (strncmp(c->items[k].code, cat->code, n) == 0 && c->items[k].code[n] == '-') {
				subs++;
				chosen += codes_has(value, c->items[k].code);
			}
		html_printf(&r->out, "<div class=\"need\">");
		check(r, name, cat, value);
		if (subs) {
			html_printf(&r->out, "<details%R><summary>%s<span class=\"sr-only\">: %s</span></summary>",
				    chosen ? " open" : "", _("More precisely"), _(cat->label));
			for (size_t k = 0; k < c->n; k++)
				if (strncmp(c->items[k].code, cat->code, n) == 0 && c->items[k].code[n] == '-')
					check(r, name, &c->items[k], value);
			html_printf(&r->out, "</details>");
		}
		html_printf(&r->out, "</div>");
	}
	field_error(r, name, err);
	html_printf(&r->out, "</fieldset>");
}

void form_error_summary(struct request *r, const struct errors *errs)
{
	if (!errs || !errs->n)
		return;
	html_printf(&r->out, "<div role=\"alert\" class=\"error-summary\"><strong>%s</strong><ul>",
		    _("Some fields need correcting. Nothing was saved yet:"));
	/* A field without a label of its own ("confirm" means another thing
	 * on each form that has one) is named by its message alone: never by
	 * its internal name. */
	for (int i = 0; i < errs->n; i++) {
		const char *field = errs->e[i].field, *label = web_label(field);
		if (label == field)
			html_printf(&r->out, "<li><a href=\"#f-%s\">%s</a></li>", field,
				    errs->e[i].message);
		else
			html_printf(&r->out, "<li><a href=\"#f-%s\">%s: %s</a></li>", field, label,
				    errs->e[i].message);
	}
	html_printf(&r->out, "</ul></div>");
}

/* "31/5/1990", "31-05-1990", "31.05.1990" or "1990-05-31" to "1990-05-31";
 * NULL when s is none of these (the date itself may still not exist). */
static char *date_in(struct arena *a, const char *s)
{
	int d, m, y, n = 0;
	char sep1, sep2;
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-')
		return arena_strdup(a, s);
	if (sscanf(s, "%2d%c%2d%c%4d%n", &d, &sep1, &m, &sep2, &y, &n) == 5 && s[n] == 0 &&
	    sep1 == sep2 && (sep1 == '/' || sep1 == '-' || sep1 == '.') && y >= 1000 && d >= 0 && m >= 0)
		return arena_printf(a, "%04d-%02d-%02d", y, m, d);
	return NULL;
}

const char *form_joined(struct request *r, const char *name)
{
	struct buf b;
	buf_init(&b, 0);
	int found = 0;
	for (const struct kv *kv = r->form; kv; kv = kv->next) {
		if (strcmp(kv->key, name) != 0)
			continue;
		if (found++)
			buf_addc(&b, ',');
		buf_adds(&b, kv->value);
	}
	char *v = found ? arena_strbuf(r->a, &b) : NULL;
	buf_free(&b);
	return v;
}

const char *form_date(struct request *r, const char *name, struct errors *errs)
{
	const char *v = req_form(r, name);
	if (!v || !*v)
		return NULL;
	char *iso = date_in(r->a, v);
	if (!iso)
		errors_add(errs, name, _("Write the date as day/month/year, for example 31/05/1990."));
	return iso;
}

void form_read(struct request *r, const struct entity *e, void *rec, struct errors *errs)
{
	memset(rec, 0, e->size);
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		if (f->flags & F_SERVER)
			continue;
		*field_ptr(rec, f) = (char *)form_joined(r, f->name);
		char *v = field_get(rec, f);
		if (errs && v && *v && form_is_date(f->name)) {
			char *iso = date_in(r->a, v);
			if (!iso)
				errors_add(errs, f->name, _("Write the date as day/month/year, for example 31/05/1990."));
			*field_ptr(rec, f) = iso;
		}
	}
}
