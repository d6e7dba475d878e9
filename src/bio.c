// SPDX-License-Identifier: GPL-2.0
/*
 * I/O on the multipath head: submission to a path, failover, requeueing.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c.  Unlike NVMe, which steals
 * the bios of a failed request, the library clones every bio: the paths
 * belong to other drivers, so it cannot tag their bios (REQ_DRV means
 * something else to each driver) and learns of a path error only in the
 * clone's completion.
 *
 * A bio submitted to the head is accounted once, at its first submission,
 * and completed once.  In between it is carried by a clone: the clone sent
 * to a path, or, while the bio waits for a path, a clone that is never
 * sent (its "carrier", holding the accounting start).  A clone whose path
 * failed becomes the carrier of the next attempt.
 */
#include <linux/math64.h>
#include <linux/module.h>
#include <trace/events/block.h>

#include "internal.h"

/*
 * Undo what submission to a path left in the original bio before it is
 * submitted again, as blk_steal_bios() does: the head cannot poll, and a
 * bio that already waited for a path must not fail with -EAGAIN now.
 */
static void mpath_reset_bio(struct bio *bio)
{
	if (bio->bi_opf & REQ_POLLED) {
		bio->bi_opf &= ~REQ_POLLED;
		bio->bi_cookie = BLK_QC_T_NONE;
	}
	bio->bi_opf &= ~REQ_NOWAIT;
	bio_clear_flag(bio, BIO_QOS_THROTTLED);
	bio_clear_flag(bio, BIO_QOS_MERGED);
}

/*
 * Complete the original bio of @mc and free @mc.  Only an error is ever
 * written: when @mc->orig is the remainder of a split, the part split off
 * is chained to it and may have recorded its error already, which a
 * successful completion of the remainder must not wipe out.
 */
static void mpath_end_orig(struct mpath_clone *mc, blk_status_t status)
{
	struct bio *bio = mc->orig;

	if (mc->acct)
		bio_end_io_acct(bio, mc->start_time);
	bio_put(&mc->clone);
	if (unlikely(status))
		bio->bi_status = status;
	bio_endio(bio);
}

/*
 * Put @mc on the requeue list.  @no_path: it found no usable path, so the
 * no-path bound starts, and since whoever makes a path usable kicks the
 * requeue work, which may have emptied the list between our path search
 * and the list_add, look again: the bio must not wait for a kick that has
 * already happened.  The list lock orders the two: either the work takes
 * the list after our add, or our second look comes after the work's
 * kicker made the path usable.
 */
static void mpath_queue_clone(struct mpath_head *head, struct mpath_clone *mc,
			      bool no_path)
{
	unsigned long flags;

	mc->dev = NULL;
	spin_lock_irqsave(&head->requeue_lock, flags);
	bio_list_add(&head->requeue_list, &mc->clone);
	spin_unlock_irqrestore(&head->requeue_lock, flags);

	if (!no_path) {
		mpath_kick_requeue(head);
		return;
	}
	atomic_long_inc(&head->requeue_no_usable_path_cnt);
	mpath_arm_no_path_bound(head);
	if (mpath_usable_path(head))
		mpath_kick_requeue(head);
}

static void mpath_clone_end_io(struct bio *clone)
{
	struct mpath_clone *mc = container_of(clone, struct mpath_clone, clone);
	struct mpath_device *dev = mc->dev;
	struct mpath_head *head = dev->head;
	blk_status_t status = clone->bi_status;
	struct bio *bio = mc->orig;

	/* an injected fault also hits the bios that were already in flight */
	if (unlikely(test_bit(MPATH_DEVICE_FAULT_INJECT, &dev->flags)))
		status = BLK_STS_TRANSPORT;

	if (unlikely(status)) {
		atomic_long_inc(&dev->errors);
		if (mpath_classify_status(status) == MPATH_STS_FAILOVER) {
			atomic_long_inc(&dev->failovers);
			/*
			 * Not for an error of a bio sent before the path was
			 * reinstated: whoever reinstated it knew better.
			 */
			mpath_device_fail_bio(dev, mc->generation);
			if (head->mpdt->path_error)
				head->mpdt->path_error(dev, status);
			mpath_reset_bio(bio);
			/* @mc carries @bio to its next attempt */
			mpath_queue_clone(head, mc, false);
			goto out_dec_active;
		}
	} else {
		/*
		 * The latency policy's estimate is a bio's share of the
		 * path's time: its latency over the bios in flight when it
		 * was sent.  A path that queues (a disk) answers a deeper
		 * queue later, one that does not (an array's cache, a
		 * fabric's distance) answers as fast: either way the
		 * expected wait of the next bio is (depth + 1) x share.
		 */
		if (mc->sent_ns) {
			u64 ns = ktime_get_ns() - mc->sent_ns;

			mpath_device_note_latency(dev,
						  div_u64(ns, mc->sent_depth));
		}
		/* where the path wrote the data, as any zoned device reports */
		if (bio_op(bio) == REQ_OP_ZONE_APPEND)
			bio->bi_iter.bi_sector = clone->bi_iter.bi_sector;
	}
	mpath_end_orig(mc, status);

out_dec_active:
	/*
	 * Once nr_active may be 0, mpath_delete_device() may return and the
	 * driver free @dev (and the head): the decrement and the wake-up are
	 * the last accesses, and they happen inside an RCU read-side section
	 * that the deleter waits for with synchronize_rcu().  Only a deleter
	 * is woken: it sets DRAINING before it reads nr_active, and the
	 * decrement is a full barrier before we read DRAINING.
	 */
	rcu_read_lock();
	if (atomic_dec_and_test(&dev->nr_active) &&
	    test_bit(MPATH_DEVICE_DRAINING, &dev->flags))
		wake_up_var(&dev->nr_active);
	rcu_read_unlock();
}

