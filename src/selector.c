// SPDX-License-Identifier: GPL-2.0
/*
 * Path selection: the table of I/O policies (one file each, policy-*.c),
 * a path's rank, the zoned head's path, whether a path is usable or may
 * come back, the per-node current path cache, and the names of policies
 * and states.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c.  The decisions themselves are
 * in selector.h, free of locks and RCU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/topology.h>

#include "internal.h"
#include "policy.h"
#include "selector.h"

/* The policies, by enum mpath_iopolicy_e: a new one is one line here. */
static const struct mpath_policy *const mpath_policies[MPATH_IOPOLICY_NR] = {
	[MPATH_IOPOLICY_NUMA]		= &mpath_policy_numa,
	[MPATH_IOPOLICY_RR]		= &mpath_policy_rr,
	[MPATH_IOPOLICY_QD]		= &mpath_policy_qd,
	[MPATH_IOPOLICY_LATENCY]	= &mpath_policy_latency,
};

/* Context: any. */
const struct mpath_policy *mpath_head_policy(struct mpath_head *head)
{
	unsigned int policy = READ_ONCE(*head->iopolicy);

	return mpath_policies[policy < MPATH_IOPOLICY_NR ? policy :
							   MPATH_IOPOLICY_NUMA];
}

static const char *const mpath_access_state_names[MPATH_STATE_NR] = {
	[MPATH_STATE_OPTIMIZED]		= "optimized",
	[MPATH_STATE_NONOPTIMIZED]	= "non-optimized",
	[MPATH_STATE_INACCESSIBLE]	= "inaccessible",
	[MPATH_STATE_TRANSITIONING]	= "change",
	[MPATH_STATE_PERSISTENT_LOSS]	= "persistent-loss",
};

int mpath_device_rank(struct mpath_device *dev)
{
	bool alt;

	if (mpath_device_is_disabled(dev))
		return MPATH_RANK_UNUSABLE;
	/* only when some path of the head is preferred do the others wait */
	alt = atomic_read(&dev->head->nr_preferred) &&
	      !test_bit(MPATH_DEVICE_PREFERRED, &dev->flags);
	return mpath_path_rank(READ_ONCE(dev->access_state), alt);
}

/* Context: SRCU read lock on head->srcu held. */
struct mpath_device *mpath_find_path(struct mpath_head *head)
{
	return mpath_head_policy(head)->select(head);
}

MPATH_EXPORT_FOR_KUNIT(mpath_find_path);

/*
 * The path of a zoned head for everything whose order a zone depends on:
 * the first usable path in list order, optimized before non-optimized,
 * whatever the policy.  A sequential zone takes writes only at its write
 * pointer; writes of one zone spread over two paths may overtake each
 * other on the way, and one path's zone report may not show what the
 * other path was just sent.  The path changes only when it stops being
 * usable (or a better ranked one becomes usable).
 *
 * Context: SRCU read lock on head->srcu held.
 */
struct mpath_device *mpath_zone_path(struct mpath_head *head)
{
	struct mpath_numa_sel sel;
	struct mpath_device *dev;

	mpath_numa_sel_init(&sel);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (mpath_device_rank(dev) == MPATH_RANK_OPTIMIZED)
			return dev;
		mpath_numa_sel_add(&sel, dev, mpath_device_rank(dev),
				   LOCAL_DISTANCE);
	}
	return mpath_numa_sel_result(&sel);
}

MPATH_EXPORT_FOR_KUNIT(mpath_zone_path);

/*
 * The path for @bio: on a zoned head, writes and zone management (all but
 * zone append, whose data lands wherever the zone's write pointer is) take
 * mpath_zone_path(); everything else the policy's.
 *
 * Context: SRCU read lock on head->srcu held.
 */
struct mpath_device *mpath_find_bio_path(struct mpath_head *head,
					 struct bio *bio)
{
	if (unlikely(head->zone_sectors) && op_is_write(bio_op(bio)) &&
	    bio_op(bio) != REQ_OP_ZONE_APPEND)
		return mpath_zone_path(head);
	return mpath_find_path(head);
}

/*
 * Is any path usable right now?  The same ranks mpath_find_path() uses, so
 * it finds a path exactly when this says yes.
 *
 * Context: any; takes an SRCU read lock on head->srcu.
 */
bool mpath_usable_path(struct mpath_head *head)
{
	struct mpath_device *dev;
	bool usable = false;
	int srcu_idx;

	srcu_idx = srcu_read_lock(&head->srcu);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (mpath_device_rank(dev) < MPATH_RANK_NR) {
			usable = true;
			break;
		}
	}
	srcu_read_unlock(&head->srcu, srcu_idx);
	return usable;
}

MPATH_EXPORT_FOR_KUNIT(mpath_usable_path);

/*
 * No path is usable right now.  Is it worth waiting for one?  Yes under
 * queue_if_no_path; else, until the no-path bound ran out, while a path is
 * transitioning or the driver expects one back, and while delayed removal
 * is set.  Never once the disk is going away.
 *
 * Context: SRCU read lock on head->srcu held.
 */
bool mpath_available_path(struct mpath_head *head)
{
	const struct mpath_head_template *mpdt = head->mpdt;
	struct mpath_device *dev;

	if (!test_bit(MPATH_HEAD_DISK_LIVE, &head->flags) ||
	    test_bit(MPATH_HEAD_REMOVING, &head->flags))
		return false;
	if (test_bit(MPATH_HEAD_QUEUE_IF_NO_PATH, &head->flags))
		return true;
	/* the no-path bound ran out: nothing waits any more */
	if (test_bit(MPATH_HEAD_EXPIRED, &head->flags))
		return false;

	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (mpdt->available_path && mpdt->available_path(dev))
			return true;
		if (!test_bit(MPATH_DEVICE_FAILED, &dev->flags) &&
		    READ_ONCE(dev->access_state) == MPATH_STATE_TRANSITIONING)
			return true;
	}
	return mpath_head_queue_if_no_path(head);
}

