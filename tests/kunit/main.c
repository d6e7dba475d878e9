// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the logic of libmultipath that needs no block device:
 * path selection, policy and state names, delayed removal arithmetic and
 * the head reference count.  Built only for kernels with CONFIG_KUNIT (the
 * 6.12-debug kernel of the test matrix); tests/kunit/001 loads it in a
 * guest and reports every case.  One file per suite.
 */
#include "kunit.h"

kunit_test_suites(&selector_suite, &paths_suite, &names_suite, &removal_suite,
		  &errors_suite, &head_suite);

/* MODULE_IMPORT_NS() takes an identifier before 6.13, a string after */
MODULE_INFO(import_ns, "LIBMULTIPATH");
MODULE_INFO(import_ns, "LIBMULTIPATH_KUNIT");
MODULE_DESCRIPTION("KUnit suites for libmultipath");
MODULE_LICENSE("GPL");
