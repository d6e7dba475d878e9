/* after 6.12, present in 7.2 (upstream version unverified): "block: pass a gendisk to ->getgeo" */
#include <linux/blkdev.h>
#include <linux/hdreg.h>
static int g(struct gendisk *disk, struct hd_geometry *geo) { return 0; }
const struct block_device_operations mpath_probe_ops = { .getgeo = g };
