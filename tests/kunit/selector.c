// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite libmultipath_selector: the decisions of selector.h fed from arrays.
 */
#include "kunit.h"

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

struct kunit_suite selector_suite = {
	.name = "libmultipath_selector",
	.test_cases = selector_cases,
};
