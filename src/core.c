// SPDX-License-Identifier: GPL-2.0
/*
 * libmultipath core: module setup, the head life cycle and path management.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c and from the "a
 * generic multipath lib for block drivers" series by John Garry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/nodemask.h>
#include <linux/wait_bit.h>

#include "internal.h"

struct workqueue_struct *mpath_wq;

/**
 * mpath_head_init() - set up a multipath head embedded in a driver object
 * @head: the head, owned by the driver
 * @mpdt: the driver's callbacks; must stay valid until mpath_head_uninit()
 * @iopolicy: the policy in force for @head; may be shared between heads
 * @drv_module: the driver's module, pinned while a delayed removal is
 *	pending (THIS_MODULE of the caller)
 *
 * Initialises the fields of @head the library owns; @head may have been
 * used and uninitialised before.  The driver may set @head->parent and
 * @head->drvdata before or after this call.  The caller
 * holds the initial reference on @head, dropped by mpath_head_uninit().
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL if @mpdt or @iopolicy is missing, -ENOMEM.
 */
int mpath_head_init(struct mpath_head *head,
		    const struct mpath_head_template *mpdt,
		    enum mpath_iopolicy_e *iopolicy, struct module *drv_module)
{
	int ret;

	if (!mpdt || !iopolicy)
		return -EINVAL;

	/*
	 * A head may be set up again after mpath_head_uninit(): the embedded
	 * character device and its struct device must start out clean, or
	 * the driver core finds an "initialized" kobject.
	 */
	memset(&head->cdev, 0, sizeof(head->cdev));
	memset(&head->cdev_device, 0, sizeof(head->cdev_device));

	ret = init_srcu_struct(&head->srcu);
	if (ret)
		return ret;

	/* clones carry their context in front of the bio, see mpath_clone */
	ret = bioset_init(&head->bio_pool, BIO_POOL_SIZE,
			  offsetof(struct mpath_clone, clone), 0);
	if (ret)
		goto out_cleanup_srcu;

	head->nr_nodes = nr_node_ids;
	head->current_path = kcalloc(head->nr_nodes,
				     sizeof(*head->current_path), GFP_KERNEL);
	if (!head->current_path) {
		ret = -ENOMEM;
		goto out_exit_bioset;
	}

	INIT_LIST_HEAD(&head->dev_list);
	atomic_set(&head->nr_draining, 0);
	atomic_set(&head->nr_preferred, 0);
	mutex_init(&head->lock);
	refcount_set(&head->refcount, 1);
	init_completion(&head->released);
	head->iopolicy = iopolicy;
	head->mpdt = mpdt;
	head->drv_module = drv_module;
	head->flags = 0;
	head->disk = NULL;
	head->disk_groups = NULL;
	head->capacity = 0;
	head->logical_block_size = 0;
	head->zone_sectors = 0;
	head->nr_zones = 0;
	memset(&head->id, 0, sizeof(head->id));
	head->delayed_removal_secs = 0;
	head->stacked_max_sectors = 0;
	mutex_init(&head->pr_lock);
	head->pr_scope = MPATH_PR_SCOPE_PATH;
	head->pr_key = 0;
	INIT_WORK(&head->pr_work, mpath_pr_work);
	INIT_LIST_HEAD(&head->events);
	INIT_WORK(&head->event_work, mpath_event_work);
	atomic_set(&head->events_lost, 0);

