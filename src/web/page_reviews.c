/* page_reviews.c: the review queue of possible duplicates: pending pairs
 * side by side with the reasons, the decision buttons, and the scan. Plain
 * forms: works without JavaScript. */
#include <stdio.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/match_review.h"
#include "web/web.h"

#define PAGE_SIZE 20

/* The verdict filter from the query or form: "likely", "possible" or NULL. */
static const char *verdict_filter(struct request *r, const char *v)
{
	return v && (!strcmp(v, "likely") || !strcmp(v, "possible")) ? v : NULL;
}

/* One person of a pair: reference, name, birth date, documents. */
static void side(struct request *r, const struct person *p, const struct store_list *docs)
{
	struct buf *o = &r->out;
	char born[16];
	date_display(p->birth_date, born);
	html_printf(o,
		    "<div><p><a href=\"/people/%u\">%s</a></p><p><strong>%s %s %s</strong></p>"
		    "<p>%s: %s</p><p>%s: ",
		    p->id, p->ref, p->given_names, p->surname1 ? p->surname1 : "",
		    p->surname2 ? p->surname2 : "", web_label("birth_date"), born[0] ? born : "—",
		    _("Documents"));
	if (!docs->n)
		html_printf(o, "—");
	for (size_t i = 0; i < docs->n; i++) {
		const struct document *d = docs->items[i];
		html_printf(o, "%s%s %s", i ? "; " : "", catalog_label(&CAT_DOCUMENT_TYPE, d->type),
			    d->number);
	}
	html_printf(o, "</p></div>");
}

static void pair_article(struct request *r, const struct review_pair *p, const char *verdict,
			 long page)
{
	struct buf *o = &r->out;
	char score[32];
	snprintf(score, sizeof(score), "%.1f", p->score);
	html_printf(o,
		    "<article class=\"review match %s\"><header><strong>%s</strong> "
		    "<small>%s %s</small></header><div class=\"grid\">",
		    p->verdict == MATCH_LIKELY ? "likely" : "possible", web_match_verdict(p->verdict),
		    _("Score"), score);
	side(r, &p->a, &p->docs_a);
	side(r, &p->b, &p->docs_b);
	html_printf(o, "</div><p>%s</p>", _("Why they look alike:"));
	web_match_reasons(r, &p->why);
	html_printf(o, "<footer><form method=\"post\" action=\"/reviews/%u/decide\" class=\"actions\">",
		    p->row.id);
	form_csrf(r);
	html_printf(o,
		    "<input type=\"hidden\" name=\"verdict\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"page\" value=\"%l\">"
		    "<button type=\"submit\" name=\"decision\" value=\"same\">%s</button> "
		    "<button type=\"submit\" name=\"decision\" value=\"different\" class=\"secondary\">%s</button>"
		    "</form></footer></article>",
		    verdict ? verdict : "", (long long)page, _("Same person"), _("Different people"));
}

/* The last scan, the model it refined, and the button for a new one. */
static void scan_box(struct request *r, const struct review_status *s)
{
	struct buf *o = &r->out;
	html_printf(o, "<section class=\"scan\" aria-live=\"polite\"><p>");
	if (s->have_last) {
		char when[32];
		time_display(s->last.created_at, when);
		html_printf(o, "%s %s. %s %s; %s %s.", _("Last scan:"), when, _("pairs found:"),
			    s->last.pairs_found, _("new:"), s->last.pairs_new);
	} else {
		html_printf(o, "%s", _("The registry has not been scanned yet."));
	}
	if (s->running)
		html_printf(o, " <strong>%s</strong>", _("A scan is running: reload the page in a moment."));
	else if (s->requested)
		html_printf(o, " <strong>%s</strong>", _("A scan will start as soon as the list of people is loaded."));
	else if (s->failed)
		html_printf(o, " <strong>%s</strong>", _("The last scan failed. Try again, or tell the administrator."));
	html_printf(o, "</p>");
	if (s->have_last)
		html_printf(o, "<p><small>%s %s. %s %s. %s %s.</small></p>",
			    _("Decisions the model has learnt from:"), s->last.labels,
			    _("Pairs decided different that the model still calls likely:"),
			    s->last.different_likely,
			    _("Pairs decided the same that the model scores below possible:"),
			    s->last.same_below);
	html_printf(o, "<form method=\"post\" action=\"/reviews/scan\" class=\"actions\">");
	form_csrf(r);
	html_printf(o, "<button type=\"submit\" class=\"secondary\"%R>%s</button></form></section>",
		    s->running ? " disabled" : "", _("Scan for duplicates now"));
}

