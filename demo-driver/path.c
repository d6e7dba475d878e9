// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo paths: opening, checking, attaching, faulting and closing the
 * block devices a head is stacked on.
 *
 * A path slot is enabled while its device is open (exclusively, the slot
 * is the holder), and attached while it is also in the library's path
 * list, which is the case whenever both the slot and its head are
 * enabled.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait_bit.h>

#include "mpathdemo.h"

/**
 * mpdemo_path_name() - "<head>/<path>" for log messages
 * @p: the path slot
 *
 * Context: any; the name lives as long as the configfs group.
 * Return: the slot's configfs name (the head is in every message anyway).
 */
const char *mpdemo_path_name(struct mpdemo_path *p)
{
	return config_item_name(&p->group.cg_item);
}

/**
 * mpdemo_path_err() - log an error of a path slot, named "<head>/<path>"
 * @p: the slot
 * @fmt: printf format, then its arguments
 *
 * Context: any.
 */
__printf(2, 3) void mpdemo_path_err(struct mpdemo_path *p, const char *fmt,
				    ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_err("%s/%s: %pV", config_item_name(&p->head->group.cg_item),
	       mpdemo_path_name(p), &vaf);
	va_end(args);
}

static __printf(2, 3) void mpdemo_path_warn(struct mpdemo_path *p,
					     const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_warn("%s/%s: %pV", config_item_name(&p->head->group.cg_item),
		mpdemo_path_name(p), &vaf);
	va_end(args);
}

/*
 * The device of an enabled path was deleted (6.5+ only; 6.1 sees I/O
 * errors instead).  Runs under the device's bd_holder_lock, which closing
 * the device takes too: so only p->lock here, never mpdemo_lock.
 */
static void mpdemo_path_mark_dead(struct block_device *bdev, bool surprise)
{
	struct mpdemo_path *p = bdev->bd_holder;

	mutex_lock(&p->lock);
	WRITE_ONCE(p->dead, true);
	if (p->attached)
		mpath_device_fail(&p->mdev);
	/*
	 * While the holder lock is held the slot cannot be closed, and so
	 * not freed: the message uses it before the unlock.
	 */
	pr_warn("%s/%s: device %s went away%s; path failed\n",
		config_item_name(&p->head->group.cg_item), mpdemo_path_name(p),
		p->device, surprise ? " (surprise removal)" : "");
	mutex_unlock(&p->lock);
	mpath_compat_holder_unlock(bdev);
}

static const struct blk_holder_ops mpdemo_holder_ops = {
	.mark_dead	= mpdemo_path_mark_dead,
};

/*
 * How long disabling a path waits for its bios before it goes on in the
 * background, and how often the background wait reports.
 */
#define MPDEMO_DRAIN_WAIT_SECS		2
#define MPDEMO_DRAIN_REPORT_SECS	10

/* Close a disabled slot's device.  Context: mpdemo_lock held. */
static void mpdemo_path_release(struct mpdemo_path *p)
{
	lockdep_assert_held(&mpdemo_lock);

	/* synchronous: the claim is gone when this returns */
	mpath_bdev_close(&p->bdev);
	p->enabled = false;
	p->head->nr_open--;
	mpdemo_unpin(&p->pin);
}

/*
 * The bios a disabled path still holds complete when its device answers
 * again (or is torn down): wait for them here, off the task that disabled
 * the path, report now and then, and close the device after the last.
 */
