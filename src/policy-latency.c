// SPDX-License-Identifier: GPL-2.0
/*
 * The latency policy: the path with the least expected wait, (bios in
 * flight + 1) x the path's measured time per bio (selector.h has the
 * arithmetic).  The policy measures each clone it sent: start stamps it,
 * end turns its latency into the path's share of it (the latency over the
 * bios in flight when it was sent) and moves the path's average.  Remap
 * mode keeps nothing per bio to time: there it selects as queue-depth.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 */
#include <linux/math64.h>
#include <linux/module.h>

#include "internal.h"
#include "policy.h"
#include "selector.h"

static struct mpath_device *mpath_latency_path(struct mpath_head *head)
{
	u64 now = ktime_get_ns();
	struct mpath_lat_path *lat;
	struct mpath_lat_sel sel;
	struct mpath_device *dev;
	unsigned int depth;

	/* remap mode keeps no start time per bio: nothing measured */
	if (unlikely(head->mpdt->remap))
		return mpath_policy_qd.select(head);

	mpath_lat_sel_init(&sel);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		lat = mpath_lat_of(dev);
		depth = atomic_read(&dev->nr_active);
		if (mpath_lat_sel_add(&sel, dev, mpath_device_rank(dev), depth,
				      mpath_lat_estimate(READ_ONCE(lat->avg),
							 READ_ONCE(lat->stamp),
							 now, depth)))
			break;
	}
	return mpath_lat_sel_result(&sel);
}

/*
 * @dev had nothing in flight and was just sent a bio at @now: its average
 * stops decaying at what it decayed to while idle (what the policy
 * believed when it chose the path), and from now on the time it takes to
 * answer counts against it.
 *
 * Context: the submission of a bio (under SRCU).
 */
void mpath_device_lat_busy(struct mpath_device *dev, u64 now)
{
	struct mpath_lat_path *lat = mpath_lat_of(dev);

	WRITE_ONCE(lat->avg, mpath_lat_decayed(READ_ONCE(lat->avg),
					       READ_ONCE(lat->stamp), now));
	WRITE_ONCE(lat->stamp, now);
}

MPATH_EXPORT_FOR_KUNIT(mpath_device_lat_busy);

/*
 * One completion of @dev accounts for @ns of the path's time (its latency
 * over the bios in flight when it was sent).  Racing completions may lose
 * an update of the average; it is an estimate.
 *
 * Context: bio completion.
 */
void mpath_device_note_latency(struct mpath_device *dev, u64 ns)
{
	struct mpath_lat_path *lat = mpath_lat_of(dev);

	WRITE_ONCE(lat->avg, mpath_lat_update(READ_ONCE(lat->avg), ns));
	WRITE_ONCE(lat->stamp, ktime_get_ns());
}

MPATH_EXPORT_FOR_KUNIT(mpath_device_note_latency);

static bool mpath_latency_start(struct mpath_device *dev,
				struct mpath_clone *mc, unsigned int depth)
{
	mc->policy_ns = ktime_get_ns();
	mc->policy_depth = depth;
	if (depth == 1)
		mpath_device_lat_busy(dev, mc->policy_ns);
	return true;
}

/*
 * A path that queues (a disk) answers a deeper queue later, one that does
 * not (an array's cache, a fabric's distance) answers as fast: either way
 * the expected wait of the next bio is (depth + 1) x a bio's share.
 */
static void mpath_latency_end(struct mpath_device *dev, struct mpath_clone *mc)
{
	mpath_device_note_latency(dev, div_u64(ktime_get_ns() - mc->policy_ns,
					       mc->policy_depth));
}

const struct mpath_policy mpath_policy_latency = {
	.name	= "latency",
	.select	= mpath_latency_path,
	.start	= mpath_latency_start,
	.end	= mpath_latency_end,
};
