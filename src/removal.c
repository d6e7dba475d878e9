// SPDX-License-Identifier: GPL-2.0
/*
 * Waiting for a path: queue_if_no_path, the no-path bound of delayed
 * removal, and the removal of a head that lost every path.  The rules are
 * in "No usable path" in the public header.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from the delayed removal of drivers/nvme/host/multipath.c and
 * from dm-multipath's queue_if_no_path_timeout_secs.
 *
 * State: MPATH_HEAD_REMOVE_PENDING says remove_work is armed and owns a
 * reference on the driver module (whoever clears the bit drops it);
 * MPATH_HEAD_EXPIRED says the bound ran out and I/O without a usable path
 * fails.  Both change under requeue_lock together with a look at the
 * paths, so that the work never expires a head whose path just came back.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "internal.h"
#include "removal.h"

static unsigned int stall_report_secs = 60;
module_param(stall_report_secs, uint, 0644);
MODULE_PARM_DESC(stall_report_secs,
		 "log and send an IO_STALLED uevent when I/O has waited this long for a usable path, and again as often while it waits (0: never; default 60)");

/*
 * I/O began to wait for a usable path: watch it, so that a wait that does
 * not end (an array stuck in a transition, a path that never comes back,
 * queue_if_no_path without a path) is reported instead of silent.
 *
 * Context: any, including bio completion.
 */
void mpath_arm_stall_report(struct mpath_head *head)
{
	unsigned int secs = READ_ONCE(stall_report_secs);

	if (!secs || test_bit(MPATH_HEAD_STALL_ARMED, &head->flags) ||
	    test_and_set_bit(MPATH_HEAD_STALL_ARMED, &head->flags))
		return;
	WRITE_ONCE(head->wait_start, jiffies);
	queue_delayed_work(mpath_wq, &head->stall_work,
			   mpath_removal_delay(secs));
}

void mpath_stall_work(struct work_struct *work)
{
	struct mpath_head *head = container_of(to_delayed_work(work),
					       struct mpath_head, stall_work);
	unsigned int secs = READ_ONCE(stall_report_secs);
	struct mpath_head_stats st;

	mpath_head_read_stats(head, &st);
	if (!secs || !st.queued || mpath_usable_path(head)) {
		clear_bit(MPATH_HEAD_STALL_ARMED, &head->flags);
		/* a bio that queued meanwhile arms it again */
		smp_mb__after_atomic();
		mpath_head_read_stats(head, &st);
		if (st.queued && !mpath_usable_path(head))
			mpath_arm_stall_report(head);
		return;
	}
	if (head->disk)
		pr_warn("%s: I/O has waited %u s for a usable path (%u bios)\n",
			head->disk->disk_name,
			jiffies_to_msecs(jiffies - READ_ONCE(head->wait_start)) /
			(unsigned int)MSEC_PER_SEC, st.queued);
	mpath_queue_event(head, MPATH_EVENT_IO_STALLED, NULL);
	queue_delayed_work(mpath_wq, &head->stall_work,
			   mpath_removal_delay(secs));
}

/* Context: any. */
bool mpath_head_queue_if_no_path(struct mpath_head *head)
{
	if (test_bit(MPATH_HEAD_QUEUE_IF_NO_PATH, &head->flags))
		return true;
	return READ_ONCE(head->delayed_removal_secs) &&
	       !test_bit(MPATH_HEAD_EXPIRED, &head->flags);
}

/* Arm remove_work; @head->requeue_lock held.  Returns false if it cannot. */
static bool __mpath_arm(struct mpath_head *head, unsigned int secs)
{
	lockdep_assert_held(&head->requeue_lock);

	if (test_bit(MPATH_HEAD_REMOVE_PENDING, &head->flags))
		return true;
	/* remove_work calls into the driver: it must stay loaded */
	if (!try_module_get(head->drv_module))
		return false;
	set_bit(MPATH_HEAD_REMOVE_PENDING, &head->flags);
	queue_delayed_work(mpath_wq, &head->remove_work,
			   mpath_removal_delay(secs));
	return true;
}

/**
 * mpath_arm_no_path_bound() - start the no-path bound
 * @head: the head; a bio was just queued because no path was usable
 *
 * Does nothing without delayed removal, under queue_if_no_path, or when
 * the bound already runs.  If the driver module is going away, the bound
 * ends at once.
 *
 * Context: any, including bio completion.
 */
