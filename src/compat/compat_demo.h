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

#include <linux/file.h>
#include <linux/fs.h>

#include "compat.h"

/*
 * Holder ops of an exclusively opened path device: 6.5+.  On 6.1 a path's
 * death is only seen through I/O errors; the type is defined here so that
 * drivers define their ops the same way on every kernel
 * (mpath_compat_bdev_open() ignores them on 6.1, so they are never called).
 */
#ifndef MPATH_HAVE_BLK_HOLDER_OPS
struct blk_holder_ops {
	void (*mark_dead)(struct block_device *bdev, bool surprise);
};
#endif

/* ---- opening a path's block device (6.1 has no bdev files) ---- */

/**
 * struct mpath_compat_bdev - an exclusively opened block device
 * @bdev: the block device
 * @file: the bdev file (6.9+), NULL before
 */
struct mpath_compat_bdev {
	struct block_device *bdev;
	struct file *file;
};

/*
 * Open @path read-write and exclusively for @holder.  @hops is ignored on
 * kernels without holder ops.  Returns 0 or a negative errno.
 */
static inline int mpath_compat_bdev_open(struct mpath_compat_bdev *h,
					 const char *path, void *holder,
					 const struct blk_holder_ops *hops)
{
#ifdef MPATH_HAVE_BDEV_FILE_OPEN_BY_PATH
	struct file *f = bdev_file_open_by_path(path,
				BLK_OPEN_READ | BLK_OPEN_WRITE, holder, hops);

	if (IS_ERR(f))
		return PTR_ERR(f);
	h->file = f;
	h->bdev = file_bdev(f);
#else
	struct block_device *b = blkdev_get_by_path(path,
				FMODE_READ | FMODE_WRITE | FMODE_EXCL, holder);

	if (IS_ERR(b))
		return PTR_ERR(b);
	h->file = NULL;
	h->bdev = b;
#endif
	return 0;
}

/*
 * Release the claim synchronously: a deferred fput() would keep the
 * exclusive claim alive and make re-adding the path or rmmod fail.
 */
static inline void mpath_compat_bdev_close(struct mpath_compat_bdev *h)
{
#ifdef MPATH_HAVE_BDEV_FILE_OPEN_BY_PATH
	if (h->file)
		bdev_fput(h->file);
#else
	if (h->bdev)
		blkdev_put(h->bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
#endif
	h->file = NULL;
	h->bdev = NULL;
}

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
