// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite libmultipath_paths: the selection the I/O path runs, over real path lists.
 */
#include "kunit.h"

/* ---- libmultipath_paths: the selection the I/O path runs ----------- */

/*
 * A head with NR_PATHS paths that never see a block device: the selection
 * reads only the list, the flags, the states, the nodes and nr_active.
 */
struct paths_ctx {
	struct mpath_head head;
	enum mpath_iopolicy_e iopolicy;
	struct mpath_device dev[NR_PATHS];
	bool linked[NR_PATHS];
	int node;		/* the node the test runs on */
	int other;		/* another node, or NUMA_NO_NODE */
};

static const struct mpath_head_template paths_tmpl = {};

static void paths_exit(struct kunit *test)
{
	struct paths_ctx *c = test->priv;
	int i;

	if (!c)
		return;
	mutex_lock(&c->head.lock);
	for (i = 0; i < NR_PATHS; i++)
		if (c->linked[i])
			list_del_rcu(&c->dev[i].siblings);
	mutex_unlock(&c->head.lock);
	synchronize_srcu(&c->head.srcu);
	mpath_head_uninit(&c->head);
}

/* every path live, in @states, on the test's node */
static struct paths_ctx *paths_init(struct kunit *test, const int *states)
{
	struct paths_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->iopolicy = MPATH_IOPOLICY_NUMA;
	KUNIT_ASSERT_EQ(test, mpath_head_init(&c->head, &paths_tmpl,
					      &c->iopolicy, THIS_MODULE), 0);
	test->priv = c;
	/* the node is that of the CPU the walk runs on: pin it */
	migrate_disable();
	c->node = numa_node_id();
	migrate_enable();
	c->other = NUMA_NO_NODE;
	for (i = 0; i < nr_node_ids; i++)
		if (i != c->node && node_online(i))
			c->other = i;
	mutex_lock(&c->head.lock);
	for (i = 0; i < NR_PATHS; i++) {
		c->dev[i].head = &c->head;
		c->dev[i].access_state = states[i];
		c->dev[i].numa_node = c->node;
		set_bit(MPATH_DEVICE_LIVE, &c->dev[i].flags);
		list_add_tail_rcu(&c->dev[i].siblings, &c->head.dev_list);
		c->linked[i] = true;
	}
	mutex_unlock(&c->head.lock);
	return c;
}

/* mpath_find_path() as the I/O path calls it: index of the path, or -1 */
static int paths_find(struct paths_ctx *c)
{
	struct mpath_device *dev;
	int srcu_idx, ret = -1, i;

	migrate_disable();
	srcu_idx = srcu_read_lock(&c->head.srcu);
	dev = mpath_find_path(&c->head);
	srcu_read_unlock(&c->head.srcu, srcu_idx);
	migrate_enable();
	for (i = 0; i < NR_PATHS; i++)
		if (dev == &c->dev[i])
			ret = i;
	return ret;
}

static struct mpath_device *paths_cached(struct paths_ctx *c)
{
	return rcu_access_pointer(c->head.current_path[c->node]);
}

static void paths_rr_cycles_in_list_order(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, OPT };
	struct paths_ctx *c = paths_init(test, states);
	int i, first, got;

	c->iopolicy = MPATH_IOPOLICY_RR;
	first = paths_find(c);
	KUNIT_ASSERT_GE(test, first, 0);
	for (i = 1; i <= 2 * NR_PATHS; i++) {
		got = paths_find(c);
		KUNIT_EXPECT_EQ(test, got, (first + i) % NR_PATHS);
		/* the per-node cache holds what was chosen */
		KUNIT_EXPECT_PTR_EQ(test, paths_cached(c), &c->dev[got]);
	}
}