static void mpdemo_path_drain_work(struct work_struct *work)
{
	struct mpdemo_path *p = container_of(to_delayed_work(work),
					     struct mpdemo_path, drain_work);
	int left;

	left = mpath_delete_device_timeout(&p->mdev,
					   MPDEMO_DRAIN_REPORT_SECS * HZ, NULL);
	if (left) {
		mpdemo_path_warn(p, "%d bios still in flight on %s after %u s\n",
				 left, p->device,
				 jiffies_to_msecs(jiffies - p->drain_start) / 1000);
		schedule_delayed_work(&p->drain_work, 0);
		return;
	}
	/* no ioctl can pin the path any more: wait for those that did */
	wait_var_event(&p->ioctl_active, !atomic_read(&p->ioctl_active));

	mutex_lock(&mpdemo_lock);
	p->draining = false;
	mpdemo_path_release(p);
	mpdemo_path_warn(p, "the last bio on %s completed after %u s: path removed\n",
			 p->device,
			 jiffies_to_msecs(jiffies - p->drain_start) / 1000);
	mutex_unlock(&mpdemo_lock);
}

/**
 * mpdemo_path_alloc() - add an empty, disabled path slot to a head
 * @h: the head
 * @user_created: made by mkdir in configfs (else by the module itself)
 *
 * The caller initialises @group at once (mpdemo_configfs_new_path()): the
 * slot's memory belongs to it, see mpdemo_path_free().
 *
 * Context: process context, mpdemo_lock held.
 * Return: the slot, or an ERR_PTR() on failure.
 */
struct mpdemo_path *mpdemo_path_alloc(struct mpdemo_head *h,
				      bool user_created)
{
	struct mpdemo_path *p;

	lockdep_assert_held(&mpdemo_lock);

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->head = h;
	mutex_init(&p->lock);
	INIT_DELAYED_WORK(&p->drain_work, mpdemo_path_drain_work);
	mpdemo_checker_init(p);
	p->state = MPATH_STATE_OPTIMIZED;
	p->numa_node = NUMA_NO_NODE;
	p->user_created = user_created;
	spin_lock_irq(&h->paths_lock);
	list_add_tail(&p->entry, &h->paths);
	spin_unlock_irq(&h->paths_lock);
	return p;
}

/**
 * mpdemo_path_destroy() - disable a path slot and unlink it from its head
 * @p: the slot
 *
 * Context: process context, mpdemo_lock not held, no configfs callback
 * of @p may run any more.
 */
void mpdemo_path_destroy(struct mpdemo_path *p)
{
	mutex_lock(&mpdemo_lock);
	mpdemo_path_disable(p, true);
	spin_lock_irq(&p->head->paths_lock);
	list_del_init(&p->entry);
	spin_unlock_irq(&p->head->paths_lock);
	mutex_unlock(&mpdemo_lock);
}

/**
 * mpdemo_path_free() - free a path slot's memory
 * @p: a slot after mpdemo_path_destroy(); its head may be gone already
 *
 * Context: process context; called from the configfs release of @p.
 */
void mpdemo_path_free(struct mpdemo_path *p)
{
	mutex_destroy(&p->lock);
	kfree(p->device);
	kfree(p);
}

/* another slot of the same head that uses @devt */
static struct mpdemo_path *mpdemo_path_find_dup(struct mpdemo_path *p,
						dev_t devt)
{
	struct mpdemo_path *q;

	list_for_each_entry(q, &p->head->paths, entry) {
		if (q == p)
			continue;
		if (q->enabled ? q->bdev.bdev->bd_dev == devt :
				 q->device && q->devt == devt)
			return q;
	}
	return NULL;
}

/* a head disk as a path would send I/O around in circles */
static bool mpdemo_devt_is_head(dev_t devt)
{
	struct mpdemo_head *h;

	list_for_each_entry(h, &mpdemo_heads, entry) {
		if (h->enabled && disk_devt(h->mpath.disk) == devt)
			return true;
	}
	return false;
}

/* Resolve @device, refusing duplicates and heads before opening it. */
static int mpdemo_path_lookup(struct mpdemo_path *p, const char *device,
			      dev_t *devt)
{
	struct mpdemo_path *dup;
	int ret;

	ret = lookup_bdev(device, devt);
	if (ret == -ENOTBLK) {
		mpdemo_path_err(p, "%s is not a block device\n", device);
		return ret;
	}
	if (ret) {
		mpdemo_path_err(p, "cannot look up %s: %d\n", device, ret);
		return ret;
	}
	dup = mpdemo_path_find_dup(p, *devt);
	if (dup) {
		mpdemo_path_err(p, "%s is already path %s of this head\n",
				device, mpdemo_path_name(dup));
		return -EEXIST;
	}
	if (mpdemo_devt_is_head(*devt)) {
		mpdemo_path_err(p, "%s is a multipath disk itself\n", device);
		return -EINVAL;
	}
	return 0;
}

