// SPDX-License-Identifier: GPL-2.0
/*
 * I/O on the multipath head: a bio's way from the head to a path (a
 * clone per bio, or in remap mode the bio itself, see remap.c) and its
 * completion; failover of a path error; what the requeue work sends again.
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
#include "policy.h"

/*
 * Undo what submission to a path left in the original bio before it is
 * submitted again, as blk_steal_bios() does: the head cannot poll, and a
 * bio that already waited for a path must not fail with -EAGAIN now.
 */
void mpath_reset_bio(struct bio *bio)
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
void mpath_put_active(struct mpath_device *dev)
{
	rcu_read_lock();
	if (atomic_dec_and_test(&dev->nr_active) &&
	    test_bit(MPATH_DEVICE_DRAINING, &dev->flags))
		wake_up_var(&dev->nr_active);
	rcu_read_unlock();
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
		/* the policy that measured the clone hears how it went */
		if (mc->policy)
			mc->policy->end(dev, mc);
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
bool mpath_path_takes_op(struct block_device *bdev, struct bio *bio)
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
 * Make @clone, a bio of head->bio_pool, a clone of @bio for @bdev: a
 * fresh one, or a carrier whose last attempt bio_uninit() undid (its
 * path's blkcg association, integrity and crypt contexts, status,
 * advanced iterator).  Its place in the pool stays, and so does its
 * REQ_ALLOC_CACHE: set when it came from the pool's per-CPU cache, where
 * bio_put() gives it back.  The original's flags say nothing of that (an
 * io_uring bio carries REQ_ALLOC_CACHE of its own pool).
 *
 * The clone takes the original's blkcg association once: bio_alloc_clone()
 * associates a clone with @bdev's queue and then again with the
 * original's group.  Returns 0, or -ENOMEM when the bio's integrity or
 * crypt context could not be copied.
 */
static int mpath_init_clone(struct bio *clone, struct block_device *bdev,
			    struct bio *bio, gfp_t gfp)
{
	blk_opf_t cached = clone->bi_opf & MPATH_REQ_ALLOC_CACHE;
	struct bio_set *bs = clone->bi_pool;
	int ret;

	/* no device yet: nothing associated */
	ret = bio_init_clone(NULL, clone, bio, gfp);
	/* bio_init() forgot the pool: bio_put() must give it back there */
	clone->bi_pool = bs;
	clone->bi_opf = (clone->bi_opf & ~REQ_ALLOC_CACHE) | cached;
	clone->bi_bdev = bdev;
#ifdef CONFIG_BLK_CGROUP
	if (bio->bi_blkg)
		bio_clone_blkg_association(clone, bio);
	else
		bio_associate_blkg(clone);
#endif
	return ret;
}

/*
 * A new clone of @bio for @bdev, from the head's per-CPU bio cache where
 * there is one.  NULL when @gfp is GFP_NOWAIT and the pool is empty, or
 * the bio's integrity or crypt context could not be copied.
 */
static struct bio *mpath_alloc_clone(struct mpath_head *head,
				     struct block_device *bdev,
				     struct bio *bio, gfp_t gfp)
{
	struct bio *clone;

	clone = bio_alloc_bioset(NULL, 0, MPATH_REQ_ALLOC_CACHE, gfp,
				 &head->bio_pool);
	if (unlikely(!clone))
		return NULL;
	if (unlikely(mpath_init_clone(clone, bdev, bio, gfp))) {
		bio_put(clone);
		return NULL;
	}
	return clone;
}

/*
 * Make the carrier @mc a fresh clone of @bio for @bdev, in place: nothing
 * is taken from head->bio_pool.  Returns 0, or -ENOMEM when the bio's
 * integrity or crypt context could not be copied.
 */
static int mpath_reclone(struct mpath_clone *mc, struct block_device *bdev,
			 struct bio *bio)
{
	bio_uninit(&mc->clone);
	return mpath_init_clone(&mc->clone, bdev, bio, GFP_NOIO);
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
	const struct mpath_policy *policy;
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
		clone = mpath_alloc_clone(head, dev->bdev, bio,
					  nowait ? GFP_NOWAIT : GFP_NOIO);
		if (unlikely(!clone)) {
			/* GFP_NOIO waits on the mempool */
			if (nowait)
				goto out_wouldblock;
			/* the bio's integrity or crypt context was not copied */
			bio->bi_status = BLK_STS_RESOURCE;
			bio_endio(bio);
			return;
		}
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
	/* a policy that measures; the others do not pay for the clock */
	policy = mpath_head_policy(head);
	mc->policy = policy->start && policy->start(dev, mc, depth) ? policy :
								    NULL;

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
		if (head->mpdt->remap) {
			mpath_queue_bio(head, bio, true);
			return;
		}
		/* a clone that is never sent holds the accounting meanwhile */
		clone = mpath_alloc_clone(head, bio->bi_bdev, bio, GFP_NOIO);
		if (unlikely(!clone)) {
			bio->bi_status = BLK_STS_RESOURCE;
			bio_endio(bio);
			return;
		}
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

/**
 * mpath_resubmit() - send a bio that waited on the requeue list again
 * @head: the head
 * @bio: a carrier (clone mode) or, in remap mode, the bio of the head
 *
 * Context: process context (the requeue work).
 */
void mpath_resubmit(struct mpath_head *head, struct bio *bio)
{
	struct mpath_clone *mc;
	struct mpath_device *dev;
	int srcu_idx;

	/* remap mode: the original, to the head again */
	if (head->mpdt->remap) {
		submit_bio_noacct(bio);
		return;
	}
	mc = container_of(bio, struct mpath_clone, clone);
	srcu_idx = srcu_read_lock(&head->srcu);
	dev = mpath_find_bio_path(head, mc->orig);
	if (dev)
		mpath_map_bio(head, dev, mc->orig, mc);
	else
		mpath_no_path(head, mc->orig, mc);
	srcu_read_unlock(&head->srcu, srcu_idx);
}

/**
 * mpath_fail_waiting() - fail a bio that waited on the requeue list
 * @head: the head
 * @bio: as for mpath_resubmit()
 *
 * Context: process context (the drain of the requeue list).
 */
void mpath_fail_waiting(struct mpath_head *head, struct bio *bio)
{
	atomic_long_inc(&head->fail_no_avail_path_cnt);
	if (head->mpdt->remap)
		bio_io_error(bio);
	else
		mpath_end_orig(container_of(bio, struct mpath_clone, clone),
			       BLK_STS_IOERR);
}
