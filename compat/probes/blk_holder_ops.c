// SPDX-License-Identifier: GPL-2.0
/*
 * v6.5-rc1, 0718afd47f70 ("block: introduce holder ops") and
 * f55e017c6420 ("block: add a mark_dead holder operation"); the probe asks
 * for the ->mark_dead(bdev, surprise) form mpathdemo implements (the bool
 * came in a later release, before 6.11; its commit is not named here).
 */
#include <linux/blkdev.h>

static_assert(__same_type(((struct blk_holder_ops *)0)->mark_dead,
			  void (*)(struct block_device *, bool)));
