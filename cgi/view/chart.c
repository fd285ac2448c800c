/*
 * Chart geometry (chart.h). Integer arithmetic in viewBox units: a
 * length is n * room / max, computed only when max > 0, in long long
 * (n is a count; room is at most CHART_WIDTH).
 */
#include <limits.h>
#include <stddef.h>

#include "view/chart.h"
#include "view/view.h"

static long long
max_of(const long long *n, size_t count)
{
	long long	 m = 0;
	size_t		 i;

	for (i = 0; i < count; i++)
		if (n[i] > m)
			m = n[i];
	return m;
}

/* n's share of room; 0 when there is nothing to compare with. */
static int
scale(long long n, long long max, int room)
{
	if (max <= 0 || n <= 0)
		return 0;
	if (n >= max)
		return room;
	/* Counts that large lose nothing visible in 600 units. */
	while (max > LLONG_MAX / CHART_WIDTH) {
		n /= 1024;
		max /= 1024;
	}
	return (int)(n * room / max);
}

static void
layout_bars(const long long *n, size_t count, int rtl, struct chart_geom *g,
    int *height)
{
	const int	 room = CHART_WIDTH - CHART_VALUE_W;
	long long	 max = max_of(n, count);
	size_t		 i;

	for (i = 0; i < count; i++) {
		int y0 = (int)i * CHART_ROW + 4;

		g[i].w = scale(n[i], max, room);
		g[i].h = CHART_BAR;
		g[i].y = y0 + CHART_LABEL_Y + 6;
		g[i].label_y = y0 + CHART_LABEL_Y;
		g[i].value_y = g[i].y + CHART_BAR - 4;
		/* Mirrored: the bar grows leftwards from the right edge. */
		g[i].x = rtl ? CHART_WIDTH - g[i].w : 0;
		g[i].label_x = rtl ? CHART_WIDTH : 0;
		g[i].value_x = rtl ? CHART_WIDTH - g[i].w - CHART_GAP :
		    g[i].w + CHART_GAP;
	}
	*height = (count > 0 ? (int)count : 1) * CHART_ROW + 4;
}

static void
layout_columns(const long long *n, size_t count, int rtl,
    struct chart_geom *g, int *height)
{
	long long	 max = max_of(n, count);
	int		 slot, cw;
	size_t		 i;

	slot = count > 0 ? CHART_WIDTH / (int)count : CHART_WIDTH;
	cw = slot * 2 / 3 > 0 ? slot * 2 / 3 : 1;
	for (i = 0; i < count; i++) {
		/* Mirrored: the first item stands at the right. */
		int pos = rtl ? (int)(count - 1 - i) : (int)i;

		g[i].h = scale(n[i], max, CHART_COL_H);
		g[i].w = cw;
		g[i].x = pos * slot + (slot - cw) / 2;
		g[i].y = CHART_COL_TOP + CHART_COL_H - g[i].h;
		g[i].label_x = g[i].value_x = pos * slot + slot / 2;
		g[i].label_y = CHART_COL_TOP + CHART_COL_H + 18;
		g[i].value_y = g[i].y - 4;
	}
	*height = CHART_COL_TOP + CHART_COL_H + CHART_COL_FOOT;
}

int
chart_layout(enum chart_kind k, const long long *n, size_t count, int rtl,
    struct chart_geom *out, int *height)
{
	if (count > CHART_MAX_ITEMS)
		return -1;
	if (k == CHART_COLUMNS)
		layout_columns(n, count, rtl, out, height);
	else
		layout_bars(n, count, rtl, out, height);
	return 0;
}

static int
bar_view(struct view *b, const struct chart_geom *g,
    const struct chart_item *it)
{
	return view_set_int(b, "x", g->x) == -1 ||
	    view_set_int(b, "y", g->y) == -1 ||
	    view_set_int(b, "w", g->w) == -1 ||
	    view_set_int(b, "h", g->h) == -1 ||
	    view_set_int(b, "lx", g->label_x) == -1 ||
	    view_set_int(b, "ly", g->label_y) == -1 ||
	    view_set_int(b, "vx", g->value_x) == -1 ||
	    view_set_int(b, "vy", g->value_y) == -1 ||
	    view_set_str(b, "label", it->label) == -1 ||
	    view_set_str(b, "value", it->value) == -1 ? -1 : 0;
}

int
chart_view(struct view *v, const char *key, enum chart_kind k,
    const char *id, const char *title, const char *desc, int rtl,
    const struct chart_item *items, size_t count)
{
	long long		 n[CHART_MAX_ITEMS];
	struct chart_geom	 g[CHART_MAX_ITEMS];
	struct view		*c, *b;
	size_t			 i;
	int			 height;

	if (count > CHART_MAX_ITEMS)
		return -1;
	for (i = 0; i < count; i++)
		n[i] = items[i].n;
	if (chart_layout(k, n, count, rtl, g, &height) == -1 ||
	    view_set_list(v, key) == -1 ||
	    (c = view_list_append(v, key)) == NULL ||
	    view_set_strf(c, "id", "%s", id) == -1 ||
	    view_set_strf(c, "title_id", "%s-t", id) == -1 ||
	    view_set_strf(c, "labelledby", "%s-t %s-d", id, id) == -1 ||
	    view_set_str(c, "title", title) == -1 ||
	    view_set_strf(c, "desc_id", "%s-d", id) == -1 ||
	    view_set_str(c, "desc", desc) == -1 ||
	    view_set_strf(c, "viewbox", "0 0 %d %d", CHART_WIDTH,
	    height) == -1 ||
	    view_set_str(c, "dir", rtl ? "rtl" : "ltr") == -1 ||
	    view_set_str(c, "anchor", k == CHART_COLUMNS ? "middle" :
	    "start") == -1 ||
	    view_set_str(c, "class", k == CHART_COLUMNS ? "chart columns" :
	    "chart bars") == -1 ||
	    view_set_list(c, "bars") == -1)
		return -1;
	for (i = 0; i < count; i++)
		if ((b = view_list_append(c, "bars")) == NULL ||
		    bar_view(b, &g[i], &items[i]) == -1)
			return -1;
	return 0;
}
