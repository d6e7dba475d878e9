// SPDX-License-Identifier: GPL-2.0
/*
 * The block device operations of the multipath gendisk: open and release,
 * ioctls forwarded to the selected path (also for the character device),
 * geometry, unique id.  Zone reports are in zoned.c, reservations in pr.c.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c and from the "a
 * generic multipath lib for block drivers" series by John Garry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/compat.h>
#include <linux/hdreg.h>

#include "internal.h"

static int mpath_bdev_open_disk(struct gendisk *disk, mpath_compat_mode_t mode)
{
	return mpath_open_head(disk->private_data) ? 0 : -ENXIO;
}

static void mpath_bdev_release_disk(struct gendisk *disk)
{
	mpath_close_head(disk->private_data);
}

MPATH_COMPAT_DEFINE_BDOPS_OPEN(mpath_bdev_open, mpath_bdev_open_disk)
MPATH_COMPAT_DEFINE_BDOPS_RELEASE(mpath_bdev_release, mpath_bdev_release_disk)

static int mpath_path_ioctl(struct block_device *bdev,
			    mpath_compat_mode_t mode, unsigned int cmd,
			    unsigned long arg, bool compat)
{
	const struct block_device_operations *fops = bdev->bd_disk->fops;

#ifdef CONFIG_COMPAT
	/*
	 * Use the path driver's own compat handler when it has one; only
	 * fall back to translating the pointer like blkdev_compat_ptr_ioctl().
	 */
	if (compat) {
		if (fops->compat_ioctl)
			return fops->compat_ioctl(bdev, mode, cmd, arg);
		arg = (unsigned long)compat_ptr(arg);
	}
#endif
	if (!fops->ioctl)
		return -ENOTTY;
	return fops->ioctl(bdev, mode, cmd, arg);
}

/* The ioctl on the selected path: the driver's cdev handler or the bdev. */
static long mpath_dev_ioctl(struct mpath_device *dev, struct block_device *bdev,
			    mpath_compat_mode_t mode, unsigned int cmd,
			    unsigned long arg, unsigned int how)
{
	const struct mpath_head_template *mpdt = dev->head->mpdt;

	if ((how & MPATH_IOCTL_CDEV) && mpdt->cdev_ioctl) {
#ifdef CONFIG_COMPAT
		if (how & MPATH_IOCTL_COMPAT)
			arg = (unsigned long)compat_ptr(arg);
#endif
		return mpdt->cdev_ioctl(dev, cmd, arg,
					!!(mode & MPATH_COMPAT_MODE_WRITE));
	}
	return mpath_path_ioctl(bdev, mode, cmd, arg,
				how & MPATH_IOCTL_COMPAT);
}

/*
 * Forward an ioctl of the head disk or of its character device to the
 * selected path, under SRCU unless the driver's ioctl_begin pinned the path
 * and asked for SRCU to be dropped (a long-running ioctl must not hold up
 * path removal).
 */
long mpath_ioctl_forward(struct mpath_head *head, mpath_compat_mode_t mode,
			 unsigned int cmd, unsigned long arg, unsigned int how)
{
	const struct mpath_head_template *mpdt = head->mpdt;
	struct block_device *path_bdev;
	struct mpath_device *dev;
	void *ctx = NULL;
	int srcu_idx;
	long ret;

	srcu_idx = srcu_read_lock(&head->srcu);
	dev = mpath_find_path(head);
	if (!dev) {
		ret = -EWOULDBLOCK;
		goto out_unlock;
	}
	path_bdev = dev->bdev;

	if (mpdt->ioctl_begin) {
		ret = mpdt->ioctl_begin(dev, cmd, &ctx);
		if (ret < 0)
			goto out_unlock;
		if (ret == 1) {
			srcu_read_unlock(&head->srcu, srcu_idx);
			ret = mpath_dev_ioctl(dev, path_bdev, mode, cmd, arg,
					      how);
			if (mpdt->ioctl_finish)
				mpdt->ioctl_finish(ctx);
			return ret;
		}
	}
	ret = mpath_dev_ioctl(dev, path_bdev, mode, cmd, arg, how);
out_unlock:
	srcu_read_unlock(&head->srcu, srcu_idx);
	return ret;
}