	bio_list_init(&head->requeue_list);
	spin_lock_init(&head->state_lock);
	spin_lock_init(&head->requeue_lock);
	INIT_WORK(&head->requeue_work, mpath_requeue_work);
	INIT_WORK(&head->partition_scan_work, mpath_partition_scan_work);
	INIT_DELAYED_WORK(&head->remove_work, mpath_remove_work);
	INIT_DELAYED_WORK(&head->stall_work, mpath_stall_work);
	atomic_long_set(&head->requeue_no_usable_path_cnt, 0);
	atomic_long_set(&head->fail_no_avail_path_cnt, 0);
	return 0;

out_exit_bioset:
	bioset_exit(&head->bio_pool);
out_cleanup_srcu:
	cleanup_srcu_struct(&head->srcu);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(mpath_head_init, MPATH_NS);

/**
 * mpath_head_uninit() - tear down a head set up by mpath_head_init()
 * @head: the head
 *
 * Drops the reference taken by mpath_head_init() and waits until every
 * other reference (openers of the disk) is gone, then frees what the
 * library allocated.  Every path must have been deleted and the disk
 * removed and put before.  When this returns the library no longer
 * touches @head and the driver may free it.
 *
 * Context: process context, sleeps until the last reference is dropped.
 * May be called from the work that the driver's remove_head callback
 * scheduled, not from the callback.
 */
void mpath_head_uninit(struct mpath_head *head)
{
	WARN_ON_ONCE(!list_empty(&head->dev_list));

	/* remove_head() may call us from remove_work itself */
	mpath_cancel_removal(head, true);
	cancel_delayed_work_sync(&head->stall_work);
	cancel_work_sync(&head->pr_work);
	mpath_drop_events(head);

	/*
	 * The initial reference: no released() notification for it, nor
	 * for any opener's close from now on.  The driver is tearing the
	 * head down itself; a notification now would schedule its work
	 * against a head it may free as soon as this returns.  The flag is
	 * set under requeue_lock, where openers' puts decide to notify.
	 */
	spin_lock_irq(&head->requeue_lock);
	set_bit(MPATH_HEAD_UNINIT, &head->flags);
	spin_unlock_irq(&head->requeue_lock);
	if (refcount_dec_and_test(&head->refcount))
		complete(&head->released);
	wait_for_completion(&head->released);

	/*
	 * mpath_put_disk() failed what was waiting for a path; a head that
	 * never had a disk never had I/O.
	 */
	mpath_drain_requeue(head);
	cancel_work_sync(&head->partition_scan_work);

	kfree(head->current_path);
	head->current_path = NULL;
	bioset_exit(&head->bio_pool);
	cleanup_srcu_struct(&head->srcu);
	mutex_destroy(&head->pr_lock);
}
EXPORT_SYMBOL_NS_GPL(mpath_head_uninit, MPATH_NS);

/**
 * mpath_get_head() - take a reference on a head
 * @head: the head
 *
 * Context: any.
 * Return: true if a reference was taken, false if @head is already on its
 * way out (mpath_head_uninit() dropped the last reference).
 */
bool mpath_get_head(struct mpath_head *head)
{
	return refcount_inc_not_zero(&head->refcount);
}
EXPORT_SYMBOL_NS_GPL(mpath_get_head, MPATH_NS);

/*
 * Tell the driver, once, that the removed head has no opener left.  The
 * check and the decrement of the caller's reference happen under
 * requeue_lock, so that of two openers closing at once exactly one sees
 * the count reach 1.
 */
static bool mpath_put_head_notify(struct mpath_head *head)
{
	unsigned long flags;
	bool notify = false;

	spin_lock_irqsave(&head->requeue_lock, flags);
	if (!refcount_dec_not_one(&head->refcount)) {
		/* the last reference: mpath_head_uninit() waits for it */
		spin_unlock_irqrestore(&head->requeue_lock, flags);
		return false;
	}
	if (test_bit(MPATH_HEAD_REMOVING, &head->flags) &&
	    !test_bit(MPATH_HEAD_UNINIT, &head->flags) &&
	    refcount_read(&head->refcount) == 1 &&
	    !test_and_set_bit(MPATH_HEAD_RELEASED, &head->flags))
		notify = true;
	spin_unlock_irqrestore(&head->requeue_lock, flags);
	/*
	 * The initial reference keeps @head until the driver, told here,
	 * calls mpath_head_uninit(): the callback is the last access.
	 */
	if (notify && head->mpdt->released)
		head->mpdt->released(head);
	return true;
}

/**
 * mpath_put_head() - drop a reference taken by mpath_get_head()
 * @head: the head
 *
 * The put that drops the last reference wakes mpath_head_uninit().  That
 * complete() is the last access to @head: the waiter cannot return before
 * complete() released the completion's lock, and may free @head right
 * after, so nothing here may touch @head once the count reached zero.
 * The put that leaves only the initial reference of a removed head calls
 * the driver's released() callback.
 *
 * Context: process context when @head may have been removed (released()
 * may run); any otherwise.
 */
void mpath_put_head(struct mpath_head *head)
{
	if (mpath_put_head_notify(head))
		return;
	if (refcount_dec_and_test(&head->refcount))
		complete(&head->released);
}
EXPORT_SYMBOL_NS_GPL(mpath_put_head, MPATH_NS);

/**
 * mpath_open_head() - an open of the head's disk or character device
 * @head: the head
 *
 * Pins the driver's module and the head, see "Driver module references".
 *
 * Context: process context.
 * Return: false if the driver or the head is going away.
 */
bool mpath_open_head(struct mpath_head *head)
{
	if (!try_module_get(head->drv_module))
		return false;
	if (!mpath_get_head(head)) {
		module_put(head->drv_module);
		return false;
	}
	return true;
}

/* Context: process context; the counterpart of mpath_open_head(). */
void mpath_close_head(struct mpath_head *head)
{
	struct module *mod = head->drv_module;

	/* may let mpath_head_uninit() return: @head is not touched after */
	mpath_put_head(head);
	module_put(mod);
}

/*
 * The head was removed: if nothing holds it open, tell the driver now.
 * Pairs with mpath_put_head_notify(): whichever comes last notifies.
 *
 * Context: process context.
 */
void mpath_check_released(struct mpath_head *head)
{
	unsigned long flags;
	bool notify;

	spin_lock_irqsave(&head->requeue_lock, flags);
	notify = !test_bit(MPATH_HEAD_UNINIT, &head->flags) &&
		 refcount_read(&head->refcount) == 1 &&
		 !test_and_set_bit(MPATH_HEAD_RELEASED, &head->flags);
	spin_unlock_irqrestore(&head->requeue_lock, flags);
	if (notify && head->mpdt->released)
		head->mpdt->released(head);
}

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
	dev->lat_ns = 0;
	dev->lat_stamp = ktime_get_ns();
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
 * mpath_head_devices_empty() - has a head no path?
 * @head: the head
 *
 * Context: any; the answer may be stale unless the caller serialises
 * against mpath_add_device() and mpath_delete_device().
 * Return: true if @head has no path.
 */
bool mpath_head_devices_empty(struct mpath_head *head)
{
	return list_empty(&head->dev_list);
}
EXPORT_SYMBOL_NS_GPL(mpath_head_devices_empty, MPATH_NS);

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

/**
 * mpath_synchronize() - wait for submitters that may see old path state
 * @head: the head
 *
 * Context: process context, sleeps for an SRCU grace period.
 */
void mpath_synchronize(struct mpath_head *head)
{
	synchronize_srcu(&head->srcu);
}
EXPORT_SYMBOL_NS_GPL(mpath_synchronize, MPATH_NS);

/**
 * mpath_set_access_state() - change the access state of a path
 * @dev: the path
 * @state: the new state
 *
 * Current paths are forgotten so that every node reconsiders, and bios
 * waiting for a path are resubmitted: they may now find one, or fail if
 * the last path that could come back went away.
 *
 * Context: any.
 */
void mpath_set_access_state(struct mpath_device *dev,
			    enum mpath_access_state state)
{
	struct mpath_head *head = mpath_dev_head(dev);

