// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo: ioctls on the head, forwarded to a path.
 *
 * The library sends a block ioctl of /dev/mpathdemo<N>, or any ioctl of
 * its character device /dev/ng-mpathdemo<N>, to the selected path.  These
 * are the template's callbacks around it: the path slot is pinned while
 * the ioctl runs (disabling the path waits for it, see path.c), and a
 * character device ioctl goes to the path device's driver.
 */
#include <linux/atomic.h>
#include <linux/wait_bit.h>

#include "mpathdemo.h"

/**
 * mpdemo_ioctl_begin() - pin the selected path for an ioctl
 * @dev: the selected path
 * @cmd: the ioctl
 * @ctx: returns the path slot, for mpdemo_ioctl_finish()
 *
 * The slot's device stays open until mpdemo_ioctl_finish(): detaching the
 * path waits for it, so the library may drop SRCU during the ioctl.
 *
 * Context: under the head's SRCU.
 * Return: 1 (drop SRCU).
 */
int mpdemo_ioctl_begin(struct mpath_device *dev, unsigned int cmd, void **ctx)
{
	struct mpdemo_path *p = container_of(dev, struct mpdemo_path, mdev);

	atomic_inc(&p->ioctl_active);
	*ctx = p;
	return 1;
}

/**
 * mpdemo_ioctl_finish() - unpin a path pinned by mpdemo_ioctl_begin()
 * @ctx: the path slot
 *
 * Context: process context.
 */
void mpdemo_ioctl_finish(void *ctx)
{
	struct mpdemo_path *p = ctx;

	if (atomic_dec_and_test(&p->ioctl_active))
		wake_up_var(&p->ioctl_active);
}

/**
 * mpdemo_cdev_ioctl() - an ioctl on /dev/ng-mpathdemo<N>
 * @dev: the selected path (pinned by mpdemo_ioctl_begin())
 * @cmd: the ioctl
 * @arg: its argument
 * @open_for_write: the character device was opened for writing
 *
 * Passed to the path's block device driver, which sees the mode of the
 * character device's file.
 *
 * Context: process context.
 * Return: the path driver's answer, -ENOTTY if it has no ioctls.
 */
long mpdemo_cdev_ioctl(struct mpath_device *dev, unsigned int cmd,
		       unsigned long arg, bool open_for_write)
{
	struct block_device *bdev = dev->bdev;
	const struct block_device_operations *fops = bdev->bd_disk->fops;

	if (!fops->ioctl)
		return -ENOTTY;
	return fops->ioctl(bdev, mpath_compat_open_mode(open_for_write), cmd,
			   arg);
}
