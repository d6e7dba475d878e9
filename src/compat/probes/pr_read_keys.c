/* v6.5-rc1 "block: Add PR callouts for read keys and reservation" */
#include <linux/blkdev.h>
#include <linux/pr.h>
static int rk(struct block_device *b, struct pr_keys *k) { return 0; }
const struct pr_ops mpath_probe_ops = { .pr_read_keys = rk };
