// SPDX-License-Identifier: GPL-2.0
/*
 * v6.9-rc1, 74fa8f9c553f ("block: pass a queue_limits argument to
 * blk_alloc_disk"): blk_alloc_disk(lim, node) returns an ERR_PTR (a macro,
 * so the probe calls it rather than comparing types).
 */
#include <linux/blkdev.h>

struct gendisk *mpath_probe(struct queue_limits *lim);
struct gendisk *mpath_probe(struct queue_limits *lim)
{
	return blk_alloc_disk(lim, NUMA_NO_NODE);
}
