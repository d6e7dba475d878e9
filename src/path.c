// SPDX-License-Identifier: GPL-2.0
/*
 * A path's life cycle: joining a head, identity and geometry, deletion
 * (waiting for its bios), revalidation.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c and from the "a
 * generic multipath lib for block drivers" series by John Garry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/wait_bit.h>

#include "internal.h"

/* Does @bdev have the geometry of @head?  Logs why not.  @head->lock held. */
static int __mpath_check_geometry(struct mpath_head *head,
				  struct block_device *bdev)
{
	sector_t capacity = bdev_nr_sectors(bdev);
	unsigned int lbs = bdev_logical_block_size(bdev);
	sector_t zone_sectors = bdev_is_zoned(bdev) ?
				bdev_zone_sectors(bdev) : 0;
	unsigned int nr_zones = bdev_is_zoned(bdev) ? bdev_nr_zones(bdev) : 0;

	lockdep_assert_held(&head->lock);

	if (lbs != head->logical_block_size) {
		pr_err("%pg: logical block size %u differs from the head's %u\n",
		       bdev, lbs, head->logical_block_size);
		return -EINVAL;
	}
	if (capacity < head->capacity) {
		pr_err("%pg: capacity %llu sectors is smaller than the head's %llu\n",
		       bdev, (unsigned long long)capacity,
		       (unsigned long long)head->capacity);
		return -EINVAL;
	}
	if (zone_sectors != head->zone_sectors || nr_zones != head->nr_zones) {
		pr_err("%pg: %s (zone size %llu sectors, %u zones) differs from the head: %s (zone size %llu sectors, %u zones)\n",
		       bdev, zone_sectors ? "zoned" : "not zoned",
		       (unsigned long long)zone_sectors, nr_zones,
		       head->zone_sectors ? "zoned" : "not zoned",
		       (unsigned long long)head->zone_sectors, head->nr_zones);
		return -EINVAL;
	}
	return 0;
}

/**
 * mpath_add_device() - add a path to a head
 * @head: the head
 * @dev: the path, embedded in the driver's per-path object
 * @bdev: the block device I/O for this path is sent to
 * @numa_node: the node @bdev is close to, or NUMA_NO_NODE
 *
 * The first path fixes the capacity, logical block size and zones of the
 * head; later paths must match them and the head's identifier, see "Path
 * identity".  The path carries no I/O until mpath_device_set_live().  The
 * driver sets @dev->access_state before the call (zero is
 * MPATH_STATE_OPTIMIZED).  A pending delayed removal of the head is
 * cancelled.
 *
 * Context: process context, takes @head->lock.
 * Return: 0; -EEXIST if @dev or @bdev is already a path of @head; -EINVAL
 * if the geometry differs from the head's; -EILSEQ if the identifier
 * differs; -ENODEV if the head is being removed; -ENOMEM.
 */
int mpath_add_device(struct mpath_head *head, struct mpath_device *dev,
		     struct block_device *bdev, int numa_node)
{
	u64 __percpu *submitted;
	struct mpath_device *d;
	struct mpath_id id;
	int ret;

	/* outside the lock: the path driver may take its own */
	mpath_read_id(bdev, &id);

	submitted = alloc_percpu(u64);
	if (!submitted)
		return -ENOMEM;

	mutex_lock(&head->lock);
	if (test_bit(MPATH_HEAD_REMOVING, &head->flags)) {
		ret = -ENODEV;
		goto out_unlock;
	}
	list_for_each_entry(d, &head->dev_list, siblings) {
		if (d == dev || d->bdev == bdev) {
			pr_err("%pg is already a path\n", bdev);
			ret = -EEXIST;
			goto out_unlock;
		}
	}
	if (head->logical_block_size) {
		ret = __mpath_check_geometry(head, bdev);
		if (ret)
			goto out_unlock;
	} else {
		head->logical_block_size = bdev_logical_block_size(bdev);
		head->capacity = bdev_nr_sectors(bdev);
		if (bdev_is_zoned(bdev)) {
			head->zone_sectors = bdev_zone_sectors(bdev);
			head->nr_zones = bdev_nr_zones(bdev);
		}
		if (head->disk)
			set_capacity(head->disk, head->capacity);
	}
	ret = __mpath_check_identity(head, bdev, &id);
	if (ret)
		goto out_unlock;

