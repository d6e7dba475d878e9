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
 *	leak_on_unload=1 an allocation whose last pointer goes with the
 *			module: kmemleak finds it after rmmod, when its
 *			backtrace names no loaded module
 *	double_free=1	a kfree() of a freed object: slub_debug (and KASAN)
 *			report it without a WARNING
 *	dstate=1	a thread asleep in TASK_UNINTERRUPTIBLE for longer
 *			than the hung-task timeout: the detector must fire
 *	hang_poweroff=1	a reboot notifier that never returns (and sleeps
 *			interruptibly, so only the host sees the hang)
 *
 * lockdep, uaf, leak and leak_on_unload are for the -debug kernels; on a
 * kernel without the detector the load is refused, so a missing detector
 * cannot pass.
 */
#include <linux/module.h>
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/reboot.h>
#include <linux/sched.h>
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

static bool leak_on_unload;
module_param(leak_on_unload, bool, 0444);
MODULE_PARM_DESC(leak_on_unload, "leak an allocation when unloaded (kmemleak)");

static bool double_free;
module_param(double_free, bool, 0444);
MODULE_PARM_DESC(double_free, "free an object twice (slub_debug, KASAN)");

static bool dstate;
module_param(dstate, bool, 0444);
MODULE_PARM_DESC(dstate, "a thread in D state past the hung-task timeout");

static bool hang_poweroff;
module_param(hang_poweroff, bool, 0444);
MODULE_PARM_DESC(hang_poweroff, "never let the guest power off");

/* the object leak_on_unload drops when the module goes */
static void *mpath_selftest_kept;

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

/*
 * The object that leaks on unload.  Allocated outside __init: the init
 * text is freed after loading, so a frame there prints as an address the
 * kmemleak scan cannot tell from another module's, while this function's
 * lies in the module's core text the harness noted at insmod.
 */
static noinline int mpath_selftest_keep(void)
{
	mpath_selftest_kept = kmalloc(128, GFP_KERNEL);
	return mpath_selftest_kept ? 0 : -ENOMEM;
}

static noinline int mpath_selftest_double_free(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	kfree(p);
	/* hide the pointer from the compiler, which would warn */
	OPTIMIZER_HIDE_VAR(p);
	kfree(p);
	pr_info("mpath_selftest: freed an object twice\n");
	return 0;
}

/* asleep in D state, without a wake-up, for 150 s */
static int mpath_selftest_dstate_fn(void *data)
{
	pr_info("mpath_selftest: entering D state for 150 s\n");
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(150 * HZ);
	return 0;
}

static int mpath_selftest_reboot(struct notifier_block *nb,
				 unsigned long action, void *data)
{
	pr_info("mpath_selftest: holding up the power-off\n");
	for (;;)
		msleep_interruptible(1000);
	return NOTIFY_DONE;
}

static struct notifier_block mpath_selftest_reboot_nb = {
	.notifier_call = mpath_selftest_reboot,
};

static int __init mpath_selftest_init(void)
{
	struct task_struct *t;
	int ret = 0;

	if ((lockdep && !IS_ENABLED(CONFIG_PROVE_LOCKING)) ||
	    (uaf && !IS_ENABLED(CONFIG_KASAN)) ||
	    ((leak || leak_on_unload) &&
	     !IS_ENABLED(CONFIG_DEBUG_KMEMLEAK))) {
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
	if (!ret && leak_on_unload)
		ret = mpath_selftest_keep();
	if (!ret && double_free)
		ret = mpath_selftest_double_free();
	if (!ret && dstate) {
		t = kthread_run(mpath_selftest_dstate_fn, NULL, "mpath-dstate");
		if (IS_ERR(t))
			ret = PTR_ERR(t);
	}
	if (!ret && hang_poweroff)
		ret = register_reboot_notifier(&mpath_selftest_reboot_nb);
	return ret;
}

static void __exit mpath_selftest_exit(void)
{
	if (hang_poweroff)
		unregister_reboot_notifier(&mpath_selftest_reboot_nb);
	if (leak_on_unload) {
		pr_info("mpath_selftest: leaking one object of 128 bytes on unload\n");
		/* the only pointer to it goes with the module */
		WRITE_ONCE(mpath_selftest_kept, NULL);
	}
}

module_init(mpath_selftest_init);
module_exit(mpath_selftest_exit);
MODULE_DESCRIPTION("libmultipath test harness self-test");
MODULE_LICENSE("GPL");