void mpath_arm_no_path_bound(struct mpath_head *head)
{
	unsigned int secs = READ_ONCE(head->delayed_removal_secs);
	unsigned long flags;
	bool armed;

	if (!secs || test_bit(MPATH_HEAD_QUEUE_IF_NO_PATH, &head->flags) ||
	    test_bit(MPATH_HEAD_REMOVE_PENDING, &head->flags))
		return;

	spin_lock_irqsave(&head->requeue_lock, flags);
	armed = __mpath_arm(head, secs);
	if (!armed)
		set_bit(MPATH_HEAD_EXPIRED, &head->flags);
	spin_unlock_irqrestore(&head->requeue_lock, flags);
	if (!armed)
		mpath_kick_requeue(head);
}

/*
 * The last path was deleted: start the bound, which removes the head when
 * it runs out (unless queue_if_no_path keeps the head forever).
 *
 * Context: @head->lock held.
 */
void __mpath_schedule_removal(struct mpath_head *head)
{
	unsigned int secs = READ_ONCE(head->delayed_removal_secs);
	bool armed;

	lockdep_assert_held(&head->lock);

	if (!secs || !test_bit(MPATH_HEAD_DISK_LIVE, &head->flags) ||
	    test_bit(MPATH_HEAD_REMOVING, &head->flags) ||
	    test_bit(MPATH_HEAD_QUEUE_IF_NO_PATH, &head->flags))
		return;

	spin_lock_irq(&head->requeue_lock);
	armed = __mpath_arm(head, secs);
	if (!armed)
		/* the driver is going away: do not keep I/O waiting */
		set_bit(MPATH_HEAD_EXPIRED, &head->flags);
	spin_unlock_irq(&head->requeue_lock);
	if (armed)
		pr_info("%s: no path left, removing in %u seconds\n",
			head->disk->disk_name, secs);
}

/*
 * Cancel a pending bound.  @sync waits for a running remove_work; callers
 * that hold @head->lock, run from sysfs (del_gendisk() would wait for
 * them) or from remove_work itself must not.
 */
void mpath_cancel_removal(struct mpath_head *head, bool sync)
{
	if (sync && current_work() != &head->remove_work.work)
		cancel_delayed_work_sync(&head->remove_work);
	else
		cancel_delayed_work(&head->remove_work);

	if (test_and_clear_bit(MPATH_HEAD_REMOVE_PENDING, &head->flags))
		module_put(head->drv_module);
}

/*
 * A path may be usable again (the requeue work runs after every such
 * change): if one is, the bound ends, and a later loss of every path
 * starts it afresh.
 *
 * Context: process context (the requeue work).
 */
void mpath_path_usable_again(struct mpath_head *head)
{
	bool put = false;

	if (test_bit(MPATH_HEAD_STALL_ARMED, &head->flags) &&
	    mpath_usable_path(head)) {
		cancel_delayed_work(&head->stall_work);
		clear_bit(MPATH_HEAD_STALL_ARMED, &head->flags);
	}
	if (!test_bit(MPATH_HEAD_REMOVE_PENDING, &head->flags) &&
	    !test_bit(MPATH_HEAD_EXPIRED, &head->flags))
		return;

	spin_lock_irq(&head->requeue_lock);
	if (mpath_usable_path(head)) {
		clear_bit(MPATH_HEAD_EXPIRED, &head->flags);
		cancel_delayed_work(&head->remove_work);
		put = test_and_clear_bit(MPATH_HEAD_REMOVE_PENDING,
					 &head->flags);
	}
	spin_unlock_irq(&head->requeue_lock);
	if (put)
		module_put(head->drv_module);
}

