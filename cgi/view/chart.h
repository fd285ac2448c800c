/*
 * Charts as inline SVG, drawn on the server: this module turns a list of
 * (label, n) into geometry in the units of a fixed viewBox, and puts it
 * in a view that templates/chart.xhtml renders (no markup is written
 * here; labels and values reach the page through the escaping renderer).
 *
 * Two shapes: horizontal bars (one row per item: the label above, the
 * bar below with its value after it) for categories and statuses, and
 * columns (one per item, in the given order) for trends over time.
 *
 * Right-to-left (Arabic): every x is mirrored in the viewBox, so bars
 * grow from the right and the first column stands at the right; text
 * keeps text-anchor "start", which an SVG inheriting dir=rtl reads as
 * "right-aligned at x", and the svg element carries direction="rtl".
 *
 * Lengths are proportional to n / max(n). When every n is 0 (or the list
 * is empty) every length is 0: nothing divides by zero. Negative n are
 * drawn as 0.
 */
#ifndef PORTAL_VIEW_CHART_H
#define PORTAL_VIEW_CHART_H

#include <stddef.h>

struct view;

#define CHART_WIDTH	600	/* viewBox width */
#define CHART_ROW	44	/* horizontal bars: height of one row */
#define CHART_BAR	18	/* horizontal bars: thickness of a bar */
#define CHART_LABEL_Y	16	/* horizontal bars: label baseline in a row */
#define CHART_VALUE_W	150	/* room kept for the value after a bar */
#define CHART_GAP	6	/* between a bar and its value */
#define CHART_COL_H	200	/* columns: the tallest column */
#define CHART_COL_TOP	20	/* columns: room for the value above */
#define CHART_COL_FOOT	24	/* columns: room for the label below */
#define CHART_MAX_ITEMS	200	/* more items are not drawn */

enum chart_kind { CHART_BARS, CHART_COLUMNS };

/* One item's geometry, in viewBox units. */
struct chart_geom {
	int	x, y, w, h;		/* the bar */
	int	label_x, label_y;	/* the label's anchor */
	int	value_x, value_y;	/* the value's anchor */
};

/*
 * Geometry of count items of values n into out (count elements); sets
 * *height to the viewBox height. Returns 0, or -1 if count is over
 * CHART_MAX_ITEMS. Pure: no allocation, no state.
 */
int	chart_layout(enum chart_kind, const long long *n, size_t count,
	    int rtl, struct chart_geom *out, int *height)
	    __attribute__((warn_unused_result));

/* One item as the page gives it. */
struct chart_item {
	const char	*label;		/* shown as it is (translated) */
	long long	 n;		/* what the length shows */
	const char	*value;		/* the text after the bar: "12 (40.0%)" */
};

/*
 * Under key of v, a list of one map (so that the template can include
 * chart.xhtml with t:each) holding id, title, desc, width, height,
 * viewbox, dir, columns (bool), and bars: {x, y, w, h, lx, ly, vx, vy,
 * label, value}. id must be unique in the page ("chart-..."). Returns 0,
 * or -1 (out of memory, too many items).
 */
int	chart_view(struct view *v, const char *key, enum chart_kind,
	    const char *id, const char *title, const char *desc, int rtl,
	    const struct chart_item *items, size_t count)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_VIEW_CHART_H */
