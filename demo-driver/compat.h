/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API differences that only the demo driver (mpathdemo) meets,
 * beyond those every driver meets (<libmultipath/compat.h>).
 *
 * Same rules as compat/compat.h: every MPATH_HAVE_* comes from a probe in
 * compat/probes/, the wrappers offer the newest shape and .c files use
 * them unconditionally.
 */
#ifndef _MPATHDEMO_COMPAT_H
#define _MPATHDEMO_COMPAT_H

#include <libmultipath/compat.h>

#include "compat/compat.h"

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

#endif /* _MPATHDEMO_COMPAT_H */
