// SPDX-License-Identifier: GPL-2.0
/*
 * The numa policy, NVMe's default: the path closest to the submitting CPU's
 * node, optimized before non-optimized, cached per node.  Its scan also
 * gives the other policies their first path.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 */
#include <linux/module.h>
#include <linux/topology.h>

#include "internal.h"
#include "policy.h"
#include "selector.h"

/*
 * Pick the closest optimized path to @node, else the closest non-optimized
 * one, and cache it.  Only the numa policy looks at distances (@numa); for
 * the others every path is local, so the first usable path in list order
 * wins.
 */
struct mpath_device *mpath_scan_paths(struct mpath_head *head, int node,
				      bool numa)
{
	struct mpath_numa_sel sel;
	struct mpath_device *dev;
	int distance;

	mpath_numa_sel_init(&sel);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (numa && dev->numa_node != NUMA_NO_NODE)
			distance = node_distance(node, dev->numa_node);
		else
			distance = LOCAL_DISTANCE;
		mpath_numa_sel_add(&sel, dev, mpath_device_rank(dev), distance);
	}

	dev = mpath_numa_sel_result(&sel);
	if (dev)
		rcu_assign_pointer(head->current_path[node], dev);
	return dev;
}

static struct mpath_device *mpath_numa_path(struct mpath_head *head)
{
	int node = numa_node_id();
	struct mpath_device *dev;

	dev = srcu_dereference(head->current_path[node], &head->srcu);
	if (unlikely(!dev) ||
	    unlikely(mpath_device_rank(dev) != MPATH_RANK_OPTIMIZED))
		return mpath_scan_paths(head, node, true);
	return dev;
}

const struct mpath_policy mpath_policy_numa = {
	.name	= "numa",
	.select	= mpath_numa_path,
};
