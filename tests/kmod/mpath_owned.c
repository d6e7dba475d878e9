// SPDX-License-Identifier: GPL-2.0
/*
 * mpath_owned - a test driver whose paths are its own devices, as NVMe's
 * namespaces are: the user of the library's remap mode (the template's
 * @remap), in which the head sends its bios to a path without a clone and
 * the path hands them back through mpath_bio_endio().
 *
 *	insmod mpath_owned.ko nr_paths=2 mode=remap
 *
 * makes the paths /dev/mpownp0 and /dev/mpownp1 (in-memory disks sharing
 * one store: two ways to the same data) and the multipath disk
 * /dev/mpown0 over them, with the round-robin policy (iopolicy=).
 * mode=clone makes the same head without remap mode, for comparison: the
 * library then clones each bio, as it does for paths it does not own.
 *
 * Paths fail as a transport would make them fail: a path whose bit is set
 * in the parameter fail_mask completes every bio with BLK_STS_TRANSPORT
 * (a pulled cable); writing its index to the parameter reinstate takes it
 * back into use once its bit is cleared.  Every path fails a bio touching
 * sectors [medium_start, medium_start + medium_count) with BLK_STS_MEDIUM,
 * as any path to a disk with a bad block would, and one touching
 * [transport_start, transport_start + transport_count) with
 * BLK_STS_TRANSPORT, as a path would whose link drops on that I/O.
 * queue_if_no_path=1 makes I/O wait for a path instead of failing.
 * wc_mask=N gives path N a volatile write cache (the head then has one,
 * and an empty flush the head sends a path without one is completed by
 * the block layer on the way).  Writing "N SECTORS" to the parameter
 * capacity resizes path N's disk, as a LUN resized on one path only.
 * The parameter stats shows the library's counters of each path, one
 * line each:
 *	p<N> failed <0|1> submitted <n> inflight <n> errors <n> failovers <n>
 * and the head's: "head queued <n> requeue_no_usable_path <n>".
 * All parameters are under /sys/module/mpath_owned/parameters/.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/blkdev.h>
#include <linux/vmalloc.h>
#include <libmultipath/multipath.h>

#include <libmultipath/compat.h>

#include "compat/compat.h"
#include "memstore.h"

#define OWN_MAX_PATHS	4

struct own_path {
	struct mpath_device mdev;	/* the library's part of the path */
	struct gendisk *disk;		/* the path's own device */
	unsigned int index;
	bool added;
};

static struct mpath_head own_head;
static struct own_path own_paths[OWN_MAX_PATHS];
static enum mpath_iopolicy_e own_iopolicy = MPATH_IOPOLICY_RR;
static struct mpath_head_template own_template;
static DEFINE_MUTEX(own_lock);		/* reinstate vs. module exit */
static bool own_up;
static void *own_store;
static sector_t own_sectors;

/*
 * The head's I/O policy in sysfs, the way NVMe shows and sets its own:
 * /sys/block/mpown0/iopolicy, through the library's show and store.
 */
static ssize_t iopolicy_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return mpath_iopolicy_show(mpath_gendisk_to_head(dev_to_disk(dev)), buf);
}

static ssize_t iopolicy_store(struct device *dev,
			      struct device_attribute *attr, const char *buf,
			      size_t count)
{
	return mpath_iopolicy_store(mpath_gendisk_to_head(dev_to_disk(dev)),
				    buf, count);
}
static DEVICE_ATTR_RW(iopolicy);

static struct attribute *own_disk_attrs[] = {
	&dev_attr_iopolicy.attr,
	NULL,
};

static const struct attribute_group own_disk_group = {
	.attrs	= own_disk_attrs,
};

static const struct attribute_group *own_disk_groups[] = {
	&own_disk_group,
	NULL,
};

static unsigned int nr_paths = 2;
module_param(nr_paths, uint, 0444);
MODULE_PARM_DESC(nr_paths, "number of paths, 1-4 (default 2)");

