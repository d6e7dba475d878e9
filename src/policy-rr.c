// SPDX-License-Identifier: GPL-2.0
/*
 * The round-robin policy: the next path of the best rank after the one
 * this node used last.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 */
#include <linux/module.h>
#include <linux/topology.h>

#include "internal.h"
#include "policy.h"
#include "selector.h"

/*
 * The path after @dev, wrapping around at the end of the list.  @wraps
 * bounds the walk: the cached path may have been unlinked meanwhile, and a
 * walk that waits to come back to it would then never end.
 */
static struct mpath_device *mpath_next_path(struct mpath_head *head,
					    struct mpath_device *dev,
					    unsigned int *wraps)
{
	struct mpath_device *next;

	next = list_next_or_null_rcu(&head->dev_list, &dev->siblings,
				     struct mpath_device, siblings);
	if (next)
		return next;
	if ((*wraps)++)
		return NULL;
	return list_first_or_null_rcu(&head->dev_list, struct mpath_device,
				      siblings);
}

static struct mpath_device *mpath_round_robin_path(struct mpath_head *head)
{
	int node = numa_node_id();
	struct mpath_device *old, *dev, *found;
	unsigned int wraps = 0;
	struct mpath_rr_sel sel;

	old = srcu_dereference(head->current_path[node], &head->srcu);
	if (unlikely(!old))
		return mpath_scan_paths(head, node, false);

	mpath_rr_sel_init(&sel);
	for (dev = mpath_next_path(head, old, &wraps); dev && dev != old;
	     dev = mpath_next_path(head, dev, &wraps)) {
		if (mpath_rr_sel_add(&sel, dev, mpath_device_rank(dev)))
			break;
	}

	found = mpath_rr_sel_result(&sel, old, mpath_device_rank(old));
	if (found && found != old)
		rcu_assign_pointer(head->current_path[node], found);
	return found;
}

const struct mpath_policy mpath_policy_rr = {
	.name	= "round-robin",
	.select	= mpath_round_robin_path,
};
