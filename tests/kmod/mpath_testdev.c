// SPDX-License-Identifier: GPL-2.0
/*
 * mpath_testdev - test-only in-memory bio-based block devices that
 * implement what no stock path device of the test kernels does:
 * persistent reservations with per-path registrations, getgeo,
 * get_unique_id, a private ioctl, any completion status on a sector range,
 * and paths that differ in NOWAIT and discard support.  The guest tests
 * stack them as paths of an mpathdemo head and compare what the head
 * answers with what the paths answer.
 *
 * "insmod mpath_testdev.ko nr_devices=2 size_mb=16" creates /dev/mptest0
 * and /dev/mptest1.  All devices share one data store and one reservation
 * state: they are paths to the same device, and they answer the same
 * EUI-64 (ids=distinct makes it differ per device, as different devices
 * would).  What tells the paths apart is deliberately per device, so that
 * a test sees which path answered:
 *	- MPTEST_IOC_WHO (_IOR('M', 0xa0, __u32)) returns its index;
 *	- getgeo answers 8 + index heads, 32 sectors;
 * and every device counts the calls it served in
 * /sys/block/mptest<N>/mptest/{index,unique_id,unique_id_calls,pr_calls,
 * ioctl_calls,compat_ioctl_calls,pr_state,refused} (refused: bios for a
 * feature the device lacks, which a head must never send it).
 *
 * /sys/block/mptest<N>/mptest/inject takes "<status> <start> <count>":
 * every bio of that device touching sectors [start, start + count)
 * completes with the named blk_status_t (medium, nospc, inval, again,
 * transport, ...; see mptest_status_names[]); "none" stops it.
 *
 * Reservations follow SCSI-3 PR in a simplified form (pr_model=scsi, the
 * default): each device is one I_T nexus with its own registration; a
 * reservation has a holder (key and nexus) and a type; a read or write
 * the type forbids to a nexus fails with BLK_STS_RESV_CONFLICT.  With
 * pr_model=nvme a registration belongs to the host: all devices share
 * one.  A conflicting PR command returns 0x18 (the SCSI RESERVATION
 * CONFLICT status), as SCSI does.
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

#include <libmultipath/compat.h>

#include "compat/compat.h"
#include "memstore.h"

#define MPTEST_IOC_WHO		_IOR('M', 0xa0, __u32)
#define MPTEST_MAX_DEVICES	8
#define MPTEST_PR_CONFLICT	0x18

static unsigned int nr_devices = 2;
module_param(nr_devices, uint, 0444);
MODULE_PARM_DESC(nr_devices, "number of devices (paths), 1-8 (default 2)");

static unsigned int size_mb = 16;
module_param(size_mb, uint, 0444);
MODULE_PARM_DESC(size_mb, "size of the shared store in MiB, 1-256 (default 16)");

static char *ids = "shared";
module_param(ids, charp, 0444);
MODULE_PARM_DESC(ids, "shared (default: one device) or distinct (an EUI-64 per device)");

static char *pr_model = "scsi";
module_param(pr_model, charp, 0444);
MODULE_PARM_DESC(pr_model, "scsi (default: a registration per device) or nvme (one per host)");

static unsigned int max_sectors_kb;
module_param(max_sectors_kb, uint, 0444);
MODULE_PARM_DESC(max_sectors_kb, "largest I/O in KiB (default 0: no limit)");

static unsigned int nowait_mask = ~0U;
module_param(nowait_mask, uint, 0444);
MODULE_PARM_DESC(nowait_mask, "bit N: device N takes REQ_NOWAIT (default all)");

static unsigned int discard_mask;
module_param(discard_mask, uint, 0444);
MODULE_PARM_DESC(discard_mask, "bit N: device N supports discard (default none)");

static char *name = "mptest";
module_param(name, charp, 0444);
MODULE_PARM_DESC(name, "disk name prefix (default mptest)");

/**
 * struct mptest_pr - the reservation state all devices share
 * @lock: protects the fields below
 * @generation: bumped by every change of the registrations
 * @keys: per I_T nexus (device index), its registered key, 0 for none;
 *	with pr_model=nvme only entry 0 is used (the host's)
 * @holder: key of the reservation holder, 0 if not reserved
 * @holder_nexus: the nexus that holds the reservation
 * @type: type of the reservation while @holder is set
 */
