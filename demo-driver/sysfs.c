// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo: sysfs attributes of the head disk and the ioctl callbacks.
 *
 *   /sys/block/mpathdemo<N>/
 *	multipath/<path device>	links to the paths (the library's)
 *	mpathdemo/iopolicy		rw, as configfs iopolicy
 *	mpathdemo/delayed_removal_secs	rw, as configfs delayed_removal_secs
 *	mpathdemo/queue_if_no_path	ro, as configfs queue_if_no_path
 *	mpathdemo/queued		ro, bios waiting for a path
 *	mpathdemo/unique_id	ro, what get_unique_id answers
 *
 * One value per file; the per-path counters are in configfs, the tables
 * in mpathctl.
 *
 * Per-path configuration (state, numa_node, fault) stays in configfs,
 * which owns it; sysfs shows the state the library acts on.
 *
 * Stores take mpdemo_lock only with mutex_trylock(): disabling a head
 * removes its disk under mpdemo_lock, and that waits for stores running
 * on the disk's attributes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/sched/signal.h>
#include <linux/sysfs.h>

#include "mpathdemo.h"

static struct mpdemo_head *mpdemo_dev_to_head(struct device *dev)
{
	struct mpath_head *mh = mpath_gendisk_to_head(dev_to_disk(dev));

	return container_of(mh, struct mpdemo_head, mpath);
}

static ssize_t iopolicy_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return mpath_iopolicy_show(&mpdemo_dev_to_head(dev)->mpath, buf);
}

/* h->iopolicy is the library's policy storage: no lock needed */
static ssize_t iopolicy_store(struct device *dev,
			      struct device_attribute *attr, const char *buf,
			      size_t count)
{
	return mpath_iopolicy_store(&mpdemo_dev_to_head(dev)->mpath, buf,
				    count);
}
static DEVICE_ATTR_RW(iopolicy);

static ssize_t delayed_removal_secs_show(struct device *dev,
					 struct device_attribute *attr,
					 char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  READ_ONCE(mpdemo_dev_to_head(dev)->delayed_removal_secs));
}

static ssize_t delayed_removal_secs_store(struct device *dev,
					  struct device_attribute *attr,
					  const char *buf, size_t count)
{
	struct mpdemo_head *h = mpdemo_dev_to_head(dev);
	unsigned int secs;
	int ret;

	ret = kstrtouint(buf, 0, &secs);
	if (ret) {
		pr_err("%s: delayed_removal_secs: not a number of seconds\n",
		       h->disk_name);
		return ret;
	}
	/* see the comment at the top */
	if (!mutex_trylock(&mpdemo_lock))
		return restart_syscall();
	ret = mpdemo_head_set_delayed_removal(h, secs);
	mutex_unlock(&mpdemo_lock);
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(delayed_removal_secs);

/* waiting for a path now; one value per file, NVMe-style */
static ssize_t queued_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct mpath_head_stats st;

	mpath_head_read_stats(&mpdemo_dev_to_head(dev)->mpath, &st);
	return sysfs_emit(buf, "%u\n", st.queued);
}
static DEVICE_ATTR_RO(queued);

static ssize_t queue_if_no_path_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  READ_ONCE(mpdemo_dev_to_head(dev)->queue_if_no_path));
}
static DEVICE_ATTR_RO(queue_if_no_path);

static ssize_t unique_id_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return mpath_unique_id_show(&mpdemo_dev_to_head(dev)->mpath, buf);
}
static DEVICE_ATTR_RO(unique_id);

static struct attribute *mpdemo_disk_attrs[] = {
	&dev_attr_iopolicy.attr,
	&dev_attr_delayed_removal_secs.attr,
	&dev_attr_queue_if_no_path.attr,
	&dev_attr_queued.attr,
	&dev_attr_unique_id.attr,
	NULL,
};

static const struct attribute_group mpdemo_disk_group = {
	.name	= "mpathdemo",
	.attrs	= mpdemo_disk_attrs,
};

const struct attribute_group *mpdemo_disk_groups[] = {
	&mpdemo_disk_group,
	NULL,
};

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
