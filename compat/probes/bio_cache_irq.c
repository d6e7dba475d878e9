// SPDX-License-Identifier: GPL-2.0
/*
 * v6.2-rc1, b99182c501c3 ("bio: add pcpu caching for non-polling
 * bio_put"): a bio from a bioset's per-CPU cache may be put from interrupt
 * context, where clones complete (6.1 warns and frees it).  The cache's
 * lists are private to block/bio.c; mempool_is_saturated(), added for it
 * in the same series (6e4068a11413, "mempool: introduce
 * mempool_is_saturated"), stands for the change.
 */
#include <linux/mempool.h>

bool mpath_probe(mempool_t *pool);
bool mpath_probe(mempool_t *pool)
{
	return mempool_is_saturated(pool);
}
