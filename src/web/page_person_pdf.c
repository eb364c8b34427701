/* page_person_pdf.c: GET /people/{id}/export.pdf: a person's complete
 * record as a readable PDF in the user's language (Spanish first), one
 * heading per section, drawn with cairo and pango from the same sections
 * as the JSON export (domain/person_export.h). */
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/person_export.h"
#include "web/web.h"

/* A4 in points, and the margin. */
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 50.0

struct pdf {
	cairo_t *cr;
	double y;
};

/* pango and fontconfig keep process-wide caches: released at exit, so
 * that a leak checker (make test's sanitizer run) sees only real leaks. */
static void release_fonts(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}

static void register_release(void)
{
	atexit(release_fonts);
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Writes text (plain, not markup) in font ("Sans 10"), on a new page when
 * it does not fit; gap: space after it, in points. */
static void para(struct pdf *p, const char *text, const char *font, double gap)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int w, h;
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &w, &h);
	double height = (double)h / PANGO_SCALE;
	if (p->y + height > PAGE_H - MARGIN && p->y > MARGIN) {
		cairo_show_page(p->cr);
		p->y = MARGIN;
	}
	cairo_move_to(p->cr, MARGIN, p->y);
	pango_cairo_show_layout(p->cr, l);
	p->y += height + gap;
	pango_font_description_free(fd);
	g_object_unref(l);
}

/* One record: "Label: value" for each field it holds. */
static void record(struct request *r, struct pdf *p, const struct entity *e, const void *rec)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < e->nfields; i++) {
		const char *v = field_get(rec, &e->fields[i]);
		if (!v || !*v || (e->fields[i].flags & F_SECRET))
			continue;
		buf_printf(&b, "%s%s: %s", b.n ? "\n" : "", web_label(e->fields[i].name), v);
	}
	if (b.n)
		para(p, b.p, "Sans 9", 8);
	buf_free(&b);
	(void)r;
}

void page_person_pdf(struct request *r)
{
	struct export_section s[EXPORT_SECTIONS];
	char now[32], shown[32];
	int rc = person_export(&r->ctx, r->params[0], "pdf", s);
	if (rc) {
		web_error(r, rc);
		return;
	}
	const struct person *person = s[0].l.items[0];
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, register_release);
	buf_reset(&r->out);
	cairo_surface_t *surf =
		cairo_pdf_surface_create_for_stream(write_out, &r->out, PAGE_W, PAGE_H);
	struct pdf p = { cairo_create(surf), MARGIN };
	time_now_iso(now);
	time_display(now, shown);
	para(&p, _("Complete record of a person's data"), "Sans Bold 16", 4);
	para(&p, arena_printf(r->a, _("%s · exported on %s"), person->ref, shown), "Sans 10", 4);
	para(&p,
	     _("Everything amparo holds about this person, by section, as the rights of access and portability require (Law 81 of 2019)."),
	     "Sans 9", 14);
	for (size_t i = 0; i < EXPORT_SECTIONS; i++) {
		para(&p, arena_printf(r->a, "%s (%zu)", _(s[i].title), s[i].l.n), "Sans Bold 12",
		     6);
		if (!s[i].l.n)
			para(&p, _("Nothing recorded."), "Sans Italic 9", 8);
		for (size_t k = 0; k < s[i].l.n; k++)
			record(r, &p, s[i].e, s[i].l.items[k]);
		p.y += 6;
	}
	cairo_destroy(p.cr);
	cairo_surface_finish(surf);
	int bad = cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(surf);
	if (bad) {
		buf_reset(&r->out);
		web_error(r, DOM_ERROR);
		return;
	}
	r->status = 200;
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"amparo-%s.pdf\"", person->ref));
}
