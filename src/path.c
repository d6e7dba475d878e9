// SPDX-License-Identifier: GPL-2.0
/*
 * A path's life cycle: joining a head, identity and geometry, deletion
 * (waiting for its bios), one by one or several at once.
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
 * Deleting paths takes four grace periods: submitters that may have
 * selected a path, submitters that may still see it in the list, the
 * completions that touch it after their decrement, the readers of its
 * counters.  Deleting several paths of a head at once (its teardown)
 * takes those four once, whatever their number.  Each step below does
 * its part for @nr paths of one head.
 */

/*
 * Take @devs out of their head: no submitter selects them any more, no
 * bio is sent to them, a head left without paths starts its no-path
 * bound.  Returns true if the head has no path left.
 */
static bool mpath_unlink_devices(struct mpath_head *head,
				 struct mpath_device **devs, unsigned int nr)
{
	unsigned int i;
	bool empty;

	/*
	 * Make the paths unusable first and wait for submitters that may
	 * have selected one, so that none can put it back into current_path
	 * after it was cleared below.
	 */
	for (i = 0; i < nr; i++)
		clear_bit(MPATH_DEVICE_LIVE, &devs[i]->flags);
	synchronize_srcu(&head->srcu);

	mutex_lock(&head->lock);
	for (i = 0; i < nr; i++) {
		struct mpath_device *dev = devs[i];

		__mpath_remove_sysfs_link(dev);
		mpath_clear_current_path(dev);
		if (test_and_clear_bit(MPATH_DEVICE_PREFERRED, &dev->flags))
			atomic_dec(&head->nr_preferred);
		list_del_rcu(&dev->siblings);
		clear_bit(MPATH_DEVICE_STACKED, &dev->flags);
		atomic_inc(&head->nr_draining);
	}
	empty = list_empty(&head->dev_list);
	if (empty)
		__mpath_schedule_removal(head);
	mutex_unlock(&head->lock);

	synchronize_srcu(&head->srcu);

	/*
	 * In-flight clones reference a path until their completion.
	 * Completions only wake a deleter once DRAINING is set: the barrier
	 * pairs with the one implied by atomic_dec_and_test() in
	 * mpath_clone_end_io(), so either the completion sees the bit or the
	 * deleter its decrement.
	 */
	for (i = 0; i < nr; i++)
		set_bit(MPATH_DEVICE_DRAINING, &devs[i]->flags);
	/* order the bits before reading nr_active; pairs with end_io */
	smp_mb__after_atomic();
	return empty;
}

/*
 * The per-CPU counters of @devs: readers hold SRCU (see
 * mpath_device_read_stats()), so the pointers go first and the memory
 * after a grace period, one for all of them.  One path, or no memory for
 * the list, takes a grace period each.
 */
static void mpath_free_counters(struct mpath_head *head,
				struct mpath_device **devs, unsigned int nr)
{
	u64 __percpu **all = NULL;
	u64 __percpu *one;
	unsigned int i;

	if (nr > 1)
		all = kmalloc_array(nr, sizeof(*all), GFP_KERNEL | __GFP_NOWARN);
	if (!all) {
		for (i = 0; i < nr; i++) {
			one = devs[i]->submitted;
			WRITE_ONCE(devs[i]->submitted, NULL);
			synchronize_srcu(&head->srcu);
			free_percpu(one);
		}
		return;
	}
	for (i = 0; i < nr; i++) {
		all[i] = devs[i]->submitted;
		WRITE_ONCE(devs[i]->submitted, NULL);
	}
	synchronize_srcu(&head->srcu);
	for (i = 0; i < nr; i++)
		free_percpu(all[i]);
	kfree(all);
}

/* Every bio sent to @devs completed: let go of them. */
static void mpath_finish_devices(struct mpath_head *head,
				 struct mpath_device **devs, unsigned int nr)
{
	unsigned int i;

	/* completions touch a path after their decrement, see end_io */
	synchronize_rcu();
	mpath_free_counters(head, devs, nr);

	mpath_kick_requeue(head);
	for (i = 0; i < nr; i++) {
		/* from here on the calls on the path leave the head alone */
		set_bit(MPATH_DEVICE_GONE, &devs[i]->flags);
		/* mpath_put_disk() waits for this, and then for RCU */
		rcu_read_lock();
		if (atomic_dec_and_test(&head->nr_draining))
			wake_up_var(&head->nr_draining);
		rcu_read_unlock();
	}
}

static void mpath_wait_idle(struct mpath_device *dev)
{
	wait_var_event(&dev->nr_active, !atomic_read(&dev->nr_active));
}

/**
 * mpath_delete_devices() - remove several paths of a head at once
 * @head: the head
 * @devs: the paths, of @head, none of them being deleted already
 * @nr: how many
 *
 * As mpath_delete_device() on each, for a driver that removes several
 * paths together (a head's teardown, a controller with many paths): the
 * grace periods that deleting a path waits for are shared, so the whole
 * takes about as long as deleting one.  Returns once every bio sent to
 * any of them has completed; then the driver may free them.
 *
 * Context: process context, sleeps.  Takes @head->lock.
 * Return: true if the head has no path left.
 */
bool mpath_delete_devices(struct mpath_head *head, struct mpath_device **devs,
			  unsigned int nr)
{
	unsigned int i;
	bool empty;

	if (!nr)
		return mpath_head_devices_empty(head);
	for (i = 0; i < nr; i++) {
		if (WARN_ON_ONCE(devs[i]->head != head ||
				 test_bit(MPATH_DEVICE_DRAINING,
					  &devs[i]->flags)))
			return false;
	}
	empty = mpath_unlink_devices(head, devs, nr);
	for (i = 0; i < nr; i++)
		mpath_wait_idle(devs[i]);
	mpath_finish_devices(head, devs, nr);
	return empty;
}
EXPORT_SYMBOL_NS_GPL(mpath_delete_devices, MPATH_NS);

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
		e = mpath_unlink_devices(head, &dev, 1);
	if (empty)
		*empty = e;

	if (!wait_var_event_timeout(&dev->nr_active,
				    !atomic_read(&dev->nr_active), timeout)) {
		left = atomic_read(&dev->nr_active);
		if (left)
			return left;
	}
	mpath_finish_devices(head, &dev, 1);
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

