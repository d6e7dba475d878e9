// SPDX-License-Identifier: GPL-2.0
/*
 * mpath_testdev - test-only in-memory bio-based block devices that
 * implement what no stock path device of the test kernels does:
 * persistent reservations, getgeo, get_unique_id and a private ioctl.
 * The guest tests stack them as paths of an mpathdemo head and compare
 * what the head answers with what the paths answer.
 *
 * "insmod mpath_testdev.ko nr_devices=2 size_mb=16" creates /dev/mptest0
 * and /dev/mptest1.  All devices share one data store and one reservation
 * state: they are paths to the same device.  What identifies a device is
 * deliberately per device, so that a test sees which path answered:
 *	- MPTEST_IOC_WHO (_IOR('M', 0xa0, __u32)) returns its index;
 *	- getgeo answers 8 + index heads, 32 sectors;
 *	- get_unique_id answers the EUI-64 4d50545300000<index>;
 * and every device counts the calls it served in
 * /sys/block/mptest<N>/mptest/{index,unique_id,pr_calls,ioctl_calls,
 * compat_ioctl_calls,pr_state}.
 *
 * Reservations follow SCSI-3 PR in a simplified form: one initiator (all
 * paths are one host), a set of registered keys, one holder.  A conflict
 * returns 0x18 (the SCSI RESERVATION CONFLICT status), as SCSI does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/blkdev.h>
#include <linux/compat.h>
#include <linux/highmem.h>
#include <linux/pr.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "compat/compat.h"

#define MPTEST_IOC_WHO		_IOR('M', 0xa0, __u32)
#define MPTEST_MAX_DEVICES	8
#define MPTEST_MAX_KEYS		16
#define MPTEST_PR_CONFLICT	0x18

static unsigned int nr_devices = 2;
module_param(nr_devices, uint, 0444);
MODULE_PARM_DESC(nr_devices, "number of devices (paths), 1-8 (default 2)");

static unsigned int size_mb = 16;
module_param(size_mb, uint, 0444);
MODULE_PARM_DESC(size_mb, "size of the shared store in MiB, 1-256 (default 16)");

/**
 * struct mptest_pr - the reservation state all devices share
 * @lock: protects the fields below
 * @generation: bumped by every change
 * @keys: registered keys
 * @nr_keys: entries of @keys in use
 * @holder: key of the reservation holder, 0 if not reserved
 * @type: type of the reservation while @holder is set
 */
struct mptest_pr {
	struct mutex lock;	/* protects the fields below */
	u32 generation;
	u64 keys[MPTEST_MAX_KEYS];
	unsigned int nr_keys;
	u64 holder;
	enum pr_type type;
};

/**
 * struct mptest_dev - one device
 * @disk: its gendisk
 * @index: N of mptest<N>
 * @pr_calls: reservation operations it served
 * @ioctl_calls: private ioctls it served
 * @compat_ioctl_calls: of those, through its compat_ioctl
 */
struct mptest_dev {
	struct gendisk *disk;
	unsigned int index;
	atomic_t pr_calls;
	atomic_t ioctl_calls;
	atomic_t compat_ioctl_calls;
};

static struct mptest_pr mptest_pr = {
	.lock = __MUTEX_INITIALIZER(mptest_pr.lock),
};

static struct mptest_dev *mptest_devs[MPTEST_MAX_DEVICES];
static void *mptest_store;
static sector_t mptest_sectors;

static void mptest_submit_bio(struct bio *bio)
{
	sector_t sector = bio->bi_iter.bi_sector;
	bool write = op_is_write(bio_op(bio));
	struct bvec_iter iter;
	struct bio_vec bv;

	switch (bio_op(bio)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		break;
	case REQ_OP_WRITE_ZEROES:
		if (bio_end_sector(bio) > mptest_sectors)
			goto out_ioerr;
		memset(mptest_store + (sector << SECTOR_SHIFT), 0,
		       bio->bi_iter.bi_size);
		goto out_endio;
	default:
		bio->bi_status = BLK_STS_NOTSUPP;
		goto out_endio;
	}

	if (bio_end_sector(bio) > mptest_sectors)
		goto out_ioerr;
	bio_for_each_segment(bv, bio, iter) {
		void *store = mptest_store + (sector << SECTOR_SHIFT);
		void *p = bvec_kmap_local(&bv);

		if (write)
			memcpy(store, p, bv.bv_len);
		else
			memcpy(p, store, bv.bv_len);
		kunmap_local(p);
		sector += bv.bv_len >> SECTOR_SHIFT;
	}
	goto out_endio;

out_ioerr:
	bio->bi_status = BLK_STS_IOERR;
out_endio:
	bio_endio(bio);
}

