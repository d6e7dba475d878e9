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

static const struct pr_ops *mpath_dev_pr_ops(struct mpath_device *dev)
{
	return dev->bdev->bd_disk->fops->pr_ops;
}

/* a path whose error counts: reinstate registers on the others again */
static bool mpath_pr_reachable(struct mpath_device *dev)
{
	return !test_bit(MPATH_DEVICE_FAILED, &dev->flags) &&
	       !test_bit(MPATH_DEVICE_UNREADY, &dev->flags);
}

/*
 * Undo a registration change on every path it was made on.
 *
 * Context: head->pr_lock and an SRCU read lock on head->srcu held.
 */
static void mpath_pr_rollback(struct mpath_head *head, u64 old_key,
			      u64 new_key, u32 flags)
{
	struct mpath_device *dev;
	int ret;

	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (!test_and_clear_bit(MPATH_DEVICE_PR_DONE, &dev->flags))
			continue;
		ret = mpath_dev_pr_ops(dev)->pr_register(dev->bdev, new_key,
							 old_key,
							 flags | PR_FL_IGNORE_KEY);
		if (ret)
			pr_err("%s: rolling back the registration on %pg failed: %d\n",
			       head->disk->disk_name, dev->bdev, ret);
	}
}

/*
 * Register on every live path (MPATH_PR_SCOPE_PATH).  A path that fails
 * while reachable rolls back the others and its error is returned; an
 * unreachable one is only logged.
 */
static int mpath_pr_register_all(struct mpath_head *head, u64 old_key,
				 u64 new_key, u32 flags)
{
	const struct pr_ops *ops;
	struct mpath_device *dev;
	int srcu_idx, ret = -EWOULDBLOCK, err;
	bool done = false;

	mutex_lock(&head->pr_lock);
	srcu_idx = srcu_read_lock(&head->srcu);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (!test_bit(MPATH_DEVICE_LIVE, &dev->flags))
			continue;
		ops = mpath_dev_pr_ops(dev);
		if (!ops || !ops->pr_register) {
			ret = -EOPNOTSUPP;
			goto out_rollback;
		}
		err = ops->pr_register(dev->bdev, old_key, new_key, flags);
		if (err && !mpath_pr_reachable(dev)) {
			pr_info("%s: registration change on failed path %pg: %d (made when it returns)\n",
				head->disk->disk_name, dev->bdev, err);
			set_bit(MPATH_DEVICE_PR_STALE, &dev->flags);
			continue;
		}
		if (err) {
			ret = err;
			goto out_rollback;
		}
		clear_bit(MPATH_DEVICE_PR_STALE, &dev->flags);
		set_bit(MPATH_DEVICE_PR_DONE, &dev->flags);
		done = true;
	}
	if (!done)
		goto out_rollback;

	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu))
		clear_bit(MPATH_DEVICE_PR_DONE, &dev->flags);
	WRITE_ONCE(head->pr_key, new_key);
	ret = 0;
	goto out_unlock;

out_rollback:
	mpath_pr_rollback(head, old_key, new_key, flags);
out_unlock:
	srcu_read_unlock(&head->srcu, srcu_idx);
	mutex_unlock(&head->pr_lock);
	return ret;
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

/*
 * Is the head's key still ours to register on @dev?  READ KEYS through
 * @dev lists the keys of every nexus: a key another host preempted is
 * gone, and the head forgets it.
 *
 * Context: head->pr_lock held, @head->pr_key set.
 */
static bool mpath_pr_still_registered(struct mpath_head *head,
				      struct mpath_device *dev)
{
	const char *name = head->disk ? head->disk->disk_name : "";
	u64 key = head->pr_key;
	int ret;

	ret = mpath_compat_pr_key_registered(mpath_dev_pr_ops(dev), dev->bdev,
					     key);
	if (ret > 0)
		return true;
	if (!ret) {
		pr_warn("%s: reservation key %#llx is no longer registered with the device (preempted by another host?): not registering it on %pg, forgetting it\n",
			name, key, dev->bdev);
		WRITE_ONCE(head->pr_key, 0);
		return false;
	}
	pr_warn("%s: cannot read the registered keys through %pg (%d): not registering key %#llx on it\n",
		name, dev->bdev, ret, key);
	return false;
}

/**
 * mpath_pr_add_path() - register the head's key on a path going live
 * @dev: the path, not live yet
 *
 * Only while the device still has the key, see "Fencing" above.
 *
 * Context: process context, head->pr_lock held.
 */
void mpath_pr_add_path(struct mpath_device *dev)
{
	struct mpath_head *head = dev->head;
	const struct pr_ops *ops = mpath_dev_pr_ops(dev);
	int ret;

	lockdep_assert_held(&head->pr_lock);

	if (!head->pr_key || head->pr_scope != MPATH_PR_SCOPE_PATH)
		return;
	if (!ops || !ops->pr_register) {
		pr_warn("%s: %pg cannot register the head's reservation key\n",
			head->disk->disk_name, dev->bdev);
		return;
	}
	if (!mpath_pr_still_registered(head, dev))
		return;
	ret = ops->pr_register(dev->bdev, 0, head->pr_key, PR_FL_IGNORE_KEY);
	if (ret)
		pr_warn("%s: registering the head's reservation key on %pg failed: %d\n",
			head->disk->disk_name, dev->bdev, ret);
}

/*
 * After a reinstate: give the returning paths the head's registration.
 * If the head has a key the device still lists, register it on every
 * usable path (one that lost its registration gets it back); if it has
 * none (or the key was preempted), unregister the paths that missed an
 * unregistration while they were unreachable.
 */
void mpath_pr_work(struct work_struct *work)
{
	struct mpath_head *head = container_of(work, struct mpath_head,
					       pr_work);
	const char *name = head->disk ? head->disk->disk_name : "";
	struct mpath_device *dev, *ask = NULL;
	const struct pr_ops *ops;
	int srcu_idx, ret;
	u64 key;

	mutex_lock(&head->pr_lock);
	if (head->pr_scope != MPATH_PR_SCOPE_PATH)
		goto out_unlock;
	srcu_idx = srcu_read_lock(&head->srcu);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		ops = mpath_dev_pr_ops(dev);
		if (test_bit(MPATH_DEVICE_LIVE, &dev->flags) &&
		    mpath_pr_reachable(dev) && ops && ops->pr_register) {
			ask = dev;
			break;
		}
	}
	if (!ask)
		goto out_srcu;
	if (head->pr_key && !mpath_pr_still_registered(head, ask))
		goto out_srcu;
	key = head->pr_key;
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		ops = mpath_dev_pr_ops(dev);
		if (!test_bit(MPATH_DEVICE_LIVE, &dev->flags) ||
		    !mpath_pr_reachable(dev) || !ops || !ops->pr_register)
			continue;
		if (!key && !test_bit(MPATH_DEVICE_PR_STALE, &dev->flags))
			continue;
		ret = ops->pr_register(dev->bdev, 0, key, PR_FL_IGNORE_KEY);
		if (ret)
			pr_warn("%s: %s the head's reservation key on %pg failed: %d\n",
				name, key ? "registering" : "unregistering",
				dev->bdev, ret);
		else
			clear_bit(MPATH_DEVICE_PR_STALE, &dev->flags);
	}
out_srcu:
	srcu_read_unlock(&head->srcu, srcu_idx);
out_unlock:
	mutex_unlock(&head->pr_lock);
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
