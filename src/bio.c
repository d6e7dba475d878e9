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
 */
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

static void mpath_queue_bio(struct mpath_head *head, struct bio *bio)
{
	unsigned long flags;

	spin_lock_irqsave(&head->requeue_lock, flags);
	bio_list_add(&head->requeue_list, bio);
	spin_unlock_irqrestore(&head->requeue_lock, flags);
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

	if (mc->acct)
		bio_end_io_acct(bio, mc->start_time);
	bio_put(clone);

	this_cpu_inc(dev->stats->completed);
	if (unlikely(status)) {
		this_cpu_inc(dev->stats->errors);
		/*
		 * -EAGAIN for a REQ_NOWAIT bio means the path would have had
		 * to wait, not that it is broken: let the submitter retry.
		 */
		if (blk_path_error(status) &&
		    !(status == BLK_STS_AGAIN && (bio->bi_opf & REQ_NOWAIT))) {
			this_cpu_inc(dev->stats->failovers);
			mpath_device_fail(dev);
			if (head->mpdt->path_error)
				head->mpdt->path_error(dev, status);
			mpath_reset_bio(bio);
			mpath_queue_bio(head, bio);
			mpath_kick_requeue(head);
			goto out_dec_active;
		}
	}
	bio->bi_status = status;
	bio_endio(bio);

out_dec_active:
	/* the last access to @dev: mpath_delete_device() waits for this */
	/* a wake-up per idle moment would cost more than the I/O path */
	if (atomic_dec_and_test(&dev->nr_active) &&
	    test_bit(MPATH_DEVICE_DRAINING, &dev->flags))
		wake_up_var(&dev->nr_active);
}

static void mpath_map_bio(struct mpath_head *head, struct mpath_device *dev,
			  struct bio *bio)
{
	gfp_t gfp = (bio->bi_opf & REQ_NOWAIT) ? GFP_NOWAIT : GFP_NOIO;
	struct mpath_clone *mc;
	struct bio *clone;

	clone = bio_alloc_clone(dev->bdev, bio, gfp, &head->bio_pool);
	if (unlikely(!clone)) {
		/* only GFP_NOWAIT can fail: GFP_NOIO waits on the mempool */
		bio_wouldblock_error(bio);
		return;
	}

	mc = container_of(clone, struct mpath_clone, clone);
	mc->dev = dev;
	mc->orig = bio;
	mc->acct = blk_queue_io_stat(head->disk->queue);
	if (mc->acct)
		mc->start_time = bio_start_io_acct(bio);
	clone->bi_end_io = mpath_clone_end_io;

	atomic_inc(&dev->nr_active);
	this_cpu_inc(dev->stats->submitted);

	if (unlikely(test_bit(MPATH_DEVICE_FAULT_INJECT, &dev->flags))) {
		/* a pulled cable: the bio never reaches the device */
		clone->bi_status = BLK_STS_TRANSPORT;
		bio_endio(clone);
		return;
	}

	trace_block_bio_remap(clone, disk_devt(head->disk),
			      bio->bi_iter.bi_sector);
	submit_bio_noacct(clone);
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
	if (likely(dev)) {
		mpath_map_bio(head, dev, bio);
	} else if (mpath_available_path(head)) {
		if (bio->bi_opf & REQ_NOWAIT) {
			bio_wouldblock_error(bio);
		} else {
			atomic_long_inc(&head->requeue_no_usable_path_cnt);
			mpath_queue_bio(head, bio);
		}
	} else {
		atomic_long_inc(&head->fail_no_avail_path_cnt);
		bio_io_error(bio);
	}
	srcu_read_unlock(&head->srcu, srcu_idx);
}

void mpath_requeue_work(struct work_struct *work)
{
	struct mpath_head *head =
		container_of(work, struct mpath_head, requeue_work);
	struct bio *bio, *next;

	spin_lock_irq(&head->requeue_lock);
	next = bio_list_get(&head->requeue_list);
	spin_unlock_irq(&head->requeue_lock);

	while ((bio = next) != NULL) {
		next = bio->bi_next;
		bio->bi_next = NULL;
		/* back through mpath_submit_bio(), which selects afresh */
		submit_bio_noacct(bio);
	}
}
