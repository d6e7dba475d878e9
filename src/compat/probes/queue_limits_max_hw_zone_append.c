/* v6.13-rc1 (unverified) "block: add a max_hw_zone_append_sectors queue limit": stacking defaults no longer trip the zone-append check on non-zoned queues */
#include <linux/blkdev.h>
unsigned int mpath_probe(struct queue_limits *lim);
unsigned int mpath_probe(struct queue_limits *lim) { return lim->max_hw_zone_append_sectors; }
