/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The compat layer: the only place that knows kernel API differences.
 *
 * Every MPATH_HAVE_* comes from a compile probe in probes/ (one file per
 * upstream change, run by Kbuild with the target kernel's own flags).  The
 * wrappers below offer the newest API shape; older kernels are backfilled
 * here, so .c files call them unconditionally.  No LINUX_VERSION_CODE.
 */
#ifndef _MPATH_COMPAT_H
#define _MPATH_COMPAT_H

#include <mpath-generated.h>

#include <linux/blkdev.h>
#include <linux/blk-mq.h>
#include <linux/bio.h>
#include <linux/fs.h>
#include <linux/hdreg.h>
#include <linux/pr.h>
#include <linux/slab.h>

#ifndef MPATH_HAVE_SANE_ALWAYS_PASS
#error "compat probes: the always-pass probe failed (see probes/*.h.log)"
#endif
#ifdef MPATH_HAVE_SANE_ALWAYS_FAIL
#error "compat probes: the always-fail probe compiled: results are void"
#endif
#ifdef MPATH_HAVE_IN_KERNEL_LIBMULTIPATH
#error "this kernel ships <linux/multipath.h>: use its in-tree libmultipath"
#endif

/*
 * Symbol namespace: an identifier before 6.13, a string literal after.
 * Exports are namespaced so they can never clash with an in-tree library:
 * export with EXPORT_SYMBOL_NS_GPL(sym, MPATH_NS).
 */
#ifdef MPATH_HAVE_MODULE_IMPORT_NS_IDENTIFIER
#define MPATH_NS LIBMULTIPATH
#else
#define MPATH_NS "LIBMULTIPATH"
#endif
/* a driver imports it with MPATH_IMPORT_NS() of <libmultipath/compat.h> */

/*
 * Internals the KUnit suites test directly, exported (in a namespace of
 * their own) only in the test build (make check: MPATH_TESTS=m).
 */
#ifdef MPATH_KUNIT_EXPORTS
#ifdef MPATH_HAVE_MODULE_IMPORT_NS_IDENTIFIER
#define MPATH_EXPORT_FOR_KUNIT(sym) EXPORT_SYMBOL_NS_GPL(sym, LIBMULTIPATH_KUNIT)
#else
#define MPATH_EXPORT_FOR_KUNIT(sym) EXPORT_SYMBOL_NS_GPL(sym, "LIBMULTIPATH_KUNIT")
#endif
#else
#define MPATH_EXPORT_FOR_KUNIT(sym)
#endif

/*
 * ---- the per-CPU bio cache for clones ----
 * Clones complete in the path's completion context, often an interrupt:
 * only from v6.2 on may a bio of a per-CPU cache be put there.  Before,
 * the head's bioset has no cache and no clone asks for one.
 */
#ifdef MPATH_HAVE_BIO_CACHE_IRQ
#define MPATH_BIOSET_FLAGS	BIOSET_PERCPU_CACHE
#define MPATH_REQ_ALLOC_CACHE	REQ_ALLOC_CACHE
#else
#define MPATH_BIOSET_FLAGS	0
#define MPATH_REQ_ALLOC_CACHE	((__force blk_opf_t)0)
#endif

/* ---- open modes: fmode_t and FMODE_* became blk_mode_t and BLK_OPEN_* ---- */
#ifdef MPATH_HAVE_BDOPS_OPEN_TAKES_GENDISK
typedef blk_mode_t mpath_compat_mode_t;
#define MPATH_COMPAT_MODE_WRITE BLK_OPEN_WRITE
#else
typedef fmode_t mpath_compat_mode_t;
#define MPATH_COMPAT_MODE_WRITE FMODE_WRITE
#endif

/* ---- BLK_STS_RESV_CONFLICT was BLK_STS_NEXUS before 6.5 ---- */
#ifndef MPATH_HAVE_BLK_STS_RESV_CONFLICT
#define BLK_STS_RESV_CONFLICT BLK_STS_NEXUS
#endif

/* ---- queue freeze: 6.14+ returns memflags to hand back on unfreeze ---- */
static inline unsigned int mpath_compat_freeze_queue(struct request_queue *q)
{
#ifdef MPATH_HAVE_FREEZE_RETURNS_MEMFLAGS
	return blk_mq_freeze_queue(q);
#else
	blk_mq_freeze_queue(q);
	return 0;
#endif
}

static inline void mpath_compat_unfreeze_queue(struct request_queue *q,
					       unsigned int memflags)
{
#ifdef MPATH_HAVE_FREEZE_RETURNS_MEMFLAGS
	blk_mq_unfreeze_queue(q, memflags);
#else
	blk_mq_unfreeze_queue(q);
#endif
}

/* ---- persistent reservations: the read callouts are 6.5+ ---- */
#ifdef MPATH_HAVE_PR_READ_KEYS
static inline int mpath_compat_pr_read_keys(const struct pr_ops *ops,
					    struct block_device *bdev,
					    struct pr_keys *keys)
{
	return ops->pr_read_keys ? ops->pr_read_keys(bdev, keys) : -EOPNOTSUPP;
}

static inline int
mpath_compat_pr_read_reservation(const struct pr_ops *ops,
				 struct block_device *bdev,
				 struct pr_held_reservation *rsv)
{
	return ops->pr_read_reservation ?
	       ops->pr_read_reservation(bdev, rsv) : -EOPNOTSUPP;
}

/* the read callouts of a struct pr_ops initializer */
#define MPATH_COMPAT_PR_READ_OPS(keys, rsv)				\
	.pr_read_keys = (keys), .pr_read_reservation = (rsv),

/*
 * Is @key among the keys registered with @bdev's device (READ KEYS lists
 * every nexus's)?  1 or 0, or a negative errno when it cannot be told.
 */
static inline int mpath_compat_pr_key_registered(const struct pr_ops *ops,
						 struct block_device *bdev,
						 u64 key)
{
	const u32 room = 64;
	struct pr_keys *k;
	u32 i;
	int ret;

	if (!ops->pr_read_keys)
		return -EOPNOTSUPP;
	k = kzalloc(struct_size(k, keys, room), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	k->num_keys = room;
	ret = ops->pr_read_keys(bdev, k);
	if (!ret) {
		for (i = 0; i < min(k->num_keys, room); i++)
			if (k->keys[i] == key)
				ret = 1;
		/* more keys than room: cannot tell it is not among them */
		if (!ret && k->num_keys > room)
			ret = -E2BIG;
	}
	kfree(k);
	return ret;
}
#else
struct pr_keys;
struct pr_held_reservation;

static inline int mpath_compat_pr_read_keys(const struct pr_ops *ops,
					    struct block_device *bdev,
					    struct pr_keys *keys)
{
	return -EOPNOTSUPP;
}

static inline int
mpath_compat_pr_read_reservation(const struct pr_ops *ops,
				 struct block_device *bdev,
				 struct pr_held_reservation *rsv)
{
	return -EOPNOTSUPP;
}

#define MPATH_COMPAT_PR_READ_OPS(keys, rsv)

static inline int mpath_compat_pr_key_registered(const struct pr_ops *ops,
						 struct block_device *bdev,
						 u64 key)
{
	return -EOPNOTSUPP;
}
#endif

/* ---- block_device_operations prototypes for the head disk ---- */

/*
 * ->open took the block_device and ->release an fmode_t before 6.5; the
 * adapters call impl(disk, mode) and impl(disk) on every kernel.
 */
#ifdef MPATH_HAVE_BDOPS_OPEN_TAKES_GENDISK
#define MPATH_COMPAT_DEFINE_BDOPS_OPEN(name, impl)			\
static int name(struct gendisk *disk, blk_mode_t mode)			\
{									\
	return impl(disk, mode);					\
}

#define MPATH_COMPAT_DEFINE_BDOPS_RELEASE(name, impl)			\
static void name(struct gendisk *disk)					\
{									\
	impl(disk);							\
}
#else
#define MPATH_COMPAT_DEFINE_BDOPS_OPEN(name, impl)			\
static int name(struct block_device *bdev, fmode_t mode)		\
{									\
	return impl(bdev->bd_disk, mode);				\
}

#define MPATH_COMPAT_DEFINE_BDOPS_RELEASE(name, impl)			\
static void name(struct gendisk *disk, fmode_t mode)			\
{									\
	impl(disk);							\
}
#endif

/* ->getgeo takes the gendisk from 6.18 (the block_device before) */
#ifdef MPATH_HAVE_GETGEO_TAKES_GENDISK
#define MPATH_COMPAT_DEFINE_BDOPS_GETGEO(name, impl)			\
static int name(struct gendisk *disk, struct hd_geometry *geo)		\
{									\
	return impl(disk, geo);						\
}
#else
#define MPATH_COMPAT_DEFINE_BDOPS_GETGEO(name, impl)			\
static int name(struct block_device *bdev, struct hd_geometry *geo)	\
{									\
	return impl(bdev->bd_disk, geo);				\
}
#endif

/* ---- bio-based head disk and its queue limits ---- */

/*
 * Allocate a bio-based disk whose limits start from @base (NULL: the
 * stacking defaults), with I/O accounting if @io_stat and NOWAIT if
 * @nowait.
 * Always returns an ERR_PTR on failure.  Two API changes meet here:
 * blk_alloc_disk() takes the limits from 6.9 (it took a node and returned
 * NULL before), and the features are BLK_FEAT_* limits from 6.11 (queue
 * flags before; a bio-based queue was rotational unless told otherwise).
 * Before max_hw_zone_append_sectors (6.13) a non-zero
 * max_zone_append_sectors on a non-zoned queue is refused as invalid.
 */
static inline struct gendisk *
mpath_compat_alloc_disk(const struct queue_limits *base, int node,
			bool nowait, bool io_stat)
{
	struct gendisk *disk;
#ifdef MPATH_HAVE_BLK_ALLOC_DISK_TAKES_LIMITS
	struct queue_limits lim;

	if (base) {
		lim = *base;
	} else {
		memset(&lim, 0, sizeof(lim));
		blk_set_stacking_limits(&lim);
	}
#ifdef MPATH_HAVE_QUEUE_LIMITS_FEATURES
	if (io_stat)
		lim.features |= BLK_FEAT_IO_STAT;
	if (nowait)
		lim.features |= BLK_FEAT_NOWAIT;
#ifndef MPATH_HAVE_QUEUE_LIMITS_MAX_HW_ZONE_APPEND
	if (!(lim.features & BLK_FEAT_ZONED))
		lim.max_zone_append_sectors = 0;
#endif
#endif
	disk = blk_alloc_disk(&lim, node);
	if (IS_ERR(disk))
		return disk;
#else
	disk = blk_alloc_disk(node);
	if (!disk)
		return ERR_PTR(-ENOMEM);
	if (base)
		disk->queue->limits = *base;
	else
		blk_set_stacking_limits(&disk->queue->limits);
#endif
#ifndef MPATH_HAVE_QUEUE_LIMITS_FEATURES
	blk_queue_flag_set(QUEUE_FLAG_NONROT, disk->queue);
	if (io_stat)
		blk_queue_flag_set(QUEUE_FLAG_IO_STAT, disk->queue);
	else
		blk_queue_flag_clear(QUEUE_FLAG_IO_STAT, disk->queue);
	if (nowait)
		blk_queue_flag_set(QUEUE_FLAG_NOWAIT, disk->queue);
#endif
	return disk;
}

/**
 * struct mpath_compat_limits - limits of a head being restacked
 * @lim: the limits, starting from the stacking defaults
 * @nr: number of paths stacked so far
 * @no_discard: a path cannot discard: neither can the head (stacking
 *	alone would keep the other paths' discard limit)
 * @user_max_sectors: 6.1: a max_sectors the user set on the head
 * @wc: any path has a volatile write cache (6.1; later inherited)
 * @fua: any path supports FUA (6.1)
 * @nonrot: every path is non-rotational (6.1)
 * @stable: any path needs stable pages during writeback (6.1)
 *
 * The head always takes REQ_NOWAIT: a bio for a path that cannot gets
 * -EAGAIN from the library (see "Error classification"), which is better
 * than a feature that comes and goes under an open file.
 */
struct mpath_compat_limits {
	struct queue_limits lim;
	unsigned int nr;
	bool no_discard;
	unsigned int user_max_sectors;
	bool wc, fua, nonrot, stable;
};

#ifdef MPATH_HAVE_QUEUE_LIMITS_FEATURES
/*
 * Commit limits with the queue frozen, inside the limits lock (the order
 * 7.2 requires): queue_limits_commit_update_frozen() does that from 6.14
 * (and 6.12.y); before it, freeze around queue_limits_commit_update().
 */
static inline int mpath_compat_limits_commit_frozen(struct request_queue *q,
						    struct queue_limits *lim)
{
#ifdef MPATH_HAVE_QUEUE_LIMITS_COMMIT_UPDATE_FROZEN
	return queue_limits_commit_update_frozen(q, lim);
#else
	unsigned int memflags = mpath_compat_freeze_queue(q);
	int ret = queue_limits_commit_update(q, lim);

	mpath_compat_unfreeze_queue(q, memflags);
	return ret;
#endif
}

/*
 * BLK_FEAT_* (6.11) came after the atomic limits update API,
 * queue_limits_stack_bdev() and max_user_discard_sectors (6.9) and
 * max_user_sectors (6.3): a kernel with the features has them.
 * Take the limits lock, restart from the stacking defaults and let
 * blk_stack_limits() inherit WRITE_CACHE, FUA, ROTATIONAL, STABLE_WRITES
 * and ZONED.  What the user set on the head (max_sectors_kb,
 * discard_max_bytes, iostats) is kept.  The commit freezes the queue inside the
 * limits lock, which is the order 7.2 requires.
 */
static inline void mpath_compat_limits_start(struct request_queue *q,
					     struct mpath_compat_limits *l,
					     unsigned int last_stacked)
{
	unsigned int user = 0, user_discard = UINT_MAX;
	blk_features_t io_stat;

	l->lim = queue_limits_start_update(q);
	if (last_stacked) {
		user = l->lim.max_user_sectors;
		user_discard = l->lim.max_user_discard_sectors;
	}
	io_stat = l->lim.features & BLK_FEAT_IO_STAT;
	memset(&l->lim, 0, sizeof(l->lim));
	blk_set_stacking_limits(&l->lim);
	l->lim.max_user_sectors = user;
	l->lim.max_user_discard_sectors = user_discard;
	l->lim.features |= io_stat;
	l->nr = 0;
	l->no_discard = false;
}

static inline void mpath_compat_limits_stack(struct mpath_compat_limits *l,
					     struct block_device *bdev,
					     const char *pfx)
{
	queue_limits_stack_bdev(&l->lim, bdev, 0, pfx);
	l->no_discard |= !bdev_max_discard_sectors(bdev);
	l->nr++;
}

static inline int mpath_compat_limits_commit(struct gendisk *disk,
					     struct mpath_compat_limits *l,
					     unsigned int *stacked)
{
	if (!l->nr) {
		queue_limits_cancel_update(disk->queue);
		return 0;
	}
	/*
	 * NOWAIT: see above.  POLL: a polled bio (io_uring IOPOLL) is taken
	 * and completes through the paths' interrupts (the clones are not
	 * polled); without it the block layer fails polled bios.
	 */
	l->lim.features |= BLK_FEAT_NOWAIT | BLK_FEAT_POLL;
	if (l->no_discard)
		l->lim.max_hw_discard_sectors = 0;
#ifndef MPATH_HAVE_QUEUE_LIMITS_MAX_HW_ZONE_APPEND
	if (!(l->lim.features & BLK_FEAT_ZONED))
		l->lim.max_zone_append_sectors = 0;
#endif
	*stacked = 1;
	return mpath_compat_limits_commit_frozen(disk->queue, &l->lim);
}
#else
/*
 * Before BLK_FEAT_* (6.1): stack into a private copy, then install it
 * and the queue flags stacking does not propagate with the queue frozen.  Without
 * QUEUE_FLAG_WC submit_bio_noacct() strips REQ_PREFLUSH and REQ_FUA, and
 * empty flushes would complete without reaching any path.  6.1 has no
 * max_user_sectors: a max_sectors that differs from what the last restack
 * computed (@last_stacked) was set by the user and is kept.
 */
static inline void mpath_compat_limits_start(struct request_queue *q,
					     struct mpath_compat_limits *l,
					     unsigned int last_stacked)
{
	l->user_max_sectors = 0;
	if (last_stacked && q->limits.max_sectors != last_stacked)
		l->user_max_sectors = q->limits.max_sectors;
	blk_set_stacking_limits(&l->lim);
	l->nr = 0;
	l->no_discard = false;
	l->wc = false;
	l->fua = false;
	l->nonrot = true;
	l->stable = false;
}

static inline void mpath_compat_limits_stack(struct mpath_compat_limits *l,
					     struct block_device *bdev,
					     const char *pfx)
{
	/* blk_stack_limits() takes the start sector, not bytes */
	if (blk_stack_limits(&l->lim, &bdev_get_queue(bdev)->limits,
			     get_start_sect(bdev)) < 0)
		pr_notice("%s: Warning: Device %pg is misaligned\n", pfx, bdev);
	l->no_discard |= !bdev_max_discard_sectors(bdev);
	l->wc |= bdev_write_cache(bdev);
	l->fua |= bdev_fua(bdev);
	l->nonrot &= bdev_nonrot(bdev);
	l->stable |= bdev_stable_writes(bdev);
	l->nr++;
}

static inline int mpath_compat_limits_commit(struct gendisk *disk,
					     struct mpath_compat_limits *l,
					     unsigned int *stacked)
{
	struct request_queue *q = disk->queue;
	unsigned int memflags;

	if (!l->nr)
		return 0;
	if (l->no_discard) {
		l->lim.max_discard_sectors = 0;
		l->lim.max_hw_discard_sectors = 0;
	}
	*stacked = l->lim.max_sectors;
	if (l->user_max_sectors)
		l->lim.max_sectors = min(l->user_max_sectors,
					 l->lim.max_hw_sectors);
	memflags = mpath_compat_freeze_queue(q);
	q->limits = l->lim;
	blk_queue_write_cache(q, l->wc, l->fua);
	blk_queue_flag_set(QUEUE_FLAG_NOWAIT, q);
	if (l->nonrot)
		blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
	else
		blk_queue_flag_clear(QUEUE_FLAG_NONROT, q);
	if (l->stable)
		blk_queue_flag_set(QUEUE_FLAG_STABLE_WRITES, q);
	else
		blk_queue_flag_clear(QUEUE_FLAG_STABLE_WRITES, q);
	mpath_compat_unfreeze_queue(q, memflags);
	disk_update_readahead(disk);
	return 0;
}
#endif

/* ---- calling a path's ->getgeo: it takes the gendisk from 6.18 ---- */
static inline int mpath_compat_path_getgeo(struct block_device *path,
					   struct hd_geometry *geo)
{
	const struct block_device_operations *fops = path->bd_disk->fops;

	if (!fops->getgeo)
		return -ENOTTY;
#ifdef MPATH_HAVE_GETGEO_TAKES_GENDISK
	return fops->getgeo(path->bd_disk, geo);
#else
	return fops->getgeo(path, geo);
#endif
}

/*
 * The mode a block device ioctl gets for a file opened on a character
 * device: fmode_t bits before 6.5, blk_mode_t bits after.
 */
static inline mpath_compat_mode_t mpath_compat_file_mode(struct file *file)
{
#ifdef MPATH_HAVE_BDOPS_OPEN_TAKES_GENDISK
	blk_mode_t mode = 0;

	if (file->f_mode & FMODE_READ)
		mode |= BLK_OPEN_READ;
	if (file->f_mode & FMODE_WRITE)
		mode |= BLK_OPEN_WRITE;
	return mode;
#else
	return file->f_mode & (FMODE_READ | FMODE_WRITE);
#endif
}

/* The mode of a read (and maybe write) open, for calling a path's ioctl. */
static inline mpath_compat_mode_t mpath_compat_open_mode(bool write)
{
#ifdef MPATH_HAVE_BDOPS_OPEN_TAKES_GENDISK
	return BLK_OPEN_READ | (write ? BLK_OPEN_WRITE : 0);
#else
	return FMODE_READ | (write ? FMODE_WRITE : 0);
#endif
}

/* ---- ->report_zones: a struct blk_report_zones_args from 6.19 ---- */
#ifdef CONFIG_BLK_DEV_ZONED
/**
 * struct mpath_compat_zone_report - where a forwarded zone report goes
 * @disk: the disk the zones are reported for (the head)
 * @args: 6.19+: the opaque report arguments, relayed with disk_report_zone()
 * @cb: before 6.19: the caller's callback
 * @data: before 6.19: its data
 */
struct mpath_compat_zone_report {
	struct gendisk *disk;
#ifdef MPATH_HAVE_REPORT_ZONES_ARGS
	struct blk_report_zones_args *args;
#else
	report_zones_cb cb;
	void *data;
#endif
};

#ifdef MPATH_HAVE_REPORT_ZONES_ARGS
/*
 * 6.19+: the arguments are private to the block layer; relay every zone of
 * the path to the head through disk_report_zone(), as dm does, so that
 * the caller's callback and the cached-report logic see the head.
 */
static inline int mpath_compat_zone_relay(struct blk_zone *zone,
					  unsigned int idx, void *data)
{
	struct mpath_compat_zone_report *r = data;

	return disk_report_zone(r->disk, zone, idx, r->args);
}

static inline int
mpath_compat_report_zones_forward(struct block_device *path, sector_t sector,
				  unsigned int nr_zones,
				  struct mpath_compat_zone_report *r)
{
	return blkdev_report_zones(path, sector, nr_zones,
				   mpath_compat_zone_relay, r);
}

#define MPATH_COMPAT_DEFINE_BDOPS_REPORT_ZONES(name, impl)		\
int name(struct gendisk *disk, sector_t sector,			\
		unsigned int nr_zones, struct blk_report_zones_args *args) \
{									\
	struct mpath_compat_zone_report r = {				\
		.disk = disk, .args = args,				\
	};								\
	return impl(disk, sector, nr_zones, &r);			\
}
#else
/* before 6.19: the caller's callback can take the path's zones directly */
static inline int
mpath_compat_report_zones_forward(struct block_device *path, sector_t sector,
				  unsigned int nr_zones,
				  struct mpath_compat_zone_report *r)
{
	return blkdev_report_zones(path, sector, nr_zones, r->cb, r->data);
}

#define MPATH_COMPAT_DEFINE_BDOPS_REPORT_ZONES(name, impl)		\
int name(struct gendisk *disk, sector_t sector,			\
		unsigned int nr_zones, report_zones_cb cb, void *data)	\
{									\
	struct mpath_compat_zone_report r = {				\
		.disk = disk, .cb = cb, .data = data,			\
	};								\
	return impl(disk, sector, nr_zones, &r);			\
}
#endif
#endif /* CONFIG_BLK_DEV_ZONED */

#endif /* _MPATH_COMPAT_H */