static struct mptest_dev *mptest_bdev(struct block_device *bdev)
{
	return bdev->bd_disk->private_data;
}

static int mptest_who(struct mptest_dev *d, unsigned int cmd,
		      void __user *argp)
{
	if (cmd != MPTEST_IOC_WHO)
		return -ENOTTY;
	atomic_inc(&d->ioctl_calls);
	return put_user((u32)d->index, (u32 __user *)argp);
}

static int mptest_ioctl(struct block_device *bdev, mpath_compat_mode_t mode,
			unsigned int cmd, unsigned long arg)
{
	return mptest_who(mptest_bdev(bdev), cmd, (void __user *)arg);
}

#ifdef CONFIG_COMPAT
/* a driver with its own compat handler: the head must call this one */
static int mptest_compat_ioctl(struct block_device *bdev,
			       mpath_compat_mode_t mode, unsigned int cmd,
			       unsigned long arg)
{
	struct mptest_dev *d = mptest_bdev(bdev);

	if (cmd == MPTEST_IOC_WHO)
		atomic_inc(&d->compat_ioctl_calls);
	return mptest_who(d, cmd, compat_ptr(arg));
}
#endif

static int mptest_getgeo_disk(struct gendisk *disk, struct hd_geometry *geo)
{
	struct mptest_dev *d = disk->private_data;

	geo->heads = 8 + d->index;
	geo->sectors = 32;
	geo->cylinders = get_capacity(disk) / (geo->heads * geo->sectors);
	return 0;
}

MPATH_COMPAT_DEFINE_BDOPS_GETGEO(mptest_getgeo, mptest_getgeo_disk)

static int mptest_get_unique_id(struct gendisk *disk, u8 id[16],
				enum blk_unique_id type)
{
	struct mptest_dev *d = disk->private_data;

	if (type != BLK_UID_EUI64)
		return -EOPNOTSUPP;
	memset(id, 0, 8);
	memcpy(id, "MPTS", 4);
	id[7] = d->index;
	return 8;
}

/* ---- persistent reservations, on the shared state ---- */

static int mptest_pr_find(u64 key)
{
	unsigned int i;

	for (i = 0; i < mptest_pr.nr_keys; i++)
		if (mptest_pr.keys[i] == key)
			return i;
	return -1;
}

static void mptest_pr_remove_key(u64 key)
{
	int i = mptest_pr_find(key);

	if (i < 0)
		return;
	mptest_pr.keys[i] = mptest_pr.keys[--mptest_pr.nr_keys];
	if (mptest_pr.holder == key)
		mptest_pr.holder = 0;
}

static int mptest_pr_register(struct block_device *bdev, u64 old_key,
			      u64 new_key, u32 flags)
{
	int ret = 0;

	atomic_inc(&mptest_bdev(bdev)->pr_calls);
	mutex_lock(&mptest_pr.lock);
	if (!(flags & PR_FL_IGNORE_KEY) && old_key &&
	    mptest_pr_find(old_key) < 0) {
		ret = MPTEST_PR_CONFLICT;
		goto out_unlock;
	}
	if (old_key)
		mptest_pr_remove_key(old_key);
	if (new_key && mptest_pr_find(new_key) < 0) {
		if (mptest_pr.nr_keys == MPTEST_MAX_KEYS) {
			ret = -ENOSPC;
			goto out_unlock;
		}
		mptest_pr.keys[mptest_pr.nr_keys++] = new_key;
	}
	mptest_pr.generation++;
out_unlock:
	mutex_unlock(&mptest_pr.lock);
	return ret;
}

static int mptest_pr_reserve(struct block_device *bdev, u64 key,
			     enum pr_type type, u32 flags)
{
	int ret = 0;

	atomic_inc(&mptest_bdev(bdev)->pr_calls);
	mutex_lock(&mptest_pr.lock);
	if (mptest_pr_find(key) < 0 ||
	    (mptest_pr.holder &&
	     (mptest_pr.holder != key || mptest_pr.type != type))) {
		ret = MPTEST_PR_CONFLICT;
		goto out_unlock;
	}
	mptest_pr.holder = key;
	mptest_pr.type = type;
out_unlock:
	mutex_unlock(&mptest_pr.lock);
	return ret;
}

static int mptest_pr_release(struct block_device *bdev, u64 key,
			     enum pr_type type)
{
	int ret = 0;

