/* The argon2id gate admits at most its size, across forked processes. */
#include <sys/wait.h>

#include <signal.h>

#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "trust/kdf_gate.h"

START_TEST(gate_admits_up_to_its_size_across_processes)
{
	int	 p[2], status;
	char	 c;
	pid_t	 pid;

	ck_assert_int_eq(kdf_gate_init(1), 0);
	ck_assert_int_eq(pipe(p), 0);
	if ((pid = fork()) == 0) {
		/* The child takes the only place and holds it. */
		if (kdf_gate_enter() == -1)
			_exit(2);
		(void)!write(p[1], "x", 1);
		sleep(5);
		kdf_gate_leave();
		_exit(0);
	}
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	time_t t0 = time(NULL);
	ck_assert_int_eq(kdf_gate_enter(), -1);		/* full: refused */
	ck_assert_int_ge(time(NULL) - t0, KDF_GATE_WAIT_MS / 1000 - 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(kdf_gate_enter(), 0);		/* free again */
	kdf_gate_leave();
	kdf_gate_destroy();
}
END_TEST

/* A worker killed while hashing must not keep its place for good. */
START_TEST(gate_frees_the_place_of_a_killed_holder)
{
	int	 p[2], status;
	char	 c;
	pid_t	 pid;

	ck_assert_int_eq(kdf_gate_init(1), 0);
	ck_assert_int_eq(pipe(p), 0);
	if ((pid = fork()) == 0) {
		if (kdf_gate_enter() == -1)
			_exit(2);
		(void)!write(p[1], "x", 1);
		pause();
		_exit(0);
	}
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(kdf_gate_enter(), 0);		/* given back */
	kdf_gate_leave();
	kdf_gate_destroy();
}
END_TEST

static Suite *
gate_suite(void)
{
	Suite	*s = suite_create("kdf_gate");
	TCase	*tc = tcase_create("kdf_gate");

	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, gate_admits_up_to_its_size_across_processes);
	tcase_add_test(tc, gate_frees_the_place_of_a_killed_holder);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(gate_suite)
