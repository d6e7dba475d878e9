/* v6.9-rc1 (unverified) "block: add a queue_limits_stack_bdev helper": stack a bdev into a queue_limits with a sector offset */
#include <linux/blkdev.h>
void mpath_probe(struct queue_limits *t, struct block_device *b);
void mpath_probe(struct queue_limits *t, struct block_device *b) { queue_limits_stack_bdev(t, b, 0, "probe"); }
