// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo: sysfs attributes of the head disk.
 *
 *   /sys/block/mpathdemo<N>/
 *	multipath/<path device>	links to the paths (the library's)
 *	mpathdemo/iopolicy		as configfs iopolicy
 *	mpathdemo/delayed_removal_secs	as configfs delayed_removal_secs
 *	mpathdemo/queue_if_no_path	as configfs queue_if_no_path
 *	mpathdemo/queued		bios waiting for a path
 *	mpathdemo/unique_id	what get_unique_id answers
 *
 * All read-only: configfs is where a head is configured, and the one place
 * each knob is set; sysfs shows what the disk acts on, one value per file.
 * The per-path counters are in configfs, the tables in mpathctl.
 */
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
static DEVICE_ATTR_RO(iopolicy);

static ssize_t delayed_removal_secs_show(struct device *dev,
					 struct device_attribute *attr,
					 char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  READ_ONCE(mpdemo_dev_to_head(dev)->delayed_removal_secs));
}
static DEVICE_ATTR_RO(delayed_removal_secs);

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
