// SPDX-License-Identifier: GPL-2.0
/*
 * Zone reports of a zoned multipath head, answered by a path.  Built only
 * with CONFIG_BLK_DEV_ZONED; internal.h makes the operation NULL otherwise.
 * Zone appends need nothing here: bio.c returns the sector a path wrote
 * them at.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 */
#include <linux/module.h>

#include "internal.h"

/*
 * A zoned head has zoned paths (stacking made it zoned): ask the one its
 * writes go to, see mpath_zone_path().
 */
static int mpath_report_zones_disk(struct gendisk *disk, sector_t sector,
				   unsigned int nr_zones,
				   struct mpath_compat_zone_report *r)
{
	struct mpath_head *head = disk->private_data;
	struct mpath_device *dev;
	int srcu_idx, ret = -EWOULDBLOCK;

	srcu_idx = srcu_read_lock(&head->srcu);
	/* the path the zones' writes go to: its write pointers are theirs */
	dev = mpath_zone_path(head);
	if (dev) {
		if (bdev_is_zoned(dev->bdev))
			ret = mpath_compat_report_zones_forward(dev->bdev,
								sector,
								nr_zones, r);
		else
			ret = -EOPNOTSUPP;
	}
	srcu_read_unlock(&head->srcu, srcu_idx);
	return ret;
}

MPATH_COMPAT_DEFINE_BDOPS_REPORT_ZONES(mpath_bdev_report_zones,
				       mpath_report_zones_disk)
