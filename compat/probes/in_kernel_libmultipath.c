// SPDX-License-Identifier: GPL-2.0
/*
 * Collision guard, no upstream change: a kernel that ships the in-tree
 * library (<linux/multipath.h>, lib/multipath.c; in no released kernel as
 * of 7.3) must use it, not this module.
 */
#include <linux/blkdev.h>
#include <linux/multipath.h>

void *mpath_probe(void);
void *mpath_probe(void)
{
	return mpath_alloc_head_disk;
}
