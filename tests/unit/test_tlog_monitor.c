/*
 * The log monitor against a log served from memory: an honest log
 * passes, and every kind of tampering is caught with the first bad
 * index named. Also the log's origin as derived from PORTAL_ORIGIN.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "data/tlog.h"
#include "trust/checkpoint.h"
#include "trust/merkle.h"
#include "trust/note.h"
#include "trust/tlog_monitor.h"

#define HB	MERKLE_HASH_BYTES
#define N	700	/* two full tiles and a partial one */
#define ORIGIN	"portal.example/log"

/* A log in memory: what it serves may differ from what it signed. */
struct memlog {
	uint8_t		 entries[N][32];	/* served */
	uint64_t	 nserved;
	uint8_t		 leaves[N][HB];		/* the stored leaf hashes */
	char		*note;			/* signed checkpoint */
	size_t		 note_len;
	int		 down;			/* tiles unavailable */
};

static struct arena		*a;
static struct note_signer	*signer;
static struct note_verifier	 ver;
static struct memlog		 lg;
static uint8_t			 orig[N][32];

static enum tlog_fetch_status
mem_fetch(void *ctx, const char *path, uint8_t *buf, size_t max, size_t *len)
{
	struct memlog		*m = ctx;
	struct merkle_mem	 mm = { (const uint8_t (*)[HB])m->leaves, N };
	struct tlog_tile	 t;
	uint64_t		 first, i;

	if (strcmp(path, "checkpoint") == 0) {
		ck_assert_uint_le(m->note_len, max);
		memcpy(buf, m->note, m->note_len);
		*len = m->note_len;
		return TLOG_FETCH_OK;
	}
	if (m->down)
		return TLOG_FETCH_UNAVAILABLE;
	ck_assert_int_eq(tlog_tile_parse(path, strlen(path), &t), 0);
	first = t.index * 256;
	*len = 0;
	for (i = 0; i < t.width; i++) {
		if (t.entries) {
			if (first + i >= m->nserved)
				return TLOG_FETCH_MISSING;
			buf[*len] = 0;
			buf[*len + 1] = 32;
			memcpy(buf + *len + 2, m->entries[first + i], 32);
			*len += 34;
		} else {
			if (merkle_mem_hash(&mm, t.level * 8, first + i,
			    buf + *len) == -1)
				return TLOG_FETCH_MISSING;
			*len += HB;
		}
	}
	return TLOG_FETCH_OK;
}

/* Sign a checkpoint of the first size stored leaves. */
static void
sign_size(uint64_t size)
{
	struct merkle_mem	 mm = { (const uint8_t (*)[HB])lg.leaves, size };
	uint8_t			 root[HB];

	ck_assert_int_eq(merkle_root(merkle_mem_hash, &mm, size, root), 0);
	ck_assert_int_eq(checkpoint_sign(a, signer, ORIGIN, size, root,
	    &lg.note, &lg.note_len), NOTE_OK);
}

static void
setup(void)
{
	char	*skey;
	size_t	 i;

	ck_assert_int_ge(sodium_init(), 0);
	ck_assert_ptr_nonnull(a = arena_new(1u << 22));
	ck_assert_int_eq(note_signer_generate(ORIGIN, &signer, &skey), 0);
	sodium_free(skey);
	note_signer_verifier(signer, &ver);
	memset(&lg, 0, sizeof(lg));
	for (i = 0; i < N; i++) {
		crypto_hash_sha256(orig[i], (const uint8_t *)&i, sizeof(i));
		memcpy(lg.entries[i], orig[i], 32);
		merkle_leaf_hash(orig[i], 32, lg.leaves[i]);
	}
	lg.nserved = N;
	sign_size(N);
}

static void
teardown(void)
{
	note_signer_free(signer);
	arena_free(a);
}

static void
check(const struct tlog_mon_state *prev, struct tlog_mon_result *r)
{
	tlog_monitor_check(mem_fetch, &lg, &ver, prev, r);
}

static void
assert_first_bad(const struct tlog_mon_state *prev, uint64_t index)
{
	struct tlog_mon_result	 r;

	check(prev, &r);
	ck_assert_int_eq(r.verdict, TLOG_MON_TAMPERED);
	ck_assert_int_eq(r.has_index, 1);
	ck_assert_uint_eq(r.first_bad, index);
	ck_assert_ptr_null(r.entries);
	tlog_mon_result_free(&r);
}

/* A state as an honest run over the first size entries leaves it. */
static void
state_of(struct tlog_mon_state *s, uint64_t size)
{
	s->size = size;
	s->entries = (const uint8_t (*)[32])orig;
	ck_assert_int_eq(tlog_mon_root(s->entries, size, s->root), 0);
	ck_assert_int_eq(tlog_mon_state_verify(s), 0);
}