void mpath_remove_work(struct work_struct *work)
{
	struct mpath_head *head = container_of(to_delayed_work(work),
					       struct mpath_head, remove_work);
	void (*remove_head)(struct mpath_head *head) = head->mpdt->remove_head;
	struct module *mod = head->drv_module;
	bool remove;

	mutex_lock(&head->lock);
	if (!test_and_clear_bit(MPATH_HEAD_REMOVE_PENDING, &head->flags)) {
		/* cancelled: the canceller dropped the module reference */
		mutex_unlock(&head->lock);
		return;
	}
	spin_lock_irq(&head->requeue_lock);
	if (mpath_usable_path(head)) {
		spin_unlock_irq(&head->requeue_lock);
		mutex_unlock(&head->lock);
		module_put(mod);
		return;
	}
	set_bit(MPATH_HEAD_EXPIRED, &head->flags);
	spin_unlock_irq(&head->requeue_lock);

	remove = list_empty(&head->dev_list) && remove_head &&
		 !test_bit(MPATH_HEAD_QUEUE_IF_NO_PATH, &head->flags);
	/* no path may join a head that is about to be removed */
	if (remove)
		set_bit(MPATH_HEAD_REMOVING, &head->flags);
	mutex_unlock(&head->lock);

	if (head->disk)
		pr_info("%s: no usable path for %u seconds, %s\n",
			head->disk->disk_name,
			READ_ONCE(head->delayed_removal_secs),
			remove ? "removing" : "failing I/O");

	/* fail the bios that waited for a path */
	synchronize_srcu(&head->srcu);
	mpath_kick_requeue(head);

	/* @head may be freed by remove_head(): do not touch it afterwards */
	if (remove)
		remove_head(head);
	module_put(mod);
}

/**
 * mpath_set_delayed_removal() - bound the wait for a usable path
 * @head: the head
 * @secs: how long bios wait for a usable path, see "No usable path";
 *	0: they fail at once (unless queue_if_no_path is set)
 *
 * A head without any path starts its bound now.  Setting 0 cancels a
 * running bound and fails the waiting bios unless queue_if_no_path is set.
 * A running bound keeps its deadline when @secs changes to another
 * non-zero value.
 *
 * Context: process context, takes @head->lock, sleeps for an SRCU grace
 * period when @secs is 0.
 */
void mpath_set_delayed_removal(struct mpath_head *head, unsigned int secs)
{
	mutex_lock(&head->lock);
	WRITE_ONCE(head->delayed_removal_secs, secs);
	if (secs) {
		if (list_empty(&head->dev_list))
			__mpath_schedule_removal(head);
	} else {
		/* del_gendisk() from remove_work would wait for a store */
		mpath_cancel_removal(head, false);
	}
	mutex_unlock(&head->lock);

	if (!secs) {
		/* submitters that still saw the old value queued by now */
		synchronize_srcu(&head->srcu);
		mpath_kick_requeue(head);
	}
}
EXPORT_SYMBOL_NS_GPL(mpath_set_delayed_removal, MPATH_NS);

/**
 * mpath_set_queue_if_no_path() - queue or fail I/O when no path is usable
 * @head: the head
 * @enable: queue without bound (true), or fail / apply delayed removal
 *	(false)
 *
 * Enabling never fails a waiting bio: a running no-path bound is
 * cancelled and one that ran out is forgotten.  Disabling sends the
 * waiting bios again: they fail unless a path can come back, or, with
 * delayed removal set, wait for the bound, which starts now.
 *
 * Context: process context, takes @head->lock; sleeps for an SRCU grace
 * period when disabling.
 */
void mpath_set_queue_if_no_path(struct mpath_head *head, bool enable)
{
	if (enable) {
		/* first: from here on a bio without a path waits */
		set_bit(MPATH_HEAD_QUEUE_IF_NO_PATH, &head->flags);
		mutex_lock(&head->lock);
		mpath_cancel_removal(head, false);
		clear_bit(MPATH_HEAD_EXPIRED, &head->flags);
		mutex_unlock(&head->lock);
		return;
	}
	if (!test_and_clear_bit(MPATH_HEAD_QUEUE_IF_NO_PATH, &head->flags))
		return;
	/* submitters that still saw the flag have queued by now */
	synchronize_srcu(&head->srcu);
	mutex_lock(&head->lock);
	if (list_empty(&head->dev_list))
		__mpath_schedule_removal(head);
	else if (!mpath_usable_path(head))
		mpath_arm_no_path_bound(head);
	mutex_unlock(&head->lock);
	mpath_kick_requeue(head);
}
EXPORT_SYMBOL_NS_GPL(mpath_set_queue_if_no_path, MPATH_NS);
