// SPDX-License-Identifier: GPL-2.0
/*
 * mpath_minimal - the smallest complete libmultipath driver: read it
 * before mpathdemo (demo-driver/), which adds configfs, sysfs, a path
 * checker and every knob around the same calls.
 *
 *	insmod mpath_minimal.ko paths=/dev/sdb,/dev/sdc
 *
 * makes /dev/mpathmin0, one multipath disk whose paths are the block
 * devices named (up to four, all reaching the same data), with the
 * round-robin policy.  The library fails a path that completes I/O with
 * a path error and sends the I/O again over another; writing a path's
 * index to /sys/module/mpath_minimal/parameters/reinstate takes it back
 * into use, as a driver does once it knows the path works again.  The
 * disk goes with rmmod, which the kernel refuses while the disk is open.
 *
 * The numbers in the comments are the steps of "Driver life cycle" in
 * <libmultipath/multipath.h>.  Built with the tests (MPATH_TESTS=m),
 * which tests/api/015 runs, and by DKMS against the installed library as
 * the package mpath-minimal-dkms (examples/dkms.conf).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/blkdev.h>
#include <linux/string.h>
#include <libmultipath/multipath.h>

#include <libmultipath/compat.h>	/* opening a block device, 6.1 to 7.3 */

#define MIN_MAX_PATHS	4

struct min_path {
	struct mpath_device mdev;	/* the library's part of the path */
	struct mpath_bdev bdev;	/* the device, open until deleted */
	bool added;
};

static struct mpath_head min_head;	/* the library's part of the disk */
static struct min_path min_paths[MIN_MAX_PATHS];
static enum mpath_iopolicy_e min_iopolicy = MPATH_IOPOLICY_RR;
static DEFINE_MUTEX(min_lock);		/* reinstate vs. module exit */
static bool min_up;

static char *paths;
module_param(paths, charp, 0444);
MODULE_PARM_DESC(paths, "comma-separated block devices, the paths (1-4)");

/* Called by the library when a path completed a bio with a path error. */
static void min_path_error(struct mpath_device *mdev, blk_status_t status)
{
	struct min_path *p = container_of(mdev, struct min_path, mdev);

	pr_warn("path %td (%pg) failed: %d\n", p - min_paths, mdev->bdev,
		blk_status_to_errno(status));
}

/* Every callback is optional: this driver only logs path errors. */
static const struct mpath_head_template min_template = {
	.path_error	= min_path_error,
};

/* reinstate=N: path N works again (a driver's transport would know) */
static int min_reinstate_set(const char *val, const struct kernel_param *kp)
{
	unsigned int i;
	int ret;

	ret = kstrtouint(val, 0, &i);
	if (ret)
		return ret;
	mutex_lock(&min_lock);
	if (!min_up || i >= MIN_MAX_PATHS || !min_paths[i].added) {
		pr_err("reinstate: no path %u\n", i);
		ret = -EINVAL;
	} else {
		mpath_device_reinstate(&min_paths[i].mdev);	/* step 5 */
	}
	mutex_unlock(&min_lock);
	return ret;
}

static const struct kernel_param_ops min_reinstate_ops = {
	.set	= min_reinstate_set,
};
module_param_cb(reinstate, &min_reinstate_ops, NULL, 0200);
MODULE_PARM_DESC(reinstate, "write a path's index to use it again");

/* Steps 6 to 9: delete the paths, remove the disk, release the head. */
static void min_teardown(void)
{
	int i;

	mpath_remove_disk(&min_head);			/* 7 */
	for (i = 0; i < MIN_MAX_PATHS; i++) {
		struct min_path *p = &min_paths[i];

		if (p->added)
			mpath_delete_device(&p->mdev);	/* 6: waits for its I/O */
		p->added = false;
		if (p->bdev.bdev)
			mpath_bdev_close(&p->bdev);
		p->bdev.bdev = NULL;
	}
	mpath_put_disk(&min_head);			/* 8 */
	mpath_head_uninit(&min_head);			/* 9: waits for openers */
}

/* Open one path's device and make it carry I/O (steps 3 and 4). */
static int min_add_path(struct min_path *p, const char *device)
{
	int ret;

	ret = mpath_bdev_open(&p->bdev, device, p, NULL);
	if (ret) {
		pr_err("cannot open %s: %d\n", device, ret);
		return ret;
	}
	/* refuses a device with another size, block size or identity */
	ret = mpath_add_device(&min_head, &p->mdev, p->bdev.bdev,
			       p->bdev.bdev->bd_disk->node_id);
	if (ret) {
		pr_err("%s cannot be a path: %d\n", device, ret);
		return ret;
	}
	p->added = true;
	/* the first live path adds /dev/mpathmin0 */
	ret = mpath_device_set_live(&p->mdev);
	if (ret)
		pr_err("cannot start I/O on %s: %d\n", device, ret);
	return ret;
}

static int __init min_init(void)
{
	char *list, *cur, *device;
	int n = 0, ret;

	if (!paths || !*paths) {
		pr_err("paths= names no device\n");
		return -EINVAL;
	}
	ret = mpath_head_init(&min_head, &min_template, &min_iopolicy,
			      THIS_MODULE);			/* 1 */
	if (ret)
		return ret;
	/* limits and capacity come from the paths as they go live */
	ret = mpath_alloc_head_disk(&min_head, NULL, NUMA_NO_NODE);	/* 2 */
	if (ret) {
		mpath_head_uninit(&min_head);
		return ret;
	}
	strscpy(min_head.disk->disk_name, "mpathmin0", DISK_NAME_LEN);

	list = kstrdup(paths, GFP_KERNEL);
	if (!list) {
		ret = -ENOMEM;
		goto out_teardown;
	}
	cur = list;
	while ((device = strsep(&cur, ",")) != NULL) {
		if (n == MIN_MAX_PATHS) {
			pr_err("more than %d paths\n", MIN_MAX_PATHS);
			ret = -EINVAL;
			break;
		}
		ret = min_add_path(&min_paths[n++], strim(device));
		if (ret)
			break;
	}
	kfree(list);
	if (ret)
		goto out_teardown;

	mutex_lock(&min_lock);
	min_up = true;
	mutex_unlock(&min_lock);
	pr_info("%s: %d paths\n", min_head.disk->disk_name, n);
	return 0;

out_teardown:
	min_teardown();
	return ret;
}

static void __exit min_exit(void)
{
	mutex_lock(&min_lock);
	min_up = false;
	mutex_unlock(&min_lock);
	min_teardown();
}

module_init(min_init);
module_exit(min_exit);
MODULE_DESCRIPTION("libmultipath's smallest complete driver (an example)");
MODULE_LICENSE("GPL");
MPATH_IMPORT_NS();	/* the exports live in namespace LIBMULTIPATH */