static unsigned int size_mb = 64;
module_param(size_mb, uint, 0444);
MODULE_PARM_DESC(size_mb, "size of the store in MiB, 1-1024 (default 64)");

static char *mode = "remap";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "remap (default: no clone) or clone");

static char *iopolicy = "round-robin";
module_param(iopolicy, charp, 0444);
MODULE_PARM_DESC(iopolicy, "the head's I/O policy (default round-robin)");

static unsigned int fail_mask;
module_param(fail_mask, uint, 0644);
MODULE_PARM_DESC(fail_mask, "bit N: path N fails every bio with a transport error");

static unsigned int medium_start;
module_param(medium_start, uint, 0644);
MODULE_PARM_DESC(medium_start, "first sector of the range that fails with a medium error");

static unsigned int medium_count;
module_param(medium_count, uint, 0644);
MODULE_PARM_DESC(medium_count, "sectors in that range (default 0: none)");

static unsigned int transport_start;
module_param(transport_start, uint, 0644);
MODULE_PARM_DESC(transport_start, "first sector of the range that fails with a transport error");

static unsigned int transport_count;
module_param(transport_count, uint, 0644);
MODULE_PARM_DESC(transport_count, "sectors in that range (default 0: none)");

static bool queue_if_no_path;
module_param(queue_if_no_path, bool, 0444);
MODULE_PARM_DESC(queue_if_no_path, "I/O waits while no path is usable (default: fails)");

static unsigned int wc_mask;
module_param(wc_mask, uint, 0444);
MODULE_PARM_DESC(wc_mask, "bit N: path N has a volatile write cache (default none)");

/* does @bio touch the @count sectors from @start? */
static bool own_touches(struct bio *bio, unsigned int start,
			unsigned int count)
{
	return count && bio->bi_iter.bi_sector < (sector_t)start + count &&
	       bio_end_sector(bio) > start;
}

/* reinstate=N: path N works again (a transport would know) */
static int own_reinstate_set(const char *val, const struct kernel_param *kp)
{
	unsigned int i;
	int ret;

	ret = kstrtouint(val, 0, &i);
	if (ret)
		return ret;
	mutex_lock(&own_lock);
	if (!own_up || i >= nr_paths || !own_paths[i].added) {
		pr_err("reinstate: no path %u\n", i);
		ret = -EINVAL;
	} else {
		mpath_device_reinstate(&own_paths[i].mdev);
	}
	mutex_unlock(&own_lock);
	return ret;
}

static const struct kernel_param_ops own_reinstate_ops = {
	.set	= own_reinstate_set,
};
module_param_cb(reinstate, &own_reinstate_ops, NULL, 0200);
MODULE_PARM_DESC(reinstate, "write a path's index to use it again");

/* capacity="N SECTORS": path N's disk has SECTORS from now on */
static int own_capacity_set(const char *val, const struct kernel_param *kp)
{
	unsigned long long sectors;
	unsigned int i;
	int ret = 0;

	if (sscanf(val, "%u %llu", &i, &sectors) != 2) {
		pr_err("capacity: expected \"<path> <sectors>\"\n");
		return -EINVAL;
	}
	mutex_lock(&own_lock);
	if (!own_up || i >= nr_paths || !own_paths[i].disk) {
		pr_err("capacity: no path %u\n", i);
		ret = -EINVAL;
	} else if (sectors > own_sectors) {
		pr_err("capacity: %llu sectors is more than the store's %llu\n",
		       sectors, (unsigned long long)own_sectors);
		ret = -EINVAL;
	} else {
		set_capacity_and_notify(own_paths[i].disk, sectors);
	}
	mutex_unlock(&own_lock);
	return ret;
}

static const struct kernel_param_ops own_capacity_ops = {
	.set	= own_capacity_set,
};
module_param_cb(capacity, &own_capacity_ops, NULL, 0200);
MODULE_PARM_DESC(capacity, "write \"<path> <sectors>\" to resize a path's disk");

