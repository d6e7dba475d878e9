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
 *
 * A driver whose paths are its own devices sets the template's @remap: its
 * bios then go to the path themselves, as in NVMe, marked REQ_DRV, and the
 * driver hands each back through mpath_bio_endio(), which either completes
 * it or, after a path error, queues it to be submitted to the head again.
 * Nothing is allocated per bio, and nothing is kept per bio either: the
 * head counts no I/O statistics (the paths' disks do) and the latency
 * policy, which needs each bio's start, selects as queue-depth does.
 *
 * In remap mode a bio is in flight on a path from the moment the driver
 * receives it (mpath_bio_start()) to its mpath_bio_endio(), as NVMe counts
 * a request from its start to its end: between the head and the driver,
 * the block layer may complete the bio itself (a fault injected on the
 * path's disk, a dead or frozen path disk with REQ_NOWAIT, an empty flush
 * to a path without a write cache), and nothing of the library sees that
 * completion.  So nothing is counted before the driver has the bio, and
 * the submitter gets what the block layer answered, as with NVMe.  A bio
 * past the end of a path that shrank is caught before it is sent: it is a
 * path error, as the clone's would be.
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
 * Put @bio (a clone carrying its original, or in remap mode the original)
 * on the requeue list.  @no_path: it found no usable path, so the no-path
 * bound starts, and since whoever makes a path usable kicks the requeue
 * work, which may have emptied the list between our path search and the
 * list_add, look again: the bio must not wait for a kick that has already
 * happened.  The list lock orders the two: either the work takes the list
 * after our add, or our second look comes after the work's kicker made
 * the path usable.
 */
static void mpath_queue_bio(struct mpath_head *head, struct bio *bio,
			    bool no_path)
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

static void mpath_queue_clone(struct mpath_head *head, struct mpath_clone *mc,
			      bool no_path)
{
	mc->dev = NULL;
	mpath_queue_bio(head, &mc->clone, no_path);
}

/*
 * A bio on @dev completed: it is no longer in flight there.  Once nr_active
 * may be 0, mpath_delete_device() may return and the driver free @dev (and
 * the head): the decrement and the wake-up are the last accesses, and they
 * happen inside an RCU read-side section that the deleter waits for with
 * synchronize_rcu().  Only a deleter is woken: it sets DRAINING before it
 * reads nr_active, and the decrement is a full barrier before we read
 * DRAINING.
 */
static void mpath_put_active(struct mpath_device *dev)
{
	rcu_read_lock();
	if (atomic_dec_and_test(&dev->nr_active) &&
	    test_bit(MPATH_DEVICE_DRAINING, &dev->flags))
		wake_up_var(&dev->nr_active);
	rcu_read_unlock();
}

/*
 * Count a path error of a bio sent to @dev at @generation.  Return: true
 * if another path may not have it, and the bio is to be sent again: @dev
 * is failed (unless reinstated since: whoever reinstated it knew better;
 * or unless the driver says the storage moved it to a state without I/O,
 * which the path takes instead) and the driver told.
 */
static bool mpath_failover_error(struct mpath_device *dev, blk_status_t status,
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
		if (mpath_failover_error(dev, status, mc->generation)) {
			mpath_reset_bio(bio);
			/* @mc carries @bio to its next attempt */
			mpath_queue_clone(head, mc, false);
			goto out_put_active;
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

out_put_active:
	mpath_put_active(dev);
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
 * Make the carrier @mc a fresh clone of @bio for @bdev, in place: what the
 * last attempt left in it (its path's blkcg association, integrity and
 * crypt contexts, status, advanced iterator) goes, its place in
 * head->bio_pool and its context in front of the bio stay.  Nothing is
 * taken from head->bio_pool.  Returns 0, or -ENOMEM when the bio's
 * integrity or crypt context could not be copied.
 */
static int mpath_reclone(struct mpath_clone *mc, struct block_device *bdev,
			 struct bio *bio)
{
	struct bio_set *bs = mc->clone.bi_pool;
	int ret;

	bio_uninit(&mc->clone);
	ret = bio_init_clone(bdev, &mc->clone, bio, GFP_NOIO);
	/* bio_init() forgot the pool: bio_put() must give it back there */
	mc->clone.bi_pool = bs;
	/*
	 * and took the original's flags: one from a per-CPU bio cache (io_uring)
	 * would send the clone to the cache of a bioset that has none
	 */
	mc->clone.bi_opf &= ~REQ_ALLOC_CACHE;
	return ret;
}

/*
 * Send @bio to @dev in a clone.  @carrier: the clone that carried @bio so
 * far, which becomes the clone of this attempt (its accounting goes on),
 * or NULL for the first attempt, which allocates the clone and starts the
 * accounting.
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

	if (carrier) {
		/*
		 * The carrier becomes the clone of this attempt: it is an
		 * element of head->bio_pool, and the requeue work that sends
		 * carriers must never wait on the pool for an element that
		 * only a carrier it holds could give back.
		 */
		if (unlikely(mpath_reclone(carrier, dev->bdev, bio))) {
			mpath_end_orig(carrier, BLK_STS_RESOURCE);
			return;
		}
		mc = carrier;
		clone = &mc->clone;
	} else {
		clone = bio_alloc_clone(dev->bdev, bio,
					nowait ? GFP_NOWAIT : GFP_NOIO,
					&head->bio_pool);
		/* only GFP_NOWAIT can fail: GFP_NOIO waits on the mempool */
		if (unlikely(!clone))
			goto out_wouldblock;
		mc = container_of(clone, struct mpath_clone, clone);
		mc->orig = bio;
		mc->acct = blk_queue_io_stat(head->disk->queue);
		if (mc->acct)
			mc->start_time = bio_start_io_acct(bio);
	}

	/* nobody polls a path: a polled bio completes by interrupt */
	bio_clear_polled(clone);
	mc->dev = dev;
	mc->generation = READ_ONCE(dev->generation);
	clone->bi_end_io = mpath_clone_end_io;

	/* before nr_active, see mpath_device_read_stats() */
	this_cpu_inc(*dev->submitted);
	depth = atomic_inc_return(&dev->nr_active);
	/* the latency policy measures; the others do not pay for the clock */
	mc->sent_ns = 0;
	if (READ_ONCE(*head->iopolicy) == MPATH_IOPOLICY_LATENCY) {
		mc->sent_ns = ktime_get_ns();
		mc->sent_depth = depth;
		if (depth == 1)
			mpath_device_lat_busy(dev, mc->sent_ns);
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
 * A path error of a head bio in remap mode, before or after its path had
 * it: fail the path (unless reinstated since; without a record of the
 * generation the bio was sent at, the current one counts) and send the bio
 * to the head again.  Returns false for an error of the I/O.
 */
static bool mpath_remap_failover(struct mpath_device *dev, struct bio *bio,
				 blk_status_t status)
{
	struct mpath_head *head = dev->head;

	if (!mpath_failover_error(dev, status, READ_ONCE(dev->generation)))
		return false;
	mpath_reset_bio(bio);
	/* to the head again: mpath_submit_bio() selects anew */
	bio_set_dev(bio, head->disk->part0);
	mpath_queue_bio(head, bio, false);
	return true;
}

/*
 * Remap mode: send @bio itself to @dev (see the top of this file).
 *
 * Context: SRCU read lock on head->srcu held.
 */
static void mpath_remap_bio(struct mpath_head *head, struct mpath_device *dev,
			    struct bio *bio)
{
	/* as in mpath_map_bio() */
	if (unlikely((bio->bi_opf & REQ_NOWAIT) &&
		     !test_bit(MPATH_DEVICE_NOWAIT, &dev->flags))) {
		bio_wouldblock_error(bio);
		return;
	}
	if (unlikely(!mpath_path_takes_op(dev->bdev, bio))) {
		bio->bi_status = BLK_STS_NOTSUPP;
		bio_endio(bio);
		return;
	}

	this_cpu_inc(*dev->submitted);
	/*
	 * The block layer would fail a bio past the end of the path with
	 * an I/O error, which nothing here would see: a path that shrank
	 * under the head is a path error now, as the clone's would be.
	 */
	if (unlikely(bio_end_sector(bio) > bdev_nr_sectors(dev->bdev) ||
		     test_bit(MPATH_DEVICE_FAULT_INJECT, &dev->flags))) {
		mpath_remap_failover(dev, bio, BLK_STS_TRANSPORT);
		return;
	}
	bio_clear_polled(bio);
	bio_set_dev(bio, dev->bdev);
	bio->bi_opf |= REQ_DRV;
	trace_block_bio_remap(bio, disk_devt(head->disk),
			      bio->bi_iter.bi_sector);
	submit_bio_noacct(bio);
}

/**
 * mpath_bio_start() - a bio reached a path's device, in remap mode
 * @dev: the path whose device received @bio
 * @bio: the bio, as the device's submission receives it
 *
 * A driver whose template sets @remap calls this for every bio its path
 * devices receive, before it starts the I/O (in its ->submit_bio, after
 * any split of its own, or when it starts the request, as NVMe's
 * nvme_mpath_start_request()), and completes the bio with
 * mpath_bio_endio().  A bio of the head counts as in flight on @dev from
 * here (what the queue-depth policy compares, and what
 * mpath_delete_device() waits for); the driver's own bios are not
 * counted.  A bio the block layer completed before the driver saw it was
 * never counted, so no completion the block layer makes can unbalance the
 * count.
 *
 * @dev must stay valid while its device may still receive a bio of the
 * head: delete the path (mpath_delete_device()), then the path's device,
 * then free @dev.
 *
 * Context: any; the submission context of the path's device.
 */
void mpath_bio_start(struct mpath_device *dev, struct bio *bio)
{
	if (bio->bi_opf & REQ_DRV)
		atomic_inc(&dev->nr_active);
}
EXPORT_SYMBOL_NS_GPL(mpath_bio_start, MPATH_NS);

/**
 * mpath_bio_endio() - complete a bio of a path, in remap mode
 * @dev: the path whose device completes @bio
 * @bio: the bio, started with mpath_bio_start()
 * @status: how it completed
 *
 * A driver whose template sets @remap completes the bios of its path
 * devices with this instead of bio_endio(): a bio the head sent (marked
 * REQ_DRV) that failed with a path error is sent again over another path
 * (or waits for one) instead of completing; every other bio completes
 * with @status.  The driver does not write @bio->bi_status itself: an
 * error that a bio split off @bio recorded there must survive a retry of
 * @bio (a successful retry would otherwise report the split as read).  A
 * bio the driver split off a head bio carries REQ_DRV too and is started
 * and completed like any other.  The driver must not set REQ_DRV on a bio
 * of its own.
 *
 * Context: any; the bio completion context of the path.
 */
void mpath_bio_endio(struct mpath_device *dev, struct bio *bio,
		     blk_status_t status)
{
	if (!(bio->bi_opf & REQ_DRV))
		goto out_endio;
	bio->bi_opf &= ~REQ_DRV;

	/* an injected fault also hits the bios that were already in flight */
	if (unlikely(test_bit(MPATH_DEVICE_FAULT_INJECT, &dev->flags)))
		status = BLK_STS_TRANSPORT;
	if (unlikely(status) && mpath_remap_failover(dev, bio, status)) {
		mpath_put_active(dev);
		return;
	}
	mpath_put_active(dev);
out_endio:
	if (unlikely(status))
		bio->bi_status = status;
	bio_endio(bio);
}
EXPORT_SYMBOL_NS_GPL(mpath_bio_endio, MPATH_NS);

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
		if (head->mpdt->remap) {
			mpath_queue_bio(head, bio, true);
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
	dev = mpath_find_bio_path(head, bio);
	if (unlikely(!dev))
		mpath_no_path(head, bio, NULL);
	else if (head->mpdt->remap)
		mpath_remap_bio(head, dev, bio);
	else
		mpath_map_bio(head, dev, bio, NULL);
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
		/* remap mode: the original, to the head again */
		if (head->mpdt->remap) {
			submit_bio_noacct(clone);
			continue;
		}
		mc = container_of(clone, struct mpath_clone, clone);

		srcu_idx = srcu_read_lock(&head->srcu);
		dev = mpath_find_bio_path(head, mc->orig);
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
		if (head->mpdt->remap)
			bio_io_error(clone);
		else
			mpath_end_orig(container_of(clone, struct mpath_clone,
						    clone), BLK_STS_IOERR);
	}
}