/* Open @device for @p and check it can be a path of @p's head. */
static int mpdemo_path_open(struct mpdemo_path *p, const char *device,
			    struct mpath_bdev *b)
{
	struct block_device *bdev;
	unsigned int lbs;
	sector_t nr_sectors, size;
	int ret;

	ret = mpath_bdev_open(b, device, p, &mpdemo_holder_ops);
	if (ret) {
		if (ret == -EBUSY)
			mpdemo_path_err(p, "%s is in use (claimed by another holder)\n",
					device);
		else
			mpdemo_path_err(p, "cannot open %s: %d\n", device, ret);
		return ret;
	}
	bdev = b->bdev;
	size = bdev_nr_sectors(bdev);

	if (mpdemo_is_head_disk(bdev->bd_disk)) {
		mpdemo_path_err(p, "%s is a multipath disk itself\n", device);
		ret = -EINVAL;
		goto out_close;
	}
	if (!size) {
		mpdemo_path_err(p, "%s has no capacity\n", device);
		ret = -EINVAL;
		goto out_close;
	}
	if (mpdemo_head_geometry(p->head, &lbs, &nr_sectors)) {
		if (bdev_logical_block_size(bdev) != lbs) {
			mpdemo_path_err(p, "%s has logical block size %u, the head %u\n",
					device, bdev_logical_block_size(bdev),
					lbs);
			ret = -EINVAL;
			goto out_close;
		}
		if (size < nr_sectors) {
			mpdemo_path_err(p, "%s has %llu sectors, fewer than the head's %llu\n",
					device, (unsigned long long)size,
					(unsigned long long)nr_sectors);
			ret = -EINVAL;
			goto out_close;
		}
	}
	return 0;

out_close:
	mpath_bdev_close(b);
	return ret;
}

/**
 * mpdemo_path_set_device() - configure the device of a disabled path slot
 * @p: the slot
 * @buf: a device node path, maybe newline-terminated; empty to clear
 *
 * The device is opened once to check it (exists, not claimed, not a
 * multipath disk, same geometry as the head) and closed again: it is held
 * only while the slot is enabled.
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0; -EBUSY if the slot is enabled or the device claimed; -EEXIST
 * if another slot of the head has it; -EINVAL if it cannot be a path of
 * this head; -ENOENT, -ENOTBLK, ... if it is not a usable block device.
 */
int mpdemo_path_set_device(struct mpdemo_path *p, const char *buf)
{
	struct mpath_bdev b;
	char *device;
	dev_t devt;
	int ret;

	lockdep_assert_held(&mpdemo_lock);

	if (p->enabled) {
		mpdemo_path_err(p, "cannot change device while enabled\n");
		return -EBUSY;
	}

	device = kstrndup(buf, strcspn(buf, "\n"), GFP_KERNEL);
	if (!device)
		return -ENOMEM;
	if (!*device) {
		kfree(p->device);
		p->device = NULL;
		kfree(device);
		return 0;
	}

	ret = mpdemo_path_lookup(p, device, &devt);
	if (ret)
		goto out_free;
	ret = mpdemo_path_open(p, device, &b);
	if (ret)
		goto out_free;
	mpath_bdev_close(&b);

	kfree(p->device);
	p->device = device;
	p->devt = devt;
	return 0;

out_free:
	kfree(device);
	return ret;
}

/**
 * mpdemo_path_attach() - add an enabled slot to its enabled head
 * @p: the slot
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 or a negative errno from the library.
 */
