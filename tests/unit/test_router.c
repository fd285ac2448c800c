/* Route matching over canonical paths: literals, {lang}, {param}, {rest*},
 * 404 and 405 with Allow, and refusal of a bad table. */
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "http/path.h"
#include "http/request.h"
#include "http/router.h"

static int h_a(struct req *r) { (void)r; return 0; }
static int h_b(struct req *r) { (void)r; return 0; }
static int h_c(struct req *r) { (void)r; return 0; }
static int h_d(struct req *r) { (void)r; return 0; }

static const struct route table[] = {
	{ M_GET, "/", h_a, 0 },
	{ M_GET, "/{lang}/states/{iso3}", h_b, 0 },
	{ M_GET | M_POST, "/{lang}/submit", h_c, 1024 },
	{ M_GET, "/log/tile/{rest*}", h_d, 0 },
	{ M_GET, "/{lang}/states", h_a, 0 },
};

static struct arena	*a;

static void
setup(void)
{
	a = arena_new(1u << 20);
	ck_assert_int_eq(router_init(table, sizeof(table) / sizeof(table[0])), 0);
}

static void teardown(void) { arena_free(a); }

static enum route_match
match(enum method m, const char *path, struct req *r, const char **allow)
{
	char	*canon;

	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->method = m;
	ck_assert_int_eq(path_canonical(a, path, strlen(path), &canon, &r->segs,
	    &r->nsegs), PATH_OK);
	return router_match(r, allow);
}

START_TEST(root_matches_only_root)
{
	struct req r;
	const char *allow = NULL;

	ck_assert_int_eq(match(METHOD_GET, "/", &r, &allow), ROUTE_FOUND);
	ck_assert_ptr_eq(r.route->handler, h_a);
}
END_TEST

START_TEST(lang_segment_accepts_only_the_six_languages)
{
	struct req r;
	const char *allow = NULL;

	ck_assert_int_eq(match(METHOD_GET, "/ar/states/IRN", &r, &allow), ROUTE_FOUND);
	ck_assert_str_eq(r.params[0], "IRN");
	ck_assert_int_eq(match(METHOD_GET, "/de/states/IRN", &r, &allow), ROUTE_NOT_FOUND);
	ck_assert_int_eq(match(METHOD_GET, "/EN/states/IRN", &r, &allow), ROUTE_NOT_FOUND);
}
END_TEST

START_TEST(extra_or_missing_segments_do_not_match)
{
	struct req r;
	const char *allow = NULL;

	ck_assert_int_eq(match(METHOD_GET, "/en/states/IRN/x", &r, &allow), ROUTE_NOT_FOUND);
	ck_assert_int_eq(match(METHOD_GET, "/en", &r, &allow), ROUTE_NOT_FOUND);
	ck_assert_int_eq(match(METHOD_GET, "/en/states", &r, &allow), ROUTE_FOUND);
	ck_assert_ptr_eq(r.route->handler, h_a);
}
END_TEST

START_TEST(rest_parameter_joins_the_tail)
{
	struct req r;
	const char *allow = NULL;

	ck_assert_int_eq(match(METHOD_GET, "/log/tile/0/x001/234", &r, &allow), ROUTE_FOUND);
	ck_assert_str_eq(r.params[0], "0/x001/234");
	ck_assert_int_eq(match(METHOD_GET, "/log/tile", &r, &allow), ROUTE_NOT_FOUND);
}
END_TEST

START_TEST(wrong_method_gives_allow_list)
{
	struct req r;
	const char *allow = NULL;

	ck_assert_int_eq(match(METHOD_POST, "/en/states", &r, &allow), ROUTE_BAD_METHOD);
	ck_assert_str_eq(allow, "GET, HEAD");
	ck_assert_int_eq(match(METHOD_OTHER, "/en/submit", &r, &allow), ROUTE_BAD_METHOD);
	ck_assert_str_eq(allow, "GET, HEAD, POST");
}
END_TEST

START_TEST(head_is_served_by_get_routes)
{
	struct req r;
	const char *allow = NULL;

	ck_assert_int_eq(match(METHOD_HEAD, "/en/submit", &r, &allow), ROUTE_FOUND);
	ck_assert_ptr_eq(r.route->handler, h_c);
}
END_TEST

START_TEST(bad_tables_are_refused)
{
	static const struct route dup[] = {
		{ M_GET, "/x", h_a, 0 }, { M_GET, "/x", h_b, 0 },
	};
	static const struct route rest_not_last[] = {
		{ M_GET, "/x/{a*}/y", h_a, 0 },
	};
	static const struct route relative[] = { { M_GET, "x", h_a, 0 } };

	ck_assert_int_eq(router_init(dup, 2), -1);
	ck_assert_int_eq(router_init(rest_not_last, 1), -1);
	ck_assert_int_eq(router_init(relative, 1), -1);
}
END_TEST

START_TEST(the_portal_table_is_valid)
{
	ck_assert_int_eq(router_init(portal_routes, portal_nroutes), 0);
}
END_TEST

static Suite *
router_suite(void)
{
	Suite	*s = suite_create("router");
	TCase	*tc = tcase_create("router");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, root_matches_only_root);
	tcase_add_test(tc, lang_segment_accepts_only_the_six_languages);
	tcase_add_test(tc, extra_or_missing_segments_do_not_match);
	tcase_add_test(tc, rest_parameter_joins_the_tail);
	tcase_add_test(tc, wrong_method_gives_allow_list);
	tcase_add_test(tc, head_is_served_by_get_routes);
	tcase_add_test(tc, bad_tables_are_refused);
	tcase_add_test(tc, the_portal_table_is_valid);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(router_suite)
