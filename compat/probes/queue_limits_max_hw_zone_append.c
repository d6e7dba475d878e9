// SPDX-License-Identifier: GPL-2.0
/*
 * v6.13-rc1, 559218d43ec9 ("block: pre-calculate
 * max_zone_append_sectors"): max_hw_zone_append_sectors, and stacking
 * defaults no longer trip the zone-append check on a non-zoned queue.
 */
#include <linux/blkdev.h>

unsigned int mpath_probe(struct queue_limits *lim);
unsigned int mpath_probe(struct queue_limits *lim)
{
	return lim->max_hw_zone_append_sectors;
}