static int own_stats_get(char *buf, const struct kernel_param *kp)
{
	struct mpath_device_stats st;
	struct mpath_head_stats hs;
	unsigned int i;
	int len = 0;

	mutex_lock(&own_lock);
	if (!own_up)
		goto out_unlock;
	mpath_head_read_stats(&own_head, &hs);
	len += sysfs_emit_at(buf, len,
			     "head queued %u requeue_no_usable_path %llu\n",
			     hs.queued, hs.requeue_no_usable_path);
	for (i = 0; i < nr_paths; i++) {
		struct mpath_device *mdev = &own_paths[i].mdev;

		mpath_device_read_stats(mdev, &st);
		len += sysfs_emit_at(buf, len,
				     "p%u failed %d submitted %llu inflight %u errors %llu failovers %llu\n",
				     i, mpath_device_failed(mdev), st.submitted,
				     mpath_device_inflight(mdev), st.errors,
				     st.failovers);
	}
out_unlock:
	mutex_unlock(&own_lock);
	return len;
}

static const struct kernel_param_ops own_stats_ops = {
	.get	= own_stats_get,
};
module_param_cb(stats, &own_stats_ops, NULL, 0444);
MODULE_PARM_DESC(stats, "the library's counters of each path");

/* the data of @bio to or from the store */
static blk_status_t own_rw(struct bio *bio)
{
	switch (bio_op(bio)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		break;
	case REQ_OP_FLUSH:
		return BLK_STS_OK;
	default:
		return BLK_STS_NOTSUPP;
	}
	if (bio_end_sector(bio) > own_sectors)
		return BLK_STS_IOERR;
	if (own_touches(bio, READ_ONCE(medium_start), READ_ONCE(medium_count)))
		return BLK_STS_MEDIUM;
	memstore_copy(own_store, bio);
	return BLK_STS_OK;
}

static void own_submit_bio(struct bio *bio)
{
	struct own_path *p = bio->bi_bdev->bd_disk->private_data;
	blk_status_t status;

	/* remap mode: a bio of the head is in flight on the path from here */
	if (own_template.remap)
		mpath_bio_start(&p->mdev, bio);

	if ((READ_ONCE(fail_mask) & BIT(p->index)) ||
	    own_touches(bio, READ_ONCE(transport_start),
			READ_ONCE(transport_count)))
		status = BLK_STS_TRANSPORT;
	else
		status = own_rw(bio);

	/* remap mode: the library takes back what the head sent */
	if (own_template.remap) {
		mpath_bio_endio(&p->mdev, bio, status);
		return;
	}
	if (status)
		bio->bi_status = status;
	bio_endio(bio);
}

static const struct block_device_operations own_fops = {
	.owner		= THIS_MODULE,
	.submit_bio	= own_submit_bio,
};

static int own_create_path(struct own_path *p, unsigned int index)
{
	struct queue_limits lim;
	int ret;

	blk_set_stacking_limits(&lim);
	lim.max_hw_discard_sectors = 0;
	lim.max_discard_sectors = 0;
#ifdef MPATH_HAVE_QUEUE_LIMITS_FEATURES
	if (wc_mask & BIT(index))
		lim.features |= BLK_FEAT_WRITE_CACHE;
#endif
	p->disk = mpath_compat_alloc_disk(&lim, NUMA_NO_NODE, true, true);
	if (IS_ERR(p->disk)) {
		ret = PTR_ERR(p->disk);
		p->disk = NULL;
		return ret;
	}
#ifndef MPATH_HAVE_QUEUE_LIMITS_FEATURES
	blk_queue_write_cache(p->disk->queue, wc_mask & BIT(index), false);
#endif
	p->index = index;
	p->disk->fops = &own_fops;
	p->disk->private_data = p;
	p->disk->flags |= GENHD_FL_NO_PART;
	snprintf(p->disk->disk_name, DISK_NAME_LEN, "mpownp%u", index);
	set_capacity(p->disk, own_sectors);
	ret = device_add_disk(NULL, p->disk, NULL);
	if (ret) {
		put_disk(p->disk);
		p->disk = NULL;
	}
	return ret;
}

