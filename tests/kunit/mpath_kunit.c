// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the logic of libmultipath that needs no block device:
 * path selection, policy and state names, delayed removal arithmetic and
 * the head reference count.  Built only for kernels with CONFIG_KUNIT (the
 * 6.12-debug kernel of the test matrix); tests/kunit/001 loads it in a
 * guest and reports every case.
 */
/* white-box: the library's own view of its structures */
#include <linux/compiler_types.h>
#undef __private
#define __private
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/module.h>

#include <libmultipath/multipath.h>

#include "internal.h"
#include "policy.h"
#include "selector.h"
#include "removal.h"

#define OPT	MPATH_STATE_OPTIMIZED
#define NONOPT	MPATH_STATE_NONOPTIMIZED
#define INACC	MPATH_STATE_INACCESSIBLE
#define TRANS	MPATH_STATE_TRANSITIONING
#define LOSS	MPATH_STATE_PERSISTENT_LOSS

#define NR_PATHS	4

/*
 * The accumulators of selector.h fed from arrays, for exhaustive checks of
 * the decisions; the list walk that feeds them in the I/O path is tested
 * through mpath_find_path() in the libmultipath_paths suite below.
 */
/**
 * struct mpath_path_info - one path as the array helpers see it
 * @rank: MPATH_RANK_*, MPATH_RANK_UNUSABLE for a disabled path
 * @distance: NUMA distance from the submitting node
 * @depth: bios in flight
 */
struct mpath_path_info {
	int rank;
	int distance;
	unsigned int depth;
};

static inline int mpath_path_info_index(const struct mpath_path_info *p,
					const void *found)
{
	return found ? (int)((const struct mpath_path_info *)found - p) : -1;
}

/* Returns the index of the chosen path, or -1. */
static inline int mpath_select_numa_array(struct mpath_path_info *p, int n)
{
	struct mpath_numa_sel s;
	int i;

	mpath_numa_sel_init(&s);
	for (i = 0; i < n; i++)
		mpath_numa_sel_add(&s, &p[i], p[i].rank, p[i].distance);
	return mpath_path_info_index(p, mpath_numa_sel_result(&s));
}

/* @old: index of the current path, or -1 to fall back to the NUMA choice */
static inline int mpath_select_rr_array(struct mpath_path_info *p, int n,
					int old)
{
	struct mpath_rr_sel s;
	int i;

	if (old < 0 || old >= n)
		return mpath_select_numa_array(p, n);
	mpath_rr_sel_init(&s);
	for (i = (old + 1) % n; i != old; i = (i + 1) % n)
		if (mpath_rr_sel_add(&s, &p[i], p[i].rank))
			break;
	return mpath_path_info_index(p,
			mpath_rr_sel_result(&s, &p[old], p[old].rank));
}

static inline int mpath_select_qd_array(struct mpath_path_info *p, int n)
{
	struct mpath_qd_sel s;
	int i;

	mpath_qd_sel_init(&s);
	for (i = 0; i < n; i++)
		if (mpath_qd_sel_add(&s, &p[i], p[i].rank, p[i].depth))
			break;
	return mpath_path_info_index(p, mpath_qd_sel_result(&s));
}

/* @n paths in @states, all at distance 10 and idle unless changed */
static void mk_paths(struct mpath_path_info *p, const int *states, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		p[i].rank = mpath_state_rank(states[i]);
		p[i].distance = 10;
		p[i].depth = 0;
	}
}

/* ---- libmultipath_selector ------------------------------------------ */

static void selector_state_rank(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_state_rank(OPT), MPATH_RANK_OPTIMIZED);
	KUNIT_EXPECT_EQ(test, mpath_state_rank(NONOPT),
			MPATH_RANK_NONOPTIMIZED);
	KUNIT_EXPECT_EQ(test, mpath_state_rank(INACC), MPATH_RANK_UNUSABLE);
	KUNIT_EXPECT_EQ(test, mpath_state_rank(TRANS), MPATH_RANK_UNUSABLE);
	KUNIT_EXPECT_EQ(test, mpath_state_rank(LOSS), MPATH_RANK_UNUSABLE);
	KUNIT_EXPECT_EQ(test, mpath_state_rank(MPATH_STATE_NR),
			MPATH_RANK_UNUSABLE);
}

static void selector_no_paths(struct kunit *test)
{
	struct mpath_path_info p[1];

	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, 0), -1);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 0, -1), -1);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 0, 0), -1);
	KUNIT_EXPECT_EQ(test, mpath_select_qd_array(p, 0), -1);
}

static void selector_no_usable_path(struct kunit *test)
{
	static const int states[] = { INACC, LOSS, TRANS, INACC };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, NR_PATHS), -1);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, NR_PATHS, 1), -1);
	KUNIT_EXPECT_EQ(test, mpath_select_qd_array(p, NR_PATHS), -1);
}

static void selector_all_transitioning(struct kunit *test)
{
	static const int states[] = { TRANS, TRANS, TRANS, TRANS };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, NR_PATHS), -1);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, NR_PATHS, -1), -1);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, NR_PATHS, 2), -1);
	KUNIT_EXPECT_EQ(test, mpath_select_qd_array(p, NR_PATHS), -1);
}