int mpdemo_path_attach(struct mpdemo_path *p)
{
	struct mpdemo_head *h = p->head;
	struct block_device *bdev = p->bdev.bdev;
	int node = p->numa_node;
	int ret;

	lockdep_assert_held(&mpdemo_lock);

	if (node == NUMA_NO_NODE)
		node = bdev->bd_disk->node_id;

	/* the array's word for the state, unless the administrator's */
	mpdemo_alua_attach(p);
	p->mdev.access_state = mpdemo_alua_state(p);
	if (p->mdev.access_state == MPATH_STATE_NR)
		p->mdev.access_state = p->state;
	ret = mpath_add_device(&h->mpath, &p->mdev, bdev, node);
	if (ret) {
		mpdemo_path_err(p, "cannot add %s to the head: %d\n",
				p->device, ret);
		return ret;
	}

	/* from here on the holder ops may fail the path themselves */
	mutex_lock(&p->lock);
	p->attached = true;
	if (p->fault)
		mpath_device_inject_fault(&p->mdev, true);
	if (p->dead)
		mpath_device_fail(&p->mdev);
	mpdemo_alua_refresh(p);
	mutex_unlock(&p->lock);

	/* adds the disk for the first path, and the multipath/ link */
	ret = mpath_device_set_live(&p->mdev);
	if (ret) {
		mpdemo_path_err(p, "cannot start I/O on %s: %d\n", p->device,
				ret);
		mpdemo_path_detach(p);
		return ret;
	}
	mpdemo_checker_start(p);
	return 0;
}

/* Before the library lets go of the path: no check, not attached. */
static void mpdemo_path_detach_begin(struct mpdemo_path *p)
{
	mpdemo_checker_stop(p);
	/*
	 * Not across mpath_delete_device(), which waits for the path's
	 * in-flight I/O: the holder ops would wait for that too.
	 */
	mutex_lock(&p->lock);
	p->attached = false;
	mutex_unlock(&p->lock);
}

/* After: no ioctl can pin the path any more, wait for those that did. */
static void mpdemo_path_detach_end(struct mpdemo_path *p)
{
	wait_var_event(&p->ioctl_active, !atomic_read(&p->ioctl_active));
	mpdemo_alua_detach(p);
}

/**
 * mpdemo_path_detach() - take an attached slot out of its head
 * @p: the slot
 *
 * I/O sent to the path completes, and bios waiting for a path are
 * resubmitted to the others, before this returns; the device stays open.
 *
 * Context: process context, mpdemo_lock held.
 */
void mpdemo_path_detach(struct mpdemo_path *p)
{
	lockdep_assert_held(&mpdemo_lock);

	mpdemo_path_detach_begin(p);
	/* waits for the path's in-flight I/O, removes its multipath/ link */
	mpath_delete_device(&p->mdev);
	mpath_synchronize(&p->head->mpath);
	mpdemo_path_detach_end(p);
}

/**
 * mpdemo_paths_detach() - take every attached slot of a head out of it
 * @h: the head
 *
 * As mpdemo_path_detach() on each, with the library's grace periods
 * waited for once (mpath_delete_devices()): a head of a thousand paths
 * goes about as fast as a head of one.
 *
 * Context: process context, mpdemo_lock held.
 */
void mpdemo_paths_detach(struct mpdemo_head *h)
{
	struct mpath_device **devs;
	struct mpdemo_path *p;
	unsigned int nr = 0, i;

	lockdep_assert_held(&mpdemo_lock);

	list_for_each_entry(p, &h->paths, entry)
		nr += p->attached;
	if (!nr)
		return;
	devs = kmalloc_array(nr, sizeof(*devs), GFP_KERNEL);
	if (!devs) {
		/* one at a time then */
		list_for_each_entry(p, &h->paths, entry) {
			if (p->attached)
				mpdemo_path_detach(p);
		}
		return;
	}
	i = 0;
	list_for_each_entry(p, &h->paths, entry) {
		if (p->attached) {
			mpdemo_path_detach_begin(p);
			devs[i++] = &p->mdev;
		}
	}
	mpath_delete_devices(&h->mpath, devs, nr);
	for (i = 0; i < nr; i++)
		mpdemo_path_detach_end(container_of(devs[i], struct mpdemo_path,
						    mdev));
	kfree(devs);
}

