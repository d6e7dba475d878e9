// SPDX-License-Identifier: GPL-2.0
/*
 * Reservations with a registration per path (MPATH_PR_SCOPE_PATH, SCSI):
 * a registration change on every path, rolled back when one fails; the
 * head's key on a path that joins or returns, while the device still has
 * it (fencing); a release on every path.  See "Reservations" in the
 * public header, and the top of pr.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/blkdev.h>
#include <linux/pr.h>

#include "internal.h"

const struct pr_ops *mpath_dev_pr_ops(struct mpath_device *dev)
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
		ret = mpath_path_pr_register(mpath_dev_pr_ops(dev), dev->bdev,
					     new_key, old_key,
					     flags | PR_FL_IGNORE_KEY);
		if (ret)
			pr_err("%s: rolling back the registration on %pg failed: %d\n",
			       head->disk->disk_name, dev->bdev, ret);
	}
}

/*
 * Register on every live path (MPATH_PR_SCOPE_PATH).  A path that fails
 * while reachable rolls back the others and its error is returned; an
 * unreachable one is only logged.  An unregister that a path answers with
 * a reservation conflict finds no registration of the key there (SPC-3:
 * a nexus that holds none, or another one, conflicts): that path is done
 * already, unless no path holds the key at all.
 */
int mpath_pr_register_all(struct mpath_head *head, u64 old_key, u64 new_key,
			  u32 flags)
{
	bool unregister = !new_key && !(flags & PR_FL_IGNORE_KEY);
	int srcu_idx, ret = -EWOULDBLOCK, err, conflict = 0;
	const struct pr_ops *ops;
	struct mpath_device *dev;
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
		err = mpath_path_pr_register(ops, dev->bdev, old_key, new_key,
					     flags);
		if (unregister && mpath_pr_conflict(err)) {
			pr_info("%s: %pg holds no registration of key %#llx: nothing to unregister there\n",
				head->disk->disk_name, dev->bdev, old_key);
			clear_bit(MPATH_DEVICE_PR_STALE, &dev->flags);
			conflict = err;
			continue;
		}
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
	if (!done) {
		if (conflict)
			ret = conflict;
		goto out_rollback;
	}

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

/*
 * Without READ KEYS (sd before 6.5): does a nexus still hold @key?  A
 * REGISTER with @key as both the current and the new key changes nothing
 * on a nexus registered with it, and is refused with a reservation
 * conflict on one that is not (SPC-3 5.6.5: its registration was
 * preempted or cleared).  Asked through a live path other than @dev
 * where there is one (@dev may be joining, never registered), else
 * through @dev if it took the head's registration (not PR_STALE).
 * Returns 1, 0, or a negative errno (-EOPNOTSUPP: no path to ask).
 *
 * Context: head->pr_lock held.
 */
static int mpath_pr_key_held(struct mpath_head *head,
			     struct mpath_device *dev, u64 key)
{
	struct mpath_device *ask = NULL, *d;
	const struct pr_ops *ops;
	int srcu_idx, ret;

	srcu_idx = srcu_read_lock(&head->srcu);
	list_for_each_entry_srcu(d, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		ops = mpath_dev_pr_ops(d);
		if (d != dev && test_bit(MPATH_DEVICE_LIVE, &d->flags) &&
		    mpath_pr_reachable(d) && ops && ops->pr_register) {
			ask = d;
			break;
		}
	}
	/* @dev itself only if it took the head's registration */
	if (!ask && !test_bit(MPATH_DEVICE_PR_STALE, &dev->flags))
		ask = dev;
	ops = ask ? mpath_dev_pr_ops(ask) : NULL;
	if (ops && ops->pr_register)
		ret = mpath_path_pr_register(ops, ask->bdev, key, key, 0);
	else
		ret = -EOPNOTSUPP;
	srcu_read_unlock(&head->srcu, srcu_idx);
	if (!ret)
		return 1;
	if (mpath_pr_conflict(ret))
		return 0;
	if (ret > 0) {
		pr_warn("%pg: a REGISTER of the key over itself answered status %#x\n",
			ask->bdev, ret);
		ret = -EIO;
	}
	return ret;
}

/*
 * Is the head's key still ours to register on @dev?  READ KEYS through
 * @dev lists the keys of every nexus: a key another host preempted is
 * gone, and the head forgets it.  Without READ KEYS a re-registration of
 * the key tells the same (mpath_pr_key_held()).
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
	if (ret == -EOPNOTSUPP)
		ret = mpath_pr_key_held(head, dev, key);
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
	ret = mpath_path_pr_register(ops, dev->bdev, 0, head->pr_key,
				     PR_FL_IGNORE_KEY);
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
		ret = mpath_path_pr_register(ops, dev->bdev, 0, key,
					     PR_FL_IGNORE_KEY);
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

/*
 * RELEASE with a registration per path: the reservation belongs to the
 * path that reserved (registrants-only types) or to every registrant, and
 * a RELEASE through a nexus that does not hold it succeeds without
 * releasing anything (SPC-3).  So it goes to every usable path, as
 * mpathpersist sends it down all paths: the holder releases, the others
 * answer GOOD.  A reservation conflict (a wrong key) is returned.
 */
int mpath_pr_release_all(struct mpath_head *head, u64 key, enum pr_type type)
{
	const struct pr_ops *ops;
	struct mpath_device *dev;
	int srcu_idx, err, ret = -EWOULDBLOCK;

	srcu_idx = srcu_read_lock(&head->srcu);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (mpath_device_is_disabled(dev))
			continue;
		ops = mpath_dev_pr_ops(dev);
		if (!ops || !ops->pr_release) {
			ret = -EOPNOTSUPP;
			break;
		}
		err = mpath_path_pr_release(ops, dev->bdev, key, type);
		/* a conflict wins over success; success over other errors */
		if (mpath_pr_conflict(err) || ret == -EWOULDBLOCK ||
		    (ret && !err))
			ret = err;
		if (mpath_pr_conflict(err))
			break;
	}
	srcu_read_unlock(&head->srcu, srcu_idx);
	return ret;
}
