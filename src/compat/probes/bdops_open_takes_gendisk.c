/* v6.5-rc1 "block: pass a gendisk to ->open" and "block: remove the unused mode argument to ->release" */
#include <linux/blkdev.h>
static int o(struct gendisk *disk, blk_mode_t mode) { return 0; }
static void r(struct gendisk *disk) { }
const struct block_device_operations mpath_probe_ops = { .open = o, .release = r };
