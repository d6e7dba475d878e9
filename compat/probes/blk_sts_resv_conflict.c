// SPDX-License-Identifier: GPL-2.0
/*
 * v6.5-rc1, 7ba150834b84 ("block: Rename BLK_STS_NEXUS to
 * BLK_STS_RESV_CONFLICT").
 */
#include <linux/blk_types.h>

blk_status_t mpath_probe(void);
blk_status_t mpath_probe(void)
{
	return BLK_STS_RESV_CONFLICT;
}
