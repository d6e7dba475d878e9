// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module for the test harness's own self-test.  Each parameter
 * commits one deliberate kernel bug when the module is loaded, and the
 * harness must fail the case that loaded it:
 *
 *	warn=1		a WARNING (stops the guest: panic_on_warn=1)
 *	lockdep=1	an AB-BA order on two mutexes, taken one after the
 *			other, so nothing deadlocks: only lockdep can tell
 *	uaf=1		a read of freed memory: only KASAN can tell
 *	leak=1		an allocation whose last pointer is dropped: only
 *			kmemleak can tell
 *
 * The last three are for the -debug kernels; on a kernel without the
 * detector the load is refused, so a missing detector cannot pass.
 */
#include <linux/module.h>
#include <linux/bug.h>
#include <linux/mutex.h>
#include <linux/slab.h>

static bool warn;
module_param(warn, bool, 0444);
MODULE_PARM_DESC(warn, "raise a WARNING when loaded");

static bool lockdep;
module_param(lockdep, bool, 0444);
MODULE_PARM_DESC(lockdep, "take two mutexes in both orders (lockdep)");

static bool uaf;
module_param(uaf, bool, 0444);
MODULE_PARM_DESC(uaf, "read a freed object (KASAN)");

static bool leak;
module_param(leak, bool, 0444);
MODULE_PARM_DESC(leak, "leak an allocation (kmemleak)");

static DEFINE_MUTEX(mpath_selftest_a);
static DEFINE_MUTEX(mpath_selftest_b);

static noinline void mpath_selftest_inversion(void)
{
	mutex_lock(&mpath_selftest_a);
	mutex_lock(&mpath_selftest_b);
	mutex_unlock(&mpath_selftest_b);
	mutex_unlock(&mpath_selftest_a);

	mutex_lock(&mpath_selftest_b);
	mutex_lock(&mpath_selftest_a);
	mutex_unlock(&mpath_selftest_a);
	mutex_unlock(&mpath_selftest_b);
}

static noinline int mpath_selftest_use_after_free(void)
{
	char *p = kmalloc(64, GFP_KERNEL);
	char c;

	if (!p)
		return -ENOMEM;
	p[0] = 1;
	kfree(p);
	/* hide the pointer from the compiler, which would warn */
	OPTIMIZER_HIDE_VAR(p);
	c = READ_ONCE(p[8]);
	pr_info("mpath_selftest: read %d from a freed object\n", c);
	return 0;
}

static noinline int mpath_selftest_leak(void)
{
	void *p = kmalloc(96, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	pr_info("mpath_selftest: leaking one object of 96 bytes\n");
	/* the only pointer to it goes out of scope here */
	return 0;
}

static int __init mpath_selftest_init(void)
{
	int ret = 0;

	if ((lockdep && !IS_ENABLED(CONFIG_PROVE_LOCKING)) ||
	    (uaf && !IS_ENABLED(CONFIG_KASAN)) ||
	    (leak && !IS_ENABLED(CONFIG_DEBUG_KMEMLEAK))) {
		pr_err("mpath_selftest: this kernel lacks the detector asked for\n");
		return -EOPNOTSUPP;
	}

	WARN(warn, "mpath_selftest: deliberate warning\n");
	if (lockdep)
		mpath_selftest_inversion();
	if (uaf)
		ret = mpath_selftest_use_after_free();
	if (!ret && leak)
		ret = mpath_selftest_leak();
	return ret;
}

static void __exit mpath_selftest_exit(void)
{
}

module_init(mpath_selftest_init);
module_exit(mpath_selftest_exit);
MODULE_DESCRIPTION("libmultipath test harness self-test");
MODULE_LICENSE("GPL");
