/* v6.5-rc1 "block: introduce holder ops" */
#include <linux/blkdev.h>
static void mark_dead(struct block_device *bdev, bool surprise) { }
const struct blk_holder_ops mpath_probe_hops = { .mark_dead = mark_dead };