static void selector_one_path(struct kunit *test)
{
	struct mpath_path_info p[1];
	int s;

	for (s = 0; s < MPATH_STATE_NR; s++) {
		int want = mpath_state_rank(s) < MPATH_RANK_NR ? 0 : -1;

		mk_paths(p, &s, 1);
		KUNIT_EXPECT_EQ_MSG(test, mpath_select_numa_array(p, 1), want,
				    "numa, state %d", s);
		KUNIT_EXPECT_EQ_MSG(test, mpath_select_rr_array(p, 1, 0), want,
				    "round-robin, state %d", s);
		KUNIT_EXPECT_EQ_MSG(test, mpath_select_rr_array(p, 1, -1), want,
				    "round-robin uncached, state %d", s);
		KUNIT_EXPECT_EQ_MSG(test, mpath_select_qd_array(p, 1), want,
				    "queue-depth, state %d", s);
	}
}

/*
 * Every mix of access states over three paths, every policy: a path is
 * chosen iff one is usable, it is optimized iff one is, and it is usable.
 */
static void selector_every_state_mix(struct kunit *test)
{
	struct mpath_path_info p[3];
	int s[3], i, old, got, best, r;

	for (i = 0; i < MPATH_STATE_NR * MPATH_STATE_NR * MPATH_STATE_NR;
	     i++) {
		s[0] = i % MPATH_STATE_NR;
		s[1] = i / MPATH_STATE_NR % MPATH_STATE_NR;
		s[2] = i / MPATH_STATE_NR / MPATH_STATE_NR;
		mk_paths(p, s, 3);
		best = MPATH_RANK_UNUSABLE;
		for (r = 0; r < 3; r++)
			best = min(best, p[r].rank);

		for (old = -1; old < 4; old++) {
			/* old == 3: the walk must not need one of the slots */
			if (old < 3)
				got = mpath_select_rr_array(p, 3, old);
			else
				got = mpath_select_numa_array(p, 3);
			if (best == MPATH_RANK_UNUSABLE) {
				KUNIT_EXPECT_EQ_MSG(test, got, -1,
						    "states %d %d %d old %d",
						    s[0], s[1], s[2], old);
				continue;
			}
			KUNIT_ASSERT_GE_MSG(test, got, 0,
					    "states %d %d %d old %d",
					    s[0], s[1], s[2], old);
			KUNIT_EXPECT_EQ_MSG(test, p[got].rank, best,
					    "states %d %d %d old %d",
					    s[0], s[1], s[2], old);
		}
		got = mpath_select_qd_array(p, 3);
		if (best == MPATH_RANK_UNUSABLE) {
			KUNIT_EXPECT_EQ(test, got, -1);
			continue;
		}
		KUNIT_ASSERT_GE(test, got, 0);
		KUNIT_EXPECT_EQ(test, p[got].rank, best);
	}
}

static void selector_numa_closest_optimized(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, NONOPT };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	p[0].distance = 30;
	p[1].distance = 20;
	p[2].distance = 40;
	p[3].distance = 10;
	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, NR_PATHS), 1);
}

static void selector_numa_optimized_beats_closer_nonoptimized(struct kunit *test)
{
	static const int states[] = { NONOPT, OPT };
	struct mpath_path_info p[2];

	mk_paths(p, states, 2);
	p[0].distance = 10;
	p[1].distance = 40;
	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, 2), 1);
}

static void selector_numa_closest_nonoptimized_fallback(struct kunit *test)
{
	static const int states[] = { NONOPT, INACC, NONOPT, TRANS };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	p[0].distance = 20;
	p[1].distance = 10;
	p[2].distance = 15;
	p[3].distance = 10;
	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, NR_PATHS), 2);
}

static void selector_numa_distance_tie_list_order(struct kunit *test)
{
	static const int states[] = { NONOPT, OPT, OPT, OPT };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	p[0].distance = 10;
	p[1].distance = 20;
	p[2].distance = 20;
	p[3].distance = 20;
	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, NR_PATHS), 1);
	/* the same tie among non-optimized paths */
	p[1].rank = MPATH_RANK_NONOPTIMIZED;
	p[2].rank = MPATH_RANK_NONOPTIMIZED;
	p[3].rank = MPATH_RANK_NONOPTIMIZED;
	p[0].distance = 20;
	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, NR_PATHS), 0);
}

static void selector_numa_skips_closer_unusable(struct kunit *test)
{
	static const int states[] = { TRANS, LOSS, OPT };
	struct mpath_path_info p[3];

	mk_paths(p, states, 3);
	p[0].distance = 10;
	p[1].distance = 10;
	p[2].distance = 40;
	KUNIT_EXPECT_EQ(test, mpath_select_numa_array(p, 3), 2);
}

