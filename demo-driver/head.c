// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo heads: the multipath disks and their life cycle.
 *
 * A head is configuration until it is enabled.  Enabling initialises the
 * library's head, allocates /dev/mpathdemo<N> and attaches every enabled
 * path; disabling undoes all of it, so each enable starts from a fresh
 * library head.  All configuration is serialised by mpdemo_lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/idr.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "mpathdemo.h"

/* serialises all configuration: heads, paths, their configfs writes */
DEFINE_MUTEX(mpdemo_lock);
LIST_HEAD(mpdemo_heads);
enum mpath_iopolicy_e mpdemo_default_iopolicy = MPATH_IOPOLICY_NUMA;

static DEFINE_IDA(mpdemo_ida);

/* delayed removal must stay well below jiffies overflow */
#define MPDEMO_MAX_DELAYED_REMOVAL_SECS	(INT_MAX / HZ)

static inline struct mpdemo_path *mpdemo_dev_to_path(struct mpath_device *dev)
{
	return container_of(dev, struct mpdemo_path, mdev);
}

/* under SRCU from the I/O path: must not sleep */
static bool mpdemo_is_disabled(struct mpath_device *dev)
{
	struct mpdemo_path *p = mpdemo_dev_to_path(dev);

	/* a fault is injected by the library: the path stays selectable */
	return READ_ONCE(p->dead);
}

/* bio completion context: the array may have moved the path, look now */
static void mpdemo_path_error(struct mpath_device *dev, blk_status_t status)
{
	struct mpdemo_path *p = mpdemo_dev_to_path(dev);

	pr_debug("%s: path error %d\n", mpdemo_path_name(p),
		 blk_status_to_errno(status));
	mpdemo_head_kick_checks(p->head);
}

/* bio completion context: an error on a path the array moved is no failure */
static enum mpath_access_state mpdemo_path_state_now(struct mpath_device *dev)
{
	return mpdemo_alua_error_state(mpdemo_dev_to_path(dev));
}

/*
 * Under SRCU from the I/O path: a path whose state the array gives, not
 * usable now (standby, unavailable, in transition, or usable by the
 * array's newest word, which its check has not taken yet) while its
 * transport answers, will be back: I/O waits for it, as NVMe waits while
 * a controller is live whatever its ANA states.
 */
static bool mpdemo_available_path(struct mpath_device *dev)
{
	struct mpdemo_path *p = mpdemo_dev_to_path(dev);

	return mpdemo_alua_state(p) != MPATH_STATE_NR &&
	       READ_ONCE(p->transport_up) && mpdemo_alua_running(p) &&
	       !mpath_device_failed(dev);
}

/*
 * The head stayed without a path for delayed_removal_secs.  Called from
 * the library's own work item, which the teardown waits for, so the
 * teardown itself runs from ours.
 */
static void mpdemo_remove_head(struct mpath_head *mh)
{
	struct mpdemo_head *h = container_of(mh, struct mpdemo_head, mpath);

	WRITE_ONCE(h->remove_requested, true);
	schedule_work(&h->remove_work);
}

/*
 * The removed disk has no opener left: the library head may be released.
 * May run inside mpath_remove_disk() under mpdemo_lock, so only note it.
 */
static void mpdemo_released(struct mpath_head *mh)
{
	struct mpdemo_head *h = container_of(mh, struct mpdemo_head, mpath);

	WRITE_ONCE(h->lib_released, true);
	schedule_work(&h->reap_work);
}

static const struct mpath_head_template mpdemo_template = {
	.available_path	= mpdemo_available_path,
	.is_disabled	= mpdemo_is_disabled,
	.path_state	= mpdemo_path_state_now,
	.path_error	= mpdemo_path_error,
	.remove_head	= mpdemo_remove_head,
	.released	= mpdemo_released,
	.ioctl_begin	= mpdemo_ioctl_begin,
	.ioctl_finish	= mpdemo_ioctl_finish,
	.cdev_ioctl	= mpdemo_cdev_ioctl,
	.device_groups	= mpdemo_disk_groups,
};