/**
 * mpdemo_path_enable() - open a slot's device and attach it to the head
 * @p: the slot
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 (also if already enabled), -EINVAL without a device, or the
 * errors of mpdemo_path_set_device() and mpdemo_path_attach().
 */
int mpdemo_path_enable(struct mpdemo_path *p)
{
	struct mpdemo_head *h = p->head;
	dev_t devt;
	int ret;

	lockdep_assert_held(&mpdemo_lock);

	if (p->draining) {
		mpdemo_path_err(p, "cannot enable: the last bios of %s have not completed\n",
				p->device);
		return -EBUSY;
	}
	if (p->enabled)
		return 0;
	if (!p->device) {
		mpdemo_path_err(p, "cannot enable: no device set\n");
		return -EINVAL;
	}

	ret = mpdemo_path_lookup(p, p->device, &devt);
	if (ret)
		return ret;
	ret = mpdemo_path_open(p, p->device, &p->bdev);
	if (ret)
		return ret;
	p->devt = devt;

	mutex_lock(&p->lock);
	p->dead = false;
	mutex_unlock(&p->lock);
	/* the first open path of a head without a disk sets the geometry */
	if (!h->enabled && !h->nr_open) {
		h->lbs = bdev_logical_block_size(p->bdev.bdev);
		h->nr_sectors = bdev_nr_sectors(p->bdev.bdev);
	}
	p->enabled = true;
	h->nr_open++;

	if (h->enabled) {
		ret = mpdemo_path_attach(p);
		if (ret)
			goto out_close;
	}
	return 0;

out_close:
	p->enabled = false;
	h->nr_open--;
	mpath_bdev_close(&p->bdev);
	return ret;
}

/**
 * mpdemo_path_disable() - detach a slot from its head and close its device
 * @p: the slot
 * @wait: wait for every bio sent to the path; else a path whose device
 *	does not complete them within MPDEMO_DRAIN_WAIT_SECS is removed in
 *	the background (the slot stays busy until then, and the log says so)
 *
 * In-flight I/O on the path completes or fails over to the other paths.
 *
 * Context: process context, mpdemo_lock held; with @wait it is dropped
 * while a background removal of @p finishes.
 */
void mpdemo_path_disable(struct mpdemo_path *p, bool wait)
{
	int left;

	lockdep_assert_held(&mpdemo_lock);

	while (p->draining) {
		if (!wait)
			return;
		/* the work takes mpdemo_lock to finish */
		mutex_unlock(&mpdemo_lock);
		flush_delayed_work(&p->drain_work);
		mutex_lock(&mpdemo_lock);
	}
	if (!p->enabled)
		return;
	if (p->attached) {
		if (wait) {
			mpdemo_path_detach(p);
		} else {
			mpdemo_checker_stop(p);
			mutex_lock(&p->lock);
			p->attached = false;
			mutex_unlock(&p->lock);
			left = mpath_delete_device_timeout(&p->mdev,
							   MPDEMO_DRAIN_WAIT_SECS * HZ,
							   NULL);
			if (left) {
				mpdemo_path_warn(p, "%d bios still in flight on %s: removing the path once they complete\n",
						 left, p->device);
				p->draining = true;
				p->drain_start = jiffies;
				schedule_delayed_work(&p->drain_work, 0);
				return;
			}
			wait_var_event(&p->ioctl_active,
				       !atomic_read(&p->ioctl_active));
		}
	}
	mpdemo_path_release(p);
}