static void paths_rr_skips_unusable_and_failed(struct kunit *test)
{
	static const int states[] = { OPT, INACC, OPT, LOSS };
	struct paths_ctx *c = paths_init(test, states);
	int i, got;

	c->iopolicy = MPATH_IOPOLICY_RR;
	set_bit(MPATH_DEVICE_FAILED, &c->dev[2].flags);
	for (i = 0; i < 2 * NR_PATHS; i++) {
		got = paths_find(c);
		KUNIT_EXPECT_EQ(test, got, 0);
	}
	clear_bit(MPATH_DEVICE_FAILED, &c->dev[2].flags);
	got = paths_find(c);
	KUNIT_EXPECT_EQ(test, got, 2);
	KUNIT_EXPECT_EQ(test, paths_find(c), 0);
}

/*
 * The cached path was unlinked under the walk (a deletion between two
 * I/Os): the walk must end, bounded by one wrap, and find a usable path.
 */
static void paths_rr_wrap_bound_after_unlink(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, OPT };
	struct paths_ctx *c = paths_init(test, states);
	int got;

	c->iopolicy = MPATH_IOPOLICY_RR;
	rcu_assign_pointer(c->head.current_path[c->node], &c->dev[3]);
	/* as mpath_delete_device() does it */
	clear_bit(MPATH_DEVICE_LIVE, &c->dev[3].flags);
	mutex_lock(&c->head.lock);
	list_del_rcu(&c->dev[3].siblings);
	c->linked[3] = false;
	mutex_unlock(&c->head.lock);
	synchronize_srcu(&c->head.srcu);
	/* dev[3] kept its list pointers: the walk goes on to the end, wraps */
	got = paths_find(c);
	KUNIT_EXPECT_GE(test, got, 0);
	KUNIT_EXPECT_LT(test, got, 3);
	/* and with nothing usable left but the unlinked one: none, no loop */
	set_bit(MPATH_DEVICE_FAILED, &c->dev[0].flags);
	set_bit(MPATH_DEVICE_FAILED, &c->dev[1].flags);
	set_bit(MPATH_DEVICE_FAILED, &c->dev[2].flags);
	rcu_assign_pointer(c->head.current_path[c->node], &c->dev[3]);
	KUNIT_EXPECT_EQ(test, paths_find(c), -1);
}

static void paths_numa_prefers_local_and_caches(struct kunit *test)
{
	static const int states[] = { OPT, OPT, NONOPT, OPT };
	struct paths_ctx *c = paths_init(test, states);

	if (c->other == NUMA_NO_NODE)
		kunit_skip(test, "one NUMA node only");
	c->dev[0].numa_node = c->other;
	c->dev[1].numa_node = c->other;
	c->dev[2].numa_node = c->node;
	c->dev[3].numa_node = c->node;
	mpath_clear_current_paths(&c->head);
	/* the closest optimized path, then the cached one */
	KUNIT_EXPECT_EQ(test, paths_find(c), 3);
	KUNIT_EXPECT_PTR_EQ(test, paths_cached(c), &c->dev[3]);
	KUNIT_EXPECT_EQ(test, paths_find(c), 3);
	/* the cached path is no longer optimized: select afresh */
	WRITE_ONCE(c->dev[3].access_state, NONOPT);
	KUNIT_EXPECT_EQ(test, paths_find(c), 0);
	/* a failed path is never the cached answer */
	set_bit(MPATH_DEVICE_FAILED, &c->dev[0].flags);
	mpath_clear_current_path(&c->dev[0]);
	KUNIT_EXPECT_EQ(test, paths_find(c), 1);
}

static void paths_qd_least_busy(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, NONOPT };
	struct paths_ctx *c = paths_init(test, states);

	c->iopolicy = MPATH_IOPOLICY_QD;
	atomic_set(&c->dev[0].nr_active, 5);
	atomic_set(&c->dev[1].nr_active, 2);
	atomic_set(&c->dev[2].nr_active, 3);
	atomic_set(&c->dev[3].nr_active, 0);
	KUNIT_EXPECT_EQ(test, paths_find(c), 1);
	atomic_set(&c->dev[2].nr_active, 0);
	KUNIT_EXPECT_EQ(test, paths_find(c), 2);
	/* only the non-optimized path left usable */
	set_bit(MPATH_DEVICE_UNREADY, &c->dev[0].flags);
	set_bit(MPATH_DEVICE_UNREADY, &c->dev[1].flags);
	set_bit(MPATH_DEVICE_FAILED, &c->dev[2].flags);
	KUNIT_EXPECT_EQ(test, paths_find(c), 3);
}