	if (WARN_ON_ONCE((unsigned int)state >= MPATH_STATE_NR))
		return;
	if (xchg(&dev->access_state, state) == state)
		return;
	if (!head)
		return;
	mpath_clear_paths(head);
	if (state != MPATH_STATE_OPTIMIZED && state != MPATH_STATE_NONOPTIMIZED &&
	    test_bit(MPATH_DEVICE_LIVE, &dev->flags) &&
	    !mpath_usable_path(head))
		mpath_queue_event(head, MPATH_EVENT_NO_USABLE_PATH, NULL);
}
EXPORT_SYMBOL_NS_GPL(mpath_set_access_state, MPATH_NS);

/**
 * mpath_set_preferred() - order a path before the other optimized ones
 * @dev: the path
 * @preferred: the storage prefers it (the ALUA PREF bit of its target
 *	port group)
 *
 * While any path of the head is preferred, an optimized path that is not
 * carries I/O only when no preferred optimized path is usable (it still
 * comes before every non-optimized path).  A head without preferred paths
 * uses all its optimized paths alike.  Current paths are forgotten and
 * waiting bios are sent again.
 *
 * Context: any.
 */
void mpath_set_preferred(struct mpath_device *dev, bool preferred)
{
	struct mpath_head *head = mpath_dev_head(dev);

	if (!head)
		return;
	if (preferred) {
		if (test_and_set_bit(MPATH_DEVICE_PREFERRED, &dev->flags))
			return;
		atomic_inc(&head->nr_preferred);
	} else {
		if (!test_and_clear_bit(MPATH_DEVICE_PREFERRED, &dev->flags))
			return;
		atomic_dec(&head->nr_preferred);
	}
	mpath_clear_paths(head);
}
EXPORT_SYMBOL_NS_GPL(mpath_set_preferred, MPATH_NS);

/**
 * mpath_device_preferred() - is a path preferred?
 * @dev: the path
 *
 * Context: any; the answer may be stale.
 * Return: what mpath_set_preferred() set last.
 */
bool mpath_device_preferred(struct mpath_device *dev)
{
	return test_bit(MPATH_DEVICE_PREFERRED, &dev->flags);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_preferred, MPATH_NS);

/**
 * mpath_device_fail() - stop using a path until it is reinstated
 * @dev: the path
 *
 * The library fails a path itself when a bio sent to it completes with a
 * path error.
 *
 * Context: any, including bio completion.
 */
void mpath_device_fail(struct mpath_device *dev)
{
	struct mpath_head *head = mpath_dev_head(dev);

	if (!head || test_and_set_bit(MPATH_DEVICE_FAILED, &dev->flags))
		return;
	mpath_clear_current_path(dev);
	/* as dm-multipath's "Failing path": the admin's first clue */
	if (head->disk)
		pr_warn_ratelimited("%s: failing path %pg\n",
				    head->disk->disk_name, dev->bdev);
	mpath_queue_event(head, MPATH_EVENT_PATH_FAILED, dev);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_fail, MPATH_NS);

/*
 * A bio sent to @dev at @generation completed with a path error: fail
 * @dev, unless it was reinstated since.  Bio completion context.
 */
void mpath_device_fail_bio(struct mpath_device *dev, unsigned int generation)
{
	struct mpath_head *head = dev->head;
	unsigned long flags;

	spin_lock_irqsave(&head->state_lock, flags);
	if (dev->generation == generation)
		mpath_device_fail(dev);
	spin_unlock_irqrestore(&head->state_lock, flags);
}

/**
 * mpath_device_reinstate() - use a failed path again
 * @dev: the path
 *
 * Bios waiting for a path are resubmitted.
 *
 * Context: any.
 */
void mpath_device_reinstate(struct mpath_device *dev)
{
	struct mpath_head *head = mpath_dev_head(dev);
	unsigned long flags;
	bool failed;

	if (!head)
		return;
	/*
	 * Also when the path is not failed: a bio that is completing with
	 * a path error right now (an injected fault the caller just
	 * cleared) must not fail the path after this returned.  Under the
	 * lock a path error fails the path, see mpath_device_fail_bio().
	 */
	spin_lock_irqsave(&head->state_lock, flags);
	/* mpath_map_bio() reads it without the lock */
	WRITE_ONCE(dev->generation, dev->generation + 1);
	failed = test_and_clear_bit(MPATH_DEVICE_FAILED, &dev->flags);
	spin_unlock_irqrestore(&head->state_lock, flags);
	if (!failed)
		return;
	if (head->disk)
		pr_info_ratelimited("%s: reinstating path %pg\n",
				    head->disk->disk_name, dev->bdev);
	mpath_queue_event(head, MPATH_EVENT_PATH_REINSTATED, dev);
	/* a registration change it missed, or a registration it lost */
	if (READ_ONCE(head->pr_key) ||
	    test_bit(MPATH_DEVICE_PR_STALE, &dev->flags))
		queue_work(mpath_wq, &head->pr_work);
	mpath_clear_paths(head);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_reinstate, MPATH_NS);

/**
 * mpath_device_failed() - is a path failed?
 * @dev: the path
 *
 * Failed by a path error (or mpath_device_fail()) and not reinstated since.
 * A driver that checks its paths reinstates a failed one that works again.
 *
 * Context: any; the answer may be stale.
 * Return: true if @dev is failed.
 */
bool mpath_device_failed(struct mpath_device *dev)
{
	return test_bit(MPATH_DEVICE_FAILED, &dev->flags);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_failed, MPATH_NS);

/**
 * mpath_device_inject_fault() - make a path behave like a pulled cable
 * @dev: the path
 * @fail: true: every bio sent to @dev, and every bio still in flight on
 *	it, completes with a path error (BLK_STS_TRANSPORT); false: stop
 *	that and reinstate the path
 *
 * The failure goes through the library's normal failover: the first
 * error fails the path and its bios are resubmitted to other paths.  The
 * lower device is not touched, so this works over any block device.
 *
 * Context: any.
 */
void mpath_device_inject_fault(struct mpath_device *dev, bool fail)
{
	if (fail) {
		set_bit(MPATH_DEVICE_FAULT_INJECT, &dev->flags);
		return;
	}
	clear_bit(MPATH_DEVICE_FAULT_INJECT, &dev->flags);
	mpath_device_reinstate(dev);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_inject_fault, MPATH_NS);

/**
 * mpath_kick_requeue() - resubmit the bios waiting for a path
 * @head: the head
 *
 * Context: any.
 */
void mpath_kick_requeue(struct mpath_head *head)
{
	kblockd_schedule_work(&head->requeue_work);
}

/**
 * mpath_device_read_stats() - the counters of a path, summed over CPUs
 * @dev: the path
 * @sum: filled in; all zero once @dev was deleted
 *
 * Context: any context that may take an SRCU read lock.  The sum is not
 * a consistent snapshot; @sum->completed is the bios sent less those in
 * flight.
 */
void mpath_device_read_stats(struct mpath_device *dev,
			     struct mpath_device_stats *sum)
{
	struct mpath_head *head = mpath_dev_head(dev);
	u64 __percpu *submitted;
	unsigned int inflight;
	int cpu, srcu_idx;