static void mpdemo_head_remove_work(struct work_struct *work)
{
	struct mpdemo_head *h = container_of(work, struct mpdemo_head,
					     remove_work);

	mutex_lock(&mpdemo_lock);
	/*
	 * The head may have been disabled (and enabled again: a fresh
	 * library head, which clears the request) since; disabling waits for
	 * the library's removal work, so a request is always the current
	 * library head's.
	 */
	if (h->enabled && READ_ONCE(h->remove_requested)) {
		pr_info("%s: no path for %u s, removing %s\n",
			config_item_name(&h->group.cg_item),
			h->delayed_removal_secs, h->disk_name);
		mpdemo_head_disable(h, true);
	}
	mutex_unlock(&mpdemo_lock);
}

/*
 * Release the library head of a disabled head once its disk has no opener
 * left, which the library's released callback tells.
 */
static bool mpdemo_head_reap(struct mpdemo_head *h)
{
	lockdep_assert_held(&mpdemo_lock);

	if (!h->uninit_pending)
		return true;
	if (!READ_ONCE(h->lib_released))
		return false;
	mpath_head_uninit(&h->mpath);
	h->uninit_pending = false;
	mpdemo_unpin(&h->pin);
	return true;
}

static void mpdemo_head_reap_work(struct work_struct *work)
{
	struct mpdemo_head *h = container_of(work, struct mpdemo_head,
					     reap_work);

	mutex_lock(&mpdemo_lock);
	mpdemo_head_reap(h);
	mutex_unlock(&mpdemo_lock);
}

/**
 * mpdemo_head_alloc() - create a disabled head
 * @user_created: made by mkdir in configfs (else by the module itself)
 *
 * The head is added to mpdemo_heads with the default iopolicy and no path.
 * The caller initialises @group at once (mpdemo_configfs_new_head()): the
 * head's memory belongs to it, its last config_group_put() after
 * mpdemo_head_destroy() frees the head (mpdemo_head_free()).
 *
 * Context: process context, mpdemo_lock held.
 * Return: the head, or an ERR_PTR() on failure.
 */
struct mpdemo_head *mpdemo_head_alloc(bool user_created)
{
	struct mpdemo_head *h;
	int id;

	lockdep_assert_held(&mpdemo_lock);

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return ERR_PTR(-ENOMEM);

	id = ida_alloc(&mpdemo_ida, GFP_KERNEL);
	if (id < 0) {
		kfree(h);
		return ERR_PTR(id);
	}
	h->id = id;
	snprintf(h->disk_name, sizeof(h->disk_name), "mpathdemo%d", id);
	INIT_LIST_HEAD(&h->paths);
	spin_lock_init(&h->paths_lock);
	INIT_WORK(&h->remove_work, mpdemo_head_remove_work);
	INIT_WORK(&h->reap_work, mpdemo_head_reap_work);
	h->iopolicy = mpdemo_default_iopolicy;
	h->checker_interval_secs = MPDEMO_DEFAULT_CHECK_SECS;
	h->flap_window_secs = 60;
	h->flap_hold_secs = 60;
	h->user_created = user_created;
	list_add_tail(&h->entry, &mpdemo_heads);
	return h;
}

/**
 * mpdemo_head_destroy() - disable a head and forget it
 * @h: the head
 *
 * Disables the head even while its disk is open, then disables every path
 * slot left and drops the reference each slot's configfs group holds
 * (slots made by mkdir are gone already: configfs removes them first).
 * The head's own memory is freed by mpdemo_head_free() when its configfs
 * group is released.
 *
 * Context: process context, mpdemo_lock not held, no configfs callback
 * of @h may run any more.  Sleeps until the last opener of the disk
 * closed it (only the module's own head can still be open here: a head
 * made by mkdir cannot be removed before its disk was released).
 */
void mpdemo_head_destroy(struct mpdemo_head *h)
{
	struct mpdemo_path *p, *tmp;
	bool uninit;

	mutex_lock(&mpdemo_lock);
	mpdemo_head_disable(h, true);
	list_for_each_entry_safe(p, tmp, &h->paths, entry) {
		mpdemo_path_disable(p, true);
		spin_lock_irq(&h->paths_lock);
		list_del_init(&p->entry);
		spin_unlock_irq(&h->paths_lock);
		config_group_put(&p->group);
	}
	list_del_init(&h->entry);
	/* from here on the library head is ours alone */
	uninit = h->uninit_pending;
	h->uninit_pending = false;
	mutex_unlock(&mpdemo_lock);

	/* the head is disabled: nothing can queue the works again */
	flush_work(&h->remove_work);
	cancel_work_sync(&h->reap_work);
	if (uninit) {
		pr_warn("%s: waiting for the last opener of %s to close it\n",
			config_item_name(&h->group.cg_item), h->disk_name);
		mpath_head_uninit(&h->mpath);
	}
}