static void selector_rr_next_optimized(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, OPT };
	struct mpath_path_info p[NR_PATHS];
	int old, i;

	mk_paths(p, states, NR_PATHS);
	for (old = 0; old < NR_PATHS; old++)
		KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, NR_PATHS, old),
				(old + 1) % NR_PATHS);
	/* a full cycle visits every path once */
	old = 0;
	for (i = 0; i < NR_PATHS; i++)
		old = mpath_select_rr_array(p, NR_PATHS, old);
	KUNIT_EXPECT_EQ(test, old, 0);
}

static void selector_rr_skips_unusable(struct kunit *test)
{
	static const int states[] = { OPT, TRANS, INACC, OPT };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, NR_PATHS, 0), 3);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, NR_PATHS, 3), 0);
}

static void selector_rr_optimized_current_stays(struct kunit *test)
{
	static const int states[] = { NONOPT, OPT, NONOPT, TRANS };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, NR_PATHS, 1), 1);
}

static void selector_rr_nonoptimized_current_moves_to_optimized(struct kunit *test)
{
	static const int states[] = { NONOPT, NONOPT, OPT };
	struct mpath_path_info p[3];

	mk_paths(p, states, 3);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 0), 2);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 1), 2);
}

static void selector_rr_only_nonoptimized(struct kunit *test)
{
	static const int states[] = { NONOPT, NONOPT, NONOPT };
	struct mpath_path_info p[3];

	mk_paths(p, states, 3);
	/* the last non-optimized path of the walk, as NVMe does */
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 0), 2);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 2), 1);
}

static void selector_rr_nonoptimized_current_alone_stays(struct kunit *test)
{
	static const int states[] = { INACC, NONOPT, TRANS };
	struct mpath_path_info p[3];

	mk_paths(p, states, 3);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 1), 1);
}

static void selector_rr_unusable_current_moves_on(struct kunit *test)
{
	static const int states[] = { TRANS, NONOPT, OPT };
	struct mpath_path_info p[3];

	mk_paths(p, states, 3);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 0), 2);
	p[2].rank = MPATH_RANK_UNUSABLE;
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 0), 1);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 2), 1);
}

static void selector_rr_uncached_uses_numa(struct kunit *test)
{
	static const int states[] = { NONOPT, OPT, OPT };
	struct mpath_path_info p[3];

	mk_paths(p, states, 3);
	p[1].distance = 20;
	p[2].distance = 10;
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, -1), 2);
	KUNIT_EXPECT_EQ(test, mpath_select_rr_array(p, 3, 3), 2);
}

static void selector_qd_least_busy_optimized(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT, NONOPT };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	p[0].depth = 8;
	p[1].depth = 3;
	p[2].depth = 5;
	p[3].depth = 0;
	KUNIT_EXPECT_EQ(test, mpath_select_qd_array(p, NR_PATHS), 1);
}

static void selector_qd_busy_optimized_beats_idle_nonoptimized(struct kunit *test)
{
	static const int states[] = { NONOPT, OPT };
	struct mpath_path_info p[2];

	mk_paths(p, states, 2);
	p[0].depth = 0;
	p[1].depth = 1000;
	KUNIT_EXPECT_EQ(test, mpath_select_qd_array(p, 2), 1);
}

static void selector_qd_nonoptimized_fallback(struct kunit *test)
{
	static const int states[] = { NONOPT, TRANS, NONOPT, LOSS };
	struct mpath_path_info p[NR_PATHS];

	mk_paths(p, states, NR_PATHS);
	p[0].depth = 4;
	p[1].depth = 0;
	p[2].depth = 2;
	p[3].depth = 0;
	KUNIT_EXPECT_EQ(test, mpath_select_qd_array(p, NR_PATHS), 2);
}

static void selector_qd_tie_list_order(struct kunit *test)
{
	static const int states[] = { OPT, OPT, OPT };
	struct mpath_path_info p[3];

	mk_paths(p, states, 3);
	p[0].depth = 5;
	p[1].depth = 2;
	p[2].depth = 2;
	KUNIT_EXPECT_EQ(test, mpath_select_qd_array(p, 3), 1);
}

static void selector_qd_stops_at_idle_optimized(struct kunit *test)
{
	struct mpath_qd_sel s;
	int a, b, c;

	mpath_qd_sel_init(&s);
	KUNIT_EXPECT_FALSE(test, mpath_qd_sel_add(&s, &a, MPATH_RANK_NONOPTIMIZED, 0));
	KUNIT_EXPECT_FALSE(test, mpath_qd_sel_add(&s, &b, MPATH_RANK_OPTIMIZED, 1));
	KUNIT_EXPECT_TRUE(test, mpath_qd_sel_add(&s, &c, MPATH_RANK_OPTIMIZED, 0));
	KUNIT_EXPECT_PTR_EQ(test, mpath_qd_sel_result(&s), (void *)&c);
	/* unusable paths are ignored, whatever their depth */
	mpath_qd_sel_init(&s);
	KUNIT_EXPECT_FALSE(test, mpath_qd_sel_add(&s, &a, MPATH_RANK_UNUSABLE, 0));
	KUNIT_EXPECT_PTR_EQ(test, mpath_qd_sel_result(&s), NULL);
}