struct mptest_pr {
	spinlock_t lock;	/* protects the fields below */
	u32 generation;
	u64 keys[MPTEST_MAX_DEVICES];
	u64 holder;
	unsigned int holder_nexus;
	enum pr_type type;
};

/**
 * struct mptest_inject - a completion status for a sector range
 * @status: the status, 0 for none
 * @start: first sector
 * @count: number of sectors
 */
struct mptest_inject {
	blk_status_t status;
	sector_t start;
	sector_t count;
};

/**
 * struct mptest_dev - one device
 * @disk: its gendisk
 * @index: N of mptest<N>
 * @pr_calls: reservation operations it served
 * @ioctl_calls: private ioctls it served
 * @compat_ioctl_calls: of those, through its compat_ioctl
 * @unique_id_calls: get_unique_id calls it served
 * @refused: bios it refused because it lacks the feature (discard)
 * @inject_lock: protects @inject
 * @inject: the injected status
 */
struct mptest_dev {
	struct gendisk *disk;
	unsigned int index;
	atomic_t pr_calls;
	atomic_t ioctl_calls;
	atomic_t compat_ioctl_calls;
	atomic_t unique_id_calls;
	atomic_t refused;
	spinlock_t inject_lock;	/* protects inject */
	struct mptest_inject inject;
};

static struct mptest_pr mptest_pr = {
	.lock = __SPIN_LOCK_UNLOCKED(mptest_pr.lock),
};

static struct mptest_dev *mptest_devs[MPTEST_MAX_DEVICES];
static void *mptest_store;
static sector_t mptest_sectors;
static bool mptest_distinct_ids;
static bool mptest_pr_host;

static const struct {
	const char *name;
	blk_status_t status;
} mptest_status_names[] = {
	{ "notsupp", BLK_STS_NOTSUPP },
	{ "timeout", BLK_STS_TIMEOUT },
	{ "nospc", BLK_STS_NOSPC },
	{ "transport", BLK_STS_TRANSPORT },
	{ "target", BLK_STS_TARGET },
	{ "resv_conflict", BLK_STS_RESV_CONFLICT },
	{ "medium", BLK_STS_MEDIUM },
	{ "protection", BLK_STS_PROTECTION },
	{ "resource", BLK_STS_RESOURCE },
	{ "ioerr", BLK_STS_IOERR },
	{ "again", BLK_STS_AGAIN },
	{ "dev_resource", BLK_STS_DEV_RESOURCE },
	{ "zone_open_resource", BLK_STS_ZONE_OPEN_RESOURCE },
	{ "zone_active_resource", BLK_STS_ZONE_ACTIVE_RESOURCE },
	{ "offline", BLK_STS_OFFLINE },
#ifdef BLK_STS_DURATION_LIMIT
	{ "duration_limit", BLK_STS_DURATION_LIMIT },
#endif
#ifdef BLK_STS_INVAL
	{ "inval", BLK_STS_INVAL },
#endif
};

/* the nexus of a device: its own (SCSI) or the host's (NVMe) */
static unsigned int mptest_nexus(unsigned int index)
{
	return mptest_pr_host ? 0 : index;
}

/* may this nexus do this I/O under the reservation?  pr lock held */
static bool mptest_pr_allows(unsigned int nexus, bool write)
{
	if (!mptest_pr.holder)
		return true;
	switch (mptest_pr.type) {
	case PR_WRITE_EXCLUSIVE:
		return !write || nexus == mptest_pr.holder_nexus;
	case PR_EXCLUSIVE_ACCESS:
		return nexus == mptest_pr.holder_nexus;
	case PR_WRITE_EXCLUSIVE_REG_ONLY:
	case PR_WRITE_EXCLUSIVE_ALL_REGS:
		return !write || mptest_pr.keys[nexus];
	case PR_EXCLUSIVE_ACCESS_REG_ONLY:
	case PR_EXCLUSIVE_ACCESS_ALL_REGS:
		return mptest_pr.keys[nexus];
	default:
		return true;
	}
}