START_TEST(honest_log_passes_and_gives_its_state)
{
	struct tlog_mon_result	 r;
	struct tlog_mon_state	 s;

	check(NULL, &r);
	ck_assert_int_eq(r.verdict, TLOG_MON_OK);
	ck_assert_uint_eq(r.size, N);
	ck_assert_mem_eq(r.entries, orig, sizeof(orig));
	ck_assert_uint_eq(r.note_len, lg.note_len);
	tlog_mon_result_free(&r);
	state_of(&s, 300);
	check(&s, &r);
	ck_assert_int_eq(r.verdict, TLOG_MON_OK);
	tlog_mon_result_free(&r);
}
END_TEST

START_TEST(changed_entry_is_named)
{
	lg.entries[517][0] ^= 1;
	assert_first_bad(NULL, 517);
}
END_TEST

START_TEST(missing_last_entries_are_named)
{
	lg.nserved = N - 3;
	assert_first_bad(NULL, N - 3);
	lg.nserved = 256;	/* a whole partial bundle and more */
	assert_first_bad(NULL, 256);
}
END_TEST

START_TEST(swapped_entries_are_named)
{
	memcpy(lg.entries[17], orig[600], 32);
	memcpy(lg.entries[600], orig[17], 32);
	assert_first_bad(NULL, 17);
}
END_TEST

START_TEST(entry_changed_with_its_hashes_is_named_by_the_state)
{
	struct tlog_mon_state	 s;

	/* Entry and every stored hash rewritten: only the root is wrong. */
	lg.entries[42][0] ^= 1;
	merkle_leaf_hash(lg.entries[42], 32, lg.leaves[42]);
	state_of(&s, 600);
	assert_first_bad(&s, 42);
}
END_TEST

START_TEST(rolled_back_log_is_named_by_the_state)
{
	struct tlog_mon_state	 s;

	state_of(&s, N);
	lg.nserved = 500;
	sign_size(500);		/* an older, genuinely signed checkpoint */
	assert_first_bad(&s, 500);
}
END_TEST

START_TEST(checkpoint_by_another_key_is_tampering)
{
	struct note_signer	*other;
	struct tlog_mon_result	 r;
	char			*skey;

	ck_assert_int_eq(note_signer_generate(ORIGIN, &other, &skey), 0);
	sodium_free(skey);
	note_signer_free(signer);
	signer = other;
	sign_size(N);
	check(NULL, &r);
	ck_assert_int_eq(r.verdict, TLOG_MON_TAMPERED);
	ck_assert_int_eq(r.has_index, 0);
	ck_assert_ptr_nonnull(strstr(r.reason, "does not verify"));
	tlog_mon_result_free(&r);
}
END_TEST

START_TEST(unreachable_tiles_are_not_tampering)
{
	struct tlog_mon_result	 r;

	lg.down = 1;
	check(NULL, &r);
	ck_assert_int_eq(r.verdict, TLOG_MON_UNAVAILABLE);
	tlog_mon_result_free(&r);
}
END_TEST

START_TEST(damaged_state_is_refused)
{
	struct tlog_mon_state	 s;

	state_of(&s, 300);
	s.root[0] ^= 1;
	ck_assert_int_eq(tlog_mon_state_verify(&s), -1);
}
END_TEST

START_TEST(log_origin_is_the_host_and_log)
{
	char	 buf[TLOG_ORIGIN_MAX_BYTES];

	ck_assert_int_eq(tlog_origin("https://portal.example", buf,
	    sizeof(buf)), 0);
	ck_assert_str_eq(buf, "portal.example/log");
	ck_assert_int_eq(tlog_origin("http://127.0.0.1:8080/", buf,
	    sizeof(buf)), 0);
	ck_assert_str_eq(buf, "127.0.0.1:8080/log");
	ck_assert_int_eq(tlog_origin("https://", buf, sizeof(buf)), -1);
	ck_assert_int_eq(tlog_origin("https://a b", buf, sizeof(buf)), -1);
	ck_assert_int_eq(tlog_origin("https://portal.example", buf, 8), -1);
}
END_TEST

static Suite *
tlog_monitor_suite(void)
{
	Suite	*s = suite_create("tlog_monitor");
	TCase	*tc = tcase_create("monitor");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, honest_log_passes_and_gives_its_state);
	tcase_add_test(tc, changed_entry_is_named);
	tcase_add_test(tc, missing_last_entries_are_named);
	tcase_add_test(tc, swapped_entries_are_named);
	tcase_add_test(tc, entry_changed_with_its_hashes_is_named_by_the_state);
	tcase_add_test(tc, rolled_back_log_is_named_by_the_state);
	tcase_add_test(tc, checkpoint_by_another_key_is_tampering);
	tcase_add_test(tc, unreachable_tiles_are_not_tampering);
	tcase_add_test(tc, damaged_state_is_refused);
	tcase_add_test(tc, log_origin_is_the_host_and_log);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(tlog_monitor_suite)