	atomic_inc(&mptest_bdev(bdev)->pr_calls);
	mutex_lock(&mptest_pr.lock);
	if (mptest_pr_find(key) < 0) {
		ret = MPTEST_PR_CONFLICT;
	} else if (mptest_pr.holder == key) {
		if (mptest_pr.type != type)
			ret = -EINVAL;
		else
			mptest_pr.holder = 0;
	}
	mutex_unlock(&mptest_pr.lock);
	return ret;
}

static int mptest_pr_preempt(struct block_device *bdev, u64 old_key,
			     u64 new_key, enum pr_type type, bool abort)
{
	int ret = 0;

	atomic_inc(&mptest_bdev(bdev)->pr_calls);
	mutex_lock(&mptest_pr.lock);
	if (mptest_pr_find(old_key) < 0) {
		ret = MPTEST_PR_CONFLICT;
		goto out_unlock;
	}
	if (mptest_pr.holder == new_key) {
		mptest_pr.holder = old_key;
		mptest_pr.type = type;
	}
	if (new_key != old_key)
		mptest_pr_remove_key(new_key);
	mptest_pr.generation++;
out_unlock:
	mutex_unlock(&mptest_pr.lock);
	return ret;
}

static int mptest_pr_clear(struct block_device *bdev, u64 key)
{
	int ret = 0;

	atomic_inc(&mptest_bdev(bdev)->pr_calls);
	mutex_lock(&mptest_pr.lock);
	if (mptest_pr_find(key) < 0) {
		ret = MPTEST_PR_CONFLICT;
	} else {
		mptest_pr.nr_keys = 0;
		mptest_pr.holder = 0;
		mptest_pr.generation++;
	}
	mutex_unlock(&mptest_pr.lock);
	return ret;
}

#ifdef MPATH_HAVE_PR_READ_KEYS
static int mptest_pr_read_keys(struct block_device *bdev,
			       struct pr_keys *keys_info)
{
	unsigned int i;

	atomic_inc(&mptest_bdev(bdev)->pr_calls);
	mutex_lock(&mptest_pr.lock);
	for (i = 0; i < mptest_pr.nr_keys && i < keys_info->num_keys; i++)
		keys_info->keys[i] = mptest_pr.keys[i];
	keys_info->num_keys = mptest_pr.nr_keys;
	keys_info->generation = mptest_pr.generation;
	mutex_unlock(&mptest_pr.lock);
	return 0;
}

static int mptest_pr_read_reservation(struct block_device *bdev,
				      struct pr_held_reservation *rsv)
{
	atomic_inc(&mptest_bdev(bdev)->pr_calls);
	mutex_lock(&mptest_pr.lock);
	rsv->key = mptest_pr.holder;
	rsv->type = mptest_pr.holder ? mptest_pr.type : 0;
	rsv->generation = mptest_pr.generation;
	mutex_unlock(&mptest_pr.lock);
	return 0;
}
#endif

static const struct pr_ops mptest_pr_ops = {
	.pr_register		= mptest_pr_register,
	.pr_reserve		= mptest_pr_reserve,
	.pr_release		= mptest_pr_release,
	.pr_preempt		= mptest_pr_preempt,
	.pr_clear		= mptest_pr_clear,
#ifdef MPATH_HAVE_PR_READ_KEYS
	.pr_read_keys		= mptest_pr_read_keys,
	.pr_read_reservation	= mptest_pr_read_reservation,
#endif
};

static const struct block_device_operations mptest_fops = {
	.owner		= THIS_MODULE,
	.submit_bio	= mptest_submit_bio,
	.ioctl		= mptest_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= mptest_compat_ioctl,
#endif
	.getgeo		= mptest_getgeo,
	.get_unique_id	= mptest_get_unique_id,
	.pr_ops		= &mptest_pr_ops,
};

/* ---- sysfs: /sys/block/mptest<N>/mptest/ ---- */

static struct mptest_dev *mptest_sysfs_dev(struct device *dev)
{
	return dev_to_disk(dev)->private_data;
}

static ssize_t index_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n", mptest_sysfs_dev(dev)->index);
}
static DEVICE_ATTR_RO(index);

/* the same format as mpathdemo's unique_id */
static ssize_t unique_id_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	u8 id[16];
	int len;

	len = mptest_get_unique_id(dev_to_disk(dev), id, BLK_UID_EUI64);
	return sysfs_emit(buf, "eui64 %*phN\n", len, id);
}
static DEVICE_ATTR_RO(unique_id);

static ssize_t pr_calls_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&mptest_sysfs_dev(dev)->pr_calls));
}
static DEVICE_ATTR_RO(pr_calls);

