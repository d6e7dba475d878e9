// SPDX-License-Identifier: GPL-2.0
/*
 * The queue-depth policy: the path with the fewest bios in flight.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 */
#include <linux/module.h>
#include <linux/topology.h>

#include "internal.h"
#include "policy.h"
#include "selector.h"

static struct mpath_device *mpath_queue_depth_path(struct mpath_head *head)
{
	struct mpath_device *dev;
	struct mpath_qd_sel sel;

	mpath_qd_sel_init(&sel);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (mpath_qd_sel_add(&sel, dev, mpath_device_rank(dev),
				     atomic_read(&dev->nr_active)))
			break;
	}
	return mpath_qd_sel_result(&sel);
}

const struct mpath_policy mpath_policy_qd = {
	.name	= "queue-depth",
	.select	= mpath_queue_depth_path,
};