static void selector_lat_update_average(struct kunit *test)
{
	/* the first completion is the average; 0 never stands for one */
	KUNIT_EXPECT_EQ(test, mpath_lat_update(0, 1000), 1000ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_update(0, 0), 1ULL);
	/* then each one weighs 1/8 */
	KUNIT_EXPECT_EQ(test, mpath_lat_update(8000, 16000), 9000ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_update(8000, 0), 7000ULL);
}

static void selector_lat_update_converges(struct kunit *test)
{
	u64 avg = 100000;
	int i;

	/* a path that got 4 times faster looks it within 64 completions */
	for (i = 0; i < 64; i++)
		avg = mpath_lat_update(avg, 25000);
	KUNIT_EXPECT_LT(test, avg, 25200ULL);
	KUNIT_EXPECT_GE(test, avg, 25000ULL);
}

#define HALFLIFE	BIT_ULL(MPATH_LAT_HALFLIFE_SHIFT)
#define T0		(1000ULL * NSEC_PER_SEC)	/* any ktime_get_ns() */

static void selector_lat_decays_when_idle(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_lat_decayed(1000, T0, T0), 1000ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_decayed(1000, T0, T0 + HALFLIFE - 1),
			1000ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_decayed(1000, T0, T0 + HALFLIFE), 500ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_decayed(1000, T0, T0 + 3 * HALFLIFE),
			125ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_decayed(U64_MAX, T0, T0 + 64 * HALFLIFE),
			0ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_decayed(U64_MAX, 0, (u64)S64_MAX), 0ULL);
	/* idle: the estimate is the decayed average */
	KUNIT_EXPECT_EQ(test, mpath_lat_estimate(1000, T0, T0 + HALFLIFE, 0),
			500ULL);
}

/*
 * Another CPU stamped a completion after this CPU read its clock: the
 * stamp is later than now.  That is no idle time at all, not 2^64 ns of
 * it (which would decay the average to nothing, and the path would win
 * every bio).
 */
static void selector_lat_stamp_after_now(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_lat_since(T0 + 1, T0), 0ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_since(T0 + 5 * NSEC_PER_SEC, T0), 0ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_decayed(4000, T0 + 1, T0), 4000ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_estimate(4000, T0 + 1, T0, 0), 4000ULL);
	KUNIT_EXPECT_EQ(test, mpath_lat_estimate(4000, T0 + 1, T0, 3), 4000ULL);
}

/*
 * A path that stopped answering without failing (a suspended device, a
 * command inside the SCSI timeout) has bios in flight and no completion:
 * it looks as slow as the time since it last answered, never faster
 * because it is quiet.
 */
static void selector_lat_busy_path_ages(struct kunit *test)
{
	/* busy and answering: the average */
	KUNIT_EXPECT_EQ(test, mpath_lat_estimate(50000, T0, T0 + 1000, 4),
			50000ULL);
	/* busy and silent for a second: a second per bio */
	KUNIT_EXPECT_EQ(test, mpath_lat_estimate(50000, T0, T0 + NSEC_PER_SEC, 4),
			(u64)NSEC_PER_SEC);
	/* busy, silent, and many half-lives old: no decay */
	KUNIT_EXPECT_EQ(test,
			mpath_lat_estimate(50000, T0, T0 + 20 * HALFLIFE, 32),
			20 * HALFLIFE);
	/* never measured and busy: one bio at a time */
	KUNIT_EXPECT_EQ(test, mpath_lat_estimate(0, T0, T0, 1), MPATH_LAT_UNKNOWN);
	KUNIT_EXPECT_EQ(test, mpath_lat_estimate(0, T0, T0, 0), 0ULL);
	/* the cost saturates */
	KUNIT_EXPECT_EQ(test, mpath_lat_cost(MPATH_LAT_UNKNOWN, 1), U64_MAX);
	KUNIT_EXPECT_EQ(test, mpath_lat_cost(U64_MAX / 2, 2), U64_MAX);
	KUNIT_EXPECT_EQ(test, mpath_lat_cost(1000, 3), 4000ULL);
}

static int lat_pick(const int *rank, const unsigned int *depth, const u64 *lat,
		    int n)
{
	struct mpath_lat_sel s;
	int i, tok[8];
	void *r;

	mpath_lat_sel_init(&s);
	for (i = 0; i < n; i++)
		if (mpath_lat_sel_add(&s, &tok[i], rank[i], depth[i], lat[i]))
			break;
	r = mpath_lat_sel_result(&s);
	for (i = 0; i < n; i++)
		if (r == &tok[i])
			return i;
	return -1;
}

static void selector_lat_least_expected_wait(struct kunit *test)
{
	static const int rank[] = { MPATH_RANK_OPTIMIZED, MPATH_RANK_OPTIMIZED };
	static const u64 lat[] = { 1000, 4000 };
	unsigned int depth[2] = { 0, 0 };

	/* equal depth: the faster path */
	KUNIT_EXPECT_EQ(test, lat_pick(rank, depth, lat, 2), 0);
	/* 4 in flight at 1 us wait as long as 1 at 4 us: ties keep the first */
	depth[0] = 3;
	KUNIT_EXPECT_EQ(test, lat_pick(rank, depth, lat, 2), 0);
	/* one more and the slower path is the shorter wait */
	depth[0] = 4;
	KUNIT_EXPECT_EQ(test, lat_pick(rank, depth, lat, 2), 1);
}

