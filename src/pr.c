// SPDX-License-Identifier: GPL-2.0
/*
 * Persistent reservations of the multipath head, with the model of
 * "Reservations" in the public header: registrations go to every path
 * when a registration belongs to one path (SCSI), to the selected path
 * when it belongs to the host (NVMe); every other operation goes to the
 * selected path's own pr_ops, as NVMe and dm do.
 *
 * No usable path: -EWOULDBLOCK.  A path whose driver has no (or not this)
 * reservation operation: -EOPNOTSUPP.
 *
 * Fencing: another host may preempt our key, which removes it from every
 * nexus; the host it fenced must not get it back behind the cluster's
 * back.  So a path that returns or joins is registered only when READ
 * KEYS, through that path, still lists the head's key (as multipathd
 * does); otherwise the head forgets the key.  Registrations survive the
 * loss of a nexus (SPC-3), so a returning path needs nothing else, but a
 * path that was unreachable when the head's registration changed (a
 * register or an unregister) gets the change when it returns.  Without
 * the READ KEYS callout (before 6.5) nothing is registered behind the
 * user's back: a path that missed a registration stays without it.
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
	struct mpath_head *head = bdev->bd_disk->private_data;
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	if (READ_ONCE(head->pr_scope) == MPATH_PR_SCOPE_PATH)
		return mpath_pr_register_all(head, old_key, new_key, flags);

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

/**
 * mpath_set_pr_scope() - what a reservation registration of a head covers
 * @head: the head
 * @scope: MPATH_PR_SCOPE_PATH (default) or MPATH_PR_SCOPE_HOST, see
 *	"Reservations"
 *
 * Context: process context, takes @head->pr_lock.
 * Return: 0, or -EINVAL for an unknown scope.
 */
int mpath_set_pr_scope(struct mpath_head *head, enum mpath_pr_scope scope)
{
	if ((unsigned int)scope >= MPATH_PR_SCOPE_NR)
		return -EINVAL;
	mutex_lock(&head->pr_lock);
	WRITE_ONCE(head->pr_scope, scope);
	mutex_unlock(&head->pr_lock);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(mpath_set_pr_scope, MPATH_NS);

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
	struct mpath_head *head = bdev->bd_disk->private_data;
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	if (READ_ONCE(head->pr_scope) == MPATH_PR_SCOPE_PATH)
		return mpath_pr_release_all(head, key, type);

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
	struct mpath_head *head = bdev->bd_disk->private_data;
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
	/* every registration is gone, on every path */
	if (!ret)
		WRITE_ONCE(head->pr_key, 0);
	return ret;
}

/* the read callouts exist from 6.5 (compat.h): unused before */
static int __maybe_unused mpath_pr_read_keys(struct block_device *bdev,
					     struct pr_keys *keys_info)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else
		ret = mpath_compat_pr_read_keys(ops, path, keys_info);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}

static int __maybe_unused
mpath_pr_read_reservation(struct block_device *bdev,
			  struct pr_held_reservation *rsv)
{
	struct block_device *path;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	ops = mpath_pr_path(bdev, &path, &srcu_idx);
	if (IS_ERR(ops))
		ret = PTR_ERR(ops);
	else
		ret = mpath_compat_pr_read_reservation(ops, path, rsv);
	mpath_pr_unlock(bdev, srcu_idx);
	return ret;
}

const struct pr_ops mpath_pr_ops = {
	.pr_register		= mpath_pr_register,
	.pr_reserve		= mpath_pr_reserve,
	.pr_release		= mpath_pr_release,
	.pr_preempt		= mpath_pr_preempt,
	.pr_clear		= mpath_pr_clear,
	MPATH_COMPAT_PR_READ_OPS(mpath_pr_read_keys, mpath_pr_read_reservation)
};