static int mpath_forward_ioctl(struct block_device *bdev,
			       mpath_compat_mode_t mode, unsigned int cmd,
			       unsigned long arg, bool compat)
{
	/*
	 * The ioctl reaches the whole path device, so issuing it through a
	 * partition of the head needs the privilege to address raw sectors.
	 */
	if (bdev_is_partition(bdev) && !capable(CAP_SYS_RAWIO))
		return -ENOIOCTLCMD;

	return mpath_ioctl_forward(bdev->bd_disk->private_data, mode, cmd, arg,
				   compat ? MPATH_IOCTL_COMPAT : 0);
}

static int mpath_bdev_ioctl(struct block_device *bdev,
			    mpath_compat_mode_t mode, unsigned int cmd,
			    unsigned long arg)
{
	return mpath_forward_ioctl(bdev, mode, cmd, arg, false);
}

#ifdef CONFIG_COMPAT
static int mpath_bdev_compat_ioctl(struct block_device *bdev,
				   mpath_compat_mode_t mode, unsigned int cmd,
				   unsigned long arg)
{
	return mpath_forward_ioctl(bdev, mode, cmd, arg, true);
}
#endif

/*
 * The selected path's geometry; paths without one (loop, null_blk) get
 * nvme_getgeo()'s standard values: 64 heads, 32 sectors, capacity >> 11
 * cylinders.  The block layer preset geo->start for the head's partition.
 */
static int mpath_getgeo_disk(struct gendisk *disk, struct hd_geometry *geo)
{
	struct mpath_head *head = disk->private_data;
	unsigned long start = geo->start;
	struct mpath_device *dev;
	int srcu_idx, ret = -ENOTTY;

	srcu_idx = srcu_read_lock(&head->srcu);
	dev = mpath_find_path(head);
	if (dev)
		ret = mpath_compat_path_getgeo(dev->bdev, geo);
	srcu_read_unlock(&head->srcu, srcu_idx);
	geo->start = start;
	if (!ret)
		return 0;

	geo->heads = 1 << 6;
	geo->sectors = 1 << 5;
	geo->cylinders = get_capacity(disk) >> 11;
	return 0;
}

MPATH_COMPAT_DEFINE_BDOPS_GETGEO(mpath_bdev_getgeo, mpath_getgeo_disk)

/*
 * All paths show the same device, so the selected path's identifier will
 * do.  A path without one gives 0 (no identifier), as dm does.
 */
static int mpath_get_unique_id(struct gendisk *disk, u8 id[16],
			       enum blk_unique_id type)
{
	struct mpath_head *head = disk->private_data;
	struct mpath_device *dev;
	struct gendisk *path_disk;
	int srcu_idx, ret = -EWOULDBLOCK;

	srcu_idx = srcu_read_lock(&head->srcu);
	dev = mpath_find_path(head);
	if (dev) {
		path_disk = dev->bdev->bd_disk;
		if (path_disk->fops->get_unique_id)
			ret = path_disk->fops->get_unique_id(path_disk, id,
							     type);
		else
			ret = 0;
	}
	srcu_read_unlock(&head->srcu, srcu_idx);
	return ret;
}

const struct block_device_operations mpath_bdev_ops = {
	.owner		= THIS_MODULE,
	.submit_bio	= mpath_submit_bio,
	.open		= mpath_bdev_open,
	.release	= mpath_bdev_release,
	.ioctl		= mpath_bdev_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= mpath_bdev_compat_ioctl,
#endif
	.getgeo		= mpath_bdev_getgeo,
	.get_unique_id	= mpath_get_unique_id,
	.report_zones	= mpath_bdev_report_zones,	/* NULL if !ZONED */
	.pr_ops		= &mpath_pr_ops,
};