/*
 * The head checked @bio against its limits when it was submitted; a path
 * that joined since may lack what a discard, secure erase or write zeroes
 * needs, and the head no longer offers it (mpath_device_set_live()
 * restacks first): such a bio fails as the head would now fail it.
 */
static bool mpath_path_takes_op(struct block_device *bdev, struct bio *bio)
{
	switch (bio_op(bio)) {
	case REQ_OP_DISCARD:
		return bdev_max_discard_sectors(bdev);
	case REQ_OP_SECURE_ERASE:
		return bdev_max_secure_erase_sectors(bdev);
	case REQ_OP_WRITE_ZEROES:
		return bdev_write_zeroes_sectors(bdev);
	default:
		return true;
	}
}

/*
 * Send @bio to @dev with a new clone.  @carrier: the clone that carried
 * @bio so far (its accounting is taken over and it is freed), or NULL for
 * the first attempt, which starts the accounting.
 *
 * Context: SRCU read lock on head->srcu held.
 */
static void mpath_map_bio(struct mpath_head *head, struct mpath_device *dev,
			  struct bio *bio, struct mpath_clone *carrier)
{
	bool nowait = bio->bi_opf & REQ_NOWAIT;
	struct mpath_clone *mc;
	struct bio *clone;
	unsigned int depth;

	/* the head takes REQ_NOWAIT; a path that cannot would block */
	if (unlikely(nowait && !test_bit(MPATH_DEVICE_NOWAIT, &dev->flags)))
		goto out_wouldblock;
	if (unlikely(!mpath_path_takes_op(dev->bdev, bio)))
		goto out_notsupp;

	clone = bio_alloc_clone(dev->bdev, bio, nowait ? GFP_NOWAIT : GFP_NOIO,
				&head->bio_pool);
	/* only GFP_NOWAIT can fail: GFP_NOIO waits on the mempool */
	if (unlikely(!clone))
		goto out_wouldblock;

	mc = container_of(clone, struct mpath_clone, clone);
	/* nobody polls a path: a polled bio completes by interrupt */
	bio_clear_polled(clone);
	mc->dev = dev;
	mc->orig = bio;
	mc->generation = READ_ONCE(dev->generation);
	if (carrier) {
		mc->acct = carrier->acct;
		mc->start_time = carrier->start_time;
		bio_put(&carrier->clone);
	} else {
		mc->acct = blk_queue_io_stat(head->disk->queue);
		if (mc->acct)
			mc->start_time = bio_start_io_acct(bio);
	}
	clone->bi_end_io = mpath_clone_end_io;

	/* before nr_active, see mpath_device_read_stats() */
	this_cpu_inc(*dev->submitted);
	depth = atomic_inc_return(&dev->nr_active);
	/* the latency policy measures; the others do not pay for the clock */
	mc->sent_ns = 0;
	if (READ_ONCE(*head->iopolicy) == MPATH_IOPOLICY_LATENCY) {
		mc->sent_ns = ktime_get_ns();
		mc->sent_depth = depth;
	}

	if (unlikely(test_bit(MPATH_DEVICE_FAULT_INJECT, &dev->flags))) {
		/* a pulled cable: the bio never reaches the device */
		clone->bi_status = BLK_STS_TRANSPORT;
		bio_endio(clone);
		return;
	}