static void selector_lat_ranks_and_unmeasured(struct kunit *test)
{
	static const int rank[] = { MPATH_RANK_NONOPTIMIZED, MPATH_RANK_OPTIMIZED,
				    MPATH_RANK_UNUSABLE, MPATH_RANK_OPTIMIZED };
	static const unsigned int depth[] = { 0, 100, 0, 0 };
	u64 lat[] = { 1, 1000000000, 0, 5 };
	unsigned int busy[] = { 0, 100, 0, 1 };

	/* a busy slow optimized path beats an idle fast non-optimized one */
	KUNIT_EXPECT_EQ(test, lat_pick(rank, depth, lat, 3), 1);
	KUNIT_EXPECT_EQ(test, lat_pick(rank, depth, lat, 4), 3);
	/* an idle path not measured yet costs nothing: it is tried first */
	lat[3] = 0;
	KUNIT_EXPECT_EQ(test, lat_pick(rank, depth, lat, 4), 3);
	/* busy and not measured yet: its one bio must answer first */
	lat[3] = MPATH_LAT_UNKNOWN;
	KUNIT_EXPECT_EQ(test, lat_pick(rank, busy, lat, 4), 1);
	/* and the only optimized path that way is still chosen */
	lat[1] = MPATH_LAT_UNKNOWN;
	KUNIT_EXPECT_EQ(test, lat_pick(rank, busy, lat, 4), 1);
	/* only non-optimized and unusable paths: the non-optimized one */
	KUNIT_EXPECT_EQ(test, lat_pick(rank + 2, depth + 2, lat + 2, 1), -1);
	KUNIT_EXPECT_EQ(test, lat_pick(rank, depth, lat, 1), 0);
}

static struct kunit_case selector_cases[] = {
	KUNIT_CASE(selector_state_rank),
	KUNIT_CASE(selector_no_paths),
	KUNIT_CASE(selector_no_usable_path),
	KUNIT_CASE(selector_all_transitioning),
	KUNIT_CASE(selector_one_path),
	KUNIT_CASE(selector_every_state_mix),
	KUNIT_CASE(selector_numa_closest_optimized),
	KUNIT_CASE(selector_numa_optimized_beats_closer_nonoptimized),
	KUNIT_CASE(selector_numa_closest_nonoptimized_fallback),
	KUNIT_CASE(selector_numa_distance_tie_list_order),
	KUNIT_CASE(selector_numa_skips_closer_unusable),
	KUNIT_CASE(selector_rr_next_optimized),
	KUNIT_CASE(selector_rr_skips_unusable),
	KUNIT_CASE(selector_rr_optimized_current_stays),
	KUNIT_CASE(selector_rr_nonoptimized_current_moves_to_optimized),
	KUNIT_CASE(selector_rr_only_nonoptimized),
	KUNIT_CASE(selector_rr_nonoptimized_current_alone_stays),
	KUNIT_CASE(selector_rr_unusable_current_moves_on),
	KUNIT_CASE(selector_rr_uncached_uses_numa),
	KUNIT_CASE(selector_qd_least_busy_optimized),
	KUNIT_CASE(selector_qd_busy_optimized_beats_idle_nonoptimized),
	KUNIT_CASE(selector_qd_nonoptimized_fallback),
	KUNIT_CASE(selector_qd_tie_list_order),
	KUNIT_CASE(selector_qd_stops_at_idle_optimized),
	KUNIT_CASE(selector_lat_update_average),
	KUNIT_CASE(selector_lat_update_converges),
	KUNIT_CASE(selector_lat_decays_when_idle),
	KUNIT_CASE(selector_lat_stamp_after_now),
	KUNIT_CASE(selector_lat_busy_path_ages),
	KUNIT_CASE(selector_lat_least_expected_wait),
	KUNIT_CASE(selector_lat_ranks_and_unmeasured),
	{}
};

static struct kunit_suite selector_suite = {
	.name = "libmultipath_selector",
	.test_cases = selector_cases,
};

/* ---- libmultipath_names --------------------------------------------- */

static void names_iopolicy_round_trip(struct kunit *test)
{
	int i;

	for (i = 0; i < MPATH_IOPOLICY_NR; i++)
		KUNIT_EXPECT_EQ(test, mpath_iopolicy_parse(mpath_iopolicy_name(i)),
				i);
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_NUMA), "numa");
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_RR),
			   "round-robin");
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_QD),
			   "queue-depth");
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_LATENCY),
			   "latency");
}

static void names_iopolicy_sysfs_newline(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_iopolicy_parse("numa\n"), MPATH_IOPOLICY_NUMA);
	KUNIT_EXPECT_EQ(test, mpath_iopolicy_parse("queue-depth\n"),
			MPATH_IOPOLICY_QD);
}