static blk_status_t mptest_check(struct mptest_dev *d, struct bio *bio)
{
	sector_t start = bio->bi_iter.bi_sector;
	sector_t end = bio_end_sector(bio);
	blk_status_t status = BLK_STS_OK;
	unsigned long flags;

	spin_lock_irqsave(&d->inject_lock, flags);
	if (d->inject.status && start < d->inject.start + d->inject.count &&
	    end > d->inject.start)
		status = d->inject.status;
	spin_unlock_irqrestore(&d->inject_lock, flags);
	if (status)
		return status;

	if (READ_ONCE(mptest_pr.holder)) {
		spin_lock_irqsave(&mptest_pr.lock, flags);
		if (!mptest_pr_allows(mptest_nexus(d->index),
				      op_is_write(bio_op(bio))))
			status = BLK_STS_RESV_CONFLICT;
		spin_unlock_irqrestore(&mptest_pr.lock, flags);
	}
	return status;
}

static void mptest_submit_bio(struct bio *bio)
{
	struct mptest_dev *d = bio->bi_bdev->bd_disk->private_data;
	sector_t sector = bio->bi_iter.bi_sector;

	bio->bi_status = mptest_check(d, bio);
	if (bio->bi_status)
		goto out_endio;

	switch (bio_op(bio)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		break;
	case REQ_OP_FLUSH:
		goto out_endio;
	case REQ_OP_DISCARD:
		if (!(discard_mask & BIT(d->index))) {
			/* the head must never send what a path cannot do */
			atomic_inc(&d->refused);
			pr_err_ratelimited("mptest%u: discard without discard support\n",
					   d->index);
			bio->bi_status = BLK_STS_NOTSUPP;
			goto out_endio;
		}
		fallthrough;
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
	memstore_copy(mptest_store, bio);
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

/* one device: the same EUI-64 on every path, unless ids=distinct */
static int mptest_fill_id(struct mptest_dev *d, u8 id[16])
{
	memset(id, 0, 8);
	memcpy(id, "MPTS", 4);
	if (mptest_distinct_ids)
		id[7] = d->index;
	return 8;
}

static int mptest_get_unique_id(struct gendisk *disk, u8 id[16],
				enum blk_unique_id type)
{
	struct mptest_dev *d = disk->private_data;

	atomic_inc(&d->unique_id_calls);
	if (type != BLK_UID_EUI64)
		return -EOPNOTSUPP;
	return mptest_fill_id(d, id);
}

/* ---- persistent reservations, on the shared state ---- */

static unsigned int mptest_pr_nexus(struct block_device *bdev)
{
	struct mptest_dev *d = mptest_bdev(bdev);

	atomic_inc(&d->pr_calls);
	return mptest_nexus(d->index);
}

static int mptest_pr_register(struct block_device *bdev, u64 old_key,
			      u64 new_key, u32 flags)
{
	unsigned int n = mptest_pr_nexus(bdev);
	int ret = 0;

	spin_lock(&mptest_pr.lock);
	if (!(flags & PR_FL_IGNORE_KEY) && mptest_pr.keys[n] != old_key) {
		ret = MPTEST_PR_CONFLICT;
		goto out_unlock;
	}
	mptest_pr.keys[n] = new_key;
	/* an unregistered holder loses its reservation */
	if (!new_key && mptest_pr.holder && mptest_pr.holder_nexus == n)
		mptest_pr.holder = 0;
	mptest_pr.generation++;
out_unlock:
	spin_unlock(&mptest_pr.lock);
	return ret;
}

static int mptest_pr_reserve(struct block_device *bdev, u64 key,
			     enum pr_type type, u32 flags)
{
	unsigned int n = mptest_pr_nexus(bdev);
	int ret = 0;

	spin_lock(&mptest_pr.lock);
	if (!key || mptest_pr.keys[n] != key ||
	    (mptest_pr.holder &&
	     (mptest_pr.holder_nexus != n || mptest_pr.type != type))) {
		ret = MPTEST_PR_CONFLICT;
		goto out_unlock;
	}
	mptest_pr.holder = key;
	mptest_pr.holder_nexus = n;
	mptest_pr.type = type;
out_unlock:
	spin_unlock(&mptest_pr.lock);
	return ret;
}

static int mptest_pr_release(struct block_device *bdev, u64 key,
			     enum pr_type type)
{
	unsigned int n = mptest_pr_nexus(bdev);
	int ret = 0;

	spin_lock(&mptest_pr.lock);
	if (!key || mptest_pr.keys[n] != key) {
		ret = MPTEST_PR_CONFLICT;
	} else if (mptest_pr.holder && mptest_pr.holder_nexus == n) {
		if (mptest_pr.type != type)
			ret = -EINVAL;
		else
			mptest_pr.holder = 0;
	}
	spin_unlock(&mptest_pr.lock);
	return ret;
}

static int mptest_pr_preempt(struct block_device *bdev, u64 old_key,
			     u64 new_key, enum pr_type type, bool abort)
{
	unsigned int n = mptest_pr_nexus(bdev), i;
	int ret = 0;

	spin_lock(&mptest_pr.lock);
	if (!old_key || mptest_pr.keys[n] != old_key) {
		ret = MPTEST_PR_CONFLICT;
		goto out_unlock;
	}
	if (mptest_pr.holder == new_key) {
		mptest_pr.holder = old_key;
		mptest_pr.holder_nexus = n;
		mptest_pr.type = type;
	}
	if (new_key != old_key) {
		for (i = 0; i < MPTEST_MAX_DEVICES; i++)
			if (mptest_pr.keys[i] == new_key)
				mptest_pr.keys[i] = 0;
	}
	mptest_pr.generation++;
out_unlock:
	spin_unlock(&mptest_pr.lock);
	return ret;
}

static int mptest_pr_clear(struct block_device *bdev, u64 key)
{
	unsigned int n = mptest_pr_nexus(bdev);
	int ret = 0;

	spin_lock(&mptest_pr.lock);
	if (!key || mptest_pr.keys[n] != key) {
		ret = MPTEST_PR_CONFLICT;
	} else {
		memset(mptest_pr.keys, 0, sizeof(mptest_pr.keys));
		mptest_pr.holder = 0;
		mptest_pr.generation++;
	}
	spin_unlock(&mptest_pr.lock);
	return ret;
}

#ifdef MPATH_HAVE_PR_READ_KEYS
/* one key per registration, in nexus order */
static int mptest_pr_read_keys(struct block_device *bdev,
			       struct pr_keys *keys_info)
{
	unsigned int i, nr = 0;

	mptest_pr_nexus(bdev);
	spin_lock(&mptest_pr.lock);
	for (i = 0; i < MPTEST_MAX_DEVICES; i++) {
		if (!mptest_pr.keys[i])
			continue;
		if (nr < keys_info->num_keys)
			keys_info->keys[nr] = mptest_pr.keys[i];
		nr++;
	}
	keys_info->num_keys = nr;
	keys_info->generation = mptest_pr.generation;
	spin_unlock(&mptest_pr.lock);
	return 0;
}

static int mptest_pr_read_reservation(struct block_device *bdev,
				      struct pr_held_reservation *rsv)
{
	mptest_pr_nexus(bdev);
	spin_lock(&mptest_pr.lock);
	rsv->key = mptest_pr.holder;
	rsv->type = mptest_pr.holder ? mptest_pr.type : 0;
	rsv->generation = mptest_pr.generation;
	spin_unlock(&mptest_pr.lock);
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

	len = mptest_fill_id(mptest_sysfs_dev(dev), id);
	return sysfs_emit(buf, "eui64 %*phN\n", len, id);
}
static DEVICE_ATTR_RO(unique_id);

static ssize_t unique_id_calls_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&mptest_sysfs_dev(dev)->unique_id_calls));
}
static DEVICE_ATTR_RO(unique_id_calls);