/* paths 0-2 optimized, 3 not; latency policy, each path measured @ns now */
static struct paths_ctx *paths_latency_init(struct kunit *test, u64 ns)
{
	static const int states[] = { OPT, OPT, OPT, NONOPT };
	struct paths_ctx *c = paths_init(test, states);
	u64 now = ktime_get_ns();
	int i;

	c->iopolicy = MPATH_IOPOLICY_LATENCY;
	for (i = 0; i < NR_PATHS; i++) {
		mpath_lat_of(&c->dev[i])->avg = ns;
		mpath_lat_of(&c->dev[i])->stamp = now;
	}
	return c;
}

static void paths_latency_fastest_and_decay(struct kunit *test)
{
	struct paths_ctx *c = paths_latency_init(test, 4000);
	int i;

	mpath_lat_of(&c->dev[1])->avg = 1000;
	mpath_lat_of(&c->dev[3])->avg = 1;
	KUNIT_EXPECT_EQ(test, paths_find(c), 1);
	/* measured: the completions of path 1 move its average */
	for (i = 0; i < 64; i++)
		mpath_device_note_latency(&c->dev[1], 16000);
	KUNIT_EXPECT_GT(test, mpath_lat_of(&c->dev[1])->avg, 4000ULL);
	KUNIT_EXPECT_EQ(test, paths_find(c), 0);
	/* path 2 was idle for a second: its 4 us count as 250 ns */
	mpath_lat_of(&c->dev[0])->stamp = ktime_get_ns();
	mpath_lat_of(&c->dev[2])->stamp = ktime_get_ns() - 4 * HALFLIFE;
	KUNIT_EXPECT_EQ(test, paths_find(c), 2);
	/* failed paths are never chosen, however fast they look */
	set_bit(MPATH_DEVICE_FAILED, &c->dev[2].flags);
	KUNIT_EXPECT_EQ(test, paths_find(c), 0);
	/*
	 * An idle path that is sent a bio keeps what it decayed to (100 us
	 * idle for 4 half-lives are 6250 ns), and its next completion counts
	 * from there: 1/8 of 1000 ns.
	 */
	mpath_lat_of(&c->dev[0])->avg = 100000;
	mpath_lat_of(&c->dev[0])->stamp = ktime_get_ns() - 4 * HALFLIFE;
	mpath_device_lat_busy(&c->dev[0], ktime_get_ns());
	KUNIT_EXPECT_EQ(test, mpath_lat_of(&c->dev[0])->avg, 6250ULL);
	mpath_device_note_latency(&c->dev[0], 1000);
	KUNIT_EXPECT_EQ(test, mpath_lat_of(&c->dev[0])->avg, 6250ULL - 6250 / 8 + 1000 / 8);
}

/*
 * The hung path of a review: two paths measured, then one stops answering
 * with bios in flight.  Five seconds later its average would have decayed
 * to nothing if quiet meant idle; it must not win the next bio, whatever
 * the healthy path's depth and average.  A path never measured gets one
 * bio, not every bio, until it answers.
 */
static void paths_latency_hung_path_loses(struct kunit *test)
{
	struct paths_ctx *c = paths_latency_init(test, 10000);

	set_bit(MPATH_DEVICE_FAILED, &c->dev[2].flags);
	atomic_set(&c->dev[0].nr_active, 8);
	mpath_lat_of(&c->dev[0])->stamp = ktime_get_ns() - 5ULL * NSEC_PER_SEC;
	mpath_lat_of(&c->dev[1])->avg = 100000;
	atomic_set(&c->dev[1].nr_active, 16);
	KUNIT_EXPECT_EQ(test, paths_find(c), 1);
	/* never measured: idle, it is tried; busy, the measured path wins */
	mpath_lat_of(&c->dev[0])->avg = 0;
	atomic_set(&c->dev[0].nr_active, 0);
	KUNIT_EXPECT_EQ(test, paths_find(c), 0);
	atomic_set(&c->dev[0].nr_active, 1);
	mpath_lat_of(&c->dev[0])->stamp = ktime_get_ns();
	KUNIT_EXPECT_EQ(test, paths_find(c), 1);
}

