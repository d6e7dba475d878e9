// SPDX-License-Identifier: GPL-2.0
/*
 * Remap mode: a driver whose paths are its own devices sets the template's
 * @remap: its bios then go to the path themselves, as in NVMe, marked
 * REQ_DRV, and the driver hands each back through mpath_bio_endio(), which
 * either completes it or, after a path error, queues it to be submitted to
 * the head again.  Nothing is allocated per bio, and nothing is kept per
 * bio either: the head counts no I/O statistics (the paths' disks do) and
 * the latency policy, which needs each bio's start, selects as queue-depth
 * does.
 *
 * A bio is in flight on a path from the moment the driver receives it
 * (mpath_bio_start()) to its mpath_bio_endio(), as NVMe counts a request
 * from its start to its end: between the head and the driver, the block
 * layer may complete the bio itself (a fault injected on the path's disk,
 * a dead or frozen path disk with REQ_NOWAIT, an empty flush to a path
 * without a write cache), and nothing of the library sees that completion.
 * So nothing is counted before the driver has the bio, and the submitter
 * gets what the block layer answered, as with NVMe.  A bio past the end of
 * a path that shrank is caught before it is sent: it is a path error, as
 * the clone's would be.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 */
#include <linux/module.h>
#include <trace/events/block.h>

#include "internal.h"

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
void mpath_remap_bio(struct mpath_head *head, struct mpath_device *dev,
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
