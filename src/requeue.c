// SPDX-License-Identifier: GPL-2.0
/*
 * The requeue list: bios that wait for a usable path (or that failed over
 * and wait for their next attempt), the work that sends them again when a
 * path may have become usable, and the drain that fails them when nothing
 * will.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 */
#include <linux/module.h>

#include "internal.h"

/*
 * Put @bio (a clone carrying its original, or in remap mode the original)
 * on the requeue list.  @no_path: it found no usable path, so the no-path
 * bound starts, and since whoever makes a path usable kicks the requeue
 * work, which may have emptied the list between our path search and the
 * list_add, look again: the bio must not wait for a kick that has already
 * happened.  The list lock orders the two: either the work takes the list
 * after our add, or our second look comes after the work's kicker made
 * the path usable.
 */
void mpath_queue_bio(struct mpath_head *head, struct bio *bio, bool no_path)
{
	unsigned long flags;

	spin_lock_irqsave(&head->requeue_lock, flags);
	bio_list_add(&head->requeue_list, bio);
	spin_unlock_irqrestore(&head->requeue_lock, flags);

	if (!no_path) {
		mpath_kick_requeue(head);
		return;
	}
	atomic_long_inc(&head->requeue_no_usable_path_cnt);
	mpath_arm_no_path_bound(head);
	mpath_arm_stall_report(head);
	if (mpath_usable_path(head))
		mpath_kick_requeue(head);
}

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

/* Send every waiting bio again, to the path selected now. */
void mpath_requeue_work(struct work_struct *work)
{
	struct mpath_head *head =
		container_of(work, struct mpath_head, requeue_work);
	struct bio *bio, *next;
	struct blk_plug plug;

	/* a usable path ends the no-path bound */
	mpath_path_usable_again(head);

	spin_lock_irq(&head->requeue_lock);
	next = bio_list_get(&head->requeue_list);
	spin_unlock_irq(&head->requeue_lock);

	blk_start_plug(&plug);
	while ((bio = next) != NULL) {
		next = bio->bi_next;
		bio->bi_next = NULL;
		mpath_resubmit(head, bio);
	}
	blk_finish_plug(&plug);
}

/*
 * Wait for the requeue work and fail what is still waiting: no path is
 * left (or the disk is going away) and nothing will send it again.
 *
 * Context: process context; before the disk is put, so that the failed
 * bios are accounted on it.
 */
void mpath_drain_requeue(struct mpath_head *head)
{
	struct bio *bio, *next;

	flush_work(&head->requeue_work);

	spin_lock_irq(&head->requeue_lock);
	next = bio_list_get(&head->requeue_list);
	spin_unlock_irq(&head->requeue_lock);

	while ((bio = next) != NULL) {
		next = bio->bi_next;
		bio->bi_next = NULL;
		mpath_fail_waiting(head, bio);
	}
}
