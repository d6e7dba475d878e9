// SPDX-License-Identifier: GPL-2.0
/*
 * The multipath gendisk: allocation, going live, partitions, queue
 * limits, removal.  Its block device operations are in fops.c.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c and from the "a
 * generic multipath lib for block drivers" series by John Garry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include "internal.h"

/*
 * Partitions are scanned from a work item, not from device_add_disk(): the
 * scan does I/O, and the caller of mpath_device_set_live() may hold locks
 * that I/O completion or path setup needs.
 */
void mpath_partition_scan_work(struct work_struct *work)
{
	struct mpath_head *head =
		container_of(work, struct mpath_head, partition_scan_work);
	struct gendisk *disk = head->disk;

	if (WARN_ON_ONCE(!test_and_clear_bit(GD_SUPPRESS_PART_SCAN,
					     &disk->state)))
		return;

	mutex_lock(&disk->open_mutex);
	bdev_disk_changed(disk, false);
	mutex_unlock(&disk->open_mutex);
}

/**
 * mpath_alloc_head_disk() - allocate the multipath gendisk of a head
 * @head: the head, set up by mpath_head_init()
 * @lim: optional limits the disk starts with, e.g. from
 *	blk_set_stacking_limits(); NULL for the stacking defaults.  Replaced
 *	by the stacked limits of the paths once they go live.
 * @numa_node: node to allocate on, or NUMA_NO_NODE
 *
 * The disk is bio-based, uses the library's block device operations and
 * carries @head in private_data.  The driver names it (disk_name) and may
 * set @head->parent before the first path goes live, which adds the disk.
 * The head owns the disk reference: drop it with mpath_put_disk(), after
 * mpath_remove_disk() if a path ever went live.  An opener of the disk
 * holds a reference on @head, not the other way round.
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL if @head already has a disk, -ENOMEM.
 */