/**
 * mpdemo_path_set_state() - change a slot's access state
 * @p: the slot
 * @buf: optimized, non-optimized, inaccessible, change or persistent-loss
 *	(the administrator's state, which overrides the array's from now
 *	on), or auto (the array's again, through the device's ALUA handler;
 *	the configured state for a device without one)
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 or -EINVAL for an unknown state.
 */
int mpdemo_path_set_state(struct mpdemo_path *p, const char *buf)
{
	int state;

	lockdep_assert_held(&mpdemo_lock);

	if (sysfs_streq(buf, "auto")) {
		mutex_lock(&p->lock);
		WRITE_ONCE(p->state_manual, false);
		if (p->attached && !READ_ONCE(p->sdev))
			mpath_set_access_state(&p->mdev, p->state);
		mpdemo_alua_refresh(p);
		mutex_unlock(&p->lock);
		return 0;
	}
	state = mpath_access_state_parse(buf);
	if (state < 0) {
		mpdemo_path_err(p, "unknown state '%.*s' (optimized, non-optimized, inaccessible, change, persistent-loss or auto)\n",
				(int)strcspn(buf, "\n"), buf);
		return -EINVAL;
	}
	mutex_lock(&p->lock);
	p->state = state;
	WRITE_ONCE(p->state_manual, true);
	if (p->attached) {
		mpath_set_preferred(&p->mdev, false);
		mpath_set_access_state(&p->mdev, state);
	}
	mutex_unlock(&p->lock);
	return 0;
}

/**
 * mpdemo_path_state() - the access state a slot has now
 * @p: the slot
 *
 * Context: process context, mpdemo_lock held.
 * Return: the library's state of an attached path, else the state it
 * will join with.
 */
enum mpath_access_state mpdemo_path_state(struct mpdemo_path *p)
{
	lockdep_assert_held(&mpdemo_lock);

	if (p->attached)
		return READ_ONCE(p->mdev.access_state);
	return p->state;
}

/**
 * mpdemo_path_set_numa_node() - change the node a slot is close to
 * @p: the slot
 * @node: a possible node, or NUMA_NO_NODE for the device's own node
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 or -ERANGE for a node that cannot exist.
 */
int mpdemo_path_set_numa_node(struct mpdemo_path *p, int node)
{
	lockdep_assert_held(&mpdemo_lock);

	if (node != NUMA_NO_NODE &&
	    (node < 0 || node >= nr_node_ids || !node_possible(node))) {
		mpdemo_path_err(p, "numa_node %d is not a possible node\n",
				node);
		return -ERANGE;
	}
	p->numa_node = node;
	if (p->attached) {
		if (node == NUMA_NO_NODE)
			node = p->bdev.bdev->bd_disk->node_id;
		WRITE_ONCE(p->mdev.numa_node, node);
		/* the per-node path caches were chosen by distance */
		mpath_clear_paths(&p->head->mpath);
	}
	return 0;
}

/**
 * mpdemo_path_set_fault() - inject or clear a path fault
 * @p: the slot
 * @buf: "fail" (like a pulled cable: every bio sent to the path, and
 *	every bio in flight on it, completes with a path error and fails
 *	over) or "none" (stop failing and reinstate the path)
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 or -EINVAL for an unknown value.
 */
int mpdemo_path_set_fault(struct mpdemo_path *p, const char *buf)
{
	bool fail;

	lockdep_assert_held(&mpdemo_lock);

	if (sysfs_streq(buf, "fail")) {
		fail = true;
	} else if (sysfs_streq(buf, "none")) {
		fail = false;
	} else {
		mpdemo_path_err(p, "unknown fault '%.*s' (none or fail)\n",
				(int)strcspn(buf, "\n"), buf);
		return -EINVAL;
	}

	p->fault = fail;
	/* attached changes only under mpdemo_lock, which we hold */
	if (p->attached)
		mpath_device_inject_fault(&p->mdev, fail);
	if (!fail && p->dead)
		mpdemo_path_err(p, "device %s is gone: disable and re-enable the path\n",
				p->device);
	return 0;
}
