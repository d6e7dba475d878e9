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
#include <libmultipath/multipath.h>

enum {
	MPATH_RANK_OPTIMIZED,
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

/**
 * struct mpath_numa_sel - closest path, optimized before non-optimized
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
	if (s->best[MPATH_RANK_OPTIMIZED])
		return s->best[MPATH_RANK_OPTIMIZED];
	return s->best[MPATH_RANK_NONOPTIMIZED];
}

/**
 * struct mpath_rr_sel - round-robin: the next optimized path after the
 *	current one, else the last non-optimized one seen
 * @found: the candidate, or NULL
 * @optimized: @found is optimized; the walk can stop
 */
struct mpath_rr_sel {
	void *found;
	bool optimized;
};

static inline void mpath_rr_sel_init(struct mpath_rr_sel *s)
{
	s->found = NULL;
	s->optimized = false;
}

/*
 * Feed the paths that follow the current one, in list order, wrapping
 * around and excluding the current path itself.  Returns true once the
 * walk can stop.
 */
static inline bool mpath_rr_sel_add(struct mpath_rr_sel *s, void *path,
				    int rank)
{
	if (rank == MPATH_RANK_OPTIMIZED) {
		s->found = path;
		s->optimized = true;
		return true;
	}
	if (rank == MPATH_RANK_NONOPTIMIZED)
		s->found = path;
	return false;
}

/*
 * The walk skipped the current path @old for round-robin semantics.  Stay
 * on it if no other optimized path was found and it is optimized, or if no
 * other usable path was found and it is usable.
 */
static inline void *mpath_rr_sel_result(const struct mpath_rr_sel *s,
					void *old, int old_rank)
{
	if (s->optimized)
		return s->found;
	if (old && (old_rank == MPATH_RANK_OPTIMIZED ||
		    (!s->found && old_rank == MPATH_RANK_NONOPTIMIZED)))
		return old;
	return s->found;
}

/**
 * struct mpath_qd_sel - fewest bios in flight, optimized first
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
	if (s->best[MPATH_RANK_OPTIMIZED])
		return s->best[MPATH_RANK_OPTIMIZED];
	return s->best[MPATH_RANK_NONOPTIMIZED];
}

/*
 * The latency policy.  A path's latency is a moving average of its
 * completion times (weight 1/2^MPATH_LAT_WEIGHT_SHIFT for each new one);
 * it halves for every MPATH_LAT_HALFLIFE_MS in which the path completed
 * nothing, so that an unused path looks faster and faster until it is
 * tried again.
 */
#define MPATH_LAT_WEIGHT_SHIFT	3
#define MPATH_LAT_HALFLIFE_MS	250

/* The average after one more completion that took @sample ns. */
static inline u64 mpath_lat_update(u64 avg, u64 sample)
{
	/* never 0 once measured: 0 means "not measured yet" */
	if (!avg)
		return sample ? sample : 1;
	return avg - (avg >> MPATH_LAT_WEIGHT_SHIFT) +
	       (sample >> MPATH_LAT_WEIGHT_SHIFT);
}

/* @avg as it counts after @idle_ms without a completion. */
static inline u64 mpath_lat_decayed(u64 avg, unsigned int idle_ms)
{
	unsigned int halvings = idle_ms / MPATH_LAT_HALFLIFE_MS;

	return halvings >= 64 ? 0 : avg >> halvings;
}

/**
 * struct mpath_lat_sel - least expected wait, optimized first: the
 *	path's bios in flight plus one, times its latency
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
 * Ties keep the earlier path.  Returns true once an optimized path that
 * costs nothing (not measured yet, or decayed to 0) was found.
 */
static inline bool mpath_lat_sel_add(struct mpath_lat_sel *s, void *path,
				     int rank, unsigned int depth, u64 lat_ns)
{
	u64 cost = ((u64)depth + 1) * lat_ns;

	if (rank >= MPATH_RANK_NR)
		return false;
	if (cost < s->cost[rank]) {
		s->cost[rank] = cost;
		s->best[rank] = path;
	}
	return s->best[MPATH_RANK_OPTIMIZED] &&
	       s->cost[MPATH_RANK_OPTIMIZED] == 0;
}

static inline void *mpath_lat_sel_result(const struct mpath_lat_sel *s)
{
	if (s->best[MPATH_RANK_OPTIMIZED])
		return s->best[MPATH_RANK_OPTIMIZED];
	return s->best[MPATH_RANK_NONOPTIMIZED];
}

#endif /* _MPATH_SELECTOR_H */
