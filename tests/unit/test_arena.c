/* The request arena: alignment, caps, overflow, reset. */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "core/writer.h"
#include "portal_limits.h"

START_TEST(alloc_is_aligned_for_any_type)
{
	struct arena	*a = arena_new(1u << 20);
	char		*p;
	size_t		 i;

	ck_assert_ptr_nonnull(a);
	for (i = 1; i < 100; i++) {
		p = arena_alloc(a, i);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % alignof(max_align_t), 0);
		memset(p, 0xAA, i);
	}
	arena_free(a);
}
END_TEST

START_TEST(alloc_refuses_past_cap)
{
	struct arena	*a = arena_new(2 * ARENA_BLOCK_SIZE);

	ck_assert_ptr_nonnull(arena_alloc(a, ARENA_BLOCK_SIZE));
	ck_assert_ptr_nonnull(arena_alloc(a, ARENA_BLOCK_SIZE / 2));
	ck_assert_ptr_null(arena_alloc(a, ARENA_BLOCK_SIZE));
	arena_free(a);
}
END_TEST

START_TEST(calloc_refuses_overflowing_product)
{
	struct arena	*a = arena_new(1u << 20);

	ck_assert_ptr_null(arena_calloc(a, SIZE_MAX / 2, 3));
	ck_assert_ptr_null(arena_alloc(a, SIZE_MAX));
	arena_free(a);
}
END_TEST

START_TEST(large_alloc_gets_its_own_block)
{
	struct arena	*a = arena_new(8u << 20);
	char		*p = arena_alloc(a, 3 * ARENA_BLOCK_SIZE);

	ck_assert_ptr_nonnull(p);
	memset(p, 1, 3 * ARENA_BLOCK_SIZE);
	ck_assert_uint_ge(arena_used(a), 3 * ARENA_BLOCK_SIZE);
	arena_free(a);
}
END_TEST

START_TEST(reset_returns_all_memory)
{
	struct arena	*a = arena_new(4u << 20);
	int		 i;

	for (i = 0; i < 1000; i++)
		ck_assert_ptr_nonnull(arena_alloc(a, 1000));
	arena_reset(a);
	ck_assert_uint_eq(arena_used(a), 0);
	/* After a reset the whole cap is available again. */
	for (i = 0; i < 1000; i++)
		ck_assert_ptr_nonnull(arena_alloc(a, 1000));
	arena_free(a);
}
END_TEST

START_TEST(reset_keeps_standard_blocks_for_the_next_request)
{
	struct arena	*a = arena_new(4u << 20);
	char		*seen[4], *p;
	int		 i, j, reused = 0;

	/* Fill the first block, then take four standard blocks. */
	ck_assert_ptr_nonnull(arena_alloc(a, ARENA_BLOCK_SIZE - 64));
	for (i = 0; i < 4; i++)
		ck_assert_ptr_nonnull(seen[i] = arena_alloc(a, ARENA_BLOCK_SIZE - 64));
	arena_reset(a);
	ck_assert_ptr_nonnull(arena_alloc(a, ARENA_BLOCK_SIZE - 64));
	for (i = 0; i < 4; i++) {
		ck_assert_ptr_nonnull(p = arena_alloc(a, ARENA_BLOCK_SIZE - 64));
		memset(p, 0x5a, ARENA_BLOCK_SIZE - 64);
		for (j = 0; j < 4; j++)
			reused += p == seen[j];
	}
	ck_assert_int_eq(reused, 4);
	arena_free(a);
}
END_TEST

START_TEST(strndup_and_printf_copy_exactly)
{
	struct arena	*a = arena_new(1u << 20);
	char		*s = arena_strndup(a, "abcdef", 3);

	ck_assert_str_eq(s, "abc");
	ck_assert_str_eq(arena_printf(a, "%s-%d", "x", 42), "x-42");
	arena_free(a);
}
END_TEST

START_TEST(buf_grows_and_respects_max)
{
	struct arena	*a = arena_new(1u << 20);
	struct buf	 b;
	struct writer	 w;
	int		 i;

	buf_init(&b, a, 1000);
	buf_writer(&b, &w);
	for (i = 0; i < 100; i++)
		ck_assert_int_eq(w_puts(&w, "0123456789"), 0);
	ck_assert_uint_eq(b.len, 1000);
	ck_assert_int_eq(w_puts(&w, "x"), -1);
	/* Errors are sticky. */
	ck_assert_int_eq(w_write(&w, "", 0), -1);
	ck_assert_int_eq(w.failed, 1);
	arena_free(a);
}
END_TEST

static Suite *
arena_suite(void)
{
	Suite	*s = suite_create("arena");
	TCase	*tc = tcase_create("arena");

	tcase_add_test(tc, alloc_is_aligned_for_any_type);
	tcase_add_test(tc, alloc_refuses_past_cap);
	tcase_add_test(tc, calloc_refuses_overflowing_product);
	tcase_add_test(tc, large_alloc_gets_its_own_block);
	tcase_add_test(tc, reset_returns_all_memory);
	tcase_add_test(tc, reset_keeps_standard_blocks_for_the_next_request);
	tcase_add_test(tc, strndup_and_printf_copy_exactly);
	tcase_add_test(tc, buf_grows_and_respects_max);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(arena_suite)
