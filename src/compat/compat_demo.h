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
 * Holder ops of an exclusively opened path device (6.5+; 6.1 has none, a
 * path's death is only seen through I/O errors there).
 *
 * MPATH_COMPAT_DEFINE_HOLDER_OPS(name, dead_fn) defines the holder ops
 * @name whose ->mark_dead calls void dead_fn(void *holder, bool surprise)
 * with the holder cookie given at open time.  dead_fn runs with the
 * bdev's bd_holder_lock held (so the holder cannot be released under it)
 * and must not sleep on anything the closer of the bdev holds; the
 * wrapper drops bd_holder_lock afterwards, as ->mark_dead must.
 * MPATH_COMPAT_HOLDER_OPS(name) is what to pass to mpath_compat_bdev_open():
 * &name, or NULL on kernels without holder ops (where dead_fn is never
 * called).
 */
#ifdef MPATH_HAVE_BLK_HOLDER_OPS
#define MPATH_COMPAT_DEFINE_HOLDER_OPS(name, dead_fn)			\
static void name##_mark_dead(struct block_device *bdev, bool surprise)	\
	__releases(&bdev->bd_holder_lock)				\
{									\
	dead_fn(bdev->bd_holder, surprise);				\
	mutex_unlock(&bdev->bd_holder_lock);				\
}									\
static const struct blk_holder_ops name = {				\
	.mark_dead = name##_mark_dead,					\
}
#define MPATH_COMPAT_HOLDER_OPS(name) (&(name))
#else
#define MPATH_COMPAT_DEFINE_HOLDER_OPS(name, dead_fn)			\
static void (*const name##_unused)(void *, bool) __maybe_unused = dead_fn
#define MPATH_COMPAT_HOLDER_OPS(name) NULL
#endif

#endif /* _MPATH_COMPAT_DEMO_H */
