/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libmultipath private declarations, shared by the files of the module.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig (NVMe multipath, which much of
 * this is derived from).
 */
#ifndef _MPATH_INTERNAL_H
#define _MPATH_INTERNAL_H

#include <libmultipath/multipath.h>

#include "compat/compat.h"

extern struct workqueue_struct *mpath_wq;

/**
 * struct mpath_clone - per-clone context, in the front_pad of the bioset
 * @dev: the path the clone was sent to
 * @orig: the bio submitted to the head
 * @start_time: I/O accounting start of @orig for this attempt
 * @acct: @orig is accounted on the head (iostats enabled at submission)
 * @clone: the clone itself; must be last
 */
struct mpath_clone {
	struct mpath_device *dev;
	struct bio *orig;
	unsigned long start_time;
	bool acct;
	struct bio clone;
};

/* src/selector.c */
struct mpath_device *mpath_find_path(struct mpath_head *head);
bool mpath_available_path(struct mpath_head *head);
void mpath_clear_current_paths(struct mpath_head *head);

/* src/bio.c */
void mpath_submit_bio(struct bio *bio);
void mpath_requeue_work(struct work_struct *work);

/* src/disk.c */
#define MPATH_IOCTL_COMPAT	BIT(0)	/* 32-bit caller on 64-bit */
#define MPATH_IOCTL_CDEV	BIT(1)	/* from the character device */
long mpath_ioctl_forward(struct mpath_head *head, mpath_compat_mode_t mode,
			 unsigned int cmd, unsigned long arg, unsigned int how);
void mpath_partition_scan_work(struct work_struct *work);
void mpath_remove_work(struct work_struct *work);
void mpath_schedule_removal(struct mpath_head *head);
void mpath_cancel_removal(struct mpath_head *head, bool sync);

/* src/cdev.c */
int mpath_chr_init(void);
void mpath_chr_exit(void);
int mpath_cdev_add(struct mpath_head *head);
void mpath_cdev_del(struct mpath_head *head);

/* src/pr.c */
extern const struct pr_ops mpath_pr_ops;

/* src/sysfs.c, @head->lock held */
int __mpath_add_sysfs_link(struct mpath_device *dev);
void __mpath_remove_sysfs_link(struct mpath_device *dev);

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