/**
 * mpdemo_head_free() - free a head's memory
 * @h: a head after mpdemo_head_destroy()
 *
 * Context: process context; called from the configfs release of @h.
 */
void mpdemo_head_free(struct mpdemo_head *h)
{
	ida_free(&mpdemo_ida, h->id);
	kfree(h);
}

/**
 * mpdemo_is_head_disk() - is @disk one of our (or any libmultipath) heads?
 * @disk: a gendisk
 *
 * Context: mpdemo_lock held.
 * Return: true if @disk is a multipath head disk and so cannot be a path.
 */
bool mpdemo_is_head_disk(struct gendisk *disk)
{
	struct mpdemo_head *h;

	lockdep_assert_held(&mpdemo_lock);

	list_for_each_entry(h, &mpdemo_heads, entry) {
		if (!h->enabled)
			continue;
		/* the library's disks all share its block_device_operations */
		if (h->mpath.disk == disk || h->mpath.disk->fops == disk->fops)
			return true;
	}
	return false;
}

/**
 * mpdemo_head_geometry() - the block size and capacity paths must have
 * @h: the head
 * @lbs: returns the logical block size
 * @nr_sectors: returns the capacity in 512-byte sectors
 *
 * The first path opened fixes the geometry; it stays fixed while any path
 * is open or the disk exists.
 *
 * Context: mpdemo_lock held.
 * Return: true if the geometry is fixed, false if any path may set it.
 */
bool mpdemo_head_geometry(struct mpdemo_head *h, unsigned int *lbs,
			  sector_t *nr_sectors)
{
	lockdep_assert_held(&mpdemo_lock);

	if (!h->enabled && !h->nr_open)
		return false;
	*lbs = h->lbs;
	*nr_sectors = h->nr_sectors;
	return true;
}

/*
 * Push queue_if_no_path and delayed_removal_secs into the library head.
 * queue_if_no_path wins (the library never removes a head that queues
 * without bound); the order makes sure that no waiting bio sees neither.
 */
static void mpdemo_head_apply_queueing(struct mpdemo_head *h)
{
	if (h->queue_if_no_path) {
		mpath_set_queue_if_no_path(&h->mpath, true);
		mpath_set_delayed_removal(&h->mpath, h->delayed_removal_secs);
	} else {
		mpath_set_delayed_removal(&h->mpath, h->delayed_removal_secs);
		mpath_set_queue_if_no_path(&h->mpath, false);
	}
}

/* enabled paths that may join the head (not draining an old one) */
static unsigned int mpdemo_head_ready_paths(struct mpdemo_head *h)
{
	struct mpdemo_path *p;
	unsigned int n = 0;

	list_for_each_entry(p, &h->paths, entry)
		n += p->enabled && !p->draining;
	return n;
}

/**
 * mpdemo_head_enable() - create /dev/mpathdemo<N> over the enabled paths
 * @h: the head
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 (also if already enabled), -ENODEV without an enabled path,
 * -EBUSY when every enabled path still waits for the last bios the old
 * disk sent it, or another negative errno from the library.
 */
