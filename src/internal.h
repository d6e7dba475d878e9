/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libmultipath private declarations, shared by the files of the module.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig (NVMe multipath, which much of
 * this is derived from).
 */
#ifndef _MPATH_INTERNAL_H
#define _MPATH_INTERNAL_H

/*
 * The library's own view of struct mpath_head and struct mpath_device:
 * the fields it owns are __private to drivers, not to it.
 */
#include <linux/compiler_types.h>
#undef __private
#define __private
#include <libmultipath/multipath.h>

#include "compat/compat.h"
#include "errors.h"

extern struct workqueue_struct *mpath_wq;

/* bits in mpath_device.flags */
enum {
	MPATH_DEVICE_SYSFS_ATTR_LINK,	/* link present in head's multipath/ */
	MPATH_DEVICE_FAILED,		/* failed by a path error, see reinstate */
	MPATH_DEVICE_LIVE,		/* added by mpath_device_set_live() */
	MPATH_DEVICE_UNREADY,		/* revalidation took it out of use */
	MPATH_DEVICE_FAULT_INJECT,	/* complete its I/O with a path error */
	MPATH_DEVICE_DRAINING,		/* deletion waits for nr_active == 0 */
	MPATH_DEVICE_STACKED,		/* its limits are in the head's */
	MPATH_DEVICE_NOWAIT,		/* takes REQ_NOWAIT bios */
	MPATH_DEVICE_PR_DONE,		/* registered, under head->pr_lock */
	MPATH_DEVICE_GONE,		/* deleted: the head is not ours to touch */
	MPATH_DEVICE_PREFERRED,		/* counted in head->nr_preferred */
	MPATH_DEVICE_PR_STALE,		/* missed a registration change */
};

/* bits in mpath_head.flags */
enum {
	MPATH_HEAD_DISK_LIVE,		/* gendisk added, I/O may be submitted */
	MPATH_HEAD_QUEUE_IF_NO_PATH,	/* queue instead of failing, no path */
	MPATH_HEAD_CDEV_LIVE,		/* character device registered */
	MPATH_HEAD_REMOVING,		/* mpath_remove_disk() started */
	MPATH_HEAD_REMOVE_PENDING,	/* no-path bound armed, module pinned */
	MPATH_HEAD_EXPIRED,		/* no-path bound ran out: fail I/O */
	MPATH_HEAD_RELEASED,		/* ->released() was called */
	MPATH_HEAD_UNINIT,		/* mpath_head_uninit() dropped its ref */
	MPATH_HEAD_STALL_ARMED,		/* stall_work watches waiting I/O */
};

/**
 * struct mpath_clone - per-clone context, in the front_pad of the bioset
 * @dev: the path the clone was sent to; NULL while it waits for a path
 * @orig: the bio submitted to the head
 * @start_time: I/O accounting start of @orig, from its first submission
 * @policy: the policy whose start() measures the clone, or NULL
 * @policy_ns: what that policy keeps of the clone (the latency policy:
 *	when it was sent)
 * @policy_depth: the same (the latency policy: the bios in flight on @dev
 *	when it was sent, this one too)
 * @generation: of @dev when the clone was sent
 * @acct: @orig is accounted on the head (iostats enabled at submission)
 * @clone: the clone itself; must be last
 *
 * A clone whose path failed, or that found no path, carries @orig and its
 * accounting on the requeue list until @orig is sent again with a fresh
 * clone: an attempt that failed over is not a completed I/O.
 */
struct mpath_clone {
	struct mpath_device *dev;
	struct bio *orig;
	unsigned long start_time;
	const struct mpath_policy *policy;
	u64 policy_ns;
	unsigned int policy_depth;
	unsigned int generation;
	bool acct;
	struct bio clone;
};

/* what a head's uevent reports, see src/events.c */
enum mpath_event_action {
	MPATH_EVENT_PATH_FAILED,
	MPATH_EVENT_PATH_REINSTATED,
	MPATH_EVENT_NO_USABLE_PATH,
	MPATH_EVENT_IO_STALLED,
	MPATH_EVENT_HEAD_REMOVED,
};

/* src/selector.c */
struct mpath_device *mpath_find_path(struct mpath_head *head);
struct mpath_device *mpath_zone_path(struct mpath_head *head);
struct mpath_device *mpath_find_bio_path(struct mpath_head *head,
					 struct bio *bio);
bool mpath_usable_path(struct mpath_head *head);
bool mpath_available_path(struct mpath_head *head);
void mpath_clear_current_paths(struct mpath_head *head);

/* src/bio.c: the way of a bio from the head to a path and back */
void mpath_submit_bio(struct bio *bio);
void mpath_reset_bio(struct bio *bio);
void mpath_put_active(struct mpath_device *dev);
bool mpath_failover_error(struct mpath_device *dev, blk_status_t status,
			  unsigned int generation);
bool mpath_path_takes_op(struct block_device *bdev, struct bio *bio);
void mpath_resubmit(struct mpath_head *head, struct bio *bio);
void mpath_fail_waiting(struct mpath_head *head, struct bio *bio);

/* src/remap.c: remap mode */
void mpath_remap_bio(struct mpath_head *head, struct mpath_device *dev,
		     struct bio *bio);

