/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The I/O policies as operations, in the manner of dm's path selectors:
 * each policy is one file (policy-<name>.c) with a struct mpath_policy,
 * and one line of the table in selector.c makes it a head's choice.  The
 * pure decisions they share are in selector.h.
 */
#ifndef _MPATH_POLICY_H
#define _MPATH_POLICY_H

#include <libmultipath/multipath.h>

struct mpath_clone;

/**
 * struct mpath_policy - an I/O policy
 * @name: its name, as mpath_iopolicy_parse() takes it
 * @select: the path for the next bio, or NULL when none is usable.
 *	Context: SRCU read lock on head->srcu held; must not sleep.
 * @start: optional; a clone was sent to @dev, the @depth-th in flight
 *	there (clone mode only).  Returns true if @end is to be called when
 *	the clone completes successfully: a policy switch in between does not
 *	unbalance what @start began.
 * @end: optional; the successful completion of a clone @start kept.
 *	Context: bio completion.
 */
struct mpath_policy {
	const char *name;
	struct mpath_device *(*select)(struct mpath_head *head);
	bool (*start)(struct mpath_device *dev, struct mpath_clone *mc,
		      unsigned int depth);
	void (*end)(struct mpath_device *dev, struct mpath_clone *mc);
};

extern const struct mpath_policy mpath_policy_numa;
extern const struct mpath_policy mpath_policy_rr;
extern const struct mpath_policy mpath_policy_qd;
extern const struct mpath_policy mpath_policy_latency;

/* selector.c */
const struct mpath_policy *mpath_head_policy(struct mpath_head *head);
int mpath_device_rank(struct mpath_device *dev);

/* policy-numa.c: the closest path of the best rank, cached per node */
struct mpath_device *mpath_scan_paths(struct mpath_head *head, int node,
				      bool numa);

/**
 * struct mpath_lat_path - the latency policy's state of one path
 * @avg: moving average of the path's time per bio in ns (0: not measured)
 * @stamp: ktime_get_ns() of the path's last completion, or of the moment
 *	it became busy, whichever came last
 *
 * Kept in the path's policy_data, which the library reserves for the
 * policies.
 */
struct mpath_lat_path {
	u64 avg;
	u64 stamp;
};

static_assert(sizeof(struct mpath_lat_path) <=
	      sizeof(struct mpath_policy_state));

static inline struct mpath_lat_path *mpath_lat_of(struct mpath_device *dev)
{
	return (struct mpath_lat_path *)&dev->policy_data;
}

/* policy-latency.c */
void mpath_device_lat_busy(struct mpath_device *dev, u64 now);
void mpath_device_note_latency(struct mpath_device *dev, u64 ns);

#endif /* _MPATH_POLICY_H */
