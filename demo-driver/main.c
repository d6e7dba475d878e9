// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo - a multipath disk over any block devices, on libmultipath.
 *
 * Module entry points and parameters.  "modprobe mpathdemo
 * paths=/dev/loop0,/dev/loop1 iopolicy=round-robin" creates and enables
 * head mpathdemo0 over those devices; everything else is configured in
 * /sys/kernel/config/mpathdemo (see configfs.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "mpathdemo.h"

/* more would not be a demo any more */
#define MPDEMO_MAX_PARAM_PATHS	64

static char *paths;
module_param(paths, charp, 0444);
MODULE_PARM_DESC(paths,
		 "comma-separated block devices: create and enable head mpathdemo0 over them");

static char *iopolicy = "numa";
module_param(iopolicy, charp, 0444);
MODULE_PARM_DESC(iopolicy,
		 "I/O policy of new heads: numa (default), round-robin, queue-depth or latency");

/* the head made from the paths= parameter, NULL without one */
static struct mpdemo_head *mpdemo_param_head;

static void mpdemo_param_head_free(struct mpdemo_head *h)
{
	mpdemo_head_destroy(h);
	config_group_put(&h->group);
}

/* Create, fill and enable the paths= head; configfs shows it afterwards. */
static struct mpdemo_head *mpdemo_param_head_build(char *list)
{
	struct mpdemo_head *h;
	struct mpdemo_path *p;
	char name[16];
	char *device;
	int nr = 0;
	int ret;

	mutex_lock(&mpdemo_lock);
	h = mpdemo_configfs_new_head(NULL, false);
	if (IS_ERR(h)) {
		mutex_unlock(&mpdemo_lock);
		return h;
	}
	while ((device = strsep(&list, ",")) != NULL) {
		device = strim(device);
		if (!*device) {
			pr_err("paths=: empty device name\n");
			ret = -EINVAL;
			goto out_unlock;
		}
		if (nr == MPDEMO_MAX_PARAM_PATHS) {
			pr_err("paths=: more than %d devices\n",
			       MPDEMO_MAX_PARAM_PATHS);
			ret = -EINVAL;
			goto out_unlock;
		}
		snprintf(name, sizeof(name), "path%d", nr++);
		p = mpdemo_configfs_new_path(h, name, false);
		if (IS_ERR(p)) {
			ret = PTR_ERR(p);
			goto out_unlock;
		}
		ret = mpdemo_path_set_device(p, device);
		if (ret)
			goto out_unlock;
		ret = mpdemo_path_enable(p);
		if (ret)
			goto out_unlock;
	}
	ret = mpdemo_head_enable(h);
out_unlock:
	mutex_unlock(&mpdemo_lock);
	if (ret) {
		mpdemo_param_head_free(h);
		return ERR_PTR(ret);
	}
	return h;
}

/* stable: only the module changes a module-made head's path list */
static int mpdemo_param_head_show(struct mpdemo_head *h)
{
	struct mpdemo_path *p;
	int ret;

	ret = mpdemo_configfs_add_head(h);
	if (ret) {
		pr_err("cannot show %s in configfs: %d\n", h->disk_name, ret);
		return ret;
	}
	list_for_each_entry(p, &h->paths, entry) {
		ret = mpdemo_configfs_add_path(p);
		if (ret) {
			pr_err("cannot show %s/%s in configfs: %d\n",
			       h->disk_name, mpdemo_path_name(p), ret);
			goto out_remove;
		}
	}
	return 0;

out_remove:
	list_for_each_entry_continue_reverse(p, &h->paths, entry)
		mpdemo_configfs_remove_path(p);
	mpdemo_configfs_remove_head(h);
	return ret;
}

static void mpdemo_param_head_hide(struct mpdemo_head *h)
{
	struct mpdemo_path *p;

	list_for_each_entry(p, &h->paths, entry)
		mpdemo_configfs_remove_path(p);
	mpdemo_configfs_remove_head(h);
}

static struct mpdemo_head *mpdemo_param_head_create(void)
{
	struct mpdemo_head *h;
	char *list;

	list = kstrdup(paths, GFP_KERNEL);
	if (!list)
		return ERR_PTR(-ENOMEM);
	h = mpdemo_param_head_build(list);
	kfree(list);
	return h;
}

static int __init mpdemo_init(void)
{
	struct mpdemo_head *h = NULL;
	int ret;

	ret = mpath_iopolicy_parse(iopolicy);
	if (ret < 0) {
		pr_err("iopolicy=%s: unknown policy (numa, round-robin, queue-depth or latency)\n",
		       iopolicy);
		return -EINVAL;
	}
	mpdemo_default_iopolicy = ret;

	/* before configfs exists, so that the head is mpathdemo0 */
	if (paths && *paths) {
		h = mpdemo_param_head_create();
		if (IS_ERR(h))
			return PTR_ERR(h);
	}

	ret = mpdemo_configfs_init();
	if (ret)
		goto out_free_head;
	if (h) {
		ret = mpdemo_param_head_show(h);
		if (ret)
			goto out_configfs_exit;
	}
	mpdemo_param_head = h;
	return 0;

out_configfs_exit:
	mpdemo_configfs_exit();
out_free_head:
	if (h)
		mpdemo_param_head_free(h);
	return ret;
}

static void __exit mpdemo_exit(void)
{
	/*
	 * Heads and paths made by mkdir pin the module, so only the paths=
	 * head is left.  Take it out of configfs first: that waits for
	 * attribute accesses in progress, and no new ones can start.
	 */
	if (mpdemo_param_head)
		mpdemo_param_head_hide(mpdemo_param_head);
	mpdemo_configfs_exit();
	if (mpdemo_param_head)
		mpdemo_param_head_free(mpdemo_param_head);
	WARN_ON_ONCE(!list_empty(&mpdemo_heads));
}

module_init(mpdemo_init);
module_exit(mpdemo_exit);

MODULE_DESCRIPTION("multipath disk over arbitrary block devices (libmultipath demo)");
MODULE_AUTHOR("libmultipath developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(MPATH_VERSION);
MPATH_IMPORT_NS();