int mpdemo_head_enable(struct mpdemo_head *h)
{
	const char *name = config_item_name(&h->group.cg_item);
	struct mpdemo_path *p;
	int ret;

	lockdep_assert_held(&mpdemo_lock);

	if (h->enabled)
		return 0;
	if (!mpdemo_head_reap(h)) {
		pr_err("%s: cannot enable: the old %s is still open\n", name,
		       h->disk_name);
		return -EBUSY;
	}
	if (!h->nr_open) {
		pr_err("%s: cannot enable: no enabled path\n", name);
		return -ENODEV;
	}
	if (!mpdemo_head_ready_paths(h)) {
		pr_err("%s: cannot enable: every enabled path still waits for its last bios\n",
		       name);
		return -EBUSY;
	}

	/*
	 * Each enable sets up a fresh library head in the same memory: clear
	 * what the last one left (its cdev's struct device, for one), which
	 * mpath_head_init() does not reinitialise.
	 */
	memset(&h->mpath, 0, sizeof(h->mpath));
	WRITE_ONCE(h->remove_requested, false);
	WRITE_ONCE(h->lib_released, false);
	ret = mpath_head_init(&h->mpath, &mpdemo_template, &h->iopolicy,
			      THIS_MODULE);
	if (ret) {
		pr_err("%s: cannot initialise the head: %d\n", name, ret);
		return ret;
	}
	h->mpath.drvdata = h;

	/* limits and capacity come from the paths as they go live */
	ret = mpath_alloc_head_disk(&h->mpath, NULL, NUMA_NO_NODE);
	if (ret) {
		pr_err("%s: cannot allocate the disk: %d\n", name, ret);
		goto out_uninit;
	}
	/* named before the first path goes live and the disk is added */
	strscpy(h->mpath.disk->disk_name, h->disk_name, DISK_NAME_LEN);

	mpdemo_head_apply_queueing(h);
	mpath_set_pr_scope(&h->mpath, h->pr_scope);

	h->enabled = true;
	list_for_each_entry(p, &h->paths, entry) {
		/*
		 * A draining path is still in the last library head's hands
		 * (its drain work finishes the deletion and closes it): it
		 * joins no other head before it is enabled again.
		 */
		if (!p->enabled || p->draining)
			continue;
		ret = mpdemo_path_attach(p);
		if (ret)
			goto out_detach;
	}
	pr_info("%s: %s enabled\n", name, h->disk_name);
	return 0;

out_detach:
	h->enabled = false;
	mpath_remove_disk(&h->mpath);
	list_for_each_entry_continue_reverse(p, &h->paths, entry) {
		if (p->attached)
			mpdemo_path_detach(p);
	}
	mpath_put_disk(&h->mpath);
	/* the disk may have been added, and opened by udev since */
	h->uninit_pending = true;
	mpdemo_head_reap(h);
	return ret;

out_uninit:
	mpath_head_uninit(&h->mpath);
	return ret;
}

/**
 * mpdemo_head_disable() - remove /dev/mpathdemo<N>
 * @h: the head
 * @force: remove the disk even while it is open
 *
 * Removes the disk (I/O in flight completes on the paths, I/O waiting for
 * a path fails), detaches every path (their devices stay open and the
 * slots enabled) and releases the library head.  If the disk is still
 * open (@force) the library head is released after its last close; the
 * head cannot be enabled again, or removed, before that.
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 (also if not enabled), or -EBUSY if the disk is open and
 * @force is false, or an old disk is still open.
 */
int mpdemo_head_disable(struct mpdemo_head *h, bool force)
{
	const char *name = config_item_name(&h->group.cg_item);

	lockdep_assert_held(&mpdemo_lock);

	if (!h->enabled) {
		if (mpdemo_head_reap(h))
			return 0;
		pr_err("%s: %s is still open\n", name, h->disk_name);
		return -EBUSY;
	}
	if (!force && disk_openers(h->mpath.disk)) {
		pr_err("%s: cannot disable: %s is open\n", name, h->disk_name);
		return -EBUSY;
	}

	h->enabled = false;
	/* first, so that losing the paths does not start a delayed removal */
	mpath_remove_disk(&h->mpath);
	mpdemo_paths_detach(h);
	mpath_put_disk(&h->mpath);
	pr_info("%s: %s disabled\n", name, h->disk_name);

	h->uninit_pending = true;
	if (!mpdemo_head_reap(h))
		pr_warn("%s: %s is still open; released on its last close\n",
			name, h->disk_name);
	return 0;
}

/**
 * mpdemo_head_set_iopolicy() - change the head's I/O policy
 * @h: the head
 * @buf: "numa", "round-robin", "queue-depth" or "latency", maybe
 *	newline-terminated
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 or -EINVAL for an unknown policy.
 */
int mpdemo_head_set_iopolicy(struct mpdemo_head *h, const char *buf)
{
	int policy;

	lockdep_assert_held(&mpdemo_lock);

	policy = mpath_iopolicy_parse(buf);
	if (policy < 0) {
		pr_err("%s: unknown iopolicy '%.*s'\n",
		       config_item_name(&h->group.cg_item),
		       (int)strcspn(buf, "\n"), buf);
		return -EINVAL;
	}
	if (h->enabled)
		return mpath_set_iopolicy(&h->mpath, policy);
	h->iopolicy = policy;
	return 0;
}

