/*
 * Each unit test file is its own Check program: it defines one suite
 * function and ends with CHECK_MAIN(that_function). The runner
 * (scripts/run-unit.sh) adds up what every program reports.
 */
#ifndef PORTAL_TESTS_CHECK_MAIN_H
#define PORTAL_TESTS_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

#define CHECK_MAIN(suite_fn)						\
int									\
main(void)								\
{									\
	SRunner	*sr = srunner_create(suite_fn());			\
	int	 failed;						\
									\
	srunner_run_all(sr, CK_NORMAL);					\
	failed = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;		\
}

#endif
