/* v6.11-rc1 "block: move cache control settings out of queue->flags" (BLK_FEAT_*) */
#include <linux/blkdev.h>
unsigned int mpath_probe(struct queue_limits *lim);
unsigned int mpath_probe(struct queue_limits *lim) { lim->features |= BLK_FEAT_NOWAIT; return 0; }
