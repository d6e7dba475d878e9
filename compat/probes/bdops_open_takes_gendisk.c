// SPDX-License-Identifier: GPL-2.0
/*
 * v6.5-rc1, d32e2bf83791 ("block: pass a gendisk to ->open") and
 * ae220766d87c ("block: remove the unused mode argument to ->release"):
 * ->open(struct gendisk *, blk_mode_t), ->release(struct gendisk *).
 */
#include <linux/blkdev.h>

static_assert(__same_type(((const struct block_device_operations *)0)->open,
			  int (*)(struct gendisk *, blk_mode_t)));
static_assert(__same_type(((const struct block_device_operations *)0)->release,
			  void (*)(struct gendisk *)));