static void names_iopolicy_rejects(struct kunit *test)
{
	static const char *const bad[] = {
		"", "\n", "NUMA", "numa ", " numa", "round_robin", "rr",
		"numa\n\n", "queue-depth2", "numaa",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, mpath_iopolicy_parse(bad[i]), -EINVAL,
				    "'%s'", bad[i]);
}

static void names_iopolicy_invalid_name(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_NR), "invalid");
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name((enum mpath_iopolicy_e)-1),
			   "invalid");
}

static void names_state_round_trip(struct kunit *test)
{
	int i;

	for (i = 0; i < MPATH_STATE_NR; i++)
		KUNIT_EXPECT_EQ(test,
				mpath_access_state_parse(mpath_access_state_name(i)),
				i);
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(OPT), "optimized");
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(NONOPT), "non-optimized");
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(INACC), "inaccessible");
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(LOSS), "persistent-loss");
}

static void names_state_transitioning_is_change(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(TRANS), "change");
	KUNIT_EXPECT_EQ(test, mpath_access_state_parse("change\n"), TRANS);
	KUNIT_EXPECT_EQ(test, mpath_access_state_parse("transitioning"), -EINVAL);
}

static void names_state_rejects(struct kunit *test)
{
	static const char *const bad[] = {
		"", "Optimized", "nonoptimized", "non_optimized", "optimized ",
		"standby", "offline", "optimized\n\n",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, mpath_access_state_parse(bad[i]), -EINVAL,
				    "'%s'", bad[i]);
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(MPATH_STATE_NR), "invalid");
	KUNIT_EXPECT_STREQ(test,
			   mpath_access_state_name((enum mpath_access_state)-1),
			   "invalid");
}

static struct kunit_case names_cases[] = {
	KUNIT_CASE(names_iopolicy_round_trip),
	KUNIT_CASE(names_iopolicy_sysfs_newline),
	KUNIT_CASE(names_iopolicy_rejects),
	KUNIT_CASE(names_iopolicy_invalid_name),
	KUNIT_CASE(names_state_round_trip),
	KUNIT_CASE(names_state_transitioning_is_change),
	KUNIT_CASE(names_state_rejects),
	{}
};

static struct kunit_suite names_suite = {
	.name = "libmultipath_names",
	.test_cases = names_cases,
};

/* ---- libmultipath_removal ------------------------------------------- */

static void removal_delay_zero(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(0), 0UL);
}

static void removal_delay_seconds(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(1), (unsigned long)HZ);
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(600), 600UL * HZ);
}

static void removal_delay_uint_max(struct kunit *test)
{
	unsigned long edge = MAX_JIFFY_OFFSET / HZ;
	unsigned long want = MAX_JIFFY_OFFSET;

	/* the sysfs value is an unsigned int: fits on 64 bit, clamps on 32 */
	if (edge >= UINT_MAX)
		want = (unsigned long)UINT_MAX * HZ;
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(UINT_MAX), want);
}

static void removal_delay_clamps_at_max_jiffy_offset(struct kunit *test)
{
	unsigned long edge = MAX_JIFFY_OFFSET / HZ;

	KUNIT_EXPECT_EQ(test, mpath_removal_delay(edge), edge * HZ);
	KUNIT_EXPECT_LE(test, mpath_removal_delay(edge), MAX_JIFFY_OFFSET);
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(edge + 1), MAX_JIFFY_OFFSET);
}

static void removal_delay_overflow(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(ULONG_MAX), MAX_JIFFY_OFFSET);
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(ULONG_MAX / HZ + 1),
			MAX_JIFFY_OFFSET);
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(LONG_MAX), MAX_JIFFY_OFFSET);
}

static struct kunit_case removal_cases[] = {
	KUNIT_CASE(removal_delay_zero),
	KUNIT_CASE(removal_delay_seconds),
	KUNIT_CASE(removal_delay_uint_max),
	KUNIT_CASE(removal_delay_clamps_at_max_jiffy_offset),
	KUNIT_CASE(removal_delay_overflow),
	{}
};

static struct kunit_suite removal_suite = {
	.name = "libmultipath_removal",
	.test_cases = removal_cases,
};

/* ---- libmultipath_errors -------------------------------------------- */

static void errors_io_errors_complete(struct kunit *test)
{
	static const blk_status_t done[] = {
		BLK_STS_OK, BLK_STS_NOTSUPP, BLK_STS_NOSPC, BLK_STS_TARGET,
		BLK_STS_RESV_CONFLICT, BLK_STS_MEDIUM, BLK_STS_PROTECTION,
		BLK_STS_AGAIN, BLK_STS_ZONE_OPEN_RESOURCE,
		BLK_STS_ZONE_ACTIVE_RESOURCE, BLK_STS_DURATION_LIMIT,
		BLK_STS_INVAL,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(done); i++)
		KUNIT_EXPECT_EQ_MSG(test, mpath_classify_status(done[i]),
				    MPATH_STS_DONE, "status %u",
				    (unsigned int)done[i]);
}

