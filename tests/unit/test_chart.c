/* Chart geometry: proportions, mirroring for right-to-left, empty data. */
#include <stddef.h>

#include "check_main.h"
#include "view/chart.h"

#define ROOM	(CHART_WIDTH - CHART_VALUE_W)

START_TEST(bar_lengths_are_proportional_to_the_largest)
{
	const long long		 n[3] = { 10, 5, 0 };
	struct chart_geom	 g[3];
	int			 h;

	ck_assert_int_eq(chart_layout(CHART_BARS, n, 3, 0, g, &h), 0);
	ck_assert_int_eq(g[0].w, ROOM);
	ck_assert_int_eq(g[1].w, ROOM / 2);
	ck_assert_int_eq(g[2].w, 0);
	ck_assert_int_eq(h, 3 * CHART_ROW + 4);
	/* Rows stack downwards without overlapping. */
	ck_assert_int_ge(g[1].y, g[0].y + g[0].h);
	ck_assert_int_ge(g[2].label_y, g[1].y + g[1].h);
}
END_TEST

START_TEST(bars_grow_from_the_left_in_ltr)
{
	const long long		 n[2] = { 4, 1 };
	struct chart_geom	 g[2];
	int			 h;

	ck_assert_int_eq(chart_layout(CHART_BARS, n, 2, 0, g, &h), 0);
	ck_assert_int_eq(g[0].x, 0);
	ck_assert_int_eq(g[1].x, 0);
	ck_assert_int_eq(g[0].label_x, 0);
	ck_assert_int_eq(g[1].value_x, g[1].w + CHART_GAP);
}
END_TEST

START_TEST(bars_grow_from_the_right_in_rtl)
{
	const long long		 n[2] = { 4, 1 };
	struct chart_geom	 l[2], r[2];
	int			 h, i;

	ck_assert_int_eq(chart_layout(CHART_BARS, n, 2, 0, l, &h), 0);
	ck_assert_int_eq(chart_layout(CHART_BARS, n, 2, 1, r, &h), 0);
	for (i = 0; i < 2; i++) {
		/* The mirror image of the left-to-right chart. */
		ck_assert_int_eq(r[i].w, l[i].w);
		ck_assert_int_eq(r[i].y, l[i].y);
		ck_assert_int_eq(r[i].x + r[i].w, CHART_WIDTH);
		ck_assert_int_eq(r[i].x, CHART_WIDTH - (l[i].x + l[i].w));
		ck_assert_int_eq(r[i].label_x, CHART_WIDTH - l[i].label_x);
		ck_assert_int_eq(r[i].value_x, CHART_WIDTH - l[i].value_x);
	}
}
END_TEST

START_TEST(columns_run_left_to_right_in_ltr_and_mirrored_in_rtl)
{
	const long long		 n[3] = { 1, 2, 4 };
	struct chart_geom	 l[3], r[3];
	int			 h, i;

	ck_assert_int_eq(chart_layout(CHART_COLUMNS, n, 3, 0, l, &h), 0);
	ck_assert_int_eq(h, CHART_COL_TOP + CHART_COL_H + CHART_COL_FOOT);
	ck_assert_int_lt(l[0].x, l[1].x);
	ck_assert_int_lt(l[1].x, l[2].x);
	ck_assert_int_eq(l[2].h, CHART_COL_H);
	ck_assert_int_eq(l[1].h, CHART_COL_H / 2);
	ck_assert_int_eq(l[0].y + l[0].h, CHART_COL_TOP + CHART_COL_H);
	ck_assert_int_eq(chart_layout(CHART_COLUMNS, n, 3, 1, r, &h), 0);
	ck_assert_int_gt(r[0].x, r[1].x);
	ck_assert_int_gt(r[1].x, r[2].x);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(r[i].h, l[i].h);
		ck_assert_int_eq(r[i].x, l[2 - i].x);
		ck_assert_int_eq(r[i].label_x, l[2 - i].label_x);
	}
}
END_TEST

START_TEST(all_zero_values_give_zero_lengths)
{
	const long long		 n[3] = { 0, 0, 0 };
	struct chart_geom	 g[3];
	int			 h, i, rtl;

	for (rtl = 0; rtl < 2; rtl++) {
		ck_assert_int_eq(chart_layout(CHART_BARS, n, 3, rtl, g, &h), 0);
		for (i = 0; i < 3; i++)
			ck_assert_int_eq(g[i].w, 0);
		ck_assert_int_eq(chart_layout(CHART_COLUMNS, n, 3, rtl, g, &h),
		    0);
		for (i = 0; i < 3; i++) {
			ck_assert_int_eq(g[i].h, 0);
			ck_assert_int_eq(g[i].y, CHART_COL_TOP + CHART_COL_H);
		}
	}
}
END_TEST

START_TEST(empty_list_has_a_height_and_no_items)
{
	struct chart_geom	 g[1];
	int			 h = -1;

	ck_assert_int_eq(chart_layout(CHART_BARS, NULL, 0, 0, g, &h), 0);
	ck_assert_int_gt(h, 0);
	h = -1;
	ck_assert_int_eq(chart_layout(CHART_COLUMNS, NULL, 0, 1, g, &h), 0);
	ck_assert_int_gt(h, 0);
}
END_TEST

START_TEST(negative_values_are_drawn_as_zero)
{
	const long long		 n[2] = { -5, 3 };
	struct chart_geom	 g[2];
	int			 h;

	ck_assert_int_eq(chart_layout(CHART_BARS, n, 2, 0, g, &h), 0);
	ck_assert_int_eq(g[0].w, 0);
	ck_assert_int_eq(g[1].w, ROOM);
}
END_TEST

START_TEST(huge_counts_do_not_overflow)
{
	const long long		 n[2] = { 4000000000000LL, 1000000000000LL };
	struct chart_geom	 g[2];
	int			 h;

	ck_assert_int_eq(chart_layout(CHART_BARS, n, 2, 0, g, &h), 0);
	ck_assert_int_eq(g[0].w, ROOM);
	ck_assert_int_eq(g[1].w, ROOM / 4);
}
END_TEST

START_TEST(too_many_items_are_refused)
{
	static long long	 n[CHART_MAX_ITEMS + 1];
	static struct chart_geom g[CHART_MAX_ITEMS + 1];
	int			 h;

	ck_assert_int_eq(chart_layout(CHART_BARS, n, CHART_MAX_ITEMS + 1, 0,
	    g, &h), -1);
	ck_assert_int_eq(chart_layout(CHART_COLUMNS, n, CHART_MAX_ITEMS, 0,
	    g, &h), 0);
}
END_TEST

static Suite *
chart_suite(void)
{
	Suite	*s = suite_create("chart");
	TCase	*tc = tcase_create("chart");

	tcase_add_test(tc, bar_lengths_are_proportional_to_the_largest);
	tcase_add_test(tc, bars_grow_from_the_left_in_ltr);
	tcase_add_test(tc, bars_grow_from_the_right_in_rtl);
	tcase_add_test(tc, columns_run_left_to_right_in_ltr_and_mirrored_in_rtl);
	tcase_add_test(tc, all_zero_values_give_zero_lengths);
	tcase_add_test(tc, empty_list_has_a_height_and_no_items);
	tcase_add_test(tc, negative_values_are_drawn_as_zero);
	tcase_add_test(tc, huge_counts_do_not_overflow);
	tcase_add_test(tc, too_many_items_are_refused);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(chart_suite)
