// SPDX-License-Identifier: GPL-2.0
/*
 * v6.11-rc1, 1122c0c1cc71 ("block: move cache control settings out of
 * queue->flags") and f76af42f8bf1 ("block: move the nowait flag to
 * queue_limits"): the features are BLK_FEAT_* in queue_limits, no longer
 * queue flags (BLK_FEAT_IO_STAT, BLK_FEAT_POLL came in the same series).
 */
#include <linux/blkdev.h>

void mpath_probe(struct queue_limits *lim);
void mpath_probe(struct queue_limits *lim)
{
	static_assert(__same_type(lim->features, blk_features_t));
	lim->features |= BLK_FEAT_NOWAIT | BLK_FEAT_IO_STAT | BLK_FEAT_POLL;
}