static void errors_path_errors_fail_over(struct kunit *test)
{
	static const blk_status_t failover[] = {
		BLK_STS_TIMEOUT, BLK_STS_TRANSPORT, BLK_STS_RESOURCE,
		BLK_STS_IOERR, BLK_STS_DEV_RESOURCE, BLK_STS_OFFLINE,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(failover); i++)
		KUNIT_EXPECT_EQ_MSG(test, mpath_classify_status(failover[i]),
				    MPATH_STS_FAILOVER, "status %u",
				    (unsigned int)failover[i]);
}

/* a status this code does not know may be a path's: fail over */
static void errors_unknown_fails_over(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_classify_status((__force blk_status_t)200),
			MPATH_STS_FAILOVER);
}

/* the only differences from the block layer's own blk_path_error() */
static void errors_differ_from_blk_path_error(struct kunit *test)
{
	unsigned int s;
	bool path;

	for (s = 1; s < 256; s++) {
		blk_status_t sts = (__force blk_status_t)s;

		path = mpath_classify_status(sts) == MPATH_STS_FAILOVER;
		if (sts == BLK_STS_AGAIN || sts == BLK_STS_INVAL ||
		    sts == BLK_STS_DURATION_LIMIT ||
		    sts == BLK_STS_ZONE_OPEN_RESOURCE ||
		    sts == BLK_STS_ZONE_ACTIVE_RESOURCE)
			KUNIT_EXPECT_FALSE_MSG(test, path, "status %u", s);
		else
			KUNIT_EXPECT_EQ_MSG(test, path, blk_path_error(sts),
					    "status %u", s);
	}
}

static struct kunit_case errors_cases[] = {
	KUNIT_CASE(errors_io_errors_complete),
	KUNIT_CASE(errors_path_errors_fail_over),
	KUNIT_CASE(errors_unknown_fails_over),
	KUNIT_CASE(errors_differ_from_blk_path_error),
	{}
};

static struct kunit_suite errors_suite = {
	.name = "libmultipath_errors",
	.test_cases = errors_cases,
};

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
	KUNIT_CASE(paths_latency_remap_is_queue_depth),
	KUNIT_CASE(paths_usable_agrees_with_find),
	{}
};

static struct kunit_suite paths_suite = {
	.name = "libmultipath_paths",
	.exit = paths_exit,
	.test_cases = paths_cases,
};

/* ---- libmultipath_head ---------------------------------------------- */

static const struct mpath_head_template head_tmpl = {};

static atomic_t head_released_calls;

static void head_count_released(struct mpath_head *head)
{
	atomic_inc(&head_released_calls);
}

static const struct mpath_head_template head_released_tmpl = {
	.released = head_count_released,
};

struct head_ctx {
	struct mpath_head head;
	enum mpath_iopolicy_e iopolicy;
	struct completion uninit_done;
};

static struct head_ctx *head_ctx_init(struct kunit *test)
{
	struct head_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->iopolicy = MPATH_IOPOLICY_NUMA;
	init_completion(&c->uninit_done);
	KUNIT_ASSERT_EQ(test, mpath_head_init(&c->head, &head_tmpl, &c->iopolicy,
					      THIS_MODULE), 0);
	return c;
}

static int head_uninit_thread(void *data)
{
	struct head_ctx *c = data;

	mpath_head_uninit(&c->head);
	complete(&c->uninit_done);
	return 0;
}

static void head_init_rejects_missing_args(struct kunit *test)
{
	struct head_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, mpath_head_init(&c->head, NULL, &c->iopolicy,
					      THIS_MODULE), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpath_head_init(&c->head, &head_tmpl, NULL,
					      THIS_MODULE), -EINVAL);
}

static void head_init_then_uninit(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 1);
	KUNIT_EXPECT_TRUE(test, mpath_head_devices_empty(&c->head));
	KUNIT_EXPECT_EQ(test, mpath_get_iopolicy(&c->head), MPATH_IOPOLICY_NUMA);
	mpath_head_uninit(&c->head);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

static void head_get_put_before_uninit(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	KUNIT_EXPECT_TRUE(test, mpath_get_head(&c->head));
	KUNIT_EXPECT_TRUE(test, mpath_get_head(&c->head));
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 3);
	mpath_put_head(&c->head);
	mpath_put_head(&c->head);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 1);
	KUNIT_EXPECT_FALSE(test, completion_done(&c->head.released));
	mpath_head_uninit(&c->head);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

static void head_uninit_waits_for_last_put(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);
	struct task_struct *t;

	KUNIT_ASSERT_TRUE(test, mpath_get_head(&c->head));
	t = kthread_run(head_uninit_thread, c, "mpath-kunit-uninit");
	if (IS_ERR(t)) {
		mpath_put_head(&c->head);
		mpath_head_uninit(&c->head);
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
		return;
	}
	/* an opener still holds the head: uninit must wait */
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&c->uninit_done,
							  msecs_to_jiffies(200)),
			0UL);
	KUNIT_EXPECT_FALSE(test, completion_done(&c->uninit_done));
	mpath_put_head(&c->head);
	/* the head is freed with the test: never leave uninit running */
	wait_for_completion(&c->uninit_done);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

