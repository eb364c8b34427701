/* form.c: labelled form controls with their validation messages. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
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

void form_text(struct request *r, const char *name, const char *label, const char *value,
	       const struct errors *errs, const char *type, const char *hint, int required)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	field_open(r, name, label, required);
	html_printf(&r->out, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" value=\"%s\"%R%R", name, name,
		    type ? type : "text", value ? value : "", required ? " required" : "",
		    err ? " aria-invalid=\"true\"" : "");
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
	const struct catalog_item **order = catalog_sorted(r->a, c);
	for (size_t i = 0; i < c->n; i++) {
		if (i == c->pinned && c->pinned > 0 && c->pinned < c->n)
			html_printf(&r->out, "<option disabled>──────────</option>");
		html_printf(&r->out, "<option value=\"%s\"%R>%s</option>", order[i]->code,
			    value && strcmp(value, order[i]->code) == 0 ? " selected" : "",
			    _(order[i]->label));
	}
	html_printf(&r->out, "</select>");
	field_error(r, name, err);
	html_printf(&r->out, "</div>");
}

static int has_code(const char *set, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = set; p && *p;) {
		while (*p == ',' || *p == ' ')
			p++;
		size_t len = strcspn(p, ", ");
		if (len == n && strncmp(p, code, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

static void check(struct request *r, const char *name, const struct catalog_item *it, const char *value)
{
	html_printf(&r->out, "<label><input type=\"checkbox\" name=\"%s\" value=\"%s\"%R> %s (%s)</label>",
		    name, it->code, has_code(value, it->code) ? " checked" : "", _(it->label), it->code);
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
				chosen += has_code(value, c->items[k].code);
			}
		html_printf(&r->out, "<div class=\"need\">");
		check(r, name, cat, value);
		if (subs) {
			html_printf(&r->out, "<details%R><summary>%s</summary>", chosen ? " open" : "",
				    _("More precisely"));
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
	for (int i = 0; i < errs->n; i++)
		html_printf(&r->out, "<li><a href=\"#f-%s\">%s</a></li>", errs->e[i].field,
			    errs->e[i].message);
	html_printf(&r->out, "</ul></div>");
}

void form_read(struct request *r, const struct entity *e, void *rec)
{
	memset(rec, 0, e->size);
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		if (f->flags & F_SERVER)
			continue;
		/* Repeated keys (checkboxes) join with commas. */
		struct buf b;
		buf_init(&b, 0);
		int found = 0;
		for (const struct kv *kv = r->form; kv; kv = kv->next) {
			if (strcmp(kv->key, f->name) != 0)
				continue;
			if (found++)
				buf_addc(&b, ',');
			buf_adds(&b, kv->value);
		}
		if (found)
			*field_ptr(rec, f) = arena_strdup(r->a, b.p ? b.p : "");
		buf_free(&b);
	}
}
