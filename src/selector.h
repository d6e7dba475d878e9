/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure path selection decisions: no locks, no RCU, no list walking.
 *
 * The I/O path walks the SRCU protected path list and feeds every path to
 * one of the accumulators below; KUnit feeds them arrays too.  A path is
 * an opaque token (the I/O path passes struct mpath_device pointers),
 * NULL means "none".  Ranks are MPATH_RANK_*, see mpath_device_rank() in
 * selector.c.
 *
 * The semantics are those of __nvme_find_path(), nvme_round_robin_path()
 * and nvme_queue_depth_path() in drivers/nvme/host/multipath.c.
 */
#ifndef _MPATH_SELECTOR_H
#define _MPATH_SELECTOR_H

#include <linux/types.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <libmultipath/multipath.h>

enum {
	MPATH_RANK_OPTIMIZED,		/* and preferred, if any path is */
	MPATH_RANK_OPTIMIZED_ALT,	/* optimized, not preferred: one is */
	MPATH_RANK_NONOPTIMIZED,
	MPATH_RANK_NR,
	MPATH_RANK_UNUSABLE = MPATH_RANK_NR,
};

/*
 * The rank of a path that is live and neither failed nor disabled, from its
 * access state: only optimized and non-optimized paths carry I/O.
 */
static inline int mpath_state_rank(enum mpath_access_state state)
{
	switch (state) {
	case MPATH_STATE_OPTIMIZED:
		return MPATH_RANK_OPTIMIZED;
	case MPATH_STATE_NONOPTIMIZED:
		return MPATH_RANK_NONOPTIMIZED;
	default:
		return MPATH_RANK_UNUSABLE;
	}
}

/*
 * The rank of such a path when some paths of its head are preferred (the
 * ALUA PREF bit): an optimized path that is not comes after those that
 * are, before any non-optimized one.
 */
static inline int mpath_path_rank(enum mpath_access_state state, bool alt)
{
	int rank = mpath_state_rank(state);

	return rank == MPATH_RANK_OPTIMIZED && alt ? MPATH_RANK_OPTIMIZED_ALT :
						     rank;
}

/* The path of the best rank an accumulator holds in @best, or NULL. */
static inline void *mpath_sel_best(void *const *best)
{
	int r;

	for (r = 0; r < MPATH_RANK_NR; r++)
		if (best[r])
			return best[r];
	return NULL;
}

/**
 * struct mpath_numa_sel - closest path of the best rank
 * @best: per rank, the closest path seen
 * @distance: per rank, distance of @best
 */
struct mpath_numa_sel {
	void *best[MPATH_RANK_NR];
	int distance[MPATH_RANK_NR];
};

static inline void mpath_numa_sel_init(struct mpath_numa_sel *s)
{
	int r;

	for (r = 0; r < MPATH_RANK_NR; r++) {
		s->best[r] = NULL;
		s->distance[r] = INT_MAX;
	}
}

/* Ties keep the earlier path, so equal distances pick in list order. */
static inline void mpath_numa_sel_add(struct mpath_numa_sel *s, void *path,
				      int rank, int distance)
{
	if (rank >= MPATH_RANK_NR)
		return;
	if (distance < s->distance[rank]) {
		s->distance[rank] = distance;
		s->best[rank] = path;
	}
}

static inline void *mpath_numa_sel_result(const struct mpath_numa_sel *s)
{
	return mpath_sel_best(s->best);
}

/**
 * struct mpath_rr_sel - round-robin: the next path of the best rank after
 *	the current one (the last one seen of the non-optimized rank)
 * @found: per rank, the candidate, or NULL
 */
struct mpath_rr_sel {
	void *found[MPATH_RANK_NR];
};

static inline void mpath_rr_sel_init(struct mpath_rr_sel *s)
{
	int r;

	for (r = 0; r < MPATH_RANK_NR; r++)
		s->found[r] = NULL;
}

/*
 * Feed the paths that follow the current one, in list order, wrapping
 * around and excluding the current path itself.  Returns true once the
 * walk can stop.
 */
static inline bool mpath_rr_sel_add(struct mpath_rr_sel *s, void *path,
				    int rank)
{
	switch (rank) {
	case MPATH_RANK_OPTIMIZED:
		s->found[rank] = path;
		return true;
	case MPATH_RANK_OPTIMIZED_ALT:
		if (!s->found[rank])
			s->found[rank] = path;
		return false;
	case MPATH_RANK_NONOPTIMIZED:
		s->found[rank] = path;
		return false;
	default:
		return false;
	}
}

/*
 * The walk skipped the current path @old for round-robin semantics.  Rank
 * by rank, best first: another path of that rank, else @old if it has
 * that rank.  So @old stays only when no better path was found and no
 * other of its own rank either.
 */
static inline void *mpath_rr_sel_result(const struct mpath_rr_sel *s,
					void *old, int old_rank)
{
	int r;

	for (r = 0; r < MPATH_RANK_NR; r++) {
		if (s->found[r])
			return s->found[r];
		if (old && old_rank == r)
			return old;
	}
	return NULL;
}

/**
 * struct mpath_qd_sel - fewest bios in flight, best rank first
 * @best: per rank, the least busy path seen
 * @depth: per rank, depth of @best
 */
struct mpath_qd_sel {
	void *best[MPATH_RANK_NR];
	unsigned int depth[MPATH_RANK_NR];
};