static void own_teardown(void)
{
	unsigned int i;

	if (own_head.disk)
		mpath_remove_disk(&own_head);
	for (i = 0; i < OWN_MAX_PATHS; i++) {
		struct own_path *p = &own_paths[i];

		/* waits for the bios in flight on the path */
		if (p->added)
			mpath_delete_device(&p->mdev);
		p->added = false;
	}
	/*
	 * A bio of the head may still be on its way to a path's device: the
	 * path (and the head its failover would go to) stays valid until the
	 * path's device is gone, see mpath_bio_start().
	 */
	for (i = 0; i < OWN_MAX_PATHS; i++) {
		struct own_path *p = &own_paths[i];

		if (p->disk) {
			del_gendisk(p->disk);
			put_disk(p->disk);
		}
		p->disk = NULL;
	}
	if (own_head.disk)
		mpath_put_disk(&own_head);
	mpath_head_uninit(&own_head);
}

static int __init own_init(void)
{
	unsigned int i;
	int ret;

	if (!nr_paths || nr_paths > OWN_MAX_PATHS) {
		pr_err("nr_paths=%u: must be 1-%d\n", nr_paths, OWN_MAX_PATHS);
		return -EINVAL;
	}
	if (!size_mb || size_mb > 1024) {
		pr_err("size_mb=%u: must be 1-1024\n", size_mb);
		return -EINVAL;
	}
	own_template.device_groups = own_disk_groups;
	if (!strcmp(mode, "remap")) {
		own_template.remap = true;
	} else if (strcmp(mode, "clone")) {
		pr_err("mode=%s: must be remap or clone\n", mode);
		return -EINVAL;
	}
	ret = mpath_iopolicy_parse(iopolicy);
	if (ret < 0) {
		pr_err("iopolicy=%s: not a policy\n", iopolicy);
		return ret;
	}
	own_iopolicy = ret;

	own_sectors = (sector_t)size_mb << (20 - SECTOR_SHIFT);
	own_store = vzalloc((size_t)size_mb << 20);
	if (!own_store)
		return -ENOMEM;

	ret = mpath_head_init(&own_head, &own_template, &own_iopolicy,
			      THIS_MODULE);
	if (ret)
		goto out_free_store;
	ret = mpath_alloc_head_disk(&own_head, NULL, NUMA_NO_NODE);
	if (ret) {
		mpath_head_uninit(&own_head);
		goto out_free_store;
	}
	strscpy(own_head.disk->disk_name, "mpown0", DISK_NAME_LEN);
	mpath_set_queue_if_no_path(&own_head, queue_if_no_path);

	for (i = 0; i < nr_paths; i++) {
		struct own_path *p = &own_paths[i];

		ret = own_create_path(p, i);
		if (ret)
			goto out_teardown;
		ret = mpath_add_device(&own_head, &p->mdev, p->disk->part0,
				       NUMA_NO_NODE);
		if (ret)
			goto out_teardown;
		p->added = true;
		ret = mpath_device_set_live(&p->mdev);
		if (ret)
			goto out_teardown;
	}
	mutex_lock(&own_lock);
	own_up = true;
	mutex_unlock(&own_lock);
	pr_info("%s: %u paths, %s mode\n", own_head.disk->disk_name, nr_paths,
		own_template.remap ? "remap" : "clone");
	return 0;

out_teardown:
	pr_err("setting up path %u failed: %d\n", i, ret);
	own_teardown();
out_free_store:
	vfree(own_store);
	return ret;
}

static void __exit own_exit(void)
{
	mutex_lock(&own_lock);
	own_up = false;
	mutex_unlock(&own_lock);
	own_teardown();
	vfree(own_store);
}

module_init(own_init);
module_exit(own_exit);
MODULE_DESCRIPTION("libmultipath test driver whose paths are its own devices (remap mode)");
MODULE_LICENSE("GPL");
MPATH_IMPORT_NS();