static ssize_t refused_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&mptest_sysfs_dev(dev)->refused));
}
static DEVICE_ATTR_RO(refused);

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

/*
 * "generation G keys K0,K1,... holder H@N type T": the key of each nexus
 * (device index; with pr_model=nvme only the host's) in hex, 0 for none,
 * the holder's key and nexus.
 */
static ssize_t pr_state_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	unsigned int i, nr = mptest_pr_host ? 1 : nr_devices;
	int len;

	spin_lock(&mptest_pr.lock);
	len = sysfs_emit(buf, "generation %u keys ", mptest_pr.generation);
	for (i = 0; i < nr; i++)
		len += sysfs_emit_at(buf, len, "%s0x%llx", i ? "," : "",
				     mptest_pr.keys[i]);
	if (mptest_pr.holder)
		len += sysfs_emit_at(buf, len, " holder 0x%llx@%u type %d\n",
				     mptest_pr.holder, mptest_pr.holder_nexus,
				     mptest_pr.type);
	else
		len += sysfs_emit_at(buf, len, " holder 0x0 type 0\n");
	spin_unlock(&mptest_pr.lock);
	return len;
}
static DEVICE_ATTR_RO(pr_state);

/* "<status> <start> <count>" or "none", see the top of the file */
static ssize_t inject_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct mptest_dev *d = mptest_sysfs_dev(dev);
	struct mptest_inject in = { };
	unsigned long long start, nr;
	char sts[32];
	unsigned int i;

	if (!sysfs_streq(buf, "none")) {
		if (sscanf(buf, "%31s %llu %llu", sts, &start, &nr) != 3) {
			pr_err("inject: \"<status> <start> <count>\" or \"none\"\n");
			return -EINVAL;
		}
		for (i = 0; i < ARRAY_SIZE(mptest_status_names); i++)
			if (!strcmp(sts, mptest_status_names[i].name))
				break;
		if (i == ARRAY_SIZE(mptest_status_names)) {
			pr_err("inject: unknown status %s\n", sts);
			return -EINVAL;
		}
		in.status = mptest_status_names[i].status;
		in.start = start;
		in.count = nr;
	}
	spin_lock_irq(&d->inject_lock);
	d->inject = in;
	spin_unlock_irq(&d->inject_lock);
	return count;
}
static DEVICE_ATTR_WO(inject);