void mpath_clear_current_paths(struct mpath_head *head)
{
	unsigned int node;

	for (node = 0; node < head->nr_nodes; node++)
		rcu_assign_pointer(head->current_path[node], NULL);
}

MPATH_EXPORT_FOR_KUNIT(mpath_clear_current_paths);

/**
 * mpath_clear_current_path() - drop a path from the per-node cache
 * @dev: the path
 *
 * The next I/O from a node that used @dev selects a path afresh.
 *
 * Context: any, including bio completion.
 * Return: true if @dev was the current path of at least one node.
 */
bool mpath_clear_current_path(struct mpath_device *dev)
{
	struct mpath_head *head = mpath_dev_head(dev);
	bool changed = false;
	unsigned int node;

	if (!head)
		return false;

	for (node = 0; node < head->nr_nodes; node++) {
		if (dev == rcu_access_pointer(head->current_path[node])) {
			rcu_assign_pointer(head->current_path[node], NULL);
			changed = true;
		}
	}
	return changed;
}
EXPORT_SYMBOL_NS_GPL(mpath_clear_current_path, MPATH_NS);

/**
 * mpath_iopolicy_parse() - an I/O policy from its name
 * @buf: "numa", "round-robin", "queue-depth" or "latency", optionally
 *	followed by a newline (sysfs input)
 *
 * Context: any.
 * Return: the enum mpath_iopolicy_e value, or -EINVAL.
 */
int mpath_iopolicy_parse(const char *buf)
{
	int i;

	for (i = 0; i < MPATH_IOPOLICY_NR; i++)
		if (sysfs_streq(buf, mpath_policies[i]->name))
			return i;
	return -EINVAL;
}
EXPORT_SYMBOL_NS_GPL(mpath_iopolicy_parse, MPATH_NS);

/**
 * mpath_iopolicy_name() - the name of an I/O policy
 * @policy: the policy
 *
 * Context: any.
 * Return: the name as accepted by mpath_iopolicy_parse(), or "invalid".
 */
const char *mpath_iopolicy_name(enum mpath_iopolicy_e policy)
{
	if ((unsigned int)policy >= MPATH_IOPOLICY_NR)
		return "invalid";
	return mpath_policies[policy]->name;
}
EXPORT_SYMBOL_NS_GPL(mpath_iopolicy_name, MPATH_NS);

/**
 * mpath_get_iopolicy() - the I/O policy in force on a head
 * @head: the head
 *
 * Context: any.
 * Return: the policy @head->iopolicy points at.
 */
enum mpath_iopolicy_e mpath_get_iopolicy(struct mpath_head *head)
{
	return READ_ONCE(*head->iopolicy);
}
EXPORT_SYMBOL_NS_GPL(mpath_get_iopolicy, MPATH_NS);

/**
 * mpath_set_iopolicy() - change the I/O policy of a head
 * @head: the head
 * @policy: the new policy
 *
 * Writes the policy @head->iopolicy points at.  On a change the cached
 * current paths of @head are dropped and waiting bios are resubmitted
 * under the new policy.  A driver sharing one policy between heads must
 * call mpath_clear_paths() on the other heads itself.
 *
 * Context: process context.
 * Return: 0, or -EINVAL if @policy is not a policy.
 */
int mpath_set_iopolicy(struct mpath_head *head, enum mpath_iopolicy_e policy)
{
	enum mpath_iopolicy_e old;

	if ((unsigned int)policy >= MPATH_IOPOLICY_NR)
		return -EINVAL;

	old = xchg(head->iopolicy, policy);
	if (old == policy)
		return 0;

	mpath_clear_current_paths(head);
	mpath_kick_requeue(head);
	pr_notice("%s: iopolicy changed from %s to %s\n",
		  head->disk ? head->disk->disk_name : "(no disk)",
		  mpath_iopolicy_name(old), mpath_iopolicy_name(policy));
	return 0;
}
EXPORT_SYMBOL_NS_GPL(mpath_set_iopolicy, MPATH_NS);

/**
 * mpath_access_state_parse() - an access state from its name
 * @buf: "optimized", "non-optimized", "inaccessible", "change" (the name of
 *	MPATH_STATE_TRANSITIONING, as NVMe ANA calls it) or
 *	"persistent-loss", optionally followed by a newline
 *
 * Context: any.
 * Return: the enum mpath_access_state value, or -EINVAL.
 */
int mpath_access_state_parse(const char *buf)
{
	int i;

	for (i = 0; i < MPATH_STATE_NR; i++)
		if (sysfs_streq(buf, mpath_access_state_names[i]))
			return i;
	return -EINVAL;
}
EXPORT_SYMBOL_NS_GPL(mpath_access_state_parse, MPATH_NS);

/**
 * mpath_access_state_name() - the name of an access state
 * @state: the state
 *
 * Context: any.
 * Return: the name as accepted by mpath_access_state_parse(), or
 * "invalid".
 */
const char *mpath_access_state_name(enum mpath_access_state state)
{
	if ((unsigned int)state >= MPATH_STATE_NR)
		return "invalid";
	return mpath_access_state_names[state];
}
EXPORT_SYMBOL_NS_GPL(mpath_access_state_name, MPATH_NS);
