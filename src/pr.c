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
 * does); otherwise the head forgets the key.  Without the READ KEYS
 * callout (sd before 6.5) a REGISTER of the key over itself through a
 * registered path answers the same question: a conflict means the key
 * was taken away.  Registrations survive the loss of a nexus (SPC-3), so
 * a returning path needs nothing else, but a path that was unreachable
 * when the head's registration changed (a register or an unregister)
 * gets the change when it returns.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/blkdev.h>
#include <linux/nvme.h>
#include <linux/pr.h>
#include <scsi/scsi_proto.h>

#include "internal.h"

/*
 * One PR command through one path.  A reservation change through one
 * nexus makes the device queue a unit attention for its other nexuses
 * (SPC-3: reservations released, registrations preempted), which the next
 * PR command through one of them gets as CHECK CONDITION.  sd retries it
 * itself since v6.8 (sd_pr_out_command() with struct scsi_failures);
 * before, the status comes back, and the command is sent again: up to
 * MPATH_PR_TRIES times in all, since a nexus may have several unit
 * attentions queued (a preemption queues one for the registrations and
 * one for the reservation), each reported once.  Status 2 is also
 * PR_STS_IOERR and NVMe's Invalid Field, which the next tries answer
 * alike.
 */
#define MPATH_PR_TRIES	4

static bool mpath_pr_retry(int ret, int *tries)
{
	return (ret & ~0xff00) == SAM_STAT_CHECK_CONDITION &&
	       ++*tries < MPATH_PR_TRIES;
}

int mpath_path_pr_register(const struct pr_ops *ops, struct block_device *path,
			   u64 old_key, u64 new_key, u32 flags)
{
	int tries = 0, ret;

	do {
		ret = ops->pr_register(path, old_key, new_key, flags);
	} while (mpath_pr_retry(ret, &tries));
	return ret;
}

int mpath_path_pr_release(const struct pr_ops *ops, struct block_device *path,
			  u64 key, enum pr_type type)
{
	int tries = 0, ret;

	do {
		ret = ops->pr_release(path, key, type);
	} while (mpath_pr_retry(ret, &tries));
	return ret;
}

static int mpath_path_pr_reserve(const struct pr_ops *ops,
				 struct block_device *path, u64 key,
				 enum pr_type type, u32 flags)
{
	int tries = 0, ret;

	do {
		ret = ops->pr_reserve(path, key, type, flags);
	} while (mpath_pr_retry(ret, &tries));
	return ret;
}

static int mpath_path_pr_preempt(const struct pr_ops *ops,
				 struct block_device *path, u64 old_key,
				 u64 new_key, enum pr_type type, bool abort)
{
	int tries = 0, ret;

	do {
		ret = ops->pr_preempt(path, old_key, new_key, type, abort);
	} while (mpath_pr_retry(ret, &tries));
	return ret;
}

static int mpath_path_pr_clear(const struct pr_ops *ops,
			       struct block_device *path, u64 key)
{
	int tries = 0, ret;

	do {
		ret = ops->pr_clear(path, key);
	} while (mpath_pr_retry(ret, &tries));
	return ret;
}

/*
 * A reservation conflict as a path's pr_ops report it: SCSI's status (sd;
 * also PR_STS_RESERVATION_CONFLICT from v6.5 on), or an NVMe status code
 * (nvme before v6.5).  sd before v6.5 returns the whole SCSI result, in
 * which the midlayer's byte (bits 8-15, SCSIML_STAT_RESV_CONFLICT on 6.1)
 * may be set beside the status: 0x118 for a conflict.
 */
bool mpath_pr_conflict(int ret)
{
	return (ret & ~0xff00) == SAM_STAT_RESERVATION_CONFLICT ||
	       ret == NVME_SC_RESERVATION_CONFLICT;
}

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
		ret = mpath_path_pr_register(ops, path, old_key, new_key, flags);
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
		ret = mpath_path_pr_reserve(ops, path, key, type, flags);
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
		ret = mpath_path_pr_release(ops, path, key, type);
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
		ret = mpath_path_pr_preempt(ops, path, old_key, new_key, type,
					    abort);
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
		ret = mpath_path_pr_clear(ops, path, key);
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