/**
 * mpdemo_head_set_delayed_removal() - change delayed_removal_secs
 * @h: the head
 * @secs: seconds to queue without any path before removing the disk,
 *	0 to fail I/O at once
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0, -ERANGE if @secs is too large, or an errno from the library.
 */
int mpdemo_head_set_delayed_removal(struct mpdemo_head *h, unsigned int secs)
{
	lockdep_assert_held(&mpdemo_lock);

	if (secs > MPDEMO_MAX_DELAYED_REMOVAL_SECS) {
		pr_err("%s: delayed_removal_secs %u out of range (max %u)\n",
		       config_item_name(&h->group.cg_item), secs,
		       MPDEMO_MAX_DELAYED_REMOVAL_SECS);
		return -ERANGE;
	}
	h->delayed_removal_secs = secs;
	if (h->enabled)
		mpdemo_head_apply_queueing(h);
	return 0;
}

/**
 * mpdemo_head_set_queue_if_no_path() - queue forever without a path
 * @h: the head
 * @on: queue (true) or fail / apply delayed removal (false)
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 or an errno from the library.
 */
int mpdemo_head_set_queue_if_no_path(struct mpdemo_head *h, bool on)
{
	lockdep_assert_held(&mpdemo_lock);

	h->queue_if_no_path = on;
	if (h->enabled)
		mpdemo_head_apply_queueing(h);
	return 0;
}

static const char *const mpdemo_pr_scope_names[MPATH_PR_SCOPE_NR] = {
	[MPATH_PR_SCOPE_PATH]	= "path",
	[MPATH_PR_SCOPE_HOST]	= "host",
};

/**
 * mpdemo_pr_scope_name() - the configfs name of a reservation scope
 * @scope: the scope
 *
 * Context: any.
 * Return: "path", "host" or "invalid".
 */
const char *mpdemo_pr_scope_name(enum mpath_pr_scope scope)
{
	if ((unsigned int)scope >= MPATH_PR_SCOPE_NR)
		return "invalid";
	return mpdemo_pr_scope_names[scope];
}

/**
 * mpdemo_head_set_pr_scope() - what a reservation registration covers
 * @h: the head
 * @buf: "path" (SCSI: register on every path) or "host" (NVMe: register
 *	through one path), maybe newline-terminated
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 or -EINVAL for an unknown scope.
 */
int mpdemo_head_set_pr_scope(struct mpdemo_head *h, const char *buf)
{
	int i;

	lockdep_assert_held(&mpdemo_lock);

	for (i = 0; i < MPATH_PR_SCOPE_NR; i++) {
		if (sysfs_streq(buf, mpdemo_pr_scope_names[i]))
			break;
	}
	if (i == MPATH_PR_SCOPE_NR) {
		pr_err("%s: unknown pr_scope '%.*s' (path or host)\n",
		       config_item_name(&h->group.cg_item),
		       (int)strcspn(buf, "\n"), buf);
		return -EINVAL;
	}
	h->pr_scope = i;
	if (h->enabled)
		return mpath_set_pr_scope(&h->mpath, i);
	return 0;
}

/**
 * mpdemo_head_revalidate() - recheck every path against the head
 * @h: the head
 *
 * The call a SCSI or NVMe driver makes on a capacity change: the head
 * grows when every path grew (a LUN resized, loop devices resized with
 * losetup -c); a path that shrank below the head, or whose block size
 * changed, carries no I/O until a later revalidation finds it fit again.
 * The head's limits are stacked again from its paths' (a path whose
 * max_sectors_kb was lowered narrows the head).
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0, -ENODEV if the head is not enabled, or the error of
 * mpath_restack_limits().
 */
int mpdemo_head_revalidate(struct mpdemo_head *h)
{
	int ret;

	lockdep_assert_held(&mpdemo_lock);

	if (!h->enabled) {
		pr_err("%s: cannot revalidate: not enabled\n",
		       config_item_name(&h->group.cg_item));
		return -ENODEV;
	}
	mpath_revalidate_paths(&h->mpath, NULL);
	/* the head grows when every path grew: new paths must match that */
	h->nr_sectors = get_capacity(h->mpath.disk);
	/* and takes the paths' limits as they are now */
	ret = mpath_restack_limits(&h->mpath);
	if (ret)
		pr_err("%s: revalidate: cannot restack the limits: %d\n",
		       config_item_name(&h->group.cg_item), ret);
	return ret;
}