static ssize_t ioctl_calls_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&mptest_sysfs_dev(dev)->ioctl_calls));
}
static DEVICE_ATTR_RO(ioctl_calls);

static ssize_t compat_ioctl_calls_show(struct device *dev,
				       struct device_attribute *attr,
				       char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&mptest_sysfs_dev(dev)->compat_ioctl_calls));
}
static DEVICE_ATTR_RO(compat_ioctl_calls);

/* "generation G keys K1,K2 holder H type T", keys in hex, 0 for none */
static ssize_t pr_state_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	unsigned int i;
	int len;

	mutex_lock(&mptest_pr.lock);
	len = sysfs_emit(buf, "generation %u keys ", mptest_pr.generation);
	for (i = 0; i < mptest_pr.nr_keys; i++)
		len += sysfs_emit_at(buf, len, "%s0x%llx", i ? "," : "",
				     mptest_pr.keys[i]);
	if (!mptest_pr.nr_keys)
		len += sysfs_emit_at(buf, len, "-");
	len += sysfs_emit_at(buf, len, " holder 0x%llx type %d\n",
			     mptest_pr.holder,
			     mptest_pr.holder ? mptest_pr.type : 0);
	mutex_unlock(&mptest_pr.lock);
	return len;
}
static DEVICE_ATTR_RO(pr_state);

static struct attribute *mptest_attrs[] = {
	&dev_attr_index.attr,
	&dev_attr_unique_id.attr,
	&dev_attr_pr_calls.attr,
	&dev_attr_ioctl_calls.attr,
	&dev_attr_compat_ioctl_calls.attr,
	&dev_attr_pr_state.attr,
	NULL,
};

static const struct attribute_group mptest_group = {
	.name	= "mptest",
	.attrs	= mptest_attrs,
};

static const struct attribute_group *mptest_groups[] = {
	&mptest_group,
	NULL,
};

static void mptest_destroy(struct mptest_dev *d)
{
	del_gendisk(d->disk);
	put_disk(d->disk);
	kfree(d);
}

static int mptest_create(unsigned int index)
{
	struct mptest_dev *d;
	int ret;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->index = index;

	d->disk = mpath_compat_alloc_disk(NULL, NUMA_NO_NODE);
	if (IS_ERR(d->disk)) {
		ret = PTR_ERR(d->disk);
		goto out_free_dev;
	}
	/* major 0, minors 0: an extended dev_t is allocated on add */
	d->disk->fops = &mptest_fops;
	d->disk->private_data = d;
	d->disk->flags |= GENHD_FL_NO_PART;
	snprintf(d->disk->disk_name, DISK_NAME_LEN, "mptest%u", index);
	set_capacity(d->disk, mptest_sectors);

	ret = device_add_disk(NULL, d->disk, mptest_groups);
	if (ret)
		goto out_put_disk;
	mptest_devs[index] = d;
	return 0;

out_put_disk:
	put_disk(d->disk);
out_free_dev:
	kfree(d);
	return ret;
}

static void mptest_destroy_all(void)
{
	unsigned int i;

	for (i = 0; i < MPTEST_MAX_DEVICES; i++) {
		if (mptest_devs[i])
			mptest_destroy(mptest_devs[i]);
		mptest_devs[i] = NULL;
	}
}

static int __init mptest_init(void)
{
	unsigned int i;
	int ret;

	if (!nr_devices || nr_devices > MPTEST_MAX_DEVICES) {
		pr_err("nr_devices=%u: must be 1-%d\n", nr_devices,
		       MPTEST_MAX_DEVICES);
		return -EINVAL;
	}
	if (!size_mb || size_mb > 256) {
		pr_err("size_mb=%u: must be 1-256\n", size_mb);
		return -EINVAL;
	}
	mptest_sectors = (sector_t)size_mb << (20 - SECTOR_SHIFT);
	mptest_store = vzalloc((size_t)size_mb << 20);
	if (!mptest_store)
		return -ENOMEM;

	for (i = 0; i < nr_devices; i++) {
		ret = mptest_create(i);
		if (ret) {
			pr_err("creating mptest%u failed: %d\n", i, ret);
			goto out_destroy;
		}
	}
	return 0;

out_destroy:
	mptest_destroy_all();
	vfree(mptest_store);
	return ret;
}

static void __exit mptest_exit(void)
{
	mptest_destroy_all();
	vfree(mptest_store);
}

module_init(mptest_init);
module_exit(mptest_exit);
MODULE_DESCRIPTION("libmultipath tests: in-memory paths with reservations, getgeo, unique id and a private ioctl");
MODULE_LICENSE("GPL");
