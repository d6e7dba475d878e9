/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API differences that only the demo driver (mpathdemo) meets.
 *
 * Same rules as compat.h: every MPATH_HAVE_* comes from a probe in
 * probes/, the wrappers offer the newest shape and .c files use them
 * unconditionally.
 */
#ifndef _MPATH_COMPAT_DEMO_H
#define _MPATH_COMPAT_DEMO_H

#include "compat.h"

/*
 * Holder ops of an exclusively opened path device: 6.5+.  On 6.1 a path's
 * death is only seen through I/O errors; complete the type compat.h
 * declares there, so that drivers define their ops the same way on every
 * kernel (mpath_compat_bdev_open() ignores them on 6.1, so they are never
 * called).
 */
#ifndef MPATH_HAVE_BLK_HOLDER_OPS
struct blk_holder_ops {
	void (*mark_dead)(struct block_device *bdev, bool surprise);
};
#endif

/*
 * ->mark_dead is called with the bdev's bd_holder_lock held (which keeps
 * bdev->bd_holder, the holder given at open time, alive) and must drop it
 * itself, on 6.12 as on 7.2.
 */
static inline void mpath_compat_holder_unlock(struct block_device *bdev)
{
#ifdef MPATH_HAVE_BLK_HOLDER_OPS
	mutex_unlock(&bdev->bd_holder_lock);
#endif
}

#endif /* _MPATH_COMPAT_DEMO_H */
