/* v6.9-rc1 "block: pass a queue_limits argument to blk_alloc_disk" */
#include <linux/blkdev.h>
struct gendisk *mpath_probe(struct queue_limits *lim);
struct gendisk *mpath_probe(struct queue_limits *lim) { return blk_alloc_disk(lim, NUMA_NO_NODE); }