static struct attribute *mptest_attrs[] = {
	&dev_attr_index.attr,
	&dev_attr_unique_id.attr,
	&dev_attr_unique_id_calls.attr,
	&dev_attr_refused.attr,
	&dev_attr_pr_calls.attr,
	&dev_attr_ioctl_calls.attr,
	&dev_attr_compat_ioctl_calls.attr,
	&dev_attr_pr_state.attr,
	&dev_attr_inject.attr,
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
	struct queue_limits lim;
	struct mptest_dev *d;
	int ret;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->index = index;
	spin_lock_init(&d->inject_lock);

	blk_set_stacking_limits(&lim);
	if (max_sectors_kb) {
		lim.max_hw_sectors = max_sectors_kb << 1;
		lim.max_sectors = max_sectors_kb << 1;
	}
	if (discard_mask & BIT(index)) {
		lim.max_hw_discard_sectors = UINT_MAX >> SECTOR_SHIFT;
		lim.max_discard_sectors = UINT_MAX >> SECTOR_SHIFT;
		lim.discard_granularity = SECTOR_SIZE;
	} else {
		lim.max_hw_discard_sectors = 0;
		lim.max_discard_sectors = 0;
	}
	d->disk = mpath_compat_alloc_disk(&lim, NUMA_NO_NODE,
					  nowait_mask & BIT(index), true);
	if (IS_ERR(d->disk)) {
		ret = PTR_ERR(d->disk);
		goto out_free_dev;
	}
	/* major 0, minors 0: an extended dev_t is allocated on add */
	d->disk->fops = &mptest_fops;
	d->disk->private_data = d;
	d->disk->flags |= GENHD_FL_NO_PART;
	snprintf(d->disk->disk_name, DISK_NAME_LEN, "%s%u", name, index);
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
	if (!strcmp(ids, "distinct")) {
		mptest_distinct_ids = true;
	} else if (strcmp(ids, "shared")) {
		pr_err("ids=%s: must be shared or distinct\n", ids);
		return -EINVAL;
	}
	if (!strcmp(pr_model, "nvme")) {
		mptest_pr_host = true;
	} else if (strcmp(pr_model, "scsi")) {
		pr_err("pr_model=%s: must be scsi or nvme\n", pr_model);
		return -EINVAL;
	}
	if (strlen(name) > DISK_NAME_LEN - 4) {
		pr_err("name=%s: too long\n", name);
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
MODULE_DESCRIPTION("libmultipath tests: in-memory paths with reservations, getgeo, unique id, a private ioctl and injected errors");
MODULE_LICENSE("GPL");
