/* after 6.12, present in 7.2 (upstream version unverified): "block: replace bdev_nonrot with bdev_rot": blk_queue_rot()/bdev_rot() */
#include <linux/blkdev.h>
bool mpath_probe(struct block_device *b);
bool mpath_probe(struct block_device *b) { return bdev_rot(b); }
