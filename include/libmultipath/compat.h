/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libmultipath: what a driver needs of the kernel's API across the
 * kernels the library supports (6.1 to 7.3), for a driver built from the
 * installed headers alone (no probes of its own: kernel versions decide).
 *
 *	MPATH_IMPORT_NS()	imports the library's symbol namespace
 *	mpath_bdev_open()	opens a path's block device exclusively
 *	mpath_bdev_close()	and closes it, synchronously
 */
#ifndef _LIBMULTIPATH_COMPAT_H
#define _LIBMULTIPATH_COMPAT_H

#include <linux/blkdev.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/version.h>

/*
 * The exports live in namespace LIBMULTIPATH.  MODULE_IMPORT_NS() takes an
 * identifier before 6.13 and a string after; both write this modinfo.
 */
#define MPATH_IMPORT_NS() MODULE_INFO(import_ns, "LIBMULTIPATH")

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
/*
 * Holder ops of an exclusively opened device came with 6.5; before, a
 * path's death is only seen through its I/O errors.  The type is defined
 * here so that drivers define their ops alike on every kernel (they are
 * never called before 6.5).
 */
struct blk_holder_ops {
	void (*mark_dead)(struct block_device *bdev, bool surprise);
};
#endif

/**
 * struct mpath_bdev - an exclusively opened block device
 * @bdev: the block device
 * @file: its bdev file (6.9+), NULL before
 * @holder: the holder it was opened for
 */
struct mpath_bdev {
	struct block_device *bdev;
	struct file *file;
	void *holder;
};

/**
 * mpath_bdev_open() - open a path's block device read-write, exclusively
 * @h: filled in
 * @path: the device node, e.g. "/dev/sdb"
 * @holder: the exclusive holder (the driver's path object)
 * @hops: holder ops (mark_dead: the device went away), ignored before 6.5
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno (-EBUSY: another holder has it).
 */
static inline int mpath_bdev_open(struct mpath_bdev *h, const char *path,
				  void *holder,
				  const struct blk_holder_ops *hops)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	struct file *f = bdev_file_open_by_path(path,
				BLK_OPEN_READ | BLK_OPEN_WRITE, holder, hops);

	if (IS_ERR(f))
		return PTR_ERR(f);
	h->file = f;
	h->bdev = file_bdev(f);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	struct block_device *b = blkdev_get_by_path(path,
				BLK_OPEN_READ | BLK_OPEN_WRITE, holder, hops);

	if (IS_ERR(b))
		return PTR_ERR(b);
	h->file = NULL;
	h->bdev = b;
#else
	struct block_device *b = blkdev_get_by_path(path,
				FMODE_READ | FMODE_WRITE | FMODE_EXCL, holder);

	if (IS_ERR(b))
		return PTR_ERR(b);
	h->file = NULL;
	h->bdev = b;
#endif
	h->holder = holder;
	return 0;
}

/**
 * mpath_bdev_close() - close what mpath_bdev_open() opened
 * @h: the device; cleared
 *
 * Releases the exclusive claim before it returns (a deferred fput() would
 * keep it, and re-adding the path or rmmod would fail).
 *
 * Context: process context, may sleep.
 */
static inline void mpath_bdev_close(struct mpath_bdev *h)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	if (h->file)
		bdev_fput(h->file);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	if (h->bdev)
		blkdev_put(h->bdev, h->holder);
#else
	if (h->bdev)
		blkdev_put(h->bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
#endif
	h->file = NULL;
	h->bdev = NULL;
}

#endif /* _LIBMULTIPATH_COMPAT_H */
