// SPDX-License-Identifier: GPL-2.0
/*
 * The head's life cycle: set-up, references, openers, teardown, counters.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c and from the "a
 * generic multipath lib for block drivers" series by John Garry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>

#include "internal.h"

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

	/*
	 * clones carry their context in front of the bio, see mpath_clone;
	 * they come from a per-CPU cache where the kernel has a safe one
	 */
	ret = bioset_init(&head->bio_pool, BIO_POOL_SIZE,
			  offsetof(struct mpath_clone, clone), MPATH_BIOSET_FLAGS);
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