	trace_block_bio_remap(clone, disk_devt(head->disk),
			      bio->bi_iter.bi_sector);
	submit_bio_noacct(clone);
	return;

out_notsupp:
	if (carrier) {
		mpath_end_orig(carrier, BLK_STS_NOTSUPP);
	} else {
		bio->bi_status = BLK_STS_NOTSUPP;
		bio_endio(bio);
	}
	return;

out_wouldblock:
	/* a carrier's bio had REQ_NOWAIT cleared by mpath_reset_bio() */
	if (WARN_ON_ONCE(carrier))
		mpath_end_orig(carrier, BLK_STS_AGAIN);
	else
		bio_wouldblock_error(bio);
}

/*
 * No usable path for @bio (@carrier as in mpath_map_bio()): wait for one
 * if one may come back, else fail.
 *
 * Context: SRCU read lock on head->srcu held.
 */
static void mpath_no_path(struct mpath_head *head, struct bio *bio,
			  struct mpath_clone *carrier)
{
	struct bio *clone;

	if (!mpath_available_path(head)) {
		atomic_long_inc(&head->fail_no_avail_path_cnt);
		if (carrier)
			mpath_end_orig(carrier, BLK_STS_IOERR);
		else
			bio_io_error(bio);
		return;
	}
	if (!carrier) {
		if (bio->bi_opf & REQ_NOWAIT) {
			bio_wouldblock_error(bio);
			return;
		}
		/* a clone that is never sent holds the accounting meanwhile */
		clone = bio_alloc_clone(bio->bi_bdev, bio, GFP_NOIO,
					&head->bio_pool);
		carrier = container_of(clone, struct mpath_clone, clone);
		carrier->orig = bio;
		carrier->acct = blk_queue_io_stat(head->disk->queue);
		if (carrier->acct)
			carrier->start_time = bio_start_io_acct(bio);
	}
	mpath_queue_clone(head, carrier, true);
}

/**
 * mpath_submit_bio() - ->submit_bio of the multipath head
 * @bio: a bio for the head disk or one of its partitions
 *
 * Sends a clone of @bio to the selected path.  Without a usable path @bio
 * waits on the requeue list if a path may come back, and fails otherwise.
 *
 * Context: process context.  No lock is taken: the path list is read
 * under SRCU, counters are per CPU.
 */
void mpath_submit_bio(struct bio *bio)
{
	struct mpath_head *head = bio->bi_bdev->bd_disk->private_data;
	struct mpath_device *dev;
	int srcu_idx;

	bio = bio_split_to_limits(bio);
	if (!bio)
		return;

	srcu_idx = srcu_read_lock(&head->srcu);
	dev = mpath_find_path(head);
	if (likely(dev))
		mpath_map_bio(head, dev, bio, NULL);
	else
		mpath_no_path(head, bio, NULL);
	srcu_read_unlock(&head->srcu, srcu_idx);
}

/* Send every waiting bio again, to the path selected now. */
void mpath_requeue_work(struct work_struct *work)
{
	struct mpath_head *head =
		container_of(work, struct mpath_head, requeue_work);
	struct mpath_device *dev;
	struct mpath_clone *mc;
	struct bio *clone, *next;
	struct blk_plug plug;
	int srcu_idx;

	/* a usable path ends the no-path bound */
	mpath_path_usable_again(head);

	spin_lock_irq(&head->requeue_lock);
	next = bio_list_get(&head->requeue_list);
	spin_unlock_irq(&head->requeue_lock);

	blk_start_plug(&plug);
	while ((clone = next) != NULL) {
		next = clone->bi_next;
		clone->bi_next = NULL;
		mc = container_of(clone, struct mpath_clone, clone);

		srcu_idx = srcu_read_lock(&head->srcu);
		dev = mpath_find_path(head);
		if (dev)
			mpath_map_bio(head, dev, mc->orig, mc);
		else
			mpath_no_path(head, mc->orig, mc);
		srcu_read_unlock(&head->srcu, srcu_idx);
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
	struct bio *clone, *next;

	flush_work(&head->requeue_work);

	spin_lock_irq(&head->requeue_lock);
	next = bio_list_get(&head->requeue_list);
	spin_unlock_irq(&head->requeue_lock);

	while ((clone = next) != NULL) {
		next = clone->bi_next;
		clone->bi_next = NULL;
		atomic_long_inc(&head->fail_no_avail_path_cnt);
		mpath_end_orig(container_of(clone, struct mpath_clone, clone),
			       BLK_STS_IOERR);
	}
}
