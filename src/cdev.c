// SPDX-License-Identifier: GPL-2.0
/*
 * The character device of a multipath head (the analogue of NVMe's
 * ng<subsys>n<ns>): ioctls on /dev/ng-<disk name> reach the selected path,
 * through the driver's cdev_ioctl callback or the path's block device.
 *
 * The device holds a reference on the head from its creation until its
 * release, which is after the last open file of it was closed (as NVMe
 * 7.2 does it); each open file also pins the driver's module and counts
 * as an opener of the head (see "Driver module references").
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/cdev.h>
#include <linux/fs.h>
#include <linux/idr.h>

#include "internal.h"

#define MPATH_CHR_MINORS	BIT(MINORBITS)

static dev_t mpath_chr_devt;
static DEFINE_IDA(mpath_chr_minor_ida);

/* not const and no .owner: class_register() differs there across kernels */
static struct class mpath_chr_class = {
	.name	= "mpath-generic",
};

static struct mpath_head *mpath_file_to_head(struct file *file)
{
	return container_of(file_inode(file)->i_cdev, struct mpath_head, cdev);
}

/* an open file pins the driver, whose cdev_ioctl it may call */
static int mpath_chr_open(struct inode *inode, struct file *file)
{
	struct mpath_head *head = container_of(inode->i_cdev,
					       struct mpath_head, cdev);

	/* a file opened before the device was removed may still get here */
	if (test_bit(MPATH_HEAD_REMOVING, &head->flags))
		return -ENXIO;
	return mpath_open_head(head) ? 0 : -ENXIO;
}

static int mpath_chr_release(struct inode *inode, struct file *file)
{
	mpath_close_head(container_of(inode->i_cdev, struct mpath_head, cdev));
	return 0;
}

static long mpath_chr_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	return mpath_ioctl_forward(mpath_file_to_head(file),
				   mpath_compat_file_mode(file), cmd, arg,
				   MPATH_IOCTL_CDEV);
}

#ifdef CONFIG_COMPAT
/* the path driver's own compat handler decides, see mpath_path_ioctl() */
static long mpath_chr_compat_ioctl(struct file *file, unsigned int cmd,
				   unsigned long arg)
{
	return mpath_ioctl_forward(mpath_file_to_head(file),
				   mpath_compat_file_mode(file), cmd, arg,
				   MPATH_IOCTL_CDEV | MPATH_IOCTL_COMPAT);
}
#endif

/*
 * No uring_cmd: a path block device has no uring_cmd of its own to pass
 * it to, and io_uring answers -EOPNOTSUPP for a file without one.
 */
static const struct file_operations mpath_chr_fops = {
	.owner		= THIS_MODULE,
	.open		= mpath_chr_open,
	.release	= mpath_chr_release,
	.llseek		= noop_llseek,
	.unlocked_ioctl	= mpath_chr_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= mpath_chr_compat_ioctl,
#endif
};

/* the last reference to the device: after the last close */
static void mpath_cdev_release(struct device *dev)
{
	struct mpath_head *head = container_of(dev, struct mpath_head,
					       cdev_device);

	ida_free(&mpath_chr_minor_ida, MINOR(dev->devt));
	/* may let mpath_head_uninit() return: the last access to @head */
	mpath_put_head(head);
}

/*
 * Create /dev/ng-<disk name> for a head whose disk just went live.
 *
 * Context: process context, @head->lock held.
 */
int mpath_cdev_add(struct mpath_head *head)
{
	struct device *dev = &head->cdev_device;
	int minor, ret;

	lockdep_assert_held(&head->lock);

	if (test_bit(MPATH_HEAD_CDEV_LIVE, &head->flags))
		return 0;

	minor = ida_alloc_max(&mpath_chr_minor_ida, MPATH_CHR_MINORS - 1,
			      GFP_KERNEL);
	if (minor < 0)
		return minor;
	if (!mpath_get_head(head)) {
		ida_free(&mpath_chr_minor_ida, minor);
		return -ENODEV;
	}

	/*
	 * A head that was live before reuses the embedded device, which its
	 * release left behind in a used state (kobject, private data).
	 */
	memset(dev, 0, sizeof(*dev));
	/* from here on the release callback undoes both */
	device_initialize(dev);
	dev->class = &mpath_chr_class;
	dev->parent = head->parent;
	dev->devt = MKDEV(MAJOR(mpath_chr_devt), minor);
	dev->release = mpath_cdev_release;
	ret = dev_set_name(dev, "ng-%s", head->disk->disk_name);
	if (ret)
		goto out_put_device;

	cdev_init(&head->cdev, &mpath_chr_fops);
	head->cdev.owner = THIS_MODULE;
	ret = cdev_device_add(&head->cdev, dev);
	if (ret)
		goto out_put_device;
	set_bit(MPATH_HEAD_CDEV_LIVE, &head->flags);
	return 0;

out_put_device:
	put_device(dev);
	return ret;
}

/*
 * Remove the character device: no new open is possible afterwards; files
 * still open keep working (their ioctls find no path once the paths are
 * gone) and hold the head until closed.
 *
 * Context: process context.
 */
void mpath_cdev_del(struct mpath_head *head)
{
	if (!test_and_clear_bit(MPATH_HEAD_CDEV_LIVE, &head->flags))
		return;
	cdev_device_del(&head->cdev, &head->cdev_device);
	put_device(&head->cdev_device);
}

/* module init: one chrdev region and class for all heads */
int mpath_chr_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&mpath_chr_devt, 0, MPATH_CHR_MINORS,
				  "mpath-generic");
	if (ret)
		return ret;
	ret = class_register(&mpath_chr_class);
	if (ret)
		goto out_unregister_region;
	return 0;

out_unregister_region:
	unregister_chrdev_region(mpath_chr_devt, MPATH_CHR_MINORS);
	return ret;
}

void mpath_chr_exit(void)
{
	class_unregister(&mpath_chr_class);
	unregister_chrdev_region(mpath_chr_devt, MPATH_CHR_MINORS);
	ida_destroy(&mpath_chr_minor_ida);
}