	dev->head = head;
	dev->bdev = bdev;
	dev->flags = 0;
	dev->numa_node = numa_node;
	dev->submitted = submitted;
	atomic_long_set(&dev->errors, 0);
	atomic_long_set(&dev->failovers, 0);
	dev->generation = 0;
	dev->id = id;
	memset(&dev->policy_data, 0, sizeof(dev->policy_data));
	atomic_set(&dev->nr_active, 0);
	list_add_tail_rcu(&dev->siblings, &head->dev_list);

	/* a path is back: the head stays */
	clear_bit(MPATH_HEAD_EXPIRED, &head->flags);
	mpath_cancel_removal(head, false);
	mutex_unlock(&head->lock);
	return 0;

out_unlock:
	mutex_unlock(&head->lock);
	free_percpu(submitted);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(mpath_add_device, MPATH_NS);

/*
 * Take @dev out of its head: no submitter selects it any more, no bio is
 * sent to it, a head left without paths starts its no-path bound.
 * Returns true if the head has no path left.
 */
static bool mpath_unlink_device(struct mpath_device *dev)
{
	struct mpath_head *head = dev->head;
	bool empty;

	/*
	 * Make the path unusable first and wait for submitters that may have
	 * selected it, so that none can put it back into current_path after
	 * it was cleared below.
	 */
	clear_bit(MPATH_DEVICE_LIVE, &dev->flags);
	synchronize_srcu(&head->srcu);

	mutex_lock(&head->lock);
	__mpath_remove_sysfs_link(dev);
	mpath_clear_current_path(dev);
	if (test_and_clear_bit(MPATH_DEVICE_PREFERRED, &dev->flags))
		atomic_dec(&head->nr_preferred);
	list_del_rcu(&dev->siblings);
	clear_bit(MPATH_DEVICE_STACKED, &dev->flags);
	empty = list_empty(&head->dev_list);
	if (empty)
		__mpath_schedule_removal(head);
	atomic_inc(&head->nr_draining);
	mutex_unlock(&head->lock);

	synchronize_srcu(&head->srcu);

	/*
	 * In-flight clones reference @dev until their completion.  Completions
	 * only wake a deleter once DRAINING is set: the barrier pairs with the
	 * one implied by atomic_dec_and_test() in mpath_clone_end_io(), so
	 * either the completion sees the bit or the deleter its decrement.
	 */
	set_bit(MPATH_DEVICE_DRAINING, &dev->flags);
	/* order the bit before reading nr_active; pairs with end_io */
	smp_mb__after_atomic();
	return empty;
}

/* Every bio sent to @dev completed: let go of it. */
static void mpath_finish_device(struct mpath_device *dev)
{
	struct mpath_head *head = dev->head;
	u64 __percpu *submitted;

	/* completions touch @dev after their decrement, see end_io */
	synchronize_rcu();

	/* readers of the counters hold SRCU, see mpath_device_read_stats() */
	submitted = dev->submitted;
	WRITE_ONCE(dev->submitted, NULL);
	synchronize_srcu(&head->srcu);
	free_percpu(submitted);

	mpath_kick_requeue(head);
	/* from here on the calls on @dev leave the head alone */
	set_bit(MPATH_DEVICE_GONE, &dev->flags);
	/* mpath_put_disk() waits for this, and then for RCU */
	rcu_read_lock();
	if (atomic_dec_and_test(&head->nr_draining))
		wake_up_var(&head->nr_draining);
	rcu_read_unlock();
}

/**
 * mpath_delete_device_timeout() - remove a path, waiting a bounded time
 * @dev: the path
 * @timeout: how long to wait for the bios in flight on @dev, in jiffies
 * @empty: optional; set on the call that takes @dev out of the head to
 *	whether the head has no path left
 *
 * The first call takes @dev out of its head at once: no bio is sent to it
 * any more, bios waiting for a path are sent again (they fail if nothing
 * can come back), and if @dev was the last path the no-path bound starts.
 * Bios already sent to @dev hold it until its device completes them,
 * which a device that stopped answering may not do for a long time: this
 * waits for them at most @timeout and then returns how many are left.
 * The driver calls it again later, from a work item rather than from the
 * task that asked for the removal, until it returns 0; then @dev is gone
 * and the driver may free it (and close its block device).
 *
 * Context: process context, sleeps (SRCU and RCU grace periods, up to
 * @timeout for in-flight I/O).  Takes @head->lock.
 * Return: 0 once @dev is gone, else the number of bios still in flight.
 */
int mpath_delete_device_timeout(struct mpath_device *dev,
				unsigned long timeout, bool *empty)
{
	struct mpath_head *head = dev->head;
	bool e = false;
	int left;

	if (WARN_ON_ONCE(!head))
		return 0;
	if (!test_bit(MPATH_DEVICE_DRAINING, &dev->flags))
		e = mpath_unlink_device(dev);
	if (empty)
		*empty = e;

	if (!wait_var_event_timeout(&dev->nr_active,
				    !atomic_read(&dev->nr_active), timeout)) {
		left = atomic_read(&dev->nr_active);
		if (left)
			return left;
	}
	mpath_finish_device(dev);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(mpath_delete_device_timeout, MPATH_NS);

/**
 * mpath_delete_device() - remove a path from its head
 * @dev: the path
 *
 * As mpath_delete_device_timeout() without a bound: returns once every
 * bio sent to @dev has completed, so the driver may free @dev (and close
 * its block device) when this returns.
 *
 * Context: process context, sleeps (SRCU grace periods, in-flight I/O on
 * @dev).  Takes @head->lock.
 * Return: true if the head has no path left.
 */
bool mpath_delete_device(struct mpath_device *dev)
{
	bool empty = false;

	mpath_delete_device_timeout(dev, MAX_SCHEDULE_TIMEOUT, &empty);
	return empty;
}
EXPORT_SYMBOL_NS_GPL(mpath_delete_device, MPATH_NS);

/**
 * mpath_clear_paths() - forget the current paths of a head
 * @head: the head
 *
 * Every node selects a path afresh on its next I/O, and bios waiting for a
 * path are resubmitted.
 *
 * Context: any.
 */
void mpath_clear_paths(struct mpath_head *head)
{
	mpath_clear_current_paths(head);
	mpath_kick_requeue(head);
}
EXPORT_SYMBOL_NS_GPL(mpath_clear_paths, MPATH_NS);

/**
 * mpath_revalidate_paths() - recheck every path against the head
 * @head: the head
 * @ready: optional; false takes a path out of use
 *
 * The call a driver makes when a path's capacity may have changed (a LUN
 * or namespace resize) or its readiness may have.  A path whose logical
 * block size differs from the head's, whose capacity is smaller than the
 * head's, or that @ready rejects, is not selected until a later
 * revalidation finds it fit again; each such change is logged.  When every
 * path (taken out of use or not) is larger than the head, the head grows
 * to the smallest of them, and its users are told (a change uevent with
 * RESIZE=1).  The head never shrinks under its users.  Current paths are
 * forgotten and waiting bios sent again.
 *
 * Context: process context, takes @head->lock; @ready is called under it.
 */
void mpath_revalidate_paths(struct mpath_head *head,
			    bool (*ready)(struct mpath_device *dev))
{
	sector_t grow = (sector_t)-1, capacity;
	struct mpath_device *dev;
	bool all_grew, ok;

	mutex_lock(&head->lock);
	all_grew = !list_empty(&head->dev_list);
	list_for_each_entry(dev, &head->dev_list, siblings) {
		capacity = bdev_nr_sectors(dev->bdev);
		if (capacity <= head->capacity)
			all_grew = false;
		else
			grow = min(grow, capacity);
	}
	if (all_grew && head->disk) {
		pr_info("%s: every path grew: %llu to %llu sectors\n",
			head->disk->disk_name,
			(unsigned long long)head->capacity,
			(unsigned long long)grow);
		head->capacity = grow;
		set_capacity_and_notify(head->disk, grow);
	}

	list_for_each_entry(dev, &head->dev_list, siblings) {
		capacity = bdev_nr_sectors(dev->bdev);
		ok = capacity >= head->capacity &&
		     bdev_logical_block_size(dev->bdev) ==
				head->logical_block_size &&
		     (!ready || ready(dev));
		if (ok) {
			if (test_and_clear_bit(MPATH_DEVICE_UNREADY,
					       &dev->flags))
				pr_info("%pg is usable again\n", dev->bdev);
		} else if (!test_and_set_bit(MPATH_DEVICE_UNREADY,
					     &dev->flags)) {
			if (capacity < head->capacity)
				pr_warn("%pg shrank to %llu sectors, below the head's %llu: not using it\n",
					dev->bdev, (unsigned long long)capacity,
					(unsigned long long)head->capacity);
			else
				pr_warn("%pg no longer matches its head, not using it\n",
					dev->bdev);
		}
	}
	mutex_unlock(&head->lock);

	mpath_clear_paths(head);
}
EXPORT_SYMBOL_NS_GPL(mpath_revalidate_paths, MPATH_NS);
