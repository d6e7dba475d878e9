// SPDX-License-Identifier: GPL-2.0
/*
 * A path's state: access state and preference, failure and
 * reinstatement (and what a path error means for it), fault injection,
 * counters, readiness after a resize (revalidation).
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c and from the "a
 * generic multipath lib for block drivers" series by John Garry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "internal.h"

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

/*
 * Count a path error of a bio sent to @dev at @generation.  Return: true
 * if another path may not have it, and the bio is to be sent again: @dev
 * is failed (unless reinstated since: whoever reinstated it knew better;
 * or unless the driver says the storage moved it to a state without I/O,
 * which the path takes instead) and the driver told.
 */
bool mpath_failover_error(struct mpath_device *dev, blk_status_t status,
			  unsigned int generation)
{
	const struct mpath_head_template *mpdt = dev->head->mpdt;

	enum mpath_access_state state = MPATH_STATE_NR;

	atomic_long_inc(&dev->errors);
	if (mpath_classify_status(status) != MPATH_STS_FAILOVER)
		return false;
	atomic_long_inc(&dev->failovers);
	/*
	 * The storage may have moved the path: a state change, not a failure.
	 * An injected fault is a pulled cable, whatever the storage says.
	 */
	if (mpdt->path_state &&
	    !test_bit(MPATH_DEVICE_FAULT_INJECT, &dev->flags))
		state = mpdt->path_state(dev);
	if (state < MPATH_STATE_NR && mpath_state_usable(state))
		state = MPATH_STATE_NR;
	if (state < MPATH_STATE_NR)
		mpath_set_access_state(dev, state);
	else
		mpath_device_fail_bio(dev, generation);
	if (mpdt->path_error)
		mpdt->path_error(dev, status);
	return true;
}

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
