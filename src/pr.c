// SPDX-License-Identifier: GPL-2.0
/*
 * Persistent reservations of the multipath head: every operation goes to
 * the selected path's own pr_ops, as NVMe and dm do.  All paths reach the
 * same device, so the reservation state is the device's, not the path's.
 *
 * No usable path: -EWOULDBLOCK.  A path whose driver has no (or not this)
 * reservation operation: -EOPNOTSUPP.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/blkdev.h>
#include <linux/pr.h>

#include "internal.h"

/*
 * Select a path under SRCU; the caller unlocks with mpath_pr_unlock()
 * after the call, so the path stays selected (and its device open) for
 * the whole operation.  Returns the path's pr_ops or an ERR_PTR.
 */
static const struct pr_ops *mpath_pr_path(struct block_device *bdev,
					  struct block_device **path,
					  int *srcu_idx)
	__acquires(srcu)
{
	struct mpath_head *head = bdev->bd_disk->private_data;
	const struct pr_ops *ops;
	struct mpath_device *dev;

	*srcu_idx = srcu_read_lock(&head->srcu);
	dev = mpath_find_path(head);
	if (!dev)
		return ERR_PTR(-EWOULDBLOCK);
	ops = dev->bdev->bd_disk->fops->pr_ops;
	if (!ops)
		return ERR_PTR(-EOPNOTSUPP);
	*path = dev->bdev;
	return ops;
}

static void mpath_pr_unlock(struct block_device *bdev, int srcu_idx)
	__releases(srcu)
{
	struct mpath_head *head = bdev->bd_disk->private_data;

	srcu_read_unlock(&head->srcu, srcu_idx);
}

static int mpath_pr_register(struct block_device *bdev, u64 old_key,
			     u64 new_key, u32 flags)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else if (!ops->pr_register)
		ret = -EOPNOTSUPP;
	else
		ret = ops->pr_register(path, old_key, new_key, flags);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}

static int mpath_pr_reserve(struct block_device *bdev, u64 key,
			    enum pr_type type, u32 flags)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else if (!ops->pr_reserve)
		ret = -EOPNOTSUPP;
	else
		ret = ops->pr_reserve(path, key, type, flags);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}

static int mpath_pr_release(struct block_device *bdev, u64 key,
			    enum pr_type type)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else if (!ops->pr_release)
		ret = -EOPNOTSUPP;
	else
		ret = ops->pr_release(path, key, type);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}

static int mpath_pr_preempt(struct block_device *bdev, u64 old_key,
			    u64 new_key, enum pr_type type, bool abort)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else if (!ops->pr_preempt)
		ret = -EOPNOTSUPP;
	else
		ret = ops->pr_preempt(path, old_key, new_key, type, abort);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}

static int mpath_pr_clear(struct block_device *bdev, u64 key)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else if (!ops->pr_clear)
		ret = -EOPNOTSUPP;
	else
		ret = ops->pr_clear(path, key);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}

#ifdef MPATH_HAVE_PR_READ_KEYS
static int mpath_pr_read_keys(struct block_device *bdev,
			      struct pr_keys *keys_info)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else if (!ops->pr_read_keys)
		ret = -EOPNOTSUPP;
	else
		ret = ops->pr_read_keys(path, keys_info);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}

static int mpath_pr_read_reservation(struct block_device *bdev,
				     struct pr_held_reservation *rsv)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else if (!ops->pr_read_reservation)
		ret = -EOPNOTSUPP;
	else
		ret = ops->pr_read_reservation(path, rsv);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}
#endif

const struct pr_ops mpath_pr_ops = {
	.pr_register		= mpath_pr_register,
	.pr_reserve		= mpath_pr_reserve,
	.pr_release		= mpath_pr_release,
	.pr_preempt		= mpath_pr_preempt,
	.pr_clear		= mpath_pr_clear,
#ifdef MPATH_HAVE_PR_READ_KEYS
	.pr_read_keys		= mpath_pr_read_keys,
	.pr_read_reservation	= mpath_pr_read_reservation,
#endif
};