	memset(sum, 0, sizeof(*sum));
	if (!head)
		return;

	srcu_idx = srcu_read_lock(&head->srcu);
	submitted = READ_ONCE(dev->submitted);
	if (submitted) {
		/*
		 * In flight first: a submitter counts the bio as sent before
		 * it counts it in flight, so the sum read after is normally
		 * not smaller; the hot path has no barrier for this, hence
		 * the clamp.  The two reads race with I/O anyway.
		 */
		inflight = mpath_device_inflight(dev);
		for_each_possible_cpu(cpu)
			sum->submitted += READ_ONCE(*per_cpu_ptr(submitted, cpu));
		sum->completed = sum->submitted - min_t(u64, inflight,
							sum->submitted);
		sum->errors = atomic_long_read(&dev->errors);
		sum->failovers = atomic_long_read(&dev->failovers);
	}
	srcu_read_unlock(&head->srcu, srcu_idx);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_read_stats, MPATH_NS);

/**
 * mpath_device_inflight() - bios in flight on a path
 * @dev: the path
 *
 * What the queue-depth policy compares (NVMe's queue_depth attribute).
 *
 * Context: any; the answer may be stale.
 * Return: the number of bios sent to @dev that have not completed.
 */
unsigned int mpath_device_inflight(struct mpath_device *dev)
{
	return atomic_read(&dev->nr_active);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_inflight, MPATH_NS);

/**
 * mpath_device_unready() - did revalidation take a path out of use?
 * @dev: the path
 *
 * Context: any; the answer may be stale.
 * Return: true while mpath_revalidate_paths() keeps @dev out of use.
 */
bool mpath_device_unready(struct mpath_device *dev)
{
	return test_bit(MPATH_DEVICE_UNREADY, &dev->flags);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_unready, MPATH_NS);

/**
 * mpath_head_read_stats() - the no-path counters of a head
 * @head: the head
 * @s: filled in, see struct mpath_head_stats
 *
 * Context: any.  Not a consistent snapshot.
 */
void mpath_head_read_stats(struct mpath_head *head, struct mpath_head_stats *s)
{
	unsigned long flags;
	struct bio *bio;

	s->requeue_no_usable_path =
		atomic_long_read(&head->requeue_no_usable_path_cnt);
	s->fail_no_available_path =
		atomic_long_read(&head->fail_no_avail_path_cnt);
	s->queued = 0;
	spin_lock_irqsave(&head->requeue_lock, flags);
	bio_list_for_each(bio, &head->requeue_list)
		s->queued++;
	spin_unlock_irqrestore(&head->requeue_lock, flags);
	s->no_path_bound = test_bit(MPATH_HEAD_REMOVE_PENDING, &head->flags);
	s->no_path_expired = test_bit(MPATH_HEAD_EXPIRED, &head->flags);
}
EXPORT_SYMBOL_NS_GPL(mpath_head_read_stats, MPATH_NS);

static int __init mpath_init(void)
{
	int ret;

	/* 7.2 warns about a workqueue that is neither unbound nor per-CPU */
	mpath_wq = alloc_workqueue("mpath-wq",
				   WQ_UNBOUND | WQ_MEM_RECLAIM | WQ_SYSFS, 0);
	if (!mpath_wq)
		return -ENOMEM;

	ret = mpath_chr_init();
	if (ret) {
		pr_err("registering the character device class failed: %d\n",
		       ret);
		goto out_destroy_wq;
	}
	return 0;

out_destroy_wq:
	destroy_workqueue(mpath_wq);
	return ret;
}

static void __exit mpath_exit(void)
{
	mpath_chr_exit();
	destroy_workqueue(mpath_wq);
}

module_init(mpath_init);
module_exit(mpath_exit);

MODULE_DESCRIPTION("native multipath library for bio-based block drivers");
MODULE_AUTHOR("Christoph Hellwig (NVMe multipath, which this derives from)");
MODULE_LICENSE("GPL");
MODULE_VERSION(MPATH_VERSION);
