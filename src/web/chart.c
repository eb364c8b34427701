/* chart.c: a line chart of scores over time as inline SVG. */
#include "web/chart.h"

#include <assert.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"

/* The drawing, in SVG user units; the <svg> scales to its container. */
enum { W = 320, H = 160, LEFT = 34, RIGHT = 14, TOP = 12, BOTTOM = 30 };
enum { PLOT_W = W - LEFT - RIGHT, PLOT_H = H - TOP - BOTTOM };

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The x of each point: by date when all are valid and span some days,
 * else evenly spaced (one point sits in the middle). */
static void place_x(const struct chart_point *pts, size_t n, int *x)
{
	long first = 0, last = 0;
	int by_date = 1;
	for (size_t i = 0; i < n && by_date; i++) {
		int y, m, d;
		if (!pts[i].date || date_parse(pts[i].date, &y, &m, &d) != 0) {
			by_date = 0;
			break;
		}
		long day = date_days(y, m, d);
		if (i == 0)
			first = day;
		last = day;
		x[i] = (int)day; /* provisional: days, scaled below */
	}
	if (by_date && last > first) {
		for (size_t i = 0; i < n; i++)
			x[i] = LEFT + (int)((long)clamp(x[i] - (int)first, 0, (int)(last - first)) * PLOT_W /
					    (last - first));
		return;
	}
	for (size_t i = 0; i < n; i++)
		x[i] = n == 1 ? LEFT + PLOT_W / 2 : LEFT + (int)(i * PLOT_W / (n - 1));
}

static int place_y(int value, int max)
{
	return TOP + PLOT_H - clamp(value, 0, max) * PLOT_H / max;
}

void chart_line(struct buf *b, const char *id, const char *title, const struct chart_point *pts,
		size_t n, int max)
{
	assert(max > 0);
	if (n > CHART_POINTS_MAX) {
		pts += n - CHART_POINTS_MAX;
		n = CHART_POINTS_MAX;
	}
	html_printf(b, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		    "aria-labelledby=\"%s-title %s-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
		    "<title id=\"%s-title\">%s</title><desc id=\"%s-desc\">",
		    W, H, W, H, id, id, id, title, id);
	if (n == 0)
		html_printf(b, "%s", _("No values yet."));
	for (size_t i = 0; i < n; i++) {
		char shown[16];
		date_display(pts[i].date ? pts[i].date : "", shown);
		html_printf(b, "%s%s: %d", i ? "; " : "", shown, pts[i].value);
	}
	html_printf(b, "</desc>");

	/* Axes, and a guide line with its label at 0, half and max. */
	html_printf(b, "<g class=\"chart-axis\" fill=\"currentColor\" font-size=\"10\" stroke-width=\"1\">"
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\"/>"
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\"/>",
		    LEFT, TOP, LEFT, TOP + PLOT_H, LEFT, TOP + PLOT_H, LEFT + PLOT_W, TOP + PLOT_H);
	int ticks[3] = { 0, max / 2, max };
	for (int t = 0; t < 3; t++) {
		if (t == 1 && (ticks[1] == 0 || ticks[1] == max))
			continue;
		int y = place_y(ticks[t], max);
		if (t > 0)
			html_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" "
				    "stroke-opacity=\"0.2\"/>", LEFT, y, LEFT + PLOT_W, y);
		html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>", LEFT - 4, y + 3, ticks[t]);
	}
	if (n == 0) {
		html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text></g></svg>",
			    LEFT + PLOT_W / 2, TOP + PLOT_H / 2, _("No values yet."));
		return;
	}
	int x[CHART_POINTS_MAX];
	place_x(pts, n, x);
	/* The first and last dates under the axis (one label for one date). */
	char shown[16];
	date_display(pts[0].date ? pts[0].date : "", shown);
	html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x[0], H - 10,
		    n == 1 ? "middle" : "start", shown);
	if (n > 1) {
		date_display(pts[n - 1].date ? pts[n - 1].date : "", shown);
		html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", x[n - 1], H - 10, shown);
	}
	html_printf(b, "</g>");

	html_printf(b, "<g class=\"chart-line\" stroke=\"currentColor\" stroke-width=\"2\" fill=\"none\">");
	if (n > 1) {
		html_printf(b, "<polyline points=\"");
		for (size_t i = 0; i < n; i++)
			html_printf(b, "%s%d,%d", i ? " " : "", x[i], place_y(pts[i].value, max));
		html_printf(b, "\"/>");
	}
	for (size_t i = 0; i < n; i++) {
		date_display(pts[i].date ? pts[i].date : "", shown);
		html_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"currentColor\"><title>%s: %d</title></circle>",
			    x[i], place_y(pts[i].value, max), shown, pts[i].value);
	}
	html_printf(b, "</g></svg>");
}
