// SPDX-License-Identifier: GPL-2.0
/*
 * v6.18-rc1, 4fc8728aa34f ("block: switch ->getgeo() to struct
 * gendisk").
 */
#include <linux/blkdev.h>
#include <linux/hdreg.h>

static_assert(__same_type(((const struct block_device_operations *)0)->getgeo,
			  int (*)(struct gendisk *, struct hd_geometry *)));
