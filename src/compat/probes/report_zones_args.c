/* after 6.12, present in 7.2 (upstream version unverified): "block: introduce struct blk_report_zones_args" */
#include <linux/blkdev.h>
static int rz(struct gendisk *d, sector_t s, unsigned int n, struct blk_report_zones_args *a) { return 0; }
const struct block_device_operations mpath_probe_ops = { .report_zones = rz };