int mpath_alloc_head_disk(struct mpath_head *head, struct queue_limits *lim,
			  int numa_node)
{
	const struct attribute_group **drv = head->mpdt->device_groups;
	const struct attribute_group **groups;
	struct gendisk *disk;
	unsigned int n = 0;
	int ret;

	if (head->disk)
		return -EINVAL;

	while (drv && drv[n])
		n++;
	/* the "multipath" group, the driver's groups and a terminator */
	groups = kcalloc(n + 2, sizeof(*groups), GFP_KERNEL);
	if (!groups)
		return -ENOMEM;
	groups[0] = &mpath_attr_group;
	if (n)
		memcpy(&groups[1], drv, n * sizeof(*groups));

	/* remap mode keeps nothing per bio to account it with */
	disk = mpath_compat_alloc_disk(lim, numa_node, true, !head->mpdt->remap);
	if (IS_ERR(disk)) {
		ret = PTR_ERR(disk);
		goto out_free_groups;
	}
	disk->fops = &mpath_bdev_ops;
	disk->private_data = head;
	/* see mpath_partition_scan_work() */
	set_bit(GD_SUPPRESS_PART_SCAN, &disk->state);
	if (head->capacity)
		set_capacity(disk, head->capacity);

	head->disk_groups = groups;
	head->disk = disk;
	return 0;

out_free_groups:
	kfree(groups);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(mpath_alloc_head_disk, MPATH_NS);

/*
 * Stack the limits of every path whose limits the head includes
 * (MPATH_DEVICE_STACKED): the live ones, and one about to go live.
 *
 * Context: @head->lock held; freezes the head's queue.
 */
static int __mpath_restack_limits(struct mpath_head *head)
{
	struct mpath_compat_limits l;
	struct mpath_device *dev;
	unsigned int nr_zones = 0;
	int ret;

	lockdep_assert_held(&head->lock);

	mpath_compat_limits_start(head->disk->queue, &l,
				  head->stacked_max_sectors);
	list_for_each_entry(dev, &head->dev_list, siblings) {
		if (!test_bit(MPATH_DEVICE_STACKED, &dev->flags))
			continue;
		mpath_compat_limits_stack(&l, dev->bdev,
					  head->disk->disk_name);
		/* every path has the head's zones, see mpath_add_device() */
		if (bdev_is_zoned(dev->bdev))
			nr_zones = bdev_nr_zones(dev->bdev);
	}
	ret = mpath_compat_limits_commit(head->disk, &l,
					 &head->stacked_max_sectors);
	if (!ret)
		head->disk->nr_zones = bdev_is_zoned(head->disk->part0) ?
				       nr_zones : 0;
	return ret;
}

/**
 * mpath_restack_limits() - recompute the queue limits of the head disk
 * @head: the head
 *
 * Starts from the stacking defaults and stacks every live path: the head
 * gets the most restrictive limits, discard only if every path can, a
 * volatile write cache, FUA and stable writes if any path has them, and
 * is rotational if any path is.  It always takes REQ_NOWAIT (see "Error
 * classification").  A max_sectors_kb or discard_max_bytes the user set on
 * the head is kept.  mpath_device_set_live() calls this; drivers call it
 * when a path's limits changed.
 *
 * Context: process context, takes @head->lock and freezes the queue.
 * Return: 0, -ENODEV without a disk, or the error of the limits update.
 */
int mpath_restack_limits(struct mpath_head *head)
{
	int ret;

	if (!head->disk)
		return -ENODEV;

	mutex_lock(&head->lock);
	ret = __mpath_restack_limits(head);
	mutex_unlock(&head->lock);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(mpath_restack_limits, MPATH_NS);

/**
 * mpath_device_set_live() - start sending I/O to a path
 * @dev: the path, added with mpath_add_device()
 *
 * In this order: the reservation key registered through the head is
 * registered on @dev (scope MPATH_PR_SCOPE_PATH); the head's limits are
 * restacked with @dev, so that no bio the head accepted can need a feature
 * @dev lacks; for the first live path the head disk is added (with the
 * "multipath" attribute group and the driver's groups) and its character
 * device ng-<disk name> is created; @dev gets a link in the head's
 * multipath/ directory; only then is @dev selected for I/O, bios waiting
 * for a path are sent again, and a new disk's partitions are scanned from
 * a work item.
 *
 * Context: process context, sleeps.  Takes @head->lock, held across
 * device_add_disk(); must not race with mpath_delete_device() of @dev.
 * Return: 0; -ENODEV if the head is being removed; the error of the
 * limits update or of device_add_disk(), in which case @dev carries no
 * I/O (the driver may delete it, or try again).
 */
int mpath_device_set_live(struct mpath_device *dev)
{
	struct mpath_head *head = dev->head;
	bool added = false;
	int ret = 0;

	if (WARN_ON_ONCE(!head))
		return -EINVAL;
	if (!head->disk) {
		set_bit(MPATH_DEVICE_LIVE, &dev->flags);
		goto out_kick;
	}

	/* a registration reaches the path before any write does */
	mutex_lock(&head->pr_lock);
	mpath_pr_add_path(dev);

	mutex_lock(&head->lock);
	if (test_bit(MPATH_HEAD_REMOVING, &head->flags)) {
		ret = -ENODEV;
		goto out_unlock;
	}
	if (bdev_nowait(dev->bdev))
		set_bit(MPATH_DEVICE_NOWAIT, &dev->flags);
	else
		clear_bit(MPATH_DEVICE_NOWAIT, &dev->flags);
	set_bit(MPATH_DEVICE_STACKED, &dev->flags);
	ret = __mpath_restack_limits(head);
	if (ret) {
		pr_err("%s: the limits of %pg do not stack: %d\n",
		       head->disk->disk_name, dev->bdev, ret);
		goto out_unstack;
	}
	if (!test_bit(MPATH_HEAD_DISK_LIVE, &head->flags)) {
		ret = device_add_disk(head->parent, head->disk,
				      head->disk_groups);
		if (ret) {
			pr_err("%s: adding the multipath disk failed: %d\n",
			       head->disk->disk_name, ret);
			goto out_unstack;
		}
		set_bit(MPATH_HEAD_DISK_LIVE, &head->flags);
		added = true;
		/* events queued while the disk was not live go out now */
		queue_work(mpath_wq, &head->event_work);
		/* the disk works without it: ioctls still reach the paths */
		ret = mpath_cdev_add(head);
		if (ret)
			pr_warn("%s: adding the character device failed: %d\n",
				head->disk->disk_name, ret);
	}
	ret = __mpath_add_sysfs_link(dev);
	if (ret)
		pr_warn("%s: linking path %pg failed: %d\n",
			head->disk->disk_name, dev->bdev, ret);
	ret = 0;
	set_bit(MPATH_DEVICE_LIVE, &dev->flags);
	mutex_unlock(&head->lock);
	mutex_unlock(&head->pr_lock);

out_kick:
	/* bios that found no path before @dev went live are queued by now */
	synchronize_srcu(&head->srcu);
	/*
	 * @dev may be closer to some node, or better, than what that node
	 * cached: forget the cached paths so every node selects afresh.
	 */
	mpath_clear_paths(head);
	/* the scan reads the disk: only now is there a path to read from */
	if (added)
		queue_work(mpath_wq, &head->partition_scan_work);
	return 0;

out_unstack:
	clear_bit(MPATH_DEVICE_STACKED, &dev->flags);
out_unlock:
	mutex_unlock(&head->lock);
	mutex_unlock(&head->pr_lock);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(mpath_device_set_live, MPATH_NS);

/**
 * mpath_remove_disk() - remove the multipath gendisk from the system
 * @head: the head
 *
 * Stops accepting I/O without a path, fails the bios waiting for one,
 * cancels a pending delayed removal, removes the character device (open
 * files of it keep a head reference until closed) and deletes the disk.
 * Paths may still be attached; bios they carry complete normally.  The
 * disk reference stays with the head until mpath_put_disk().  Once
 * neither the disk nor the character device is open, the driver's
 * released() callback runs (from here if nothing is open).
 *
 * Context: process context, sleeps.  May be called from the work that
 * the driver's remove_head callback scheduled, not from the callback.
 */
void mpath_remove_disk(struct mpath_head *head)
{
	struct mpath_device *dev;
	bool live;

	if (!head->disk)
		return;

	mutex_lock(&head->lock);
	set_bit(MPATH_HEAD_REMOVING, &head->flags);
	live = test_and_clear_bit(MPATH_HEAD_DISK_LIVE, &head->flags);
	list_for_each_entry(dev, &head->dev_list, siblings)
		__mpath_remove_sysfs_link(dev);
	mutex_unlock(&head->lock);

	/*
	 * A submitter that still saw the disk live may be queueing a bio:
	 * wait for it, so that the kick below fails that bio too instead of
	 * stranding it on the list while del_gendisk() waits for the queue.
	 */
	synchronize_srcu(&head->srcu);
	mpath_kick_requeue(head);

	mpath_cancel_removal(head, true);
	/* nothing waits for a path any more: no stall to report */
	cancel_delayed_work_sync(&head->stall_work);
	mpath_send_head_removed(head, live);
	mpath_cdev_del(head);
	if (live) {
		/* the scan's I/O fails now that nothing may wait for a path */
		cancel_work_sync(&head->partition_scan_work);
		del_gendisk(head->disk);
	}
	mpath_check_released(head);
}
EXPORT_SYMBOL_NS_GPL(mpath_remove_disk, MPATH_NS);

/**
 * mpath_put_disk() - drop the head's reference on its gendisk
 * @head: the head
 *
 * The counterpart of mpath_alloc_head_disk().  The gendisk itself may live
 * on while it is still open; its last release drops the opener's head
 * reference, which mpath_head_uninit() waits for.
 *
 * Every path must have been deleted; this waits for the bios of paths
 * whose deletion is still under way (mpath_delete_device_timeout()).
 *
 * Context: process context, may sleep.
 */
void mpath_put_disk(struct mpath_head *head)
{
	if (!head->disk)
		return;

	WARN_ON_ONCE(test_bit(MPATH_HEAD_DISK_LIVE, &head->flags));
	cancel_work_sync(&head->partition_scan_work);
	/* a path removed with a bound may still hold bios of the disk */
	wait_var_event(&head->nr_draining, !atomic_read(&head->nr_draining));
	synchronize_rcu();
	/* waiting bios end on the disk they were accounted on */
	mpath_drain_requeue(head);
	put_disk(head->disk);
	head->disk = NULL;
	kfree(head->disk_groups);
	head->disk_groups = NULL;
}
EXPORT_SYMBOL_NS_GPL(mpath_put_disk, MPATH_NS);
