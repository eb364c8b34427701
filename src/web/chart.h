/* chart.h: small server-rendered SVG charts, accessible without
 * JavaScript (docs/instruments.md). */
#ifndef AMPARO_CHART_H
#define AMPARO_CHART_H

#include <stddef.h>

#include "base/buf.h"

/* A longer series shows its last CHART_POINTS_MAX points. */
#define CHART_POINTS_MAX 120

struct chart_point {
	const char *date; /* "YYYY-MM-DD" */
	int value;        /* clamped to 0..max when drawn */
};

/* Appends to b an <svg role="img"> line chart of n points (oldest first)
 * on a vertical scale 0..max (max > 0), through the escaping writer. id
 * must be unique in the page (letters, digits, '-'): the <title> and
 * <desc> are "ID-title" and "ID-desc". title names the series; the
 * description lists every date and value as text for screen readers.
 * Points are placed by date when every date is valid, else evenly. With
 * n == 0 the chart says that there are no values yet. */
void chart_line(struct buf *b, const char *id, const char *title, const struct chart_point *pts,
		size_t n, int max);

#endif