static inline void mpath_qd_sel_init(struct mpath_qd_sel *s)
{
	int r;

	for (r = 0; r < MPATH_RANK_NR; r++) {
		s->best[r] = NULL;
		s->depth[r] = UINT_MAX;
	}
}

/* Returns true once an idle optimized path was found: nothing beats it. */
static inline bool mpath_qd_sel_add(struct mpath_qd_sel *s, void *path,
				    int rank, unsigned int depth)
{
	if (rank >= MPATH_RANK_NR)
		return false;
	if (depth < s->depth[rank]) {
		s->depth[rank] = depth;
		s->best[rank] = path;
	}
	return s->best[MPATH_RANK_OPTIMIZED] &&
	       s->depth[MPATH_RANK_OPTIMIZED] == 0;
}

static inline void *mpath_qd_sel_result(const struct mpath_qd_sel *s)
{
	return mpath_sel_best(s->best);
}

/*
 * The latency policy.  A path's latency is a moving average of its
 * completion times (weight 1/2^MPATH_LAT_WEIGHT_SHIFT for each new one).
 * While the path is idle it halves for every 2^MPATH_LAT_HALFLIFE_SHIFT
 * ns (268 ms) in which the path completed nothing, so that an unused path
 * looks faster and faster until it is tried again.  While the path has
 * bios in flight it does not decay: a path that stops answering then
 * looks as slow as the time since it last answered, and one that was
 * never measured (or decayed to nothing) takes one bio at a time until
 * that bio measures it.  Times are ktime_get_ns() values.
 */
#define MPATH_LAT_WEIGHT_SHIFT		3
#define MPATH_LAT_HALFLIFE_SHIFT	28
/* the estimate of a busy path that was never measured */
#define MPATH_LAT_UNKNOWN		U64_MAX

/* The average after one more completion that took @sample ns. */
static inline u64 mpath_lat_update(u64 avg, u64 sample)
{
	/* never 0 once measured: 0 means "not measured yet" */
	if (!avg)
		return sample ? sample : 1;
	return avg - (avg >> MPATH_LAT_WEIGHT_SHIFT) +
	       (sample >> MPATH_LAT_WEIGHT_SHIFT);
}

/*
 * ns from @stamp to @now.  Another CPU may have stamped a later time than
 * the @now this CPU read before: that is no time at all, not 2^64 - 1 ns.
 */
static inline u64 mpath_lat_since(u64 stamp, u64 now)
{
	return (s64)(now - stamp) > 0 ? now - stamp : 0;
}

/* @avg as it counts at @now when the path was last busy at @stamp. */
static inline u64 mpath_lat_decayed(u64 avg, u64 stamp, u64 now)
{
	u64 halvings = mpath_lat_since(stamp, now) >> MPATH_LAT_HALFLIFE_SHIFT;

	return halvings >= 64 ? 0 : avg >> halvings;
}

/*
 * The time per bio the policy expects of a path at @now: @avg, measured up
 * to @stamp (the last completion, or the moment the path became busy), and
 * @depth bios in flight.  Idle: the decayed average.  Busy: the average,
 * or the time since @stamp if that is longer; MPATH_LAT_UNKNOWN without
 * an average.
 */
static inline u64 mpath_lat_estimate(u64 avg, u64 stamp, u64 now,
				     unsigned int depth)
{
	if (!depth)
		return mpath_lat_decayed(avg, stamp, now);
	if (!avg)
		return MPATH_LAT_UNKNOWN;
	return max(avg, mpath_lat_since(stamp, now));
}

/* The expected wait of one more bio: (@depth + 1) x @est, saturated. */
static inline u64 mpath_lat_cost(u64 est, unsigned int depth)
{
	u64 cost;

	if (check_mul_overflow(est, (u64)depth + 1, &cost))
		return U64_MAX;
	return cost;
}

/**
 * struct mpath_lat_sel - least expected wait, optimized first: the
 *	path's bios in flight plus one, times its estimated time per bio
 * @best: per rank, the path with the least expected wait seen
 * @cost: per rank, the expected wait of @best
 */
struct mpath_lat_sel {
	void *best[MPATH_RANK_NR];
	u64 cost[MPATH_RANK_NR];
};

static inline void mpath_lat_sel_init(struct mpath_lat_sel *s)
{
	int r;

	for (r = 0; r < MPATH_RANK_NR; r++) {
		s->best[r] = NULL;
		s->cost[r] = U64_MAX;
	}
}

/*
 * @est is the path's mpath_lat_estimate().  Ties keep the earlier path;
 * a path that costs U64_MAX is still chosen when nothing beats it.
 * Returns true once an optimized path that costs nothing (idle, and not
 * measured yet or decayed to 0) was found.
 */
static inline bool mpath_lat_sel_add(struct mpath_lat_sel *s, void *path,
				     int rank, unsigned int depth, u64 est)
{
	u64 cost = mpath_lat_cost(est, depth);

	if (rank >= MPATH_RANK_NR)
		return false;
	if (!s->best[rank] || cost < s->cost[rank]) {
		s->cost[rank] = cost;
		s->best[rank] = path;
	}
	return s->best[MPATH_RANK_OPTIMIZED] &&
	       s->cost[MPATH_RANK_OPTIMIZED] == 0;
}

static inline void *mpath_lat_sel_result(const struct mpath_lat_sel *s)
{
	return mpath_sel_best(s->best);
}

#endif /* _MPATH_SELECTOR_H */