/*
 * Once mpath_delete_device() returned, the driver's calls on the path
 * (step 5 of the life cycle) leave the head alone: the head may be gone.
 */
static void paths_calls_after_delete(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, OPT };
	struct paths_ctx *c = paths_init(test, states);
	struct mpath_device *dev = &c->dev[3];
	struct mpath_device_stats st;

	dev->submitted = alloc_percpu(u64);
	KUNIT_ASSERT_NOT_NULL(test, dev->submitted);
	KUNIT_EXPECT_FALSE(test, mpath_delete_device(dev));
	c->linked[3] = false;
	rcu_assign_pointer(c->head.current_path[c->node], &c->dev[0]);

	mpath_device_fail(dev);
	KUNIT_EXPECT_FALSE(test, mpath_device_failed(dev));
	mpath_set_access_state(dev, MPATH_STATE_INACCESSIBLE);
	KUNIT_EXPECT_PTR_EQ(test, paths_cached(c), &c->dev[0]);
	KUNIT_EXPECT_FALSE(test, mpath_clear_current_path(dev));
	set_bit(MPATH_DEVICE_FAILED, &dev->flags);
	mpath_device_reinstate(dev);
	KUNIT_EXPECT_TRUE(test, mpath_device_failed(dev));
	KUNIT_EXPECT_EQ(test, dev->generation, 0U);
	mpath_device_read_stats(dev, &st);
	KUNIT_EXPECT_EQ(test, st.submitted + st.completed + st.errors +
			st.failovers, 0ULL);
	/* the head itself is as it was: its other paths still selected */
	KUNIT_EXPECT_PTR_EQ(test, paths_cached(c), &c->dev[0]);
	KUNIT_EXPECT_GE(test, paths_find(c), 0);
	KUNIT_EXPECT_LT(test, paths_find(c), 3);
}

/*
 * mpath_delete_devices() deletes several paths as mpath_delete_device()
 * deletes one: each is gone (the driver's calls leave the head alone),
 * the others stay selectable, and the head is empty only once the last
 * one goes.
 */
static void paths_delete_several(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, OPT };
	struct paths_ctx *c = paths_init(test, states);
	struct mpath_device *devs[] = { &c->dev[1], &c->dev[3] };
	struct mpath_device *rest[] = { &c->dev[0], &c->dev[2] };
	int i;

	for (i = 0; i < NR_PATHS; i++) {
		c->dev[i].submitted = alloc_percpu(u64);
		KUNIT_ASSERT_NOT_NULL(test, c->dev[i].submitted);
	}
	rcu_assign_pointer(c->head.current_path[c->node], &c->dev[3]);
	KUNIT_EXPECT_FALSE(test, mpath_delete_devices(&c->head, devs, 2));
	c->linked[1] = false;
	c->linked[3] = false;
	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_TRUE(test, test_bit(MPATH_DEVICE_GONE,
						 &devs[i]->flags));
		KUNIT_EXPECT_NULL(test, devs[i]->submitted);
	}
	/* the deleted current path is forgotten; the others carry I/O */
	KUNIT_EXPECT_NULL(test, paths_cached(c));
	i = paths_find(c);
	KUNIT_EXPECT_TRUE(test, i == 0 || i == 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->head.nr_draining), 0);
	/* the last ones: the head is empty */
	KUNIT_EXPECT_TRUE(test, mpath_delete_devices(&c->head, rest, 2));
	c->linked[0] = false;
	c->linked[2] = false;
	KUNIT_EXPECT_TRUE(test, mpath_head_devices_empty(&c->head));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->head.nr_draining), 0);
	/* nothing to delete: the head's emptiness, nothing else */
	KUNIT_EXPECT_TRUE(test, mpath_delete_devices(&c->head, rest, 0));
}

