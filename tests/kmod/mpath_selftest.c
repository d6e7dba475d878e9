// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module for the test harness's own self-test: with warn=1 it
 * raises a real kernel WARNING on load, which must fail the running case.
 */
#include <linux/module.h>
#include <linux/bug.h>

static bool warn;
module_param(warn, bool, 0444);
MODULE_PARM_DESC(warn, "raise a WARNING when loaded");

static int __init mpath_selftest_init(void)
{
	WARN(warn, "mpath_selftest: deliberate warning\n");
	return 0;
}

static void __exit mpath_selftest_exit(void)
{
}

module_init(mpath_selftest_init);
module_exit(mpath_selftest_exit);
MODULE_DESCRIPTION("libmultipath test harness self-test");
MODULE_LICENSE("GPL");