static void filter_link(struct request *r, const char *v, const char *label, const char *cur)
{
	int active = (!v && !cur) || (v && cur && !strcmp(v, cur));
	html_printf(&r->out, "<li><a href=\"/reviews%R%s\"%R>%s</a></li>", v ? "?verdict=" : "",
		    v ? v : "", active ? " aria-current=\"page\"" : "", label);
}

/* GET /reviews?verdict=likely|possible&page=N */
void page_reviews(struct request *r)
{
	struct review_pair *p;
	struct review_status st;
	struct errors errs = { 0 };
	size_t n;
	long long total;
	long page = 1;
	if (str_to_long(req_query(r, "page"), 1, 100000, &page))
		page = 1;
	const char *verdict = verdict_filter(r, req_query(r, "verdict"));
	int rc = match_review_status(&r->ctx, &st);
	if (!rc)
		rc = match_review_list(&r->ctx, "pending", verdict, PAGE_SIZE, (page - 1) * PAGE_SIZE,
				       &p, &n, &total, &errs);
	if (rc) {
		web_error(r, rc);
		return;
	}
	struct buf *o = &r->out;
	web_begin(r, _("Possible duplicates"), "reviews");
	html_printf(o, "<hgroup><h1>%s</h1><p>%s</p></hgroup>", _("Possible duplicates"),
		    _("People registered twice, as the registry's scan found them. Compare each pair and "
		      "decide: the same person (then merge the records) or different people."));
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "different"))
		html_printf(o, "<p role=\"status\">%s</p>", _("Saved: they are different people. They will not be asked about again."));
	else if (done && !strcmp(done, "scan"))
		html_printf(o, "<p role=\"status\">%s</p>", _("The scan has started."));
	scan_box(r, &st);
	html_printf(o, "<nav aria-label=\"%s\"><ul>", C_("noun", "Filter"));
	filter_link(r, NULL, _("All"), verdict);
	filter_link(r, "likely", _("Likely the same person"), verdict);
	filter_link(r, "possible", _("Possibly the same person"), verdict);
	html_printf(o, "</ul></nav><p>%s <strong>%l</strong></p>", _("Pairs to review:"), total);
	if (!n)
		html_printf(o, "<p>%s</p>", _("Nothing to review."));
	for (size_t i = 0; i < n; i++)
		pair_article(r, &p[i], verdict, page);
	long pages = (long)((total + PAGE_SIZE - 1) / PAGE_SIZE);
	if (pages > 1) {
		html_printf(o, "<nav aria-label=\"%s\" class=\"pager\">", _("Pages"));
		if (page > 1)
			html_printf(o, "<a href=\"/reviews?verdict=%u&amp;page=%l\">%s</a>",
				    verdict ? verdict : "", (long long)page - 1, _("« Previous"));
		html_printf(o, " <span>%s %l / %l</span> ", _("Page"), (long long)page, (long long)pages);
		if (page < pages)
			html_printf(o, "<a href=\"/reviews?verdict=%u&amp;page=%l\">%s</a>",
				    verdict ? verdict : "", (long long)page + 1, _("Next »"));
		html_printf(o, "</nav>");
	}
	web_end(r);
}

/* POST /reviews/{id}/decide: "same" goes on to the merge page, "different"
 * back to the queue where it was. */
void page_review_decide(struct request *r)
{
	struct review_pair p;
	struct errors errs = { 0 };
	int rc = match_review_decide(&r->ctx, r->params[0], req_form(r, "decision"), &errs, &p);
	if (rc) {
		web_error(r, rc);
		return;
	}
	if (!strcmp(p.row.status, "same")) {
		resp_redirect(r, arena_printf(r->a, "/people/%s/merge?with=%s", p.row.person_a,
					      p.row.person_b));
		return;
	}
	const char *verdict = verdict_filter(r, req_form(r, "verdict"));
	long page = 1;
	if (str_to_long(req_form(r, "page"), 1, 100000, &page))
		page = 1;
	resp_redirect(r, arena_printf(r->a, "/reviews?done=different&verdict=%s&page=%ld",
				      verdict ? verdict : "", page));
}

/* POST /reviews/scan */
void page_reviews_scan(struct request *r)
{
	int rc = match_review_scan_request(&r->ctx);
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, "/reviews?done=scan");
}