/*
 * Remap mode keeps no start time per bio: the latency policy measures
 * nothing there and selects by queue depth instead of by estimates that
 * would never move.
 */
static const struct mpath_head_template paths_remap_tmpl = { .remap = true };

static void paths_latency_remap_is_queue_depth(struct kunit *test)
{
	struct paths_ctx *c = paths_latency_init(test, NSEC_PER_SEC);
	int i;

	mpath_lat_of(&c->dev[1])->avg = 1;
	atomic_set(&c->dev[0].nr_active, 3);
	atomic_set(&c->dev[1].nr_active, 5);
	/*
	 * clone mode: the estimate wins, (5 + 1) x the time since path 1
	 * last answered (a moment ago), against an idle path's second
	 */
	mpath_lat_of(&c->dev[1])->stamp = ktime_get_ns();
	KUNIT_EXPECT_EQ(test, paths_find(c), 1);
	c->head.mpdt = &paths_remap_tmpl;
	/* remap mode: the idle path */
	KUNIT_EXPECT_EQ(test, paths_find(c), 2);
	atomic_set(&c->dev[2].nr_active, 4);
	KUNIT_EXPECT_EQ(test, paths_find(c), 0);
	for (i = 0; i < 3; i++)
		atomic_set(&c->dev[i].nr_active, 0);
	c->head.mpdt = &paths_tmpl;
}

/* mpath_usable_path() says yes exactly when mpath_find_path() finds one */
static void paths_usable_agrees_with_find(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, OPT };
	struct paths_ctx *c = paths_init(test, states);
	int mix, i, p, found, rank;

	for (p = 0; p < MPATH_IOPOLICY_NR; p++) {
		c->iopolicy = p;
		for (mix = 0; mix < 6 * 6 * 6 * 6; mix++) {
			int m = mix;

			for (i = 0; i < NR_PATHS; i++, m /= 6) {
				/* 0-4: access states, 5: failed */
				c->dev[i].flags = BIT(MPATH_DEVICE_LIVE);
				if (m % 6 == 5) {
					c->dev[i].access_state = OPT;
					set_bit(MPATH_DEVICE_FAILED,
						&c->dev[i].flags);
				} else {
					c->dev[i].access_state = m % 6;
				}
			}
			mpath_clear_current_paths(&c->head);
			found = paths_find(c);
			KUNIT_EXPECT_EQ_MSG(test, found >= 0,
					    mpath_usable_path(&c->head),
					    "policy %d mix %d", p, mix);
			if (found < 0)
				continue;
			rank = mpath_state_rank(c->dev[found].access_state);
			KUNIT_EXPECT_LT_MSG(test, rank, MPATH_RANK_NR,
					    "policy %d mix %d", p, mix);
		}
	}
}

static struct kunit_case paths_cases[] = {
	KUNIT_CASE(paths_rr_cycles_in_list_order),
	KUNIT_CASE(paths_rr_skips_unusable_and_failed),
	KUNIT_CASE(paths_rr_wrap_bound_after_unlink),
	KUNIT_CASE(paths_numa_prefers_local_and_caches),
	KUNIT_CASE(paths_qd_least_busy),
	KUNIT_CASE(paths_latency_fastest_and_decay),
	KUNIT_CASE(paths_latency_hung_path_loses),
	KUNIT_CASE(paths_calls_after_delete),
	KUNIT_CASE(paths_delete_several),
	KUNIT_CASE(paths_latency_remap_is_queue_depth),
	KUNIT_CASE(paths_usable_agrees_with_find),
	{}
};

struct kunit_suite paths_suite = {
	.name = "libmultipath_paths",
	.exit = paths_exit,
	.test_cases = paths_cases,
};