/*
 * released() tells a driver that a removed head has no opener left, so
 * that it may call mpath_head_uninit().  Once the driver called it, no
 * close may call released() any more: two openers left, uninit dropped
 * its reference, and the first close leaves one reference, which used to
 * look like "only the initial reference is left".  A driver's released()
 * schedules work against a head that may be freed when uninit returns.
 */
static void head_no_released_once_uninit_began(struct kunit *test)
{
	struct head_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct task_struct *t;
	int n;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->iopolicy = MPATH_IOPOLICY_NUMA;
	init_completion(&c->uninit_done);
	KUNIT_ASSERT_EQ(test, mpath_head_init(&c->head, &head_released_tmpl,
					      &c->iopolicy, THIS_MODULE), 0);
	atomic_set(&head_released_calls, 0);
	KUNIT_ASSERT_TRUE(test, mpath_get_head(&c->head));
	KUNIT_ASSERT_TRUE(test, mpath_get_head(&c->head));
	/* as mpath_remove_disk() leaves a head that had a disk */
	set_bit(MPATH_HEAD_REMOVING, &c->head.flags);
	t = kthread_run(head_uninit_thread, c, "mpath-kunit-uninit");
	if (IS_ERR(t)) {
		mpath_put_head(&c->head);
		mpath_put_head(&c->head);
		mpath_head_uninit(&c->head);
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
		return;
	}
	for (n = 0; n < 100 && refcount_read(&c->head.refcount) != 2; n++)
		msleep(20);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 2);
	mpath_put_head(&c->head);
	KUNIT_EXPECT_EQ(test, atomic_read(&head_released_calls), 0);
	mpath_put_head(&c->head);
	wait_for_completion(&c->uninit_done);
	KUNIT_EXPECT_EQ(test, atomic_read(&head_released_calls), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

static void head_get_fails_after_uninit(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	mpath_head_uninit(&c->head);
	KUNIT_EXPECT_FALSE(test, mpath_get_head(&c->head));
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

static void head_reinit_after_uninit(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	mpath_head_uninit(&c->head);
	KUNIT_ASSERT_EQ(test, mpath_head_init(&c->head, &head_tmpl, &c->iopolicy,
					      THIS_MODULE), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 1);
	KUNIT_EXPECT_TRUE(test, mpath_get_head(&c->head));
	mpath_put_head(&c->head);
	mpath_head_uninit(&c->head);
}

static void head_set_iopolicy(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	KUNIT_EXPECT_EQ(test, mpath_set_iopolicy(&c->head, MPATH_IOPOLICY_RR), 0);
	KUNIT_EXPECT_EQ(test, c->iopolicy, MPATH_IOPOLICY_RR);
	KUNIT_EXPECT_EQ(test, mpath_get_iopolicy(&c->head), MPATH_IOPOLICY_RR);
	KUNIT_EXPECT_EQ(test, mpath_set_iopolicy(&c->head, MPATH_IOPOLICY_RR), 0);
	KUNIT_EXPECT_EQ(test, mpath_set_iopolicy(&c->head, MPATH_IOPOLICY_NR),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, c->iopolicy, MPATH_IOPOLICY_RR);
	mpath_head_uninit(&c->head);
}

static void head_shared_iopolicy(struct kunit *test)
{
	struct head_ctx *a = head_ctx_init(test);
	struct head_ctx *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, mpath_head_init(&b->head, &head_tmpl, &a->iopolicy,
					      THIS_MODULE), 0);
	KUNIT_EXPECT_EQ(test, mpath_set_iopolicy(&a->head, MPATH_IOPOLICY_QD), 0);
	KUNIT_EXPECT_EQ(test, mpath_get_iopolicy(&b->head), MPATH_IOPOLICY_QD);
	mpath_head_uninit(&b->head);
	mpath_head_uninit(&a->head);
}

static struct kunit_case head_cases[] = {
	KUNIT_CASE(head_init_rejects_missing_args),
	KUNIT_CASE(head_init_then_uninit),
	KUNIT_CASE(head_get_put_before_uninit),
	KUNIT_CASE(head_uninit_waits_for_last_put),
	KUNIT_CASE(head_no_released_once_uninit_began),
	KUNIT_CASE(head_get_fails_after_uninit),
	KUNIT_CASE(head_reinit_after_uninit),
	KUNIT_CASE(head_set_iopolicy),
	KUNIT_CASE(head_shared_iopolicy),
	{}
};

static struct kunit_suite head_suite = {
	.name = "libmultipath_head",
	.test_cases = head_cases,
};

kunit_test_suites(&selector_suite, &paths_suite, &names_suite, &removal_suite,
		  &errors_suite, &head_suite);

/* MODULE_IMPORT_NS() takes an identifier before 6.13, a string after */
MODULE_INFO(import_ns, "LIBMULTIPATH");
MODULE_INFO(import_ns, "LIBMULTIPATH_KUNIT");
MODULE_DESCRIPTION("KUnit suites for libmultipath");
MODULE_LICENSE("GPL");