/* src/requeue.c: bios waiting for a path, sent again (any context) */
void mpath_queue_bio(struct mpath_head *head, struct bio *bio, bool no_path);
void mpath_kick_requeue(struct mpath_head *head);
void mpath_requeue_work(struct work_struct *work);
void mpath_drain_requeue(struct mpath_head *head);

/* src/head.c: openers */
bool mpath_open_head(struct mpath_head *head);
void mpath_close_head(struct mpath_head *head);
void mpath_check_released(struct mpath_head *head);

/* src/state.c */
void mpath_device_fail_bio(struct mpath_device *dev, unsigned int generation);

/* src/disk.c */
void mpath_partition_scan_work(struct work_struct *work);

/* src/fops.c */
extern const struct block_device_operations mpath_bdev_ops;
#define MPATH_IOCTL_COMPAT	BIT(0)	/* 32-bit caller on 64-bit */
#define MPATH_IOCTL_CDEV	BIT(1)	/* from the character device */
long mpath_ioctl_forward(struct mpath_head *head, mpath_compat_mode_t mode,
			 unsigned int cmd, unsigned long arg, unsigned int how);

/* src/zoned.c: ->report_zones, whose type changed in 6.19 */
#ifdef CONFIG_BLK_DEV_ZONED
extern typeof(*((const struct block_device_operations *)NULL)->report_zones)
	mpath_bdev_report_zones;
#else
#define mpath_bdev_report_zones NULL
#endif

/* src/removal.c */
void mpath_remove_work(struct work_struct *work);
void mpath_arm_no_path_bound(struct mpath_head *head);
void __mpath_schedule_removal(struct mpath_head *head);
void mpath_cancel_removal(struct mpath_head *head, bool sync);
void mpath_path_usable_again(struct mpath_head *head);
void mpath_arm_stall_report(struct mpath_head *head);
void mpath_stall_work(struct work_struct *work);
bool mpath_head_queue_if_no_path(struct mpath_head *head);

/* src/events.c */
void mpath_queue_event(struct mpath_head *head,
		       enum mpath_event_action action,
		       struct mpath_device *dev);
void mpath_event_work(struct work_struct *work);
void mpath_send_head_removed(struct mpath_head *head, bool live);
void mpath_drop_events(struct mpath_head *head);

/* src/identity.c */
const char *mpath_id_type_name(u8 type);
int mpath_read_id(struct block_device *bdev, struct mpath_id *id);
int __mpath_check_identity(struct mpath_head *head, struct block_device *bdev,
			   const struct mpath_id *id);

/* src/cdev.c */
int mpath_chr_init(void);
void mpath_chr_exit(void);
int mpath_cdev_add(struct mpath_head *head);
void mpath_cdev_del(struct mpath_head *head);

/* src/pr.c: the head's pr_ops */
extern const struct pr_ops mpath_pr_ops;

/* src/pr-paths.c: a registration per path */
const struct pr_ops *mpath_dev_pr_ops(struct mpath_device *dev);
int mpath_path_pr_register(const struct pr_ops *ops, struct block_device *path,
			   u64 old_key, u64 new_key, u32 flags);
int mpath_path_pr_release(const struct pr_ops *ops, struct block_device *path,
			  u64 key, enum pr_type type);
bool mpath_pr_conflict(int ret);
int mpath_pr_register_all(struct mpath_head *head, u64 old_key, u64 new_key,
			  u32 flags);
int mpath_pr_release_all(struct mpath_head *head, u64 key, enum pr_type type);
void mpath_pr_add_path(struct mpath_device *dev);
void mpath_pr_work(struct work_struct *work);

/* src/sysfs.c: the "multipath" group of the head disk; path links */
extern const struct attribute_group mpath_attr_group;
/* @head->lock held */
int __mpath_add_sysfs_link(struct mpath_device *dev);
void __mpath_remove_sysfs_link(struct mpath_device *dev);

/* may a path in @state carry I/O (optimized or non-optimized)? */
static inline bool mpath_state_usable(enum mpath_access_state state)
{
	return state == MPATH_STATE_OPTIMIZED ||
	       state == MPATH_STATE_NONOPTIMIZED;
}

/*
 * The head of @dev for the calls a driver may make on a path at any time
 * (step 5 of the life cycle): NULL before mpath_add_device() and once
 * mpath_delete_device() is done with @dev, when the head may be gone.
 */
static inline struct mpath_head *mpath_dev_head(struct mpath_device *dev)
{
	if (test_bit(MPATH_DEVICE_GONE, &dev->flags))
		return NULL;
	return READ_ONCE(dev->head);
}

/*
 * A path may carry I/O when it went live, is neither failed nor taken out
 * of use by revalidation, and the driver does not veto it.
 */
static inline bool mpath_device_is_disabled(struct mpath_device *dev)
{
	const struct mpath_head_template *mpdt = dev->head->mpdt;

	if (!test_bit(MPATH_DEVICE_LIVE, &dev->flags) ||
	    test_bit(MPATH_DEVICE_FAILED, &dev->flags) ||
	    test_bit(MPATH_DEVICE_UNREADY, &dev->flags))
		return true;
	return mpdt->is_disabled && mpdt->is_disabled(dev);
}

#endif /* _MPATH_INTERNAL_H */
