// SPDX-License-Identifier: GPL-2.0
/*
 * v6.19-rc1, fdb9aed869f3 ("block: introduce disk_report_zone()"):
 * ->report_zones() takes a struct blk_report_zones_args, relayed with
 * disk_report_zone().
 */
#include <linux/blkdev.h>

static_assert(__same_type(((const struct block_device_operations *)0)->report_zones,
			  int (*)(struct gendisk *, sector_t, unsigned int,
				  struct blk_report_zones_args *)));
